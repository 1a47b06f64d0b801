/* The decision's copy keys and the class/id names' words in C: the functions of the _ctokens
 * extension (_ctokens.c, which lists them) that read names and keys, not tokens. Hidden, as
 * _cscan's shared functions are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

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

/* The sieve of _name_verdicts (its _Tables.sieve, the reference): a bit per
 * _name_verdicts.sieve_slot of a word; a word whose bit is 0 can neither be nor start a key
 * word, a stem or a spelling, and is given as ``other`` (one shared str) instead of its own
 * str. No sieve (``other`` NULL): every word is its own str. */
typedef struct {
    const unsigned char *bits;
    Py_ssize_t size; /* bytes: a power of two */
    PyObject *other;
} Sieve;

/* _name_verdicts.sieve_slot: the word's first five characters (_KEY_PREFIX) and its length
 * (at most 15, _MAX_LENGTH), in unsigned arithmetic (the same slot: the size is a power of 2). */
static inline int sifted(const Sieve *sieve, const Py_UCS1 *word, Py_ssize_t length) {
    if (sieve->other == NULL || length == 0) return 1; /* "" (two spaces) stays itself */
    size_t slot = 0;
    for (Py_ssize_t i = 0; i < length && i < 5; i++) slot = slot * 31 + word[i];
    slot = (slot * 31 + (size_t)(length < 15 ? length : 15)) & ((size_t)sieve->size * 8 - 1);
    return (sieve->bits[slot >> 3] >> (slot & 7)) & 1;
}

/* normalise_name of an ASCII name: _CAMEL's split (a space before an upper-case letter
 * after [a-z0-9]), each run of _SEPARATORS one space, lowered, in one pass; then
 * _STATE_FLAGS_RULE's matches (at a word start: a state word, a space, a run of \w) made one
 * space each, as re.sub does (left to right, each search from the last match's end). */
PyObject *name_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *raw = nargs >= 1 ? args[0] : NULL, *other = nargs == 3 ? args[2] : NULL;
    if ((nargs != 1 && nargs != 3) || !PyUnicode_Check(raw) ||
        (other != NULL && (!PyBytes_CheckExact(args[1]) || !PyUnicode_CheckExact(other)))) {
        PyErr_SetString(PyExc_TypeError, "name_words() takes a str, or a str, a sieve (bytes) and a str");
        return NULL;
    }
    const Sieve sieve = {other ? (const unsigned char *)PyBytes_AS_STRING(args[1]) : NULL,
                         other ? PyBytes_GET_SIZE(args[1]) : 0, other};
    if (other != NULL && (sieve.size == 0 || (sieve.size & (sieve.size - 1)) != 0)) {
        PyErr_SetString(PyExc_ValueError, "name_words(): the sieve's size is a power of two");
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
        PyList_SET_ITEM(words, 0, Py_NewRef(sifted(&sieve, spaced, k) ? name : other));
    } else {
        words = PyList_New(spaces + 1);
        if (words == NULL) goto error;
        Py_ssize_t start = 0, index = 0;
        for (Py_ssize_t i = 0; i <= k; i++) {
            if (i < k && spaced[i] != ' ') continue;
            PyObject *word;
            if (sifted(&sieve, spaced + start, i - start)) {
                if ((word = PyUnicode_New(i - start, 0x7F)) == NULL) goto error;
                memcpy(PyUnicode_1BYTE_DATA(word), spaced + start, (size_t)(i - start));
            } else {
                word = Py_NewRef(other);
            }
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

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
