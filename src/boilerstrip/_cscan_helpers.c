/* Three helpers of the compiled build's segment stage, in the _cscan extension so that the
 * compiled build loads one extension of its own for them (its Python fallbacks are the reference:
 * tests/test_cscan_helpers.py checks that both give the same). */
#include "_cscan.h"
#include <string.h>

/* Whether a str holds a control character _segment_blocks drops: U+0000-U+0008, U+000B,
 * U+000C, U+000E-U+001F and U+007F-U+009F (its _HAS_CONTROL.search, a regex whose charset
 * test took about 40 instructions a character; here a compare or two). */
PyObject *has_control(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "has_control() takes a str");
        return NULL;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    const int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *p = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (CONTROL((unsigned long)p[i])) Py_RETURN_TRUE;
    } else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *p = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (CONTROL((unsigned long)p[i])) Py_RETURN_TRUE;
    } else {
        const Py_UCS4 *p = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (CONTROL((unsigned long)p[i])) Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}

/* " ".join(text.translate(_segment_blocks._CONTROL).split()): a block's line with its control
 * characters dropped (has_control's set) and its whitespace runs (str.split's: Py_UNICODE_ISSPACE)
 * made one space, none at either end. In one pass where the translate (when a control
 * character is there), the split's list of words and the join took about 2,900 instructions a
 * block (_segment_blocks._collapse is the reference; tests/test_cscan_helpers.py checks them). */
#define COLLAPSE_LOOP(T)                                                           \
    {                                                                              \
        const T *p = data;                                                         \
        T *o = out;                                                                \
        for (Py_ssize_t i = 0; i < n; i++) {                                       \
            const Py_UCS4 c = p[i];                                                \
            if (CONTROL(c)) continue;                                              \
            if (Py_UNICODE_ISSPACE(c)) {                                           \
                pending = m > 0;                                                   \
                continue;                                                          \
            }                                                                      \
            if (pending) {                                                         \
                o[m++] = ' ';                                                      \
                pending = 0;                                                       \
            }                                                                      \
            o[m++] = (T)c;                                                         \
        }                                                                          \
    }

PyObject *collapse(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "collapse() takes a str");
        return NULL;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    const int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    void *out = PyMem_Malloc(n > 0 ? (size_t)n * (size_t)kind : 1);
    if (out == NULL) return PyErr_NoMemory();
    Py_ssize_t m = 0;
    int pending = 0;
    if (kind == PyUnicode_1BYTE_KIND)
        COLLAPSE_LOOP(Py_UCS1)
    else if (kind == PyUnicode_2BYTE_KIND)
        COLLAPSE_LOOP(Py_UCS2)
    else
        COLLAPSE_LOOP(Py_UCS4)
    PyObject *result;
    if (m == n && (n == 0 || memcmp(out, data, (size_t)n * (size_t)kind) == 0) && PyUnicode_CheckExact(arg)) {
        Py_INCREF(arg); /* nothing dropped or made a space: the text itself */
        result = arg;
    } else {
        result = PyUnicode_FromKindAndData(kind, out, m); /* narrowed to the least kind that holds it */
    }
    PyMem_Free(out);
    return result;
}
#undef COLLAPSE_LOOP

/* tuple.__new__(cls, fields) for a subclass of tuple (a named tuple) and an exact tuple of
 * its fields, as CPython's tuple_subtype_new makes it (the items in order), without the
 * argument checks and the temporary tuple of tuple.__new__'s call (about 890 instructions a
 * named tuple made from compiled code, here about 150). One difference: a tuple that can be in
 * no reference cycle is not tracked by the collector (settle() below), the rule CPython's own
 * collector applies to exact tuples (_PyTuple_MaybeUntrack) but never to a subclass's: every
 * collection skipped it (an Element, a Link: a page's thousands of them were traversed by each
 * young collection while the segment stage made them, and by the older ones until the page's
 * end). settle() applies that rule to a tuple whose items are set (the Elements', RawBlocks'
 * and links' makers use it too). */
/* Whether a tuple of this type holds references in its items alone (no __dict__, no slot). */
static inline int items_only(PyTypeObject *type) {
    return type->tp_dictoffset == 0 && type->tp_basicsize == PyTuple_Type.tp_basicsize;
}

/* Whether `item` can be in no reference cycle: of no GC type; an untracked tuple of items only
 * (an exact one, or a named tuple this rule left untracked); or, `depth` levels down at most,
 * an exact tuple whose items all are such, which is untracked here as the collector's next pass
 * would untrack it (_PyTuple_MaybeUntrack: a Markup's lists and cells, a block's links). */
static int acyclic(PyObject *item, int depth) {
    if (!PyType_IS_GC(Py_TYPE(item)) || !PyObject_IS_GC(item)) return 1; /* (the flag first: a str, an int) */
    if (!PyTuple_Check(item) || !items_only(Py_TYPE(item))) return 0;
    if (!PyObject_GC_IsTracked(item)) return 1;
    if (!PyTuple_CheckExact(item) || depth == 0) return 0;
    for (Py_ssize_t i = 0, n = PyTuple_GET_SIZE(item); i < n; i++)
        if (!acyclic(PyTuple_GET_ITEM(item, i), depth - 1)) return 0;
    PyObject_GC_UnTrack(item);
    return 1;
}

void settle(PyObject *made) {
    int atomic = items_only(Py_TYPE(made));
    for (Py_ssize_t i = 0, n = PyTuple_GET_SIZE(made); atomic && i < n; i++)
        atomic = acyclic(PyTuple_GET_ITEM(made, i), 2);
    if (atomic) {
        if (PyObject_GC_IsTracked(made)) PyObject_GC_UnTrack(made);
    } else if (!PyObject_GC_IsTracked(made)) {
        PyObject_GC_Track(made);
    }
}

PyObject *new_tuple(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyType_Check(args[0]) || !PyTuple_CheckExact(args[1]) ||
        !PyType_IsSubtype((PyTypeObject *)args[0], &PyTuple_Type) ||
        (PyTypeObject *)args[0] == &PyTuple_Type) {
        PyErr_SetString(PyExc_TypeError, "new_tuple() takes a subclass of tuple and a tuple");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)args[0];
    PyObject *fields = args[1];
    const Py_ssize_t n = PyTuple_GET_SIZE(fields);
    PyObject *made = type->tp_alloc(type, n);
    if (made == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) PyTuple_SET_ITEM(made, i, Py_NewRef(PyTuple_GET_ITEM(fields, i)));
    settle(made);
    return made;
}
