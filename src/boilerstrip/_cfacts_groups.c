/* The repeated sibling groups (_repeats.repeated_groups) and the overlay test
 * (_region.in_overlay) in C, for the compiled build: see _cfacts.h and _cfacts.c. */
#include "_cfacts.h"

/* A slot of the groups' table: the (parent, tag, names) of its first member, which the
 * slot's key is, and its hash; open addressing, linear probing, a power of two of entries. */
typedef struct {
    Py_hash_t hash;
    long long parent;
    PyObject *tag, *names; /* borrowed from the first member (the elements outlive the call) */
    Py_ssize_t slot;       /* -1: an empty entry */
} Entry;

static inline Py_hash_t mix(long long parent, Py_hash_t tag, Py_hash_t names) {
    Py_uhash_t h = (Py_uhash_t)parent * 0x9E3779B97F4A7C15ULL;
    h ^= (Py_uhash_t)tag + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2);
    h ^= (Py_uhash_t)names + 0x85EBCA77C2B2AE63ULL + (h << 6) + (h >> 2);
    return (Py_hash_t)h;
}

/* The slot of (parent, tag, names) in `table`, a new one (numbered *slots) where none is: -1
 * with an exception set on failure (a hash or a comparison that raised). */
static Py_ssize_t slot_of(Entry *table, size_t mask, long long parent, PyObject *tag, PyObject *names,
                          Py_ssize_t *slots) {
    const Py_hash_t tag_hash = PyObject_Hash(tag), names_hash = tag_hash == -1 ? -1 : PyObject_Hash(names);
    if (names_hash == -1 && PyErr_Occurred()) return -1;
    const Py_hash_t hash = mix(parent, tag_hash, names_hash);
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        Entry *e = &table[i];
        if (e->slot < 0) {
            *e = (Entry){hash, parent, tag, names, *slots};
            return (*slots)++;
        }
        if (e->hash != hash || e->parent != parent) continue;
        int same = PyObject_RichCompareBool(e->tag, tag, Py_EQ);
        if (same > 0) same = PyObject_RichCompareBool(e->names, names, Py_EQ);
        if (same < 0) return -1;
        if (same) return e->slot;
    }
}

/* A group: group_type (a named tuple of (chars, link_density, members)) made in place, and left
 * untracked by the collector (its items are an int, a float and an int: in no cycle). */
static PyObject *group(PyTypeObject *type, long long chars, long long links, long long members) {
    PyObject *made = type->tp_alloc(type, 3);
    if (made == NULL) return NULL;
    PyObject *items[3] = {PyLong_FromLongLong(chars),
                          PyFloat_FromDouble(chars ? (double)links / (double)chars : 0.0),
                          PyLong_FromLongLong(members)};
    for (int k = 0; k < 3; k++) {
        if (items[k] == NULL) {
            for (int j = 0; j < 3; j++) Py_XDECREF(items[j]);
            Py_DECREF(made);
            return NULL;
        }
        PyTuple_SET_ITEM(made, k, items[k]);
    }
    if (PyObject_GC_IsTracked(made)) PyObject_GC_UnTrack(made);
    return made;
}

/* repeated_groups(elements, min_siblings, group_type, none) -> list: per element, the innermost
 * group of repeated siblings that holds it, or `none`, as _repeats.repeated_groups gives it (the
 * siblings of one parent with the same tag and names, where the parent has min_siblings children
 * or more and they number min_siblings or more). */
PyObject *repeated_groups(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyType_Check(args[2]) || !PyType_IsSubtype((PyTypeObject *)args[2], &PyTuple_Type) ||
        ((PyTypeObject *)args[2])->tp_basicsize != PyTuple_Type.tp_basicsize) {
        PyErr_SetString(PyExc_TypeError, "repeated_groups() takes (elements, min_siblings, group_type, none)");
        return NULL;
    }
    const long long min_siblings = PyLong_AsLongLong(args[1]);
    if (min_siblings == -1 && PyErr_Occurred()) return NULL;
    long long *parents = NULL;
    PyObject *fast = read_elements(args[0], &parents);
    if (fast == NULL) return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast), *out = NULL, **groups = NULL;
    size_t size = 8;
    while (size < 2 * (size_t)n) size <<= 1;
    /* per element: children, then its slot (or -1); per slot: chars, links, members */
    long long *children = PyMem_Calloc((size_t)n + 1, sizeof(long long));
    Py_ssize_t *slot_at = PyMem_Malloc(sizeof(Py_ssize_t) * ((size_t)n + 1));
    long long *sums = PyMem_Calloc(3 * ((size_t)n + 1), sizeof(long long));
    Entry *table = PyMem_Malloc(sizeof(Entry) * size);
    Py_ssize_t slots = 0;
    if (children == NULL || slot_at == NULL || sums == NULL || table == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (size_t i = 0; i < size; i++) table[i].slot = -1;
    for (Py_ssize_t i = 0; i < n; i++)
        if (parents[i] >= 0) children[parents[i]] += 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        const long long parent = parents[i];
        slot_at[i] = -1;
        if (parent < 0 || children[parent] < min_siblings) continue;
        PyObject *e = items[i];
        const Py_ssize_t slot = slot_of(table, size - 1, parent, PyTuple_GET_ITEM(e, E_TAG),
                                        PyTuple_GET_ITEM(e, E_NAMES), &slots);
        if (slot < 0) goto done;
        const long long chars = field(e, E_CHARS);
        if (chars == -1 && PyErr_Occurred()) goto done;
        const long long links = field(e, E_LINK_CHARS);
        if (links == -1 && PyErr_Occurred()) goto done;
        sums[3 * slot] += chars;
        sums[3 * slot + 1] += links;
        sums[3 * slot + 2] += 1;
        slot_at[i] = slot;
    }
    groups = PyMem_Calloc((size_t)slots + 1, sizeof(PyObject *));
    if (groups == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t s = 0; s < slots; s++) {
        if (sums[3 * s + 2] < min_siblings) continue;
        groups[s] = group((PyTypeObject *)args[2], sums[3 * s], sums[3 * s + 1], sums[3 * s + 2]);
        if (groups[s] == NULL) goto done;
    }
    if ((out = PyList_New(n)) == NULL) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *g = slot_at[i] >= 0 ? groups[slot_at[i]] : NULL;
        if (g == NULL) g = parents[i] >= 0 ? PyList_GET_ITEM(out, parents[i]) : args[3];
        PyList_SET_ITEM(out, i, Py_NewRef(g));
    }
done:
    if (groups != NULL)
        for (Py_ssize_t s = 0; s < slots; s++) Py_XDECREF(groups[s]);
    PyMem_Free(groups);
    PyMem_Free(table);
    PyMem_Free(sums);
    PyMem_Free(slot_at);
    PyMem_Free(children);
    PyMem_Free(parents);
    Py_DECREF(fast);
    return out;
}

/* overlay(elements, tag_flags, bits, memo, reader, reviews, comments) -> list of bools:
 * _region.in_overlay. tag_flags: _element_facts.TAG_FLAGS; bits: (SCOPE_TAG, PAGE_BAR_TAG,
 * PAGE_TAG); memo and reader: the NameVerdicts' memo and c_reader() (see NameReader: a string
 * the memo lacks is added to it); comments: the kind a product page's reviews box has. */
PyObject *overlay(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    NameReader reader;
    if (nargs != 7 || !PyDict_Check(args[1]) || !PyTuple_Check(args[2]) || PyTuple_GET_SIZE(args[2]) != 3) {
        PyErr_SetString(PyExc_TypeError, "overlay() takes (elements, tag_flags, bits, memo, reader, reviews, comments)");
        return NULL;
    }
    if (read_name_reader(args[3], args[4], &reader, "overlay") < 0) return NULL;
    long bit[3];
    for (int k = 0; k < 3; k++) {
        bit[k] = PyLong_AsLong(PyTuple_GET_ITEM(args[2], k));
        if (bit[k] == -1 && PyErr_Occurred()) return NULL;
    }
    const int reviews = truth(args[5]);
    if (reviews < 0) return NULL;
    long long *parents = NULL;
    PyObject *fast = read_elements(args[0], &parents);
    if (fast == NULL) return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast), *out = NULL, *verdict = NULL;
    char *scoped = PyMem_Malloc((size_t)n + 1);
    if (scoped == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    if ((out = PyList_New(n)) == NULL) goto fail;
    PyObject *last_tag = NULL;
    long flags = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *e = items[i], *tag = PyTuple_GET_ITEM(e, E_TAG), *names = PyTuple_GET_ITEM(e, E_NAMES);
        const long long parent = parents[i];
        if (tag != last_tag) { /* (a dict look-up gives an equal tag the flags it had) */
            PyObject *found = PyDict_GetItemWithError(args[1], tag);
            if (found == NULL && PyErr_Occurred()) goto fail;
            flags = found == NULL ? 0 : PyLong_AsLong(found);
            if (flags == -1 && PyErr_Occurred()) goto fail;
            last_tag = tag;
        }
        int named = 0, inside = parent >= 0 && PyList_GET_ITEM(out, parent) == Py_True;
        const int in_scope = (parent >= 0 && scoped[parent]) || (flags & bit[0]) != 0;
        scoped[i] = (char)in_scope;
        if (!inside) {
            if ((flags & bit[1]) != 0 && !in_scope) {
                inside = 1;
            } else if ((flags & bit[2]) == 0 && (named = truth(names)) != 0) {
                if (named < 0) goto fail;
                if ((verdict = name_verdict(&reader, names)) == NULL) goto fail;
                inside = truth(PyTuple_GET_ITEM(verdict, 2));
                if (inside == 0 && reviews) inside = PyObject_RichCompareBool(PyTuple_GET_ITEM(verdict, 0), args[6], Py_EQ);
                if (inside < 0) goto fail;
                Py_CLEAR(verdict);
            }
        }
        PyList_SET_ITEM(out, i, Py_NewRef(inside ? Py_True : Py_False));
    }
    goto done;
fail:
    Py_CLEAR(out);
    Py_XDECREF(verdict);
done:
    PyMem_Free(scoped);
    PyMem_Free(parents);
    Py_DECREF(fast);
    return out;
}
