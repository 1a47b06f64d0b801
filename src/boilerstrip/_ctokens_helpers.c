/* The compiled build's _ctokens extension, its second file: the decision's and the feature
 * stage's string helpers that do not split tokens (phrase_rows, has_ascii_digit, copy_key and
 * name_words; _ctokens.c's header tells what each returns, and its method table holds them).
 * tests/test_ctokens_rows.py and tests/test_cname_words.py check them against their
 * Python references. */
#include "_ctokens.h"

/* _phrase_rows._rows_of_token: the rows of ``exact`` keyed by a token shorter than three
 * characters, else those of the longest key of ``prefix`` (three to five characters) that the
 * token starts with, when its first three characters are one of ``heads``. A new reference,
 * or NULL on an error. */
static PyObject *rows_of_token(PyObject *token, PyObject *exact, PyObject *prefix, PyObject *heads,
                               PyObject *none) {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(token);
    if (n < 3) {
        PyObject *found = PyDict_GetItemWithError(exact, token); /* borrowed */
        if (found == NULL && PyErr_Occurred()) return NULL;
        return Py_NewRef(found == NULL ? none : found);
    }
    PyObject *head = PyUnicode_Substring(token, 0, 3);
    if (head == NULL) return NULL;
    int in = PySet_Contains(heads, head);
    for (Py_ssize_t k = n < 5 ? n : 5; in > 0 && k >= 3; k--) {
        PyObject *key = k == 3 ? Py_NewRef(head) : PyUnicode_Substring(token, 0, k);
        if (key == NULL) {
            in = -1;
            break;
        }
        PyObject *rows = PyDict_GetItemWithError(prefix, key); /* borrowed */
        Py_DECREF(key);
        if (rows != NULL) {
            Py_DECREF(head);
            return Py_NewRef(rows);
        }
        if (PyErr_Occurred()) in = -1;
    }
    Py_DECREF(head);
    return in < 0 ? NULL : Py_NewRef(none);
}

/* Appends the ints of ``rows`` (a tuple) to the growable buffer ``*out`` of ``*used`` and
 * ``*size`` items; -1 on an error. */
static int add_rows(PyObject *rows, Py_ssize_t **out, Py_ssize_t *used, Py_ssize_t *size) {
    if (!PyTuple_CheckExact(rows)) {
        PyErr_SetString(PyExc_TypeError, "phrase_rows() reads tuples of rows");
        return -1;
    }
    const Py_ssize_t n = PyTuple_GET_SIZE(rows);
    if (*used + n > *size) {
        Py_ssize_t want = 2 * (*used + n);
        Py_ssize_t *grown = PyMem_Realloc(*out, want * sizeof(Py_ssize_t));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *out = grown;
        *size = want;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t row = PyLong_AsSsize_t(PyTuple_GET_ITEM(rows, i));
        if (row == -1 && PyErr_Occurred()) return -1;
        (*out)[(*used)++] = row;
    }
    return 0;
}

static int by_value(const void *a, const void *b) {
    const Py_ssize_t x = *(const Py_ssize_t *)a, y = *(const Py_ssize_t *)b;
    return (x > y) - (x < y);
}

PyObject *phrase_rows(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 6 || !PyDict_CheckExact(args[0]) || !PyList_CheckExact(args[1]) || !PyDict_CheckExact(args[2]) ||
        !PyDict_CheckExact(args[3]) || !PyAnySet_Check(args[4]) || !PyTuple_CheckExact(args[5])) {
        PyErr_SetString(PyExc_TypeError, "phrase_rows() takes a dict, a list of str, two dicts, a set and a tuple");
        return NULL;
    }
    PyObject *rows_of = args[0], *tokens = args[1], *exact = args[2], *prefix = args[3], *heads = args[4];
    PyObject *none = PyTuple_New(0);
    if (none == NULL) return NULL;
    Py_ssize_t size = 16, used = 0;
    Py_ssize_t *rows = PyMem_Malloc(size * sizeof(Py_ssize_t));
    PyObject *out = NULL;
    if (rows == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (add_rows(args[5], &rows, &used, &size)) goto done;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(tokens); i++) {
        PyObject *token = PyList_GET_ITEM(tokens, i);
        if (!PyUnicode_CheckExact(token)) {
            PyErr_SetString(PyExc_TypeError, "phrase_rows() takes a list of str");
            goto done;
        }
        PyObject *found = PyDict_GetItemWithError(rows_of, token); /* borrowed */
        if (found == NULL) {
            if (PyErr_Occurred()) goto done;
            PyObject *made = rows_of_token(token, exact, prefix, heads, none);
            if (made == NULL) goto done;
            int failed = PyDict_SetItem(rows_of, token, made);
            Py_DECREF(made); /* the cache holds it */
            if (failed) goto done;
            found = made;
        }
        if (add_rows(found, &rows, &used, &size)) goto done;
    }
    /* In row order, each once (sorted(set(rows))). */
    qsort(rows, (size_t)used, sizeof(Py_ssize_t), by_value);
    Py_ssize_t distinct = 0;
    for (Py_ssize_t i = 0; i < used; i++)
        if (i == 0 || rows[i] != rows[i - 1]) rows[distinct++] = rows[i];
    out = PyList_New(distinct);
    if (out == NULL) goto done;
    for (Py_ssize_t i = 0; i < distinct; i++) {
        PyObject *row = PyLong_FromSsize_t(rows[i]);
        if (row == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, i, row);
    }
done:
    PyMem_Free(rows);
    Py_DECREF(none);
    return out;
}

PyObject *has_ascii_digit(PyObject *self, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "has_ascii_digit() takes a str");
        return NULL;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *p = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if ((Py_UCS1)(p[i] - '0') <= 9) Py_RETURN_TRUE;
        Py_RETURN_FALSE;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c >= '0' && c <= '9') Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}

/* " ".join(text.split()).lower(): the words (runs of characters str.split does not split at,
 * Py_UNICODE_ISSPACE) one space apart, lowered. An ASCII text is lowered here (A-Z); any
 * other is joined here and lowered by str.lower (its special cases: final sigma, İ). */
PyObject *copy_key(PyObject *self, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "copy_key() takes a str");
        return NULL;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (PyUnicode_IS_ASCII(text)) { /* a byte a character */
        Py_UCS1 *bytes = PyMem_Malloc(n ? n : 1);
        if (bytes == NULL) return PyErr_NoMemory();
        const Py_UCS1 *p = data;
        Py_ssize_t used = 0;
        for (Py_ssize_t i = 0; i < n;) {
            if (Py_UNICODE_ISSPACE(p[i])) {
                i++;
                continue;
            }
            if (used) bytes[used++] = ' ';
            for (; i < n && !Py_UNICODE_ISSPACE(p[i]); i++)
                bytes[used++] = p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 0x20 : p[i];
        }
        PyObject *out = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, bytes, used);
        PyMem_Free(bytes);
        return out;
    }
    Py_UCS4 *buffer = PyMem_Malloc((n ? n : 1) * sizeof(Py_UCS4));
    if (buffer == NULL) return PyErr_NoMemory();
    Py_ssize_t used = 0;
    for (Py_ssize_t i = 0; i < n;) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(c)) {
            i++;
            continue;
        }
        if (used) buffer[used++] = ' ';
        while (i < n && !Py_UNICODE_ISSPACE(c = PyUnicode_READ(kind, data, i))) {
            buffer[used++] = c;
            i++;
        }
    }
    PyObject *joined = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, used);
    PyMem_Free(buffer);
    if (joined == NULL) return NULL;
    PyObject *out = PyObject_CallMethod(joined, "lower", NULL);
    Py_DECREF(joined);
    return out;
}

/* ASCII characters that re's \w matches (letters, digits, "_"). */
static inline int name_word_char(Py_UCS1 c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '_';
}

static inline int name_separator(Py_UCS1 c) {
    return c == '-' || c == '_' || c == ':' || c == '.' || c == '/';
}

/* Whether ``left`` characters from ``s`` start with the ``size`` characters of ``literal``
 * (a constant size: the compiler compares in place, with no call). */
static inline int name_starts(const Py_UCS1 *s, Py_ssize_t left, const char *literal, Py_ssize_t size) {
    return left >= size && memcmp(s, literal, (size_t)size) == 0;
}

/* The length of _STATE_FLAGS_RULE's word and space that start at ``s`` (``left`` characters
 * from it), else 0 ("with " and "without " cannot both match). */
static inline Py_ssize_t state_word(const Py_UCS1 *s, Py_ssize_t left) {
    switch (s[0]) {
    case 'h': return name_starts(s, left, "has ", 4) ? 4 : name_starts(s, left, "hide ", 5) ? 5 : 0;
    case 'n': return name_starts(s, left, "no ", 3) ? 3 : 0;
    case 'w': return name_starts(s, left, "with ", 5) ? 5 : name_starts(s, left, "without ", 8) ? 8 : 0;
    case 's': return name_starts(s, left, "show ", 5) ? 5 : 0;
    case 'i': return name_starts(s, left, "is ", 3) ? 3 : 0;
    case 't': return name_starts(s, left, "toggle ", 7) ? 7 : 0;
    default: return 0;
    }
}

/* normalise_name of an ASCII name: _CAMEL's split (a space before an upper-case letter
 * after [a-z0-9]), each run of _SEPARATORS one space, lowered, in one pass; then
 * _STATE_FLAGS_RULE's matches (at a word start: a state word, a space, a run of \w) made one
 * space each, as re.sub does (left to right, each search from the last match's end). */
PyObject *name_words(PyObject *self, PyObject *raw) {
    if (!PyUnicode_Check(raw)) {
        PyErr_SetString(PyExc_TypeError, "name_words() takes a str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(raw)) Py_RETURN_NONE;
    const Py_UCS1 *p = PyUnicode_1BYTE_DATA(raw);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(raw);
    Py_UCS1 local[256]; /* most names: no allocation */
    Py_UCS1 *spaced = 2 * n + 1 <= (Py_ssize_t)sizeof local ? local : PyMem_Malloc(2 * (size_t)n + 1);
    if (spaced == NULL) return PyErr_NoMemory();
    Py_ssize_t m = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Py_UCS1 c = p[i];
        if (name_separator(c)) {
            /* "tag-", "category-" and "widget" (see above), tested where they end */
            if (c == '-' && ((i >= 3 && memcmp(p + i - 3, "tag", 3) == 0) ||
                             (i >= 8 && memcmp(p + i - 8, "category", 8) == 0)))
                goto python;
            if (i == 0 || !name_separator(p[i - 1])) spaced[m++] = ' ';
        } else if (c == 't' && i >= 5 && memcmp(p + i - 5, "widge", 5) == 0) {
            goto python;
        } else if (c >= 'A' && c <= 'Z') {
            const Py_UCS1 b = i ? p[i - 1] : 0;
            if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) spaced[m++] = ' ';
            spaced[m++] = (Py_UCS1)(c + 0x20);
        } else {
            spaced[m++] = c;
        }
    }
    /* The state flags, written over the same buffer (the output never passes the input). */
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < m;) {
        const Py_UCS1 c = spaced[i];
        Py_ssize_t end = -1;
        if (i == 0 || !name_word_char(spaced[i - 1])) {
            const Py_ssize_t size = state_word(spaced + i, m - i);
            if (size && i + size < m && name_word_char(spaced[i + size])) {
                end = i + size + 1;
                while (end < m && name_word_char(spaced[end])) end++;
            }
        }
        if (end < 0) {
            spaced[k++] = c;
            i++;
        } else {
            spaced[k++] = ' ';
            i = end;
        }
    }
    /* Its words when each is letters and digits (the others are read by Python's search). */
    int plain = 1;
    Py_ssize_t spaces = 0;
    for (Py_ssize_t i = 0; i < k; i++) {
        const Py_UCS1 c = spaced[i];
        if (c == ' ')
            spaces++;
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            plain = 0;
    }
    PyObject *name = PyUnicode_New(k, 0x7F);
    PyObject *words = NULL;
    if (name == NULL) goto error;
    memcpy(PyUnicode_1BYTE_DATA(name), spaced, (size_t)k);
    if (!plain) {
        words = Py_NewRef(Py_None);
    } else if (spaces == 0) {
        words = PyList_New(1);
        if (words == NULL) goto error;
        PyList_SET_ITEM(words, 0, Py_NewRef(name));
    } else {
        words = PyList_New(spaces + 1);
        if (words == NULL) goto error;
        Py_ssize_t start = 0, index = 0;
        for (Py_ssize_t i = 0; i <= k; i++) {
            if (i < k && spaced[i] != ' ') continue;
            PyObject *word = PyUnicode_New(i - start, 0x7F);
            if (word == NULL) goto error;
            memcpy(PyUnicode_1BYTE_DATA(word), spaced + start, (size_t)(i - start));
            PyList_SET_ITEM(words, index++, word);
            start = i + 1;
        }
    }
    if (spaced != local) PyMem_Free(spaced);
    PyObject *out = PyTuple_Pack(2, name, words);
    Py_DECREF(name);
    Py_DECREF(words);
    return out;
python:
    if (spaced != local) PyMem_Free(spaced);
    Py_RETURN_NONE;
error:
    if (spaced != local) PyMem_Free(spaced);
    Py_XDECREF(name);
    Py_XDECREF(words);
    return NULL;
}
