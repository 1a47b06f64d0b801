/* What the files of the compiled build's _ctokens extension share: the functions of
 * _ctokens_helpers.c that _ctokens.c's method table holds. */
#ifndef BOILERSTRIP_CTOKENS_H
#define BOILERSTRIP_CTOKENS_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* The extension's own (hidden): no symbol of the same name elsewhere stands in for them. */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

PyObject *phrase_rows(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *has_ascii_digit(PyObject *self, PyObject *text);
PyObject *copy_key(PyObject *self, PyObject *text);
PyObject *name_words(PyObject *self, PyObject *raw);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
#endif
