/* A block's tokens as the _ctokens loops read them, shared by _ctokens.c (which makes them),
 * _ctokens_words.c and _ctokens_rows.c: a list of str (the token regex's, _language.tokens),
 * or, for a text block_counts splits itself (most), one one-byte str of the tokens joined by
 * single spaces (no token holds a space: \w matches none). One str a block, where a list and
 * a str a token cost an allocation, a deallocation and about 60 bytes each. Hidden, as
 * _cscan's shared functions are. */
#ifndef BOILERSTRIP_CTOKENS_WORDS_H
#define BOILERSTRIP_CTOKENS_WORDS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* One token: its characters (``length`` of ``kind``), and its str when the tokens are a list
 * (NULL when it lies in a joined str: word_object makes one when a set or dict must read it). */
typedef struct {
    const unsigned char *data;
    Py_ssize_t length;
    int kind;
    PyObject *object;
} Word;

/* Whether ``tokens`` is a block's tokens: a list, or a joined one-byte str. */
static inline int is_tokens(PyObject *tokens) {
    return PyList_CheckExact(tokens) || (PyUnicode_CheckExact(tokens) && PyUnicode_KIND(tokens) == PyUnicode_1BYTE_KIND);
}

/* The token of ``tokens`` (is_tokens) at ``*pos``, which moves past it: 1, 0 past the last,
 * -1 with a TypeError set when a list holds other than a str. */
static inline int next_word(PyObject *tokens, Py_ssize_t *pos, Word *word) {
    if (PyList_CheckExact(tokens)) {
        if (*pos >= PyList_GET_SIZE(tokens)) return 0;
        PyObject *token = PyList_GET_ITEM(tokens, *pos);
        (*pos)++;
        if (!PyUnicode_CheckExact(token)) {
            PyErr_SetString(PyExc_TypeError, "a block's tokens are str");
            return -1;
        }
        word->kind = PyUnicode_KIND(token);
        word->data = PyUnicode_DATA(token);
        word->length = PyUnicode_GET_LENGTH(token);
        word->object = token;
        return 1;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(tokens);
    const Py_UCS1 *c = PyUnicode_1BYTE_DATA(tokens);
    Py_ssize_t i = *pos;
    while (i < n && c[i] == ' ') i++;
    if (i >= n) {
        *pos = n;
        return 0;
    }
    Py_ssize_t end = i + 1; /* its space sought eight bytes a step where it can (not memchr: a token is short) */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; end + 8 <= n; end += 8) {
        uint64_t x;
        memcpy(&x, c + end, 8);
        x ^= 0x2020202020202020ULL; /* a space becomes a zero byte */
        const uint64_t zero = (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
        if (zero) { /* its lowest bit marks the first zero byte */
            end += __builtin_ctzll(zero) >> 3;
            goto found;
        }
    }
#endif
    while (end < n && c[end] != ' ') end++;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
found:
#endif
    word->kind = PyUnicode_1BYTE_KIND;
    word->data = c + i;
    word->length = end - i;
    word->object = NULL;
    *pos = end;
    return 1;
}

/* The token's str, a new reference (made from a joined str's characters). */
static inline PyObject *word_object(const Word *word) {
    if (word->object != NULL) return Py_NewRef(word->object);
    return PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, word->data, word->length);
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
