/* The compiled build's score stage after its one pass over the blocks, in one call
 * (_probability._score_c's loop over the weighted scorers; its Python stays the fallback and
 * the reference):
 *
 * score_page(weights, off, index, made, near, template, cap) -> (names, columns, probabilities)
 * or None:
 * - weights: Options.weights, (name, weight) pairs; "bias" sets the sum's start (the last one
 *   read, as _probability.active_weights reads it), a name in the set ``off`` is left out;
 * - index: _scorer_pass.INDEX, a name's column in ``made`` (_scorer_pass.page_columns: a
 *   list per column, empty for a column of zeros);
 * - near: (neighbour_text_density's column, neighbour_link_density's column): those two are
 *   the mean of the neighbours' in made[1] and made[0] (_scorers._neighbour_mean);
 * - template: array("d", [0.0]), repeated into each column's array;
 * - cap: _probability._LOGIT_CAP.
 * Each column is weighed into the sums in the weights' order, as _cscore.weigh adds it (a
 * column of zeros under a finite weight adds nothing and is left out of the sums), and
 * packed as _score_table.ScoreTable.pack packs its doubles when they are not coded: the one
 * float when every output has the first one's bits, else an array of doubles; a column of
 * zeros is the float 0.0. The probabilities are _probability._sigmoid of the sums, an
 * array of doubles (template's type).
 * None (nothing made) where the Python loop must run instead: a name not in the index, a
 * column of zeros under a weight that is not finite, a neighbours' mean that is NaN.
 * tests/test_cscore_page.py compares it with the Python loop.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

#include "_cscore.h"

PyObject *cscore_score_page(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* An array of the n doubles raw, the template repeated and filled. */
static PyObject *doubles_array(const double *raw, Py_ssize_t n, PyObject *template) {
    PyObject *array = PySequence_Repeat(template, n);
    if (array == NULL) return NULL;
    Py_buffer view;
    if (PyObject_GetBuffer(array, &view, PyBUF_WRITABLE) < 0) {
        Py_DECREF(array);
        return NULL;
    }
    if (view.len != n * (Py_ssize_t)sizeof(double)) {
        PyBuffer_Release(&view);
        Py_DECREF(array);
        PyErr_SetString(PyExc_ValueError, "score_page(): the template is not an array of doubles");
        return NULL;
    }
    if (n > 0) memcpy(view.buf, raw, (size_t)n * sizeof(double));
    PyBuffer_Release(&view);
    return array;
}

/* ScoreTable.pack of n doubles: the float of the first when all have its bits, else an array. */
static PyObject *pack(const double *raw, Py_ssize_t n, PyObject *template) {
    if (n > 0) {
        Py_ssize_t i = 1;
        while (i < n && memcmp(&raw[i], &raw[0], sizeof(double)) == 0) i++;
        if (i == n) return PyFloat_FromDouble(raw[0]);
    }
    return doubles_array(raw, n, template);
}

/* A column's doubles into raw: 0 if it is not a list of n, -1 on an error, else 1. */
static int column_doubles(PyObject *column, Py_ssize_t n, double *raw) {
    if (!PyList_CheckExact(column) || PyList_GET_SIZE(column) != n) return 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        raw[i] = as_double(PyList_GET_ITEM(column, i));
        if (raw[i] == -1.0 && PyErr_Occurred()) return -1;
    }
    return 1;
}

/* A pair of weights: its name (borrowed) and weight; 0 (no error set) where it is not a
 * tuple of a str and an exact float or int: the Python loop reads it instead. */
static int read_pair(PyObject *pair, PyObject **name, double *weight) {
    if (!PyTuple_CheckExact(pair) || PyTuple_GET_SIZE(pair) != 2 || !PyUnicode_CheckExact(PyTuple_GET_ITEM(pair, 0)))
        return 0;
    PyObject *value = PyTuple_GET_ITEM(pair, 1);
    if (!PyFloat_CheckExact(value) && !PyLong_CheckExact(value)) return 0;
    *name = PyTuple_GET_ITEM(pair, 0);
    *weight = PyFloat_AsDouble(value);
    if (*weight == -1.0 && PyErr_Occurred()) {
        PyErr_Clear(); /* an int too large: Python raises it */
        return 0;
    }
    return 1;
}

/* Whether a name is "bias" (name == "bias": the literal is interned, most names differ in length). */
static inline int is_bias(PyObject *name) {
    return PyUnicode_GET_LENGTH(name) == 4 && PyUnicode_IS_ASCII(name) && memcmp(PyUnicode_DATA(name), "bias", 4) == 0;
}

/* Whether the weighted scorer is switched off: 1, 0, -1 on an error. */
static inline int switched_off(PyObject *off, PyObject *name) {
    return PySet_GET_SIZE(off) ? PySet_Contains(off, name) : 0;
}

PyObject *cscore_score_page(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 7 || !PyTuple_CheckExact(args[0]) || !PyAnySet_Check(args[1]) || !PyDict_CheckExact(args[2]) ||
        !PyList_CheckExact(args[3]) || !PyTuple_CheckExact(args[4]) || PyTuple_GET_SIZE(args[4]) != 2) {
        PyErr_SetString(PyExc_TypeError, "score_page(weights: tuple, off: set, index: dict, made: list, "
                                         "near: tuple of 2, template, cap)");
        return NULL;
    }
    PyObject *weights = args[0], *off = args[1], *index = args[2], *made = args[3], *template = args[5];
    const Py_ssize_t near_text = PyLong_AsSsize_t(PyTuple_GET_ITEM(args[4], 0));
    const Py_ssize_t near_links = PyLong_AsSsize_t(PyTuple_GET_ITEM(args[4], 1));
    const double cap = PyFloat_AsDouble(args[6]);
    if (PyErr_Occurred()) return NULL;
    const Py_ssize_t pairs = PyTuple_GET_SIZE(weights), count = PyList_GET_SIZE(made);
    if (count < 2) {
        PyErr_SetString(PyExc_ValueError, "score_page(): made holds no link and text columns");
        return NULL;
    }
    /* The page's length: the link densities' column is always made. */
    if (!PyList_CheckExact(PyList_GET_ITEM(made, 0))) Py_RETURN_NONE;
    const Py_ssize_t n = PyList_GET_SIZE(PyList_GET_ITEM(made, 0));
    double bias = 0.0, weight = 0.0;
    Py_ssize_t kept = 0, used = 0; /* the columns of the table, and those made so far */
    PyObject *name = NULL, *out = NULL, *names = NULL, *columns = NULL;
    /* The weighed pairs, read once: their names (borrowed from weights) and weights. */
    PyObject **weighed = PyMem_Malloc((size_t)(pairs > 0 ? pairs : 1) * sizeof(PyObject *));
    double *factor = PyMem_Malloc((size_t)(pairs > 0 ? pairs : 1) * sizeof(double));
    if (weighed == NULL || factor == NULL) {
        PyMem_Free(weighed);
        PyMem_Free(factor);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t k = 0; k < pairs; k++) {
        if (!read_pair(PyTuple_GET_ITEM(weights, k), &name, &weight)) {
            out = Py_NewRef(Py_None);
            goto freed;
        }
        if (is_bias(name)) {
            bias = weight;
            continue;
        }
        const int left_out = switched_off(off, name);
        if (left_out < 0) goto freed;
        if (!left_out) weighed[kept] = name, factor[kept++] = weight;
    }
    const size_t m = n > 0 ? (size_t)n : 1;
    double *z = PyMem_Malloc(m * sizeof(double)), *raw = PyMem_Malloc(m * sizeof(double));
    names = PyTuple_New(kept);
    columns = PyTuple_New(kept);
    if (z == NULL || raw == NULL || names == NULL || columns == NULL) {
        if (!PyErr_Occurred()) PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) z[i] = bias;
    for (Py_ssize_t k = 0; k < kept; k++) {
        name = weighed[k];
        weight = factor[k];
        PyObject *found = PyDict_GetItemWithError(index, name);
        if (found == NULL) {
            if (PyErr_Occurred()) goto done;
            goto python; /* a scorer without a column: SCORERS[name] in Python */
        }
        const Py_ssize_t at = PyLong_AsSsize_t(found);
        if (at == -1 && PyErr_Occurred()) goto done;
        if (at < 0 || at >= count || used >= kept) goto python;
        int read;
        PyObject *column;
        if (at == near_text || at == near_links) {
            read = neighbour_mean(PyList_GET_ITEM(made, at == near_text ? 1 : 0), n, raw);
        } else if (PyList_CheckExact(column = PyList_GET_ITEM(made, at)) && PyList_GET_SIZE(column) == 0) {
            if (!isfinite(weight)) goto python; /* inf * 0.0 is NaN: the scorer's zeros weighed */
            column = PyFloat_FromDouble(0.0);
            if (column == NULL) goto done;
            PyTuple_SET_ITEM(names, used, Py_NewRef(name));
            PyTuple_SET_ITEM(columns, used++, column);
            continue;
        } else {
            read = column_doubles(column, n, raw);
        }
        if (read < 0) goto done;
        if (read == 0) goto python;
        for (Py_ssize_t i = 0; i < n; i++) z[i] += weight * raw[i];
        column = pack(raw, n, template);
        if (column == NULL) goto done;
        PyTuple_SET_ITEM(names, used, Py_NewRef(name));
        PyTuple_SET_ITEM(columns, used++, column);
    }
    if (used != kept) goto python; /* (a set whose members changed under it: no Python runs here) */
    /* The probabilities as an array of doubles (read by _cscore.smooth, the only stage that
     * reads them): one object a page where a tuple held a float a block. */
    for (Py_ssize_t i = 0; i < n; i++) z[i] = sigmoid(z[i], cap);
    PyObject *probabilities = doubles_array(z, n, template);
    if (probabilities == NULL) goto done;
    out = PyTuple_New(3);
    if (out == NULL) {
        Py_DECREF(probabilities);
        goto done;
    }
    PyTuple_SET_ITEM(out, 0, names);
    PyTuple_SET_ITEM(out, 1, columns);
    PyTuple_SET_ITEM(out, 2, probabilities);
    names = columns = NULL;
    goto done;
python:
    out = Py_NewRef(Py_None);
done:
    PyMem_Free(z);
    PyMem_Free(raw);
    Py_XDECREF(names);
    Py_XDECREF(columns);
freed:
    PyMem_Free(weighed);
    PyMem_Free(factor);
    return out;
}
