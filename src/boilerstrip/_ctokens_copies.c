/* The decision's copy keys and Latin-1 lowering in C, for the _ctokens extension (_ctokens.c
 * lists them): copy_key, copy_hash (_copied_boxes) and lower. Hidden, as _cscan's shared
 * functions are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_ctokens_words.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* " ".join(text.split()).lower(): the words (runs of characters str.split does not split at,
 * Py_UNICODE_ISSPACE) one space apart, lowered. An ASCII text is lowered here (A-Z). Any
 * other is lowered here too, a character at a time by its simple lower case (Unicode's
 * one-character mapping, which str.lower gives every character but two), unless it holds one
 * of those two: then it is joined here and lowered by str.lower (U+0130 "İ" lowers to two
 * characters, U+03A3 "Σ" to a final sigma at a word's end). tests/test_ctokens_rows.py checks
 * every code point against str.lower. (str.lower here cost 9,300 instructions a text.) */
static PyObject *joined_words(int kind, const void *data, Py_ssize_t n, int lower) {
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
            if (lower) {
                if (c == 0x130 || c == 0x3A3) { /* str.lower's own cases: all of it lowered there */
                    PyMem_Free(buffer);
                    return Py_NewRef(Py_None);
                }
                c = c < 128 ? (c >= 'A' && c <= 'Z' ? c + 0x20 : c) : Py_UNICODE_TOLOWER(c); /* ASCII here: no call */
            }
            buffer[used++] = c;
            i++;
        }
    }
    PyObject *out = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, used);
    PyMem_Free(buffer);
    return out;
}

/* One byte of an ASCII text added to its copy key at ``used`` (its new length): spacing sets
 * ``pending`` after a word, a space is written before the next word's first byte, A-Z lowered. */
static inline Py_ssize_t key_byte(Py_UCS1 *out, Py_ssize_t used, int *pending, Py_UCS1 c) {
    if (Py_UNICODE_ISSPACE(c)) {
        *pending = used > 0;
        return used;
    }
    if (*pending) {
        out[used++] = ' ';
        *pending = 0;
    }
    out[used++] = c >= 'A' && c <= 'Z' ? c + 0x20 : c;
    return used;
}

/* The copy key of an ASCII text (``n`` bytes at ``p``) written to ``out`` (``n`` bytes at least);
 * its length. Eight bytes at a time where the machine is little-endian and they need no more
 * than lowering (no byte under a space, no two spaces side by side, none first or last, a first
 * one only after a word): the case-folded word copied whole (its A-Z made a-z); the others a
 * byte at a time, a run of spacing made one space between words. */
static Py_ssize_t ascii_key(const Py_UCS1 *p, Py_ssize_t n, Py_UCS1 *out) {
    Py_ssize_t used = 0, i = 0;
    int pending = 0; /* spacing read after a word: a space before the next one */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        const uint64_t below = (x - 0x20 * ones) & ~x & highs;            /* some byte < 0x20 */
        const uint64_t spaces = ((x ^ 0x20 * ones) - ones) & ~(x ^ 0x20 * ones) & highs; /* (and some above one) */
        const int fast = !below && !(spaces & (spaces >> 8)) && !(spaces >> 63) &&
                         (!(spaces & 0x80) || (used && !pending));
        if (fast) {
            if (pending) {
                out[used++] = ' ';
                pending = 0;
            }
            const uint64_t upper = (x + 0x3f * ones) & ~(x + 0x25 * ones) & highs; /* A-Z (ASCII bytes) */
            x |= upper >> 2;
            memcpy(out + used, &x, 8);
            used += 8;
            continue;
        }
        for (Py_ssize_t k = i; k < i + 8; k++) used = key_byte(out, used, &pending, p[k]);
    }
#endif
    for (; i < n; i++) used = key_byte(out, used, &pending, p[i]);
    return used;
}

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
        const Py_ssize_t used = ascii_key(data, n, bytes);
        PyObject *out = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, bytes, used);
        PyMem_Free(bytes);
        return out;
    }
    PyObject *lowered = joined_words(kind, data, n, 1);
    if (lowered != Py_None) return lowered;
    Py_DECREF(lowered);
    PyObject *joined = joined_words(kind, data, n, 0);
    if (joined == NULL) return NULL;
    PyObject *out = PyObject_CallMethod(joined, "lower", NULL);
    Py_DECREF(joined);
    return out;
}

/* A hash of an ASCII key's bytes: eight at a time, each product's high half folded into its low;
 * the last word holds the count of the last bytes in its top byte. */
static uint64_t key_hash(const Py_UCS1 *key, Py_ssize_t n) {
    uint64_t hash = 0x9e3779b97f4a7c15ULL, word;
    Py_ssize_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&word, key + i, 8);
        hash = (hash ^ word) * 0xff51afd7ed558ccdULL;
        hash ^= hash >> 32;
    }
    word = 0;
    memcpy(&word, key + i, (size_t)(n - i));
    word |= (uint64_t)(n - i) << 56;
    hash = (hash ^ word) * 0xc4ceb9fe1a85ec53ULL;
    return hash ^ (hash >> 29);
}

/* copy_hash(text) -> int: a hash of copy_key(text), in [0, 2**62) (a small int to the compiled
 * build): of an ASCII text read in one pass without making the key; of any other, of the key
 * copy_key makes. A key is hashed by its str's bytes (of its one kind, the narrowest that holds
 * its characters) however it was made (a Kelvin sign lowers to "k"): one key, one hash. */
PyObject *copy_hash(PyObject *self, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "copy_hash() takes a str");
        return NULL;
    }
    uint64_t hash;
    if (PyUnicode_IS_ASCII(text)) {
        const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        Py_UCS1 small[512];
        Py_UCS1 *bytes = n <= (Py_ssize_t)sizeof small ? small : PyMem_Malloc((size_t)n);
        if (bytes == NULL) return PyErr_NoMemory();
        hash = key_hash(bytes, ascii_key(PyUnicode_1BYTE_DATA(text), n, bytes));
        if (bytes != small) PyMem_Free(bytes);
    } else {
        PyObject *key = copy_key(self, text);
        if (key == NULL) return NULL;
        hash = key_hash(PyUnicode_DATA(key), PyUnicode_GET_LENGTH(key) * PyUnicode_KIND(key));
        Py_DECREF(key);
    }
    return PyLong_FromUnsignedLongLong(hash >> 2);
}

/* lower(text) -> str: ``text.lower()``. A text of Latin-1 characters and separators (those
 * block_counts splits) is lowered here a character at a time, each to one (none of them has a
 * context rule or a longer lower case): mypyc's str.lower makes a four-byte buffer and calls
 * Unicode's full mapping a character for any text past ASCII (typographic quotes put most
 * English texts there). Any other text is lowered by str.lower. */
PyObject *lower(PyObject *self, PyObject *text) {
    if (!PyUnicode_CheckExact(text)) {
        PyErr_SetString(PyExc_TypeError, "lower() takes a str");
        return NULL;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        /* Latin-1 lowers within Latin-1, ASCII to ASCII: as ASCII as the text (one pass). */
        PyObject *out = PyUnicode_New(n, PyUnicode_IS_ASCII(text) ? 0x7F : 0xFF);
        if (out == NULL) return NULL;
        const Py_UCS1 *in = data;
        Py_UCS1 *to = PyUnicode_1BYTE_DATA(out);
        for (Py_ssize_t i = 0; i < n; i++) to[i] = (Py_UCS1)lower_one(in[i]);
        return out;
    }
    Py_UCS4 top = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c > 0xFF && !separator(c)) return PyObject_CallMethod(text, "lower", NULL);
        const Py_UCS4 low = lower_one(c);
        if (low > top) top = low;
    }
    PyObject *out = PyUnicode_New(n, top);
    if (out == NULL) return NULL;
    if (kind == PyUnicode_2BYTE_KIND && PyUnicode_KIND(out) == PyUnicode_2BYTE_KIND) { /* (its separators stay) */
        const Py_UCS2 *in = data;
        Py_UCS2 *to = PyUnicode_2BYTE_DATA(out);
        for (Py_ssize_t i = 0; i < n; i++) to[i] = (Py_UCS2)lower_one(in[i]);
        return out;
    }
    const int out_kind = PyUnicode_KIND(out);
    void *out_data = PyUnicode_DATA(out);
    for (Py_ssize_t i = 0; i < n; i++) PyUnicode_WRITE(out_kind, out_data, i, lower_one(PyUnicode_READ(kind, data, i)));
    return out;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
