/* _cut.predicted_threshold's statistics in C, for the compiled build (_cut.py's Python
 * stays the reference, and runs where this gives None):
 *
 * cut_statistics(probabilities, words, thresholds) -> (statistics, rows) or None:
 * _cut.page_statistics(probabilities, words) and _cut._candidate_rows(probabilities, words,
 * thresholds), in one read of the inputs: the same sums in the same order (a block weighs
 * its words + 1.0, as int + float makes it), the blocks at or above the lowest threshold
 * sorted by probability, highest first, ties in page order (the stable sort's order), and
 * each threshold's running sums over that order. None where an input is not a list or
 * tuple, a probability not a float, a word count not an int a double holds, a probability
 * or a threshold NaN, or a sum not finite: the Python then gives the answer (or the error).
 *
 * tests/test_cut_c.py compares it with the Python on hand-made and generated pages.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

PyObject *cscore_cut_statistics(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

typedef struct {
    double p;
    Py_ssize_t i;
} Ranked;

/* Whether x goes before y: the higher probability first, equal ones in page order (no NaN
 * reaches it). */
static inline int before(Ranked x, Ranked y) { return x.p > y.p || (x.p == y.p && x.i < y.i); }

/* The blocks ranked in place by a bottom-up merge sort through ``spare`` (as many), its
 * comparison inlined (qsort called a comparison function a step). */
static void rank(Ranked *items, Ranked *spare, Py_ssize_t n) {
    Ranked *from = items, *to = spare;
    for (Py_ssize_t width = 1; width < n; width *= 2) {
        for (Py_ssize_t lo = 0; lo < n; lo += 2 * width) {
            const Py_ssize_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            Py_ssize_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi) to[k++] = before(from[b], from[a]) ? from[b++] : from[a++];
            while (a < mid) to[k++] = from[a++];
            while (b < hi) to[k++] = from[b++];
        }
        Ranked *swap = from;
        from = to;
        to = swap;
    }
    if (from != items) memcpy(items, from, sizeof(Ranked) * (size_t)n);
}

static PyObject *none(void) {
    if (PyErr_Occurred()) PyErr_Clear();
    Py_RETURN_NONE;
}

static PyObject *floats(const double *values, Py_ssize_t n) {
    PyObject *out = PyTuple_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *value = PyFloat_FromDouble(values[k]);
        if (value == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, k, value);
    }
    return out;
}

static PyObject *answer(const double *p, const double *w, Py_ssize_t n, const double *thresholds, Py_ssize_t t) {
    double total = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) total += w[i];
    double statistics[9] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    double expected_truth = 0.0;
    if (n > 0 && total > 0.0) {
        double mean = 0.0, above = 0.0, low = 0.0, high = 0.0, spread = 0.0, top = p[0];
        for (Py_ssize_t i = 0; i < n; i++) {
            mean += p[i] * w[i];
            spread += fabs(p[i] - 0.5) * 2.0 * w[i];
            if (p[i] >= 0.5) {
                above += w[i];
                if (p[i] < 0.8) high += w[i];
            } else if (p[i] >= 0.2) {
                low += w[i];
            }
            if (p[i] > top) top = p[i];
        }
        const double values[9] = {mean / total, above / total, low / total, high / total, spread / total,
                                  log((double)n + 1.0), top, log(total), log(above + 1.0)};
        for (int k = 0; k < 9; k++) statistics[k] = values[k];
    }
    for (Py_ssize_t i = 0; i < n; i++) expected_truth += p[i] * w[i];
    if (!isfinite(total) || !isfinite(expected_truth)) return none();
    double lowest = INFINITY;
    for (Py_ssize_t k = 0; k < t; k++) lowest = thresholds[k] < lowest ? thresholds[k] : lowest;
    Ranked *order = PyMem_Malloc(sizeof(Ranked) * (size_t)(n ? 2 * n : 1));
    double *kept_sums = PyMem_Malloc(sizeof(double) * (size_t)(n + 1));
    double *true_sums = PyMem_Malloc(sizeof(double) * (size_t)(n + 1));
    PyObject *out = NULL, *rows = NULL, *stats = NULL;
    if (order == NULL || kept_sums == NULL || true_sums == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t size = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (p[i] >= lowest) order[size++] = (Ranked){p[i], i};
    }
    rank(order, order + n, size);
    kept_sums[0] = true_sums[0] = 0.0;
    for (Py_ssize_t k = 0; k < size; k++) {
        kept_sums[k + 1] = kept_sums[k] + w[order[k].i];
        true_sums[k + 1] = true_sums[k] + p[order[k].i] * w[order[k].i];
    }
    rows = PyList_New(t);
    if (rows == NULL) goto done;
    for (Py_ssize_t k = 0; k < t; k++) {
        Py_ssize_t lo = 0, hi = size; /* the blocks at or above the threshold: a prefix */
        while (lo < hi) {
            const Py_ssize_t mid = (lo + hi) / 2;
            if (order[mid].p >= thresholds[k]) lo = mid + 1;
            else hi = mid;
        }
        const double kept = kept_sums[lo], denominator = kept + expected_truth;
        const double row[2] = {denominator > 0.0 ? 2.0 * true_sums[lo] / denominator : 0.0,
                               total > 0.0 ? kept / total : 0.0};
        PyObject *pair = floats(row, 2);
        if (pair == NULL) goto done;
        PyList_SET_ITEM(rows, k, pair);
    }
    stats = floats(statistics, 9);
    if (stats == NULL) goto done;
    out = PyTuple_Pack(2, stats, rows);
done:
    Py_XDECREF(stats);
    Py_XDECREF(rows);
    PyMem_Free(order);
    PyMem_Free(kept_sums);
    PyMem_Free(true_sums);
    return out;
}

PyObject *cscore_cut_statistics(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "cut_statistics() takes 3 arguments (probabilities, words, thresholds)");
        return NULL;
    }
    for (int k = 0; k < 3; k++) {
        if (!PyList_CheckExact(args[k]) && !PyTuple_CheckExact(args[k])) return none();
    }
    PyObject **ps = PySequence_Fast_ITEMS(args[0]), **ws = PySequence_Fast_ITEMS(args[1]);
    PyObject **ts = PySequence_Fast_ITEMS(args[2]);
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(args[0]), t = PySequence_Fast_GET_SIZE(args[2]);
    if (PySequence_Fast_GET_SIZE(args[1]) != n) return none(); /* zip's length: the Python's */
    double *values = PyMem_Malloc(sizeof(double) * (size_t)(2 * n + t + 1));
    if (values == NULL) return PyErr_NoMemory();
    double *p = values, *w = values + n, *thresholds = values + 2 * n;
    PyObject *out = NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyFloat_CheckExact(ps[i]) || !PyLong_CheckExact(ws[i])) goto fallback;
        p[i] = PyFloat_AS_DOUBLE(ps[i]);
        const double count = PyLong_AsDouble(ws[i]);
        if ((count == -1.0 && PyErr_Occurred()) || isnan(p[i]) || fabs(count) >= 9007199254740992.0) goto fallback;
        w[i] = count + 1.0;
    }
    for (Py_ssize_t k = 0; k < t; k++) {
        if (!PyFloat_CheckExact(ts[k]) || isnan(PyFloat_AS_DOUBLE(ts[k]))) goto fallback;
        thresholds[k] = PyFloat_AS_DOUBLE(ts[k]);
    }
    out = answer(p, w, n, thresholds, t);
    PyMem_Free(values);
    return out;
fallback:
    PyMem_Free(values);
    return none();
}
