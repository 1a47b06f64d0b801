/* An index's keys as _ctokens_rows.c's pair_rows reads them, shared with _ctokens_phrase.c
 * (which reads a page's blocks with them). Hidden, as _cscan's shared functions are. */
#ifndef BOILERSTRIP_CTOKENS_ROWS_H
#define BOILERSTRIP_CTOKENS_ROWS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "_ctokens_words.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* The rows a Keys holds on the stack before it allocates (most blocks select none). */
#define STACK_ROWS 64

/* One index's keys as pair_rows reads them (_phrase_rows.Keys: exact, prefix, heads, key sieve,
 * word table), and the rows its tokens select, in a growable buffer on the stack at first
 * (``rows`` is ``stack`` until it grows: the caller frees it when it is not). */
typedef struct {
    const unsigned char *bits;
    size_t mask;
    OpenTable table;
    Py_ssize_t stack[STACK_ROWS];
    Py_ssize_t *rows, used, size;
} Keys;

/* Reads ``keys`` (a Keys tuple) into ``out``, its buffer empty; -1 with an exception set. */
int keys_open(PyObject *keys, Keys *out);
/* Adds the key rows the first ``limit`` tokens select to each Keys' buffer (``second``: NULL
 * for one index); -1 with an exception set. */
int keys_rows(PyObject *tokens, Py_ssize_t limit, Keys *first, Keys *second);
/* Puts the ``used`` rows at ``rows`` in row order, each once, in place: their number. */
Py_ssize_t distinct_rows(Py_ssize_t *rows, Py_ssize_t used);
/* A new list of the ``n`` numbers at ``values`` as ints; NULL with an exception set. */
PyObject *ssize_list(const Py_ssize_t *values, Py_ssize_t n);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
