/* The phrase rows a block's tokens select, in C: _phrase_rows.candidates (its reference) for
 * the _ctokens extension (_ctokens.c, which lists it). Hidden, as _cscan's shared functions
 * are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_ctokens_rows.h"
#include "_ctokens_words.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

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

/* A key sieve's size (_phrase_rows.SIEVE_BYTES; pair_rows reads two of it). */
#define SIEVE_BYTES 2048


/* Room for ``n`` more rows in the growable buffer ``*out`` of ``used`` and ``*size`` items,
 * which starts on the caller's stack (the first growth copies it); -1 on an error. */
static int grow_rows(Py_ssize_t **out, Py_ssize_t used, Py_ssize_t *size, Py_ssize_t n) {
    Py_ssize_t want = 2 * (used + n);
    Py_ssize_t *grown = *size == STACK_ROWS ? PyMem_Malloc(want * sizeof(Py_ssize_t))
                                            : PyMem_Realloc(*out, want * sizeof(Py_ssize_t));
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (*size == STACK_ROWS) memcpy(grown, *out, used * sizeof(Py_ssize_t));
    *out = grown;
    *size = want;
    return 0;
}

/* Appends the ints of ``rows`` (a tuple) to the growable buffer ``*out`` of ``*used`` and
 * ``*size`` items; -1 on an error. */
static int add_rows(PyObject *rows, Py_ssize_t **out, Py_ssize_t *used, Py_ssize_t *size) {
    if (!PyTuple_CheckExact(rows)) {
        PyErr_SetString(PyExc_TypeError, "phrase_rows() reads tuples of rows");
        return -1;
    }
    const Py_ssize_t n = PyTuple_GET_SIZE(rows);
    if (*used + n > *size && grow_rows(out, *used, size, n) < 0) return -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t row = PyLong_AsSsize_t(PyTuple_GET_ITEM(rows, i));
        if (row == -1 && PyErr_Occurred()) return -1;
        (*out)[(*used)++] = row;
    }
    return 0;
}

/* Appends the ``n`` rows at ``values`` to the buffer, as add_rows does a tuple's. */
static int add_numbers(const Py_ssize_t *values, Py_ssize_t n, Py_ssize_t **out, Py_ssize_t *used, Py_ssize_t *size) {
    if (*used + n > *size && grow_rows(out, *used, size, n) < 0) return -1;
    memcpy(*out + *used, values, (size_t)n * sizeof(Py_ssize_t));
    *used += n;
    return 0;
}

/* _phrase_rows._rows_of_token read from the index's word table (_phrase_rows.rows_table: its
 * exact keys tagged "e", its prefix keys "p", their first three characters "h"), opened once a
 * call (word_table_open): the number of rows written to ``rows`` (room for 255), or -2 with an
 * exception set. No str is made for a token's first characters, and the token is not hashed. */
static Py_ssize_t table_rows(const OpenTable *table, const Word *token, Py_ssize_t *rows) {
    const Py_ssize_t n = token->length;
    if (n < 3) {
        const Py_ssize_t found = open_table_numbers(table, 'e', token, n, rows);
        return found == -1 ? 0 : found;
    }
    Py_ssize_t found = open_table_numbers(table, 'h', token, 3, rows);
    for (Py_ssize_t k = n < 5 ? n : 5; found >= 0 && k >= 3; k--) {
        found = open_table_numbers(table, 'p', token, k, rows);
        if (found != -1) return found;
        found = 0;
    }
    return found == -2 ? -2 : 0;
}

static int by_value(const void *a, const void *b) {
    const Py_ssize_t x = *(const Py_ssize_t *)a, y = *(const Py_ssize_t *)b;
    return (x > y) - (x < y);
}

PyObject *ssize_list(const Py_ssize_t *values, Py_ssize_t n);

/* The ``used`` rows at ``rows`` put in row order, each once (sorted(set(rows))), in place: their
 * number. */
Py_ssize_t distinct_rows(Py_ssize_t *rows, Py_ssize_t used) {
    if (used > 16) {
        qsort(rows, (size_t)used, sizeof(Py_ssize_t), by_value);
    } else { /* a few rows (most blocks): an insertion sort, without qsort's set-up */
        for (Py_ssize_t i = 1; i < used; i++) {
            const Py_ssize_t row = rows[i];
            Py_ssize_t j = i;
            for (; j > 0 && rows[j - 1] > row; j--) rows[j] = rows[j - 1];
            rows[j] = row;
        }
    }
    Py_ssize_t distinct = 0;
    for (Py_ssize_t i = 0; i < used; i++)
        if (i == 0 || rows[i] != rows[i - 1]) rows[distinct++] = rows[i];
    return distinct;
}

/* The ``used`` rows at ``rows`` in row order, each once (sorted(set(rows))), as a new list. */
static PyObject *distinct_list(Py_ssize_t *rows, Py_ssize_t used) {
    return ssize_list(rows, distinct_rows(rows, used));
}

/* _phrase_rows.key_slot's hash, added to one character at a time: FNV-1a. */
static inline uint32_t fnv_step(uint32_t h, Py_UCS1 c) { return (h ^ c) * 16777619u; }

static inline int has_bit(const unsigned char *bits, size_t mask, uint32_t h) {
    const size_t slot = (size_t)(h ^ (h >> 15)) & mask;
    return (bits[slot >> 3] >> (slot & 7)) & 1;
}

/* _phrases' key sieve (its _Index.sieve, made by _phrase_rows.key_sieve): whether a one-byte
 * token may select a row. One shorter than three characters may be an exact key when its own
 * slot's bit is set; a longer one may start with a prefix key (three to five characters) when
 * the bit of its first three, four or five characters is. A token the sieve rules out selects
 * no row, and is neither looked up nor cached. Any other token may. */
static inline int may_have_rows(const unsigned char *bits, size_t mask, const Word *token) {
    if (bits == NULL || token->kind != PyUnicode_1BYTE_KIND) return 1;
    const Py_ssize_t n = token->length;
    const Py_UCS1 *c = token->data;
    uint32_t h = 2166136261u;
    if (n < 3) {
        for (Py_ssize_t i = 0; i < n; i++) h = fnv_step(h, c[i]);
        return has_bit(bits, mask, h);
    }
    h = fnv_step(fnv_step(fnv_step(h, c[0]), c[1]), c[2]);
    if (has_bit(bits, mask, h)) return 1;
    for (Py_ssize_t i = 3; i < n && i < 5; i++) {
        h = fnv_step(h, c[i]);
        if (has_bit(bits, mask, h)) return 1;
    }
    return 0;
}

/* A list of the ``n`` numbers at ``values`` as ints (phrase_rows' rows, language_hits' counts,
 * card_tree's columns);
 * NULL with an exception set when one cannot be made. */
PyObject *ssize_list(const Py_ssize_t *values, Py_ssize_t n) {
    PyObject *out = PyList_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *value = PyLong_FromSsize_t(values[i]);
        if (value == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, value);
    }
    return out;
}

PyObject *phrase_rows(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if ((nargs < 6 || nargs > 9) || !PyDict_CheckExact(args[0]) || !is_tokens(args[1]) ||
        !PyDict_CheckExact(args[2]) || !PyDict_CheckExact(args[3]) || !PyAnySet_Check(args[4]) ||
        !PyTuple_CheckExact(args[5]) || (nargs >= 7 && !PyBytes_CheckExact(args[6])) ||
        (nargs == 9 && !PyLong_Check(args[8]))) {
        PyErr_SetString(PyExc_TypeError, "phrase_rows() takes a dict, a list of str, two dicts, a set, a tuple, "
                                         "bytes, a word table and an int");
        return NULL;
    }
    /* The index's word table (or None): each token's rows are read there, not through rows_of. */
    PyObject *table = nargs >= 8 && args[7] != Py_None ? args[7] : NULL;
    OpenTable open;
    if (table != NULL && word_table_open(table, &open)) return NULL;
    /* The tokens read: the first ``limit`` (all when it is negative). */
    Py_ssize_t limit = nargs == 9 ? PyLong_AsSsize_t(args[8]) : -1;
    if (limit == -1 && PyErr_Occurred()) return NULL;
    PyObject *rows_of = args[0], *tokens = args[1], *exact = args[2], *prefix = args[3], *heads = args[4];
    const unsigned char *bits = nargs >= 7 ? (const unsigned char *)PyBytes_AS_STRING(args[6]) : NULL;
    const Py_ssize_t bytes = nargs >= 7 ? PyBytes_GET_SIZE(args[6]) : 0;
    if (bits != NULL && (bytes == 0 || (bytes & (bytes - 1)) != 0)) {
        PyErr_SetString(PyExc_ValueError, "phrase_rows(): the sieve's size is a power of two");
        return NULL;
    }
    const size_t mask = (size_t)bytes * 8 - 1;
    PyObject *none = PyTuple_New(0);
    if (none == NULL) return NULL;
    Py_ssize_t stack[STACK_ROWS];
    Py_ssize_t size = STACK_ROWS, used = 0;
    Py_ssize_t *rows = stack;
    PyObject *out = NULL;
    if (add_rows(args[5], &rows, &used, &size)) goto done;
    Py_ssize_t at = 0;
    Word word;
    for (int more; limit != 0 && (more = next_word(tokens, &at, &word)) != 0; limit--) {
        if (more < 0) goto done;
        if (!may_have_rows(bits, mask, &word)) continue;
        if (table != NULL) {
            Py_ssize_t found[256];
            const Py_ssize_t count = table_rows(&open, &word, found);
            if (count < 0 || add_numbers(found, count, &rows, &used, &size)) goto done;
            continue;
        }
        PyObject *token = word_object(&word);
        if (token == NULL) goto done;
        PyObject *found = PyDict_GetItemWithError(rows_of, token); /* borrowed */
        if (found == NULL) {
            PyObject *made = PyErr_Occurred() ? NULL : rows_of_token(token, exact, prefix, heads, none);
            int failed = made == NULL || PyDict_SetItem(rows_of, token, made);
            Py_XDECREF(made); /* the cache holds it */
            found = made;
            if (failed) {
                Py_DECREF(token);
                goto done;
            }
        }
        Py_DECREF(token); /* (the cache's key holds its equal) */
        if (add_rows(found, &rows, &used, &size)) goto done;
    }
    out = distinct_list(rows, used);
done:
    if (rows != stack) PyMem_Free(rows);
    Py_DECREF(none);
    return out;
}

/* Reads ``keys`` (a Keys tuple) into ``out``; -1 with an exception set when it is none. */
int keys_open(PyObject *keys, Keys *out) {
    out->rows = out->stack;
    out->used = 0;
    out->size = STACK_ROWS;
    if (!PyTuple_Check(keys) || PyTuple_GET_SIZE(keys) != 5 || !PyBytes_CheckExact(PyTuple_GET_ITEM(keys, 3))) {
        PyErr_SetString(PyExc_TypeError, "pair_rows() reads an index's keys: (exact, prefix, heads, sieve, table)");
        return -1;
    }
    PyObject *sieve = PyTuple_GET_ITEM(keys, 3);
    const Py_ssize_t bytes = PyBytes_GET_SIZE(sieve);
    if (bytes != SIEVE_BYTES) {
        PyErr_SetString(PyExc_ValueError, "pair_rows(): a key sieve is _phrase_rows.SIEVE_BYTES long");
        return -1;
    }
    out->bits = (const unsigned char *)PyBytes_AS_STRING(sieve);
    out->mask = (size_t)bytes * 8 - 1;
    return word_table_open(PyTuple_GET_ITEM(keys, 4), &out->table);
}

/* A one-byte token's sieve slots, as may_have_rows reads them: its own for one shorter than three
 * characters, else those of its first three, four and five characters (as many as it has);
 * their number, 0 for a token of another kind (every sieve passes it). Made once a token for
 * both indexes (their sieves have the same size: the slots are the same). */
static inline int token_slots(const Word *token, uint32_t *slots) {
    if (token->kind != PyUnicode_1BYTE_KIND) return 0;
    const Py_ssize_t n = token->length;
    const Py_UCS1 *c = token->data;
    uint32_t h = 2166136261u;
    if (n < 3) {
        for (Py_ssize_t i = 0; i < n; i++) h = fnv_step(h, c[i]);
        slots[0] = h;
        return 1;
    }
    h = fnv_step(fnv_step(fnv_step(h, c[0]), c[1]), c[2]);
    slots[0] = h;
    int count = 1;
    for (Py_ssize_t i = 3; i < n && i < 5; i++) slots[count++] = h = fnv_step(h, c[i]);
    return count;
}

/* table_rows of a one-byte token whose sieve slots are ``slots`` (token_slots: ``count`` of
 * them): only the key lengths whose slot's bit is set in the index's key sieve are looked up,
 * longest first, each as its tag and the token's first characters copied once (no kind is
 * read a character at a time), with no look-up of the head: a prefix key's first three
 * characters are one of the heads, so a token that starts with one has its head there. The
 * same rows as table_rows (the sieve holds a bit for every key: a clear bit is no key). */
static inline Py_ssize_t byte_rows(const Keys *keys, const Word *token, const uint32_t *slots, int count,
                                   Py_ssize_t *rows) {
    const Py_ssize_t n = token->length;
    unsigned char word[16]; /* (a tag and at most five characters; room for word_hash's reads) */
    if (n < 3) {
        if (!has_bit(keys->bits, keys->mask, slots[0])) return 0;
        word[0] = 'e';
        memcpy(word + 1, token->data, (size_t)n);
        const Py_ssize_t found = open_table_find(&keys->table, PyUnicode_1BYTE_KIND, word, n + 1, rows);
        return found == -1 ? 0 : found;
    }
    int copied = 0;
    for (int k = count - 1; k >= 0; k--) {
        if (!has_bit(keys->bits, keys->mask, slots[k])) continue;
        if (!copied) {
            word[0] = 'p';
            memcpy(word + 1, token->data, (size_t)(3 + k));
            copied = 1;
        }
        const Py_ssize_t found = open_table_find(&keys->table, PyUnicode_1BYTE_KIND, word, 4 + k, rows);
        if (found != -1) return found;
    }
    return 0;
}

/* The token's rows in ``keys`` added to its buffer (``found``: room for 255 rows); -1 with an
 * exception set. */
static int keys_add(Keys *keys, const Word *word, const uint32_t *slots, int slot_count, Py_ssize_t *found) {
    const Py_ssize_t rows =
        slot_count > 0 ? byte_rows(keys, word, slots, slot_count, found) : table_rows(&keys->table, word, found);
    if (rows == 0) return 0;
    return rows < 0 || add_numbers(found, rows, &keys->rows, &keys->used, &keys->size) ? -1 : 0;
}

/* Whether a one-byte token's slots (``count`` of them) have a bit set in the key sieve of
 * ``keys``: else it selects none of its rows (byte_rows looks up only those lengths). */
static inline int any_bit(const Keys *keys, const uint32_t *slots, int count) {
    int any = 0;
    for (int i = 0; i < count; i++) any |= has_bit(keys->bits, keys->mask, slots[i]);
    return any;
}

/* The key rows of one or two indexes (``second`` NULL: one) that the first ``limit`` tokens (all
 * when negative) of ``tokens`` select, added to each one's buffer (pair_rows' loop: the tokens
 * read once for both); -1 with an exception set. A one-byte token whose slots no sieve holds
 * (most) is passed over here, with no call. */
int keys_rows(PyObject *tokens, Py_ssize_t limit, Keys *first, Keys *second) {
    Py_ssize_t at = 0, found[256];
    Word word;
    for (int more; limit != 0 && (more = next_word(tokens, &at, &word)) != 0; limit--) {
        if (more < 0) return -1;
        uint32_t slots[3];
        const int count = token_slots(&word, slots);
        const int in_first = count == 0 || any_bit(first, slots, count);
        const int in_second = second != NULL && (count == 0 || any_bit(second, slots, count));
        if ((in_first && keys_add(first, &word, slots, count, found)) ||
            (in_second && keys_add(second, &word, slots, count, found)))
            return -1;
    }
    return 0;
}

/* pair_rows(tokens, limit, first, second, rows_of) -> (list[int], list[int]): the key rows of two
 * indexes (``first``'s and ``second``'s Keys; ``second`` None for none: its list is empty) that
 * a block's first ``limit`` tokens (all when negative) select, each list in row order, each
 * row once, without the keyless rows: _phrase_rows.pair_rows, its reference. The tokens are
 * read once for both; ``rows_of`` (the reference's page caches) is unread. */
PyObject *pair_rows(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !is_tokens(args[0]) || !PyLong_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "pair_rows() takes tokens, an int, two indexes' keys and the page caches");
        return NULL;
    }
    Py_ssize_t limit = PyLong_AsSsize_t(args[1]);
    if (limit == -1 && PyErr_Occurred()) return NULL;
    const int two = args[3] != Py_None;
    Keys first, second;
    PyObject *out = NULL, *first_list = NULL, *second_list = NULL;
    first.rows = first.stack, second.rows = second.stack;
    if (keys_open(args[2], &first) || (two && keys_open(args[3], &second)) ||
        keys_rows(args[0], limit, &first, two ? &second : NULL))
        goto done;
    first_list = distinct_list(first.rows, first.used);
    second_list = first_list == NULL ? NULL : two ? distinct_list(second.rows, second.used) : PyList_New(0);
    if (second_list != NULL) out = PyTuple_Pack(2, first_list, second_list);
done:
    Py_XDECREF(first_list);
    Py_XDECREF(second_list);
    if (first.rows != first.stack) PyMem_Free(first.rows);
    if (two && second.rows != second.stack) PyMem_Free(second.rows);
    return out;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
