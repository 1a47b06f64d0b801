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

/* The page's statistics (9) and each threshold's row (2 a threshold, in ``rows``): 1, 0 where a
 * sum is not finite (the Python then answers), -1 on an error. */
static int compute(const double *p, const double *w, Py_ssize_t n, const double *thresholds, Py_ssize_t t,
                   double *statistics, double *rows) {
    double total = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) total += w[i];
    for (int k = 0; k < 9; k++) statistics[k] = 0.0;
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
    if (!isfinite(total) || !isfinite(expected_truth)) return 0;
    double lowest = INFINITY;
    for (Py_ssize_t k = 0; k < t; k++) lowest = thresholds[k] < lowest ? thresholds[k] : lowest;
    /* A small page's buffers on the stack; a larger one's allocated as they always were (three
     * blocks: one sum each, whose sizes the big pages' peak memory is measured with). */
    Ranked small_order[64];
    double small_kept[33], small_true[33];
    const int small = n <= 32;
    Ranked *order = small ? small_order : PyMem_Malloc(sizeof(Ranked) * (size_t)(2 * n));
    double *kept_sums = small ? small_kept : PyMem_Malloc(sizeof(double) * (size_t)(n + 1));
    double *true_sums = small ? small_true : PyMem_Malloc(sizeof(double) * (size_t)(n + 1));
    if (order == NULL || kept_sums == NULL || true_sums == NULL) {
        if (!small) {
            PyMem_Free(order);
            PyMem_Free(kept_sums);
            PyMem_Free(true_sums);
        }
        PyErr_NoMemory();
        return -1;
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
    for (Py_ssize_t k = 0; k < t; k++) {
        Py_ssize_t lo = 0, hi = size; /* the blocks at or above the threshold: a prefix */
        while (lo < hi) {
            const Py_ssize_t mid = (lo + hi) / 2;
            if (order[mid].p >= thresholds[k]) lo = mid + 1;
            else hi = mid;
        }
        const double kept = kept_sums[lo], denominator = kept + expected_truth;
        rows[2 * k] = denominator > 0.0 ? 2.0 * true_sums[lo] / denominator : 0.0;
        rows[2 * k + 1] = total > 0.0 ? kept / total : 0.0;
    }
    if (!small) {
        PyMem_Free(order);
        PyMem_Free(kept_sums);
        PyMem_Free(true_sums);
    }
    return 1;
}

static PyObject *answer(const double *p, const double *w, Py_ssize_t n, const double *thresholds, Py_ssize_t t) {
    double statistics[9];
    double *rows = PyMem_Malloc(sizeof(double) * (size_t)(2 * t + 1));
    if (rows == NULL) return PyErr_NoMemory();
    PyObject *out = NULL, *listed = NULL, *stats = NULL;
    const int done = compute(p, w, n, thresholds, t, statistics, rows);
    if (done <= 0) {
        PyMem_Free(rows);
        return done < 0 ? NULL : none();
    }
    listed = PyList_New(t);
    if (listed == NULL) goto done;
    for (Py_ssize_t k = 0; k < t; k++) {
        PyObject *pair = floats(rows + 2 * k, 2);
        if (pair == NULL) goto done;
        PyList_SET_ITEM(listed, k, pair);
    }
    stats = floats(statistics, 9);
    if (stats == NULL) goto done;
    out = PyTuple_Pack(2, stats, listed);
done:
    Py_XDECREF(stats);
    Py_XDECREF(listed);
    PyMem_Free(rows);
    return out;
}

/* The probabilities and words read into p and w (n each): 1, or 0 where the Python reads them. */
static int read_page(PyObject *probabilities, PyObject *words, Py_ssize_t n, double *p, double *w) {
    PyObject **ps = PySequence_Fast_ITEMS(probabilities), **ws = PySequence_Fast_ITEMS(words);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyFloat_CheckExact(ps[i]) || !PyLong_CheckExact(ws[i])) return 0;
        p[i] = PyFloat_AS_DOUBLE(ps[i]);
        const double count = PyLong_AsDouble(ws[i]);
        if ((count == -1.0 && PyErr_Occurred()) || isnan(p[i]) || fabs(count) >= 9007199254740992.0) return 0;
        w[i] = count + 1.0;
    }
    return 1;
}

/* The two functions' three arguments: 1 when each is a list or tuple and the first two are
 * as long (zip's length: the Python's), with ``*n`` and ``*t`` the first's and the third's
 * lengths; 0 where the Python answers instead; -1 with a TypeError for another count. */
static int page_args(PyObject *const *args, Py_ssize_t nargs, const char *usage, Py_ssize_t *n, Py_ssize_t *t) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, usage);
        return -1;
    }
    for (int k = 0; k < 3; k++) {
        if (!PyList_CheckExact(args[k]) && !PyTuple_CheckExact(args[k])) return 0;
    }
    *n = PySequence_Fast_GET_SIZE(args[0]);
    *t = PySequence_Fast_GET_SIZE(args[2]);
    return PySequence_Fast_GET_SIZE(args[1]) == *n;
}

PyObject *cscore_cut_statistics(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Py_ssize_t n, t;
    const int read = page_args(args, nargs, "cut_statistics() takes 3 arguments (probabilities, words, thresholds)", &n, &t);
    if (read <= 0) return read < 0 ? NULL : none();
    PyObject **ts = PySequence_Fast_ITEMS(args[2]);
    double *values = PyMem_Malloc(sizeof(double) * (size_t)(2 * n + t + 1));
    if (values == NULL) return PyErr_NoMemory();
    double *p = values, *w = values + n, *thresholds = values + 2 * n;
    PyObject *out = NULL;
    if (!read_page(args[0], args[1], n, p, w)) goto fallback;
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

/* cut_threshold(probabilities, words, model) -> threshold or None: _cut.predicted_threshold in
 * one call, cut_statistics' sums then cut_choice's choice over them, without a float object
 * between the two (the same doubles: each statistic and its square, the row and its squares,
 * each candidate's products added in order from 0.0, the first highest sum's threshold object,
 * 0.5 when none is above -inf). None where cut_statistics or cut_choice would give None, or
 * where the model is not a sequence of (float threshold, sequence of floats or ints): the
 * Python then answers (or raises). */
PyObject *cscore_cut_threshold(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Py_ssize_t n, t;
    const int read = page_args(args, nargs, "cut_threshold() takes 3 arguments (probabilities, words, model)", &n, &t);
    if (read <= 0) return read < 0 ? NULL : none();
    PyObject **model = PySequence_Fast_ITEMS(args[2]);
    enum { SHARED = 19, INPUTS = SHARED + 4 }; /* 9 statistics, 1.0, their squares; a row and its squares */
    /* The page's doubles as cut_statistics allocates them; the rows apart (on the stack for
     * the model's few candidates). */
    double *values = PyMem_Malloc(sizeof(double) * (size_t)(2 * n + t + 1));
    double small_rows[64];
    double *rows = t <= 32 ? small_rows : PyMem_Malloc(sizeof(double) * (size_t)(2 * t));
    if (values == NULL || rows == NULL) {
        PyMem_Free(values);
        if (rows != small_rows) PyMem_Free(rows);
        return PyErr_NoMemory();
    }
    double *p = values, *w = values + n, *thresholds = values + 2 * n;
    double statistics[9], inputs[INPUTS];
    PyObject *out = NULL;
    for (Py_ssize_t k = 0; k < t; k++) {
        PyObject *pair = model[k];
        if (!PyTuple_CheckExact(pair) || PyTuple_GET_SIZE(pair) != 2) goto fallback;
        PyObject *threshold = PyTuple_GET_ITEM(pair, 0), *coefficients = PyTuple_GET_ITEM(pair, 1);
        if (!PyFloat_CheckExact(threshold) || isnan(PyFloat_AS_DOUBLE(threshold))) goto fallback;
        if (!PyTuple_CheckExact(coefficients) && !PyList_CheckExact(coefficients)) goto fallback;
        thresholds[k] = PyFloat_AS_DOUBLE(threshold);
    }
    if (!read_page(args[0], args[1], n, p, w)) goto fallback;
    const int done = compute(p, w, n, thresholds, t, statistics, rows);
    if (done < 0) goto failed;
    if (done == 0) goto fallback;
    for (int j = 0; j < 9; j++) {
        inputs[j] = statistics[j];
        inputs[10 + j] = statistics[j] * statistics[j];
    }
    inputs[9] = 1.0;
    double best = -INFINITY;
    Py_ssize_t chosen = -1;
    for (Py_ssize_t k = 0; k < t; k++) {
        PyObject *coefficients = PyTuple_GET_ITEM(model[k], 1);
        const double first = rows[2 * k], second = rows[2 * k + 1];
        inputs[SHARED] = first;
        inputs[SHARED + 1] = second;
        inputs[SHARED + 2] = first * first;
        inputs[SHARED + 3] = second * second;
        Py_ssize_t terms = PySequence_Fast_GET_SIZE(coefficients);
        if (terms > INPUTS) terms = INPUTS;
        PyObject **items = PySequence_Fast_ITEMS(coefficients);
        double predicted = 0.0;
        for (Py_ssize_t j = 0; j < terms; j++) {
            double c;
            if (PyFloat_CheckExact(items[j])) {
                c = PyFloat_AS_DOUBLE(items[j]);
            } else if (PyLong_CheckExact(items[j])) {
                c = PyLong_AsDouble(items[j]);
                if (c == -1.0 && PyErr_Occurred()) goto fallback;
            } else {
                goto fallback;
            }
            predicted += c * inputs[j];
        }
        if (predicted > best) {
            best = predicted;
            chosen = k;
        }
    }
    out = chosen >= 0 ? Py_NewRef(PyTuple_GET_ITEM(model[chosen], 0)) : PyFloat_FromDouble(0.5);
    goto done;
fallback:
    out = none();
    goto done;
failed:
    out = NULL;
done:
    PyMem_Free(values);
    if (rows != small_rows) PyMem_Free(rows);
    return out;
}
