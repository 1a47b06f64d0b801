/* The phrase boxes' passes (_element_facts.phrase_boxes) in C, for the compiled build: see
 * _cfacts.h. The phrase blocks' tallies walked up the tree (phrase_tallies), every block's
 * subtree totals at the candidate boxes (box_tallies) and the boxes spread down the tree
 * (inherit). */
#include "_cfacts.h"

/* box_tallies(elements, owners, words, titles, nodes) -> (counts, all_words, title_counts): the
 * lists _element_facts._box_tallies gives, read at the elements `nodes` only (the candidate
 * boxes: a few of the page's elements), title_counts empty when titles is. */
PyObject *box_tallies(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "box_tallies() takes 5 arguments");
        return NULL;
    }
    long long *parents = NULL, *owners = NULL, *words = NULL, *titles = NULL, *nodes = NULL, *sums = NULL;
    Py_ssize_t n_owners = 0, n_words = 0, n_titles = 0, n_nodes = 0;
    PyObject *result = NULL, *lists[3] = {NULL, NULL, NULL};
    PyObject *fast = read_elements(args[0], &parents);
    if (fast == NULL) return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    if ((owners = read_ints(args[1], &n_owners)) == NULL || (words = read_ints(args[2], &n_words)) == NULL ||
        (titles = read_ints(args[3], &n_titles)) == NULL || (nodes = read_ints(args[4], &n_nodes)) == NULL)
        goto done;
    if (n_words < n_owners || (n_titles && n_titles > n_owners)) {
        PyErr_SetString(PyExc_IndexError, "box_tallies(): fewer words or owners than blocks");
        goto done;
    }
    sums = PyMem_Calloc((size_t)(3 * (n ? n : 1)), sizeof(long long));
    if (sums == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    long long *counts = sums, *all_words = sums + n, *title_counts = sums + 2 * n;
    for (Py_ssize_t i = 0; i < n_owners; i++) {
        const long long owner = owners[i] < 0 ? owners[i] + n : owners[i];
        if (owner < 0 || owner >= n) {
            PyErr_SetString(PyExc_IndexError, "box_tallies(): an owner is no element");
            goto done;
        }
        counts[owner] += 1;
        all_words[owner] += words[i] + 1;
        if (i < n_titles && titles[i]) title_counts[owner] += 1;
    }
    for (Py_ssize_t index = n - 1; index > 0; index--) {
        const long long parent = parents[index];
        if (counts[index] && parent >= 0) {
            counts[parent] += counts[index];
            all_words[parent] += all_words[index];
            title_counts[parent] += title_counts[index];
        }
    }
    for (int k = 0; k < 3; k++) {
        const Py_ssize_t size = k == 2 && n_titles == 0 ? 0 : n_nodes;
        if ((lists[k] = PyList_New(size)) == NULL) goto done;
        for (Py_ssize_t j = 0; j < size; j++) {
            const long long node = nodes[j] < 0 ? nodes[j] + n : nodes[j];
            if (node < 0 || node >= n) {
                PyErr_SetString(PyExc_IndexError, "box_tallies(): a node is no element");
                goto done;
            }
            PyObject *value = PyLong_FromLongLong(sums[k * n + node]);
            if (value == NULL) goto done;
            PyList_SET_ITEM(lists[k], j, value);
        }
    }
    result = PyTuple_Pack(3, lists[0], lists[1], lists[2]);
done:
    for (int k = 0; k < 3; k++) Py_XDECREF(lists[k]);
    PyMem_Free(sums);
    PyMem_Free(nodes);
    PyMem_Free(titles);
    PyMem_Free(words);
    PyMem_Free(owners);
    PyMem_Free(parents);
    Py_DECREF(fast);
    return result;
}

/* inherit(elements, marks, values, default) -> list: per element, values[k] where it is
 * marks[k] (marks ascending), else its parent's item, else `default` (a root): the value of
 * the innermost marked element that holds it, as _element_facts.phrase_boxes spreads its
 * boxes. Every item is one of the objects given. */
PyObject *inherit(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "inherit() takes 4 arguments (elements, marks, values, default)");
        return NULL;
    }
    long long *parents = NULL, *marks = NULL;
    Py_ssize_t n_marks = 0;
    PyObject *out = NULL, *values = NULL;
    PyObject *fast = read_elements(args[0], &parents);
    if (fast == NULL) return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    if ((marks = read_ints(args[1], &n_marks)) == NULL) goto done;
    if ((values = PySequence_Fast(args[2], "inherit(): the values are not a sequence")) == NULL) goto done;
    if (PySequence_Fast_GET_SIZE(values) < n_marks) {
        PyErr_SetString(PyExc_ValueError, "inherit(): fewer values than marks");
        goto done;
    }
    if ((out = PyList_New(n)) == NULL) goto done;
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *value;
        while (at < n_marks && marks[at] < i) at++; /* (ascending: a mark past the end is none) */
        if (at < n_marks && marks[at] == i)
            value = PySequence_Fast_GET_ITEM(values, at);
        else
            value = parents[i] >= 0 ? PyList_GET_ITEM(out, parents[i]) : args[3];
        PyList_SET_ITEM(out, i, Py_NewRef(value));
    }
done:
    Py_XDECREF(values);
    PyMem_Free(marks);
    PyMem_Free(parents);
    Py_DECREF(fast);
    return out;
}


enum { MAX_KINDS = 16 }; /* distinct phrase kinds a page's tallies count in C (Label has 11) */

/* phrase_tallies(elements, owners, kinds, words) -> (nodes, tallies, hit_words) or None: per
 * element that is or holds a phrase block (kinds[i] not None), first met first: its index, its
 * {kind: blocks} and the words + 1 of those blocks, as _element_facts._phrase_tallies gives
 * them; None (the caller's Python then) where the kinds number more than MAX_KINDS. */
PyObject *phrase_tallies(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "phrase_tallies() takes 4 arguments (elements, owners, kinds, words)");
        return NULL;
    }
    long long *parents = NULL, *owners = NULL, *words = NULL, *nodes = NULL, *hits = NULL;
    Py_ssize_t *slot_at = NULL, n_owners = 0, n_words = 0, n_slots = 0, cap = 0, n_kinds = 0;
    unsigned *counts = NULL;
    PyObject *kinds = NULL, *seen[MAX_KINDS], *result = NULL, *lists[3] = {NULL, NULL, NULL};
    PyObject *fast = read_elements(args[0], &parents);
    if (fast == NULL) return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    if ((owners = read_ints(args[1], &n_owners)) == NULL || (words = read_ints(args[3], &n_words)) == NULL ||
        (kinds = PySequence_Fast(args[2], "phrase_tallies(): the kinds are not a sequence")) == NULL)
        goto done;
    if (n_words < n_owners || PySequence_Fast_GET_SIZE(kinds) < n_owners) {
        PyErr_SetString(PyExc_IndexError, "phrase_tallies(): fewer words or kinds than blocks");
        goto done;
    }
    if ((slot_at = PyMem_Malloc(sizeof(Py_ssize_t) * ((size_t)n + 1))) == NULL) goto no_memory;
    for (Py_ssize_t i = 0; i < n; i++) slot_at[i] = -1;
    for (Py_ssize_t i = 0; i < n_owners; i++) {
        PyObject *kind = PySequence_Fast_GET_ITEM(kinds, i);
        if (kind == Py_None) continue;
        Py_ssize_t k = 0;
        while (k < n_kinds && seen[k] != kind) k++; /* the same object mostly (an enum's value) */
        for (Py_ssize_t j = 0; k == n_kinds && j < n_kinds; j++) {
            const int same = PyObject_RichCompareBool(seen[j], kind, Py_EQ);
            if (same < 0) goto done;
            if (same) k = j;
        }
        if (k == n_kinds) {
            if (n_kinds == MAX_KINDS) { /* more kinds than the table holds: Python's loop */
                result = Py_NewRef(Py_None);
                goto done;
            }
            seen[n_kinds++] = kind; /* borrowed: `kinds` holds it */
        }
        const long long step = words[i] + 1;
        long long node = owners[i]; /* (a negative owner walks no step, as in Python) */
        if (node >= n) {
            PyErr_SetString(PyExc_IndexError, "phrase_tallies(): an owner is no element");
            goto done;
        }
        for (; node >= 0; node = parents[node]) {
            Py_ssize_t s = slot_at[node];
            if (s < 0) {
                if (n_slots == cap) {
                    cap = cap ? 2 * cap : 64;
                    long long *more_nodes = PyMem_Realloc(nodes, sizeof(long long) * (size_t)cap);
                    if (more_nodes != NULL) nodes = more_nodes;
                    long long *more_hits = PyMem_Realloc(hits, sizeof(long long) * (size_t)cap);
                    if (more_hits != NULL) hits = more_hits;
                    unsigned *more_counts = PyMem_Realloc(counts, sizeof(unsigned) * MAX_KINDS * (size_t)cap);
                    if (more_counts != NULL) counts = more_counts;
                    if (more_nodes == NULL || more_hits == NULL || more_counts == NULL) goto no_memory;
                }
                s = slot_at[node] = n_slots++;
                nodes[s] = node;
                hits[s] = 0;
                memset(counts + MAX_KINDS * s, 0, sizeof(unsigned) * MAX_KINDS);
            }
            counts[MAX_KINDS * s + k] += 1;
            hits[s] += step;
        }
    }
    for (int j = 0; j < 3; j++)
        if ((lists[j] = PyList_New(n_slots)) == NULL) goto done;
    for (Py_ssize_t s = 0; s < n_slots; s++) {
        PyObject *node = PyLong_FromLongLong(nodes[s]), *hit = PyLong_FromLongLong(hits[s]), *tally = PyDict_New();
        if (node != NULL) PyList_SET_ITEM(lists[0], s, node);
        if (tally != NULL) PyList_SET_ITEM(lists[1], s, tally);
        if (hit != NULL) PyList_SET_ITEM(lists[2], s, hit);
        if (node == NULL || tally == NULL || hit == NULL) goto done;
        for (Py_ssize_t k = 0; k < n_kinds; k++) {
            if (counts[MAX_KINDS * s + k] == 0) continue;
            PyObject *count = PyLong_FromUnsignedLong(counts[MAX_KINDS * s + k]);
            if (count == NULL || PyDict_SetItem(tally, seen[k], count) < 0) {
                Py_XDECREF(count);
                goto done;
            }
            Py_DECREF(count);
        }
    }
    result = PyTuple_Pack(3, lists[0], lists[1], lists[2]);
    goto done;
no_memory:
    PyErr_NoMemory();
done:
    for (int j = 0; j < 3; j++) Py_XDECREF(lists[j]);
    PyMem_Free(counts);
    PyMem_Free(hits);
    PyMem_Free(nodes);
    PyMem_Free(slot_at);
    Py_XDECREF(kinds);
    PyMem_Free(words);
    PyMem_Free(owners);
    PyMem_Free(parents);
    Py_DECREF(fast);
    return result;
}
