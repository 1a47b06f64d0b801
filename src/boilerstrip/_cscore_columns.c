/* Two of the score stage's columns in C, for the compiled build's one pass over the blocks
 * (_scorer_pass.py; the scorers of _scorers.py stay the reference):
 *
 * - weigh_neighbours(z, weight, column) -> bytes or None: the doubles of
 *   _scorers._neighbour_mean of the column (a list), added into z times the weight as
 *   _cscore.weigh adds a column, without a float object a block; None, z untouched, where an
 *   output is NaN;
 * - caption_heads(texts) -> bytes: per text, 1 where _scorers._may_hold_tail(text) holds,
 *   else 0 (a ", " in the first 160 characters followed by a character that is not ASCII
 *   within 6, or by one of _scorers._TAIL_WORDS, lowered).
 *
 * tests/test_scorer_pass.py compares both with the Python on hand-made and generated inputs.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

#include "_cscore.h"

PyObject *cscore_weigh_neighbours(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *cscore_caption_heads(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

int neighbour_mean(PyObject *column, Py_ssize_t n, double *raw) {
    if (!PyList_CheckExact(column) || PyList_GET_SIZE(column) != n) return 0;
    if (n < 2) {
        for (Py_ssize_t i = 0; i < n; i++) raw[i] = 0.0;
        return 1;
    }
    /* The column's doubles read once each (the list does not change: no Python runs). */
    double before = as_double(PyList_GET_ITEM(column, 0));
    double here = as_double(PyList_GET_ITEM(column, 1));
    if ((before == -1.0 || here == -1.0) && PyErr_Occurred()) return -1;
    raw[0] = here;
    for (Py_ssize_t i = 1; i < n - 1; i++) {
        const double after = as_double(PyList_GET_ITEM(column, i + 1));
        if (after == -1.0 && PyErr_Occurred()) return -1;
        raw[i] = (before + after) / 2.0;
        before = here;
        here = after;
    }
    raw[n - 1] = before;
    for (Py_ssize_t i = 0; i < n; i++)
        if (isnan(raw[i])) return 0;
    return 1;
}

PyObject *cscore_weigh_neighbours(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "weigh_neighbours() takes 3 arguments (z, weight, column)");
        return NULL;
    }
    const double weight = PyFloat_AsDouble(args[1]);
    if (weight == -1.0 && PyErr_Occurred()) return NULL;
    if (!PyList_CheckExact(args[2])) {
        PyErr_SetString(PyExc_TypeError, "weigh_neighbours(): the column is not a list");
        return NULL;
    }
    PyObject *column = args[2];
    Py_buffer view;
    if (PyObject_GetBuffer(args[0], &view, PyBUF_WRITABLE | PyBUF_FORMAT) < 0) return NULL;
    PyObject *out = NULL;
    const Py_ssize_t n = PyList_GET_SIZE(column);
    if (view.itemsize != (Py_ssize_t)sizeof(double) || view.format == NULL || strcmp(view.format, "d") != 0 ||
        view.len / (Py_ssize_t)sizeof(double) != n) {
        PyErr_SetString(PyExc_ValueError, "weigh_neighbours(): z is not a buffer of the column's doubles");
        goto done;
    }
    out = PyBytes_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    if (out == NULL) goto done;
    double *z = view.buf, *raw = (double *)PyBytes_AS_STRING(out);
    const int read = neighbour_mean(column, n, raw);
    if (read < 0) goto fail;
    if (read == 0) {
        /* A NaN output: None, z untouched (the Python column's NaN objects, some shared with
         * the column read, would pack otherwise than the array's). */
        Py_CLEAR(out);
        out = Py_NewRef(Py_None);
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) z[i] += weight * raw[i];
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyBuffer_Release(&view);
    return out;
}

#define SCAN_CHARS 160 /* _scorers._CAPTION_SCAN_CHARS */
#define WINDOW 6       /* _scorers._TAIL_WINDOW */
static const char *const TAIL_WORDS[] = {"left", "right", "center", "centre", "second", "top", "bottom", "front", "rear"};

/* _scorers._may_hold_tail of one str. */
static int may_hold_tail(PyObject *text) {
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    const Py_ssize_t end = length < SCAN_CHARS ? length : SCAN_CHARS; /* ", " wholly before it */
    for (Py_ssize_t at = 0; at + 1 < end; at++) {
        if (kind == PyUnicode_1BYTE_KIND) {
            const char *found = memchr((const char *)data + at, ',', (size_t)(end - 1 - at));
            if (found == NULL) return 0;
            at = found - (const char *)data;
        } else if (PyUnicode_READ(kind, data, at) != ',') {
            continue;
        }
        if (PyUnicode_READ(kind, data, at + 1) != ' ') continue;
        const Py_ssize_t start = at + 2, stop = start + WINDOW < length ? start + WINDOW : length;
        char window[WINDOW];
        Py_ssize_t size = 0;
        for (Py_ssize_t j = start; j < stop; j++) {
            const Py_UCS4 c = PyUnicode_READ(kind, data, j);
            if (c >= 128) return 1;
            window[size++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        for (size_t w = 0; w < sizeof TAIL_WORDS / sizeof *TAIL_WORDS; w++) {
            const size_t len = strlen(TAIL_WORDS[w]);
            if ((Py_ssize_t)len <= size && memcmp(window, TAIL_WORDS[w], len) == 0) return 1;
        }
        at++; /* the next search starts after the ", " */
    }
    return 0;
}

PyObject *cscore_caption_heads(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 1 || !PyList_CheckExact(args[0])) {
        PyErr_SetString(PyExc_TypeError, "caption_heads() takes a list of str");
        return NULL;
    }
    PyObject *texts = args[0];
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    PyObject *out = PyBytes_FromStringAndSize(NULL, n);
    if (out == NULL) return NULL;
    char *flags = PyBytes_AS_STRING(out);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(text)) {
            Py_DECREF(out);
            PyErr_SetString(PyExc_TypeError, "caption_heads(): a text is not a str");
            return NULL;
        }
        flags[i] = (char)may_hold_tail(text);
    }
    return out;
}
