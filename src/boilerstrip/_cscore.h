/* What the score stage's C files (_cscore.c, _cscore_columns.c, _cscore_page.c, _cscore_rules.c)
 * share: the reading of a float, _probability._sigmoid, the two loops more than one of them
 * runs, and the decision rules' functions the module table lists. */
#ifndef BOILERSTRIP_CSCORE_H
#define BOILERSTRIP_CSCORE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

/* A float of a column or a list: PyFloat_AsDouble, as struct's "d" and float arithmetic
 * read an int or a bool (exactly, below 2**53). -1.0 with an exception set on failure. */
static inline double as_double(PyObject *item) {
    return PyFloat_CheckExact(item) ? PyFloat_AS_DOUBLE(item) : PyFloat_AsDouble(item);
}

static inline double py_min(double a, double b) { return b < a ? b : a; }
static inline double py_max(double a, double b) { return b > a ? b : a; }

/* _probability._sigmoid */
static inline double sigmoid(double x, double cap) { return 1.0 / (1.0 + exp(-py_max(-cap, py_min(cap, x)))); }

/* _cscore.c: a tuple of the floats sigmoid(z[i], cap), or NULL with an exception set. */
PyObject *sigmoid_tuple(const double *z, Py_ssize_t n, double cap);

/* _cscore_columns.c: _scorers._neighbour_mean of a list of n floats into raw: 1, 0 where the
 * column is not a list of n or an output is NaN (the Python loop reads it then), -1 on an error. */
int neighbour_mean(PyObject *column, Py_ssize_t n, double *raw);

/* _cscore_rules.c: the decision rules' per-block text tests, each beside its Python (see there). */
PyObject *cscore_echo_head(PyObject *self, PyObject *text);
PyObject *cscore_control_text(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *cscore_price_sieve(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *cscore_shared_depths(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *cscore_same_ancestor(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *cscore_forms_of(PyObject *self, PyObject *locators);

#endif
