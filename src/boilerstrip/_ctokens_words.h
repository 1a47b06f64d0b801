/* A block's tokens as the _ctokens loops read them, shared by _ctokens.c (which makes them),
 * _ctokens_words.c and _ctokens_rows.c: a list of str (the token regex's, _language.tokens),
 * or, for a text block_counts splits itself (most), one one-byte str of the tokens, each
 * after a mark: a control character, its length (1 to 31), or 0 for a longer one, which ends
 * at the next mark (a token's characters are \w's, none a control character).
 * _language.token_list splits it. One str a block, where a list and a str a token cost an
 * allocation, a deallocation and about 60 bytes each; the marks spare the readers a search
 * for each token's end (joined by spaces, that search cost as much as the lists saved).
 * Hidden, as _cscan's shared functions are. */
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
 * (NULL when it lies in a marked str: word_object makes one when a set or dict must read it). */
#define MAX_MARK 0x1F /* the largest mark, and the longest token whose mark is its length */

typedef struct {
    const unsigned char *data;
    Py_ssize_t length;
    int kind;
    PyObject *object;
} Word;

/* Whether ``tokens`` is a block's tokens: a list, or a marked one-byte str. */
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
    if (i >= n) return 0;
    const Py_UCS1 mark = c[i++]; /* the token's length, or 0 when it is too long to say */
    Py_ssize_t end = i + mark;
    if (mark == 0 || end > n)
        for (end = i; end < n && c[end] > MAX_MARK;) end++;
    word->kind = PyUnicode_1BYTE_KIND;
    word->data = c + i;
    word->length = end - i;
    word->object = NULL;
    *pos = end;
    return 1;
}

/* The token's str, a new reference (made from a marked str's characters). */
static inline PyObject *word_object(const Word *word) {
    if (word->object != NULL) return Py_NewRef(word->object);
    return PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, word->data, word->length);
}

/* A word table's header (_ctokens_words.c's word_table: the table's first bytes), and a table
 * opened: its bytes and its header, read and checked once by word_table_open, for all of a
 * call's look-ups (open_table_numbers). */
typedef struct {
    uint64_t mask, words_at, numbers_at, size;
} Header;

typedef struct {
    const unsigned char *table;
    Header header;
} OpenTable;

int word_table_open(PyObject *object, OpenTable *open);
int open_table_holds(const OpenTable *open, const Word *token);
Py_ssize_t open_table_numbers(const OpenTable *open, char tag, const Word *token, Py_ssize_t size,
                              Py_ssize_t *numbers);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
