/* The score and smooth stages' per-block float loops in C, for the compiled build (see
 * _probability.py, whose Python code stays the fallback and the reference).
 *
 * Every value comes out bit for bit as the Python code makes it: the same IEEE operations
 * in the same order on C doubles (SSE2, no excess precision), built with
 * -ffp-contract=off so that no product and sum are fused (hatch_build.py), and libm's exp()
 * and log(), which math.exp and math.log call. Python's two-argument min(a, b) is
 * `b < a ? b : a` and max(a, b) `b > a ? b : a` (NaN included), and sum() over floats
 * adds them in order from 0.0. tests/test_cscore.py compares each function with the
 * Python code on hand-made and generated inputs (NaN, infinities, zeros of both signs).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "_cscore.h"

/* _probability._logit */
static inline double logit(double p) {
    p = py_min(py_max(p, 1e-6), 1.0 - 1e-6);
    return log(p / (1.0 - p));
}

/* weigh(z, weight, column) -> bytes: z[i] += weight * column[i] for every block, in
 * place on z (a writable buffer of doubles, one a block), and the column's doubles as
 * _score_table.doubles makes them. */
static PyObject *weigh(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "weigh() takes 3 arguments (z, weight, column)");
        return NULL;
    }
    const double weight = PyFloat_AsDouble(args[1]);
    if (weight == -1.0 && PyErr_Occurred()) return NULL;
    PyObject *column = PySequence_Fast(args[2], "weigh(): the column is not a sequence");
    if (column == NULL) return NULL;
    Py_buffer view;
    if (PyObject_GetBuffer(args[0], &view, PyBUF_WRITABLE | PyBUF_FORMAT) < 0) {
        Py_DECREF(column);
        return NULL;
    }
    PyObject *out = NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(column);
    if (view.itemsize != (Py_ssize_t)sizeof(double) || view.format == NULL || strcmp(view.format, "d") != 0) {
        PyErr_SetString(PyExc_TypeError, "weigh(): z is not a buffer of doubles");
        goto done;
    }
    if (view.len / (Py_ssize_t)sizeof(double) != n) {
        PyErr_SetString(PyExc_ValueError, "weigh(): z and the column differ in length");
        goto done;
    }
    out = PyBytes_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    if (out == NULL) goto done;
    double *z = view.buf, *raw = (double *)PyBytes_AS_STRING(out);
    PyObject **items = PySequence_Fast_ITEMS(column);
    for (Py_ssize_t i = 0; i < n; i++) {
        const double x = as_double(items[i]);
        if (x == -1.0 && PyErr_Occurred()) {
            Py_CLEAR(out);
            goto done;
        }
        raw[i] = x;
        z[i] += weight * x;
    }
done:
    PyBuffer_Release(&view);
    Py_DECREF(column);
    return out;
}

PyObject *sigmoid_tuple(const double *z, Py_ssize_t n, double cap) {
    PyObject *out = PyTuple_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *value = PyFloat_FromDouble(sigmoid(z[i], cap));
        if (value == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, i, value);
    }
    return out;
}

/* sigmoids(z, cap) -> tuple: _sigmoid of each double of the buffer z. */
static PyObject *sigmoids(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "sigmoids() takes 2 arguments (z, cap)");
        return NULL;
    }
    const double cap = PyFloat_AsDouble(args[1]);
    if (cap == -1.0 && PyErr_Occurred()) return NULL;
    Py_buffer view;
    if (PyObject_GetBuffer(args[0], &view, PyBUF_FORMAT) < 0) return NULL;
    PyObject *out = NULL;
    if (view.itemsize != (Py_ssize_t)sizeof(double) || view.format == NULL || strcmp(view.format, "d") != 0) {
        PyErr_SetString(PyExc_TypeError, "sigmoids(): z is not a buffer of doubles");
        goto done;
    }
    out = sigmoid_tuple(view.buf, view.len / (Py_ssize_t)sizeof(double), cap);
done:
    PyBuffer_Release(&view);
    return out;
}

/* smooth(probabilities, words, window, short_words, bias, own, near, window_weight, short,
 * cap) -> tuple: _probability.smooth's probabilities from its rows (_smoothing_rows); the
 * probabilities a sequence of floats or a buffer of doubles (score_page's array). The
 * words and their sums are whole numbers (long long: exact as Python's ints below 2**63;
 * a larger count raises OverflowError). */
static PyObject *smooth(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 10) {
        PyErr_SetString(PyExc_TypeError, "smooth() takes 10 arguments");
        return NULL;
    }
    const Py_ssize_t window = PyNumber_AsSsize_t(args[2], PyExc_OverflowError);
    if (window == -1 && PyErr_Occurred()) return NULL;
    const long long short_words = PyLong_AsLongLong(args[3]);
    if (short_words == -1 && PyErr_Occurred()) return NULL;
    double c[6]; /* bias, own, near, window, short, cap */
    for (int k = 0; k < 6; k++) {
        c[k] = PyFloat_AsDouble(args[4 + k]);
        if (c[k] == -1.0 && PyErr_Occurred()) return NULL;
    }
    /* The probabilities: a buffer of doubles (score_page's array) read in place, else a sequence. */
    Py_buffer view = {0};
    PyObject *ps = NULL;
    if (!PyList_CheckExact(args[0]) && !PyTuple_CheckExact(args[0]) && PyObject_CheckBuffer(args[0])) {
        if (PyObject_GetBuffer(args[0], &view, PyBUF_FORMAT) < 0) return NULL;
        if (view.itemsize != (Py_ssize_t)sizeof(double) || view.format == NULL || strcmp(view.format, "d") != 0) {
            PyBuffer_Release(&view);
            PyErr_SetString(PyExc_TypeError, "smooth(): the probabilities are not a buffer of doubles");
            return NULL;
        }
    } else if ((ps = PySequence_Fast(args[0], "smooth(): the probabilities are not a sequence")) == NULL) {
        return NULL;
    }
    const double *buffered = ps == NULL ? view.buf : NULL;
    PyObject *ws = PySequence_Fast(args[1], "smooth(): the words are not a sequence");
    PyObject *out = NULL;
    double *logits = NULL, *weighted = NULL;
    long long *words = NULL, *prefix = NULL;
    if (ws == NULL) goto done;
    const Py_ssize_t n = ps == NULL ? view.len / (Py_ssize_t)sizeof(double) : PySequence_Fast_GET_SIZE(ps);
    if (PySequence_Fast_GET_SIZE(ws) != n) {
        PyErr_SetString(PyExc_ValueError, "smooth(): probabilities and words differ in length");
        goto done;
    }
    const size_t m = n > 0 ? (size_t)n : 1;
    logits = PyMem_Malloc(m * sizeof(double));
    weighted = PyMem_Malloc(m * sizeof(double));
    words = PyMem_Malloc(m * sizeof(long long));
    prefix = PyMem_Malloc((m + 1) * sizeof(long long)); /* prefix[i]: the weights of blocks < i */
    if (logits == NULL || weighted == NULL || words == NULL || prefix == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    prefix[0] = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const double p = buffered != NULL ? buffered[i] : as_double(PySequence_Fast_GET_ITEM(ps, i));
        if (p == -1.0 && PyErr_Occurred()) goto done;
        words[i] = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(ws, i));
        if (words[i] == -1 && PyErr_Occurred()) goto done;
        if (words[i] == LLONG_MAX) {
            PyErr_SetString(PyExc_OverflowError, "smooth(): a word count too large");
            goto done;
        }
        const long long weight = words[i] + 1;
        logits[i] = logit(p);
        weighted[i] = logits[i] * (double)weight;
        if (__builtin_add_overflow(prefix[i], weight, &prefix[i + 1])) {
            PyErr_SetString(PyExc_OverflowError, "smooth(): the words' sum too large");
            goto done;
        }
    }
    out = PyTuple_New(n);
    if (out == NULL) goto done;
    const Py_ssize_t last = n - 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Py_ssize_t lo = i - window > 0 ? i - window : 0;
        const Py_ssize_t hi = i + window + 1 < n ? i + window + 1 : n;
        /* The window's weights without the block's own: exact whole numbers. */
        const long long total = (prefix[i] - prefix[lo]) + (prefix[hi] - prefix[i + 1]);
        double near;
        if (0 < i && i < last)
            near = (0.0 + logits[i - 1] + logits[i + 1]) / 2.0;
        else
            near = n > 1 ? 0.0 + logits[i == 0 ? 1 : i - 1] : 0.0;
        double in_window = 0.0;
        if (total) {
            double sum = 0.0; /* sum() from 0: 0 + x is 0.0 + x */
            for (Py_ssize_t j = lo; j < i; j++) sum += weighted[j];
            for (Py_ssize_t j = i + 1; j < hi; j++) sum += weighted[j];
            in_window = sum / (double)total;
        }
        const double is_short = words[i] < short_words ? 1.0 : 0.0;
        const double z = c[0] + (0.0 + c[1] * logits[i] + c[2] * near + c[3] * in_window + c[4] * is_short);
        PyObject *value = PyFloat_FromDouble(sigmoid(z, c[5]));
        if (value == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyTuple_SET_ITEM(out, i, value);
    }
done:
    PyMem_Free(logits);
    PyMem_Free(weighted);
    PyMem_Free(words);
    PyMem_Free(prefix);
    if (ps == NULL) PyBuffer_Release(&view);
    Py_XDECREF(ps);
    Py_XDECREF(ws);
    return out;
}

/* An exact float's double, else -1.0 with *exact cleared (the caller leaves the work to Python). */
static inline double exact_double(PyObject *item, int *exact) {
    if (!PyFloat_CheckExact(item)) {
        *exact = 0;
        return -1.0;
    }
    return PyFloat_AS_DOUBLE(item);
}

/* cut_choice(model, page, rows) -> threshold or None: _cut.predicted_threshold's choice.
 * For each candidate (threshold, coefficients) of the model and its row of candidate
 * statistics (zip(model, rows)), the products of the coefficients and the inputs (page, then
 * the row's values, then their squares: _cut.model_inputs), as many as the shorter of the
 * two gives, added in order from 0.0; the threshold object of the highest sum (the first on
 * ties; 0.5 when no sum is above -inf). None when an input is not an exact float (an int
 * squared in Python is exact, a double's square is not): Python then makes the sums. */
static PyObject *cut_choice(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "cut_choice() takes 3 arguments (model, page, rows)");
        return NULL;
    }
    PyObject *model = PySequence_Fast(args[0], "cut_choice(): the model is not a sequence");
    if (model == NULL) return NULL;
    PyObject *page = PySequence_Fast(args[1], "cut_choice(): the page's inputs are not a sequence");
    if (page == NULL) {
        Py_DECREF(model);
        return NULL;
    }
    PyObject *rows = PySequence_Fast(args[2], "cut_choice(): the rows are not a sequence");
    if (rows == NULL) {
        Py_DECREF(model);
        Py_DECREF(page);
        return NULL;
    }
    PyObject *out = NULL, *best_threshold = NULL;
    double *inputs = NULL;
    const Py_ssize_t shared = PySequence_Fast_GET_SIZE(page);
    Py_ssize_t candidates = PySequence_Fast_GET_SIZE(model);
    if (PySequence_Fast_GET_SIZE(rows) < candidates) candidates = PySequence_Fast_GET_SIZE(rows);
    Py_ssize_t widest = 0; /* the longest row, whose values and squares follow the page's inputs */
    for (Py_ssize_t k = 0; k < candidates; k++) {
        PyObject *row = PySequence_Fast_GET_ITEM(rows, k);
        if (!PyTuple_CheckExact(row) && !PyList_CheckExact(row)) {
            out = Py_NewRef(Py_None);
            goto done;
        }
        if (PySequence_Fast_GET_SIZE(row) > widest) widest = PySequence_Fast_GET_SIZE(row);
    }
    inputs = PyMem_Malloc((size_t)(shared + 2 * widest + 1) * sizeof(double));
    if (inputs == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int exact = 1;
    for (Py_ssize_t j = 0; j < shared; j++) inputs[j] = exact_double(PySequence_Fast_GET_ITEM(page, j), &exact);
    if (!exact) {
        out = Py_NewRef(Py_None);
        goto done;
    }
    double best = -INFINITY;
    for (Py_ssize_t k = 0; k < candidates; k++) {
        PyObject *pair = PySequence_Fast(PySequence_Fast_GET_ITEM(model, k), "cut_choice(): a candidate is not a pair");
        if (pair == NULL) goto done;
        if (PySequence_Fast_GET_SIZE(pair) != 2) {
            Py_DECREF(pair);
            PyErr_SetString(PyExc_ValueError, "cut_choice(): a candidate is not a pair");
            goto done;
        }
        PyObject *coefficients = PySequence_Fast(PySequence_Fast_GET_ITEM(pair, 1), "cut_choice(): no coefficients");
        if (coefficients == NULL) {
            Py_DECREF(pair);
            goto done;
        }
        PyObject *row = PySequence_Fast_GET_ITEM(rows, k);
        const Py_ssize_t own = PySequence_Fast_GET_SIZE(row);
        for (Py_ssize_t j = 0; j < own; j++) {
            const double v = exact_double(PySequence_Fast_GET_ITEM(row, j), &exact);
            inputs[shared + j] = v;
            inputs[shared + own + j] = v * v;
        }
        if (!exact) {
            Py_DECREF(coefficients);
            Py_DECREF(pair);
            out = Py_NewRef(Py_None);
            goto done;
        }
        Py_ssize_t terms = shared + 2 * own;
        if (PySequence_Fast_GET_SIZE(coefficients) < terms) terms = PySequence_Fast_GET_SIZE(coefficients);
        PyObject **items = PySequence_Fast_ITEMS(coefficients);
        double predicted = 0.0;
        for (Py_ssize_t j = 0; j < terms; j++) {
            const double c = as_double(items[j]);
            if (c == -1.0 && PyErr_Occurred()) {
                Py_DECREF(coefficients);
                Py_DECREF(pair);
                goto done;
            }
            predicted += c * inputs[j];
        }
        Py_DECREF(coefficients);
        if (predicted > best) {
            best = predicted;
            Py_XSETREF(best_threshold, Py_NewRef(PySequence_Fast_GET_ITEM(pair, 0)));
        }
        Py_DECREF(pair);
    }
    out = best_threshold != NULL ? Py_NewRef(best_threshold) : PyFloat_FromDouble(0.5);
done:
    Py_XDECREF(best_threshold);
    PyMem_Free(inputs);
    Py_DECREF(model);
    Py_DECREF(page);
    Py_DECREF(rows);
    return out;
}

/* _cscore_columns.c */
PyObject *cscore_weigh_neighbours(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *cscore_caption_heads(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
/* _cscore_page.c */
PyObject *cscore_score_page(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
/* _cscore_cut.c */
PyObject *cscore_cut_statistics(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *cscore_cut_threshold(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

static PyMethodDef methods[] = {
    {"weigh_neighbours", (PyCFunction)(void (*)(void))cscore_weigh_neighbours, METH_FASTCALL,
     "weigh_neighbours(z, weight, column) -> bytes or None: weigh() of _scorers._neighbour_mean(column)"},
    {"caption_heads", (PyCFunction)(void (*)(void))cscore_caption_heads, METH_FASTCALL,
     "caption_heads(texts) -> bytes: 1 per text where _scorers._may_hold_tail holds, else 0"},
    {"score_page", (PyCFunction)(void (*)(void))cscore_score_page, METH_FASTCALL,
     "score_page(weights, off, index, made, near, template, cap) -> (names, columns, probabilities) or None: "
     "_probability._score_c's weighed and packed columns"},
    {"weigh", (PyCFunction)(void (*)(void))weigh, METH_FASTCALL,
     "weigh(z, weight, column) -> bytes: z[i] += weight * column[i] in place, and the column's doubles"},
    {"sigmoids", (PyCFunction)(void (*)(void))sigmoids, METH_FASTCALL,
     "sigmoids(z, cap) -> tuple: _probability._sigmoid of each double of z"},
    {"smooth", (PyCFunction)(void (*)(void))smooth, METH_FASTCALL,
     "smooth(probabilities, words, window, short_words, bias, own, near, window_weight, short, cap) -> tuple: "
     "_probability.smooth's probabilities"},
    {"cut_choice", (PyCFunction)(void (*)(void))cut_choice, METH_FASTCALL,
     "cut_choice(model, page, rows) -> threshold or None: _cut.predicted_threshold's choice"},
    {"cut_statistics", (PyCFunction)(void (*)(void))cscore_cut_statistics, METH_FASTCALL,
     "cut_statistics(probabilities, words, thresholds) -> (statistics, rows) or None: "
     "_cut.page_statistics and _cut._candidate_rows"},
    {"cut_threshold", (PyCFunction)(void (*)(void))cscore_cut_threshold, METH_FASTCALL,
     "cut_threshold(probabilities, words, model) -> threshold or None: _cut.predicted_threshold"},
    {"echo_head", cscore_echo_head, METH_O, "echo_head(text) -> bool: see _dumps.echo_head"},
    {"control_text", (PyCFunction)(void (*)(void))cscore_control_text, METH_FASTCALL,
     "control_text(text, strip) -> str or None: see _controls.control_text"},
    {"price_sieve", (PyCFunction)(void (*)(void))cscore_price_sieve, METH_FASTCALL,
     "price_sieve(text, currencies) -> bool or None: see _product_cards.price_sieve"},
    {"shared_depths", (PyCFunction)(void (*)(void))cscore_shared_depths, METH_FASTCALL,
     "shared_depths(locators, path) -> list: _product_cards._shared_depths(locators, path.split('>'))"},
    {"same_ancestor", (PyCFunction)(void (*)(void))cscore_same_ancestor, METH_FASTCALL,
     "same_ancestor(one, other, levels) -> bool: see _copied_boxes.same_ancestor"},
    {"forms_of", cscore_forms_of, METH_O, "forms_of(locators) -> list or None: _form_labels.form_of of each"},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED}, /* no C state: the arguments only */
#endif
    {0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT,
    .m_name = "boilerstrip._cscore",
    .m_doc = "The score and smooth stages' float loops in C (the compiled build).",
    .m_size = 0,
    .m_methods = methods,
    .m_slots = slots,
};

PyMODINIT_FUNC PyInit__cscore(void) { return PyModuleDef_Init(&definition); }
