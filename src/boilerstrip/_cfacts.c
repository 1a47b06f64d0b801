/* The features stage's per-element passes in C, for the compiled build (see _cfacts.h): each
 * element's composite density (_element_facts.composite_density), the phrase boxes' tallies and
 * their spreading down the tree (_cfacts_boxes.c), the repeated
 * sibling groups and the overlay test (_cfacts_groups.c), the enclosing containers
 * (_cfacts_containers.c). No Python object
 * is made per element that the Python code did not make, and none per step of a loop: the
 * counts are C integers, and an element that takes its parent's value shares its object.
 *
 * Floats come out bit for bit as Python makes them: Element's fields are whole numbers below
 * 2**53 (counts of characters and tags), which a double holds exactly, so that Python's true
 * division of two ints and its float-int operations are the C operations on doubles, in the
 * same order; built with -ffp-contract=off (hatch_build.py), and with libm's log and log1p, as
 * math.log and math.log1p call them. */
#include <string.h>

#include "_cfacts.h"

#include <math.h>

PyObject *read_elements(PyObject *elements, long long **parents) {
    PyObject *fast = PySequence_Fast(elements, "the elements are not a sequence");
    if (fast == NULL) return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    long long *out = NULL;
    if (parents != NULL) {
        out = PyMem_Malloc(sizeof(long long) * (size_t)(n ? n : 1));
        if (out == NULL) {
            Py_DECREF(fast);
            PyErr_NoMemory();
            return NULL;
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyTuple_Check(items[i]) || PyTuple_GET_SIZE(items[i]) < E_FIELDS) {
            PyErr_SetString(PyExc_TypeError, "an element is not an Element");
            goto fail;
        }
        if (out != NULL) {
            const long long parent = field(items[i], E_PARENT);
            if (parent == -1 && PyErr_Occurred()) goto fail;
            if (parent < -1 || parent >= i) {
                PyErr_SetString(PyExc_ValueError, "an element's parent does not come before it");
                goto fail;
            }
            out[i] = parent;
        }
    }
    if (parents != NULL) *parents = out;
    return fast;
fail:
    PyMem_Free(out);
    Py_DECREF(fast);
    return NULL;
}

long long *read_ints(PyObject *seq, Py_ssize_t *count) {
    PyObject *fast = PySequence_Fast(seq, "not a sequence of ints");
    if (fast == NULL) return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    long long *out = PyMem_Malloc(sizeof(long long) * (size_t)(n ? n : 1));
    if (out == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(fast, i));
        if (out[i] == -1 && PyErr_Occurred()) {
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
    }
    Py_DECREF(fast);
    *count = n;
    return out;
}

int read_name_reader(PyObject *memo, PyObject *reader, NameReader *out, const char *who) {
    if (!PyDict_Check(memo) || !PyTuple_Check(reader) || PyTuple_GET_SIZE(reader) != 5 ||
        !PyTuple_Check(PyTuple_GET_ITEM(reader, 3))) {
        PyErr_Format(PyExc_TypeError, "%s(): the names' memo is not a dict or its reader not NameVerdicts.c_reader()",
                     who);
        return -1;
    }
    *out = (NameReader){memo,
                        PyTuple_GET_ITEM(reader, 0),
                        PyTuple_GET_ITEM(reader, 1),
                        PyTuple_GET_ITEM(reader, 2),
                        PyTuple_GET_ITEM(reader, 3),
                        PyTuple_GET_ITEM(reader, 4)};
    return 0;
}

PyObject *name_verdict(const NameReader *r, PyObject *names) {
    PyObject *found = PyDict_GetItemWithError(r->memo, names);
    if (found != NULL) return Py_NewRef(found);
    if (PyErr_Occurred()) return NULL;
    if (r->name_bits != Py_None) { /* as `of` calls it, without the call of `of` */
        PyObject *call[3] = {names, r->c_keys, r->decision};
        PyObject *split = PyObject_Vectorcall(r->name_bits, call, 3, NULL);
        if (split == NULL) return NULL;
        if (PyLong_CheckExact(split)) { /* decided in C: the verdict of that number */
            const Py_ssize_t number = PyLong_AsSsize_t(split);
            Py_DECREF(split);
            if (number == -1 && PyErr_Occurred()) return NULL;
            if (number < 0 || number >= PyTuple_GET_SIZE(r->verdicts)) {
                PyErr_SetString(PyExc_IndexError, "name_bits() gave no verdict's number");
                return NULL;
            }
            found = PyTuple_GET_ITEM(r->verdicts, number);
            if (PyDict_SetItem(r->memo, names, found) < 0) return NULL;
            Py_INCREF(found);
        } else {
            Py_DECREF(split); /* a name left to Python's search: `of` makes the verdict */
        }
    }
    if (found == NULL && (found = PyObject_CallOneArg(r->of, names)) == NULL) return NULL;
    if (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) != 3) {
        Py_DECREF(found);
        PyErr_SetString(PyExc_TypeError, "a names' verdict is not a (kind, content, overlay) tuple");
        return NULL;
    }
    return found;
}

static inline double py_max(double a, double b) { return b > a ? b : a; }
static inline long long at_least_one(long long a) { return a > 1 ? a : 1; }

/* _element_facts._ctd of an element's (chars, link_chars, tags, link_tags), the root's chars and
 * link_chars given. */
static double ctd(const long long e[4], long long root_chars, long long root_links) {
    const double c = (double)at_least_one(e[0]), t = (double)at_least_one(e[2]);
    const double lc = (double)at_least_one(e[1]), lt = (double)at_least_one(e[3]);
    const double non_link = (double)at_least_one(e[0] - e[1]);
    const double base =
        log(c / non_link * (double)e[1] + (double)root_links / (double)at_least_one(root_chars) * c + M_E);
    return (c / t) * log(c / lc * t / lt) / log(base + M_E - 1.0);
}

static int read_counts(PyObject *element, long long e[4]) {
    static const int fields[4] = {E_CHARS, E_LINK_CHARS, E_TAGS, E_LINK_TAGS};
    for (int k = 0; k < 4; k++) {
        e[k] = field(element, fields[k]);
        if (e[k] == -1 && PyErr_Occurred()) return -1;
    }
    return 0;
}

/* composite_density(elements, owners) -> list: _element_facts.composite_density. */
static PyObject *composite_density(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "composite_density() takes 2 arguments (elements, owners)");
        return NULL;
    }
    PyObject *fast = read_elements(args[0], NULL);
    if (fast == NULL) return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    long long *owners = NULL, root[4];
    Py_ssize_t count = 0;
    PyObject *out = NULL, *value = NULL;
    if (n == 0) {
        out = PyList_New(0);
        goto done;
    }
    if (read_counts(items[0], root) < 0 || (owners = read_ints(args[1], &count)) == NULL) goto done;
    const double root_density = py_max(ctd(root, root[0], root[1]), 1e-6);
    out = PyList_New(count);
    if (out == NULL) goto done;
    long long last = -1;
    for (Py_ssize_t i = 0; i < count; i++) {
        long long owner = owners[i];
        if (owner != last || value == NULL) {
            const long long index = owner < 0 ? owner + n : owner; /* as elems[owner] reads it */
            long long e[4];
            if (index < 0 || index >= n) {
                PyErr_SetString(PyExc_IndexError, "composite_density(): an owner is no element");
                goto fail;
            }
            if (read_counts(items[index], e) < 0) goto fail;
            const double x = py_max(ctd(e, root[0], root[1]), 0.0) / root_density;
            Py_XDECREF(value);
            value = PyFloat_FromDouble(x == 0.0 ? x : log1p(x)); /* math.log1p keeps a zero */
            if (value == NULL) goto fail;
            last = owner;
        }
        PyList_SET_ITEM(out, i, Py_NewRef(value)); /* a run of one owner's blocks shares it */
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    Py_XDECREF(value);
    PyMem_Free(owners);
    Py_DECREF(fast);
    return out;
}

/* A text's commas, ASCII (",") and full-width (U+FF0C), as _region._points counts them. */
static Py_ssize_t commas(PyObject *text) {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t count = 0;
    if (PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND) {
        for (const char *p = data, *end = p + n; (p = memchr(p, ',', (size_t)(end - p))) != NULL; p++) count++;
    } else if (PyUnicode_KIND(text) == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *p = data;
        for (Py_ssize_t i = 0; i < n; i++) count += p[i] == ',' || p[i] == 0xFF0C;
    } else {
        const Py_UCS4 *p = data;
        for (Py_ssize_t i = 0; i < n; i++) count += p[i] == ',' || p[i] == 0xFF0C;
    }
    return count;
}

/* points(texts, words, link_density, no_points, min_words, max_link_density) -> list:
 * _region.points_of's column in one pass (its Python is the reference: tests/test_cfacts.py),
 * each value computed in the order Python computes it (this file is built without contraction). */
PyObject *points(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 6 || !PyList_Check(args[0]) || !PyList_Check(args[1]) || !PyList_Check(args[2]) ||
        !PyList_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "points() takes texts, words, link_density, no_points (lists), "
                                         "min_words and max_link_density");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(args[0]);
    const long long min_words = PyLong_AsLongLong(args[4]);
    const double max_density = PyFloat_AsDouble(args[5]);
    if (PyErr_Occurred()) return NULL;
    if (PyList_GET_SIZE(args[1]) < n || PyList_GET_SIZE(args[2]) < n || PyList_GET_SIZE(args[3]) < n) {
        PyErr_SetString(PyExc_IndexError, "points(): a column is shorter than the texts");
        return NULL;
    }
    PyObject *out = PyList_New(n);
    for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
        const double density = PyFloat_AsDouble(PyList_GET_ITEM(args[2], i));
        const int none = truth(PyList_GET_ITEM(args[3], i));
        const long long words = none ? 0 : PyLong_AsLongLong(PyList_GET_ITEM(args[1], i));
        PyObject *text = PyList_GET_ITEM(args[0], i), *value = NULL;
        if (!PyErr_Occurred() && none >= 0) {
            double v = 0.0;
            if (!none && words >= min_words && !(density > max_density)) {
                if (!PyUnicode_Check(text)) {
                    PyErr_SetString(PyExc_TypeError, "points(): a text is not a str");
                    Py_CLEAR(out);
                    break;
                }
                const double share = (double)PyUnicode_GET_LENGTH(text) / 100.0;
                v = (1.0 + (double)commas(text) + (3.0 < share ? 3.0 : share)) * (1.0 - density);
            }
            value = PyFloat_FromDouble(v);
        }
        if (value == NULL) Py_CLEAR(out);
        else PyList_SET_ITEM(out, i, value);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"composite_density", (PyCFunction)(void (*)(void))composite_density, METH_FASTCALL,
     "composite_density(elements, owners) -> list: _element_facts.composite_density"},
    {"box_tallies", (PyCFunction)(void (*)(void))box_tallies, METH_FASTCALL,
     "box_tallies(elements, owners, words, titles, nodes) -> (counts, all_words, title_counts) at the nodes"},
    {"phrase_tallies", (PyCFunction)(void (*)(void))phrase_tallies, METH_FASTCALL,
     "phrase_tallies(elements, owners, kinds, words) -> (nodes, tallies, hit_words) or None: "
     "_element_facts._phrase_tallies"},
    {"inherit", (PyCFunction)(void (*)(void))inherit, METH_FASTCALL,
     "inherit(elements, marks, values, default) -> list: each element's mark's value, else its parent's"},
    {"repeated_groups", (PyCFunction)(void (*)(void))repeated_groups, METH_FASTCALL,
     "repeated_groups(elements, min_siblings, group_type, none) -> list: _repeats.repeated_groups"},
    {"overlay", (PyCFunction)(void (*)(void))overlay, METH_FASTCALL,
     "overlay(elements, tag_flags, bits, memo, reader, reviews, comments) -> list: _region.in_overlay"},
    {"containers", (PyCFunction)(void (*)(void))containers, METH_FASTCALL,
     "containers(elements, above_region, tag_flags, bits, tables, memo, reader, make, none, strengths) -> "
     "list: _element_facts.enclosing_containers"},
    {"points", (PyCFunction)(void (*)(void))points, METH_FASTCALL,
     "points(texts, words, link_density, no_points, min_words, max_link_density) -> list: _region.points_of"},
    {NULL, NULL, 0, NULL},
};

/* The module's state: the name "__match_args__", interned when the module is made (containers()
 * reads it on the Container type: a str made for each call missed the type's attribute cache). */
typedef struct {
    PyObject *match_args;
} State;

static int exec_module(PyObject *module) {
    State *state = PyModule_GetState(module);
    state->match_args = PyUnicode_InternFromString("__match_args__");
    return state->match_args == NULL ? -1 : 0;
}

static void free_module(void *module) {
    State *state = PyModule_GetState((PyObject *)module);
    if (state != NULL) Py_CLEAR(state->match_args);
}

PyObject *match_args_name(PyObject *module) {
    State *state = PyModule_GetState(module);
    if (state != NULL && state->match_args == NULL) PyErr_SetString(PyExc_SystemError, "_cfacts: no module state");
    return state != NULL ? state->match_args : NULL;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED}, /* no C global: the state above (made once, then only read), the arguments */
#endif
    {0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT,
    .m_name = "boilerstrip._cfacts",
    .m_doc = "The features stage's per-element passes in C (the compiled build).",
    .m_size = sizeof(State),
    .m_methods = methods,
    .m_slots = slots,
    .m_free = free_module,
};

PyMODINIT_FUNC PyInit__cfacts(void) { return PyModuleDef_Init(&definition); }
