/* What the files of the compiled build's _cfacts extension share: the features stage's
 * per-element passes (_element_facts, _repeats, _region) over the page's Elements, read in
 * place (an Element is a named tuple: its fields are the tuple's items, in _segmented.Element's
 * order). The Python functions stay the reference; tests/test_cfacts.py compares them. */
#ifndef BOILERSTRIP_CFACTS_H
#define BOILERSTRIP_CFACTS_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* _segmented.Element's fields, by position. */
enum {
    E_TAG = 0,
    E_PARENT = 1,
    E_NAMES = 3,
    E_ARIA = 4,
    E_CHARS = 6,
    E_LINK_CHARS = 7,
    E_TAGS = 8,
    E_LINK_TAGS = 9,
    E_FIELDS = 10
};

/* The elements (a list or a tuple of Elements) as a fast sequence, each checked to be a tuple
 * of at least E_FIELDS items, and, when `parents` is not NULL, each one's parent (PyMem_Malloc'd
 * into *parents, which the caller frees), checked to come before it (-1 for a root): the
 * document order every pass relies on. NULL with an exception set on failure. */
PyObject *read_elements(PyObject *elements, long long **parents);

/* A list (or a sequence) of ints as C integers, PyMem_Malloc'd (the caller frees), their number
 * in *count; NULL with an exception set. */
long long *read_ints(PyObject *seq, Py_ssize_t *count);

/* An int field of an Element (checked by read_elements); -1 with an exception on overflow. */
static inline long long field(PyObject *element, int index) {
    return PyLong_AsLongLong(PyTuple_GET_ITEM(element, index));
}

/* PyObject_IsTrue, without its call for the objects these passes test (bools and strs). */
static inline int truth(PyObject *o) {
    if (o == Py_True) return 1;
    if (o == Py_False || o == Py_None) return 0;
    if (PyUnicode_CheckExact(o)) return PyUnicode_GET_LENGTH(o) != 0;
    return PyObject_IsTrue(o);
}

/* How the loops find a class/id string's verdict (kind, names content, names an overlay) as
 * _name_verdicts.NameVerdicts.of finds it: its memo (a names string -> verdict) and what its
 * c_reader() gives: _ctokens.name_bits (or None), its two tables, the verdicts it decides by
 * number, and `of` itself, called only for a name that name_bits leaves to Python. */
typedef struct {
    PyObject *memo, *name_bits, *c_keys, *decision, *verdicts, *of;
} NameReader;

/* A NameReader of (memo, reader), all borrowed; -1 with a TypeError naming `who` if malformed. */
int read_name_reader(PyObject *memo, PyObject *reader, NameReader *out, const char *who);

/* The verdict on `names` (a new reference to a 3-tuple), a new one added to the memo as `of`
 * adds it; NULL with an exception. */
PyObject *name_verdict(const NameReader *r, PyObject *names);

PyObject *box_tallies(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *inherit(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *phrase_tallies(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *repeated_groups(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *overlay(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *containers(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *match_args_name(PyObject *module); /* _cfacts.c: borrowed from the module's state */

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
#endif
