/* The segment stage's Elements made in C from the traversal's columns, for the compiled build:
 * _segmented._elements_python is the reference, followed step by step (but for the CSS paths: see
 * owner_paths), and the fallback; tests/test_cscan_elements.py checks that both give the same.
 *
 * elements(cls, strings, numbers, block_numbers, layout, max_shared) -> tuple of cls: per
 * block-level element, a row of `strings` (tag, class/id names, ARIA role, CSS step) and a row
 * of `numbers` (parent, depth, characters, link characters, tags, links), an array of C ints
 * (typecode "q" or "i"); the elements that own a block (`block_numbers`' first column) get their CSS path, the
 * steps of their ancestors and their own joined, the others "". As the reference, a parent's
 * index is one int object for all its children, and the characters, link characters and tags
 * share an object per value for the first `max_shared` distinct values (held in a C table, not
 * a dict of int objects). Each Element is left untracked by the collector: its items are str and
 * int (see new_tuple in _cscan_helpers.c). Where the reference made a row tuple, its ints, an
 * index int, a field tuple and a dict look-up an element, this makes the Element and its new
 * ints alone. */
#include "_cscan.h"

/* The layout of _segmented's columns that this file reads (checked against the one passed in). */
enum { STRINGS = 4, NAMES = 1, ARIA = 2, STEP = 3, NUMBERS = 6, BLOCK_NUMBERS = 5 };
enum { PARENT = 0, DEPTH = 1, CHARS = 2, LINK_CHARS = 3, TAGS = 4, LINK_TAGS = 5 };
/* The elements of a page whose buffers elements() keeps in its frame (24 kB of stack), and the
 * slots of the shared ints' table kept there (three values a row, the table half full). */
enum { LOCAL_ROWS = 512, LOCAL_SLOTS = 1024 };

/* The items of `source` (array("q") or array("i")), or -1 with an error set. */
int column(PyObject *source, Column *c, const char *what) {
    c->view.obj = NULL;
    if (PyObject_GetBuffer(source, &c->view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) return -1;
    const char *format = c->view.format == NULL ? "B" : c->view.format;
    if (format[0] == '@') format++;
    c->wide = NULL;
    c->narrow = NULL;
    if (strcmp(format, "q") == 0 && c->view.itemsize == sizeof(long long))
        c->wide = c->view.buf;
    else if (strcmp(format, "i") == 0 && c->view.itemsize == sizeof(int))
        c->narrow = c->view.buf;
    else {
        PyBuffer_Release(&c->view);
        PyErr_Format(PyExc_TypeError, "%s must be an array of typecode q or i", what);
        return -1;
    }
    c->n = c->view.len / c->view.itemsize;
    return 0;
}

/* The shared ints: an open-addressing table from value to int object (a reference held),
 * grown as it fills (most pages have a few hundred distinct counts). */
typedef struct {
    long long key;
    PyObject *value; /* NULL: an empty slot */
} Slot;

typedef struct {
    Slot *slots;
    size_t mask;
    Py_ssize_t count;
    int heap; /* slots from PyMem (else the caller's buffer) */
} Shared;

static inline size_t slot_of(long long value, size_t mask) {
    return (size_t)(((unsigned long long)value * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

/* A table of `size` slots: in `local` (of `local_size`) when they fit, else on the heap (a
 * request past 512 bytes goes to the C allocator, whose calloc took about 3,000 instructions a
 * small page there). */
static int shared_init(Shared *s, size_t size, Slot *local, size_t local_size) {
    s->heap = local == NULL || size > local_size;
    if (s->heap)
        s->slots = PyMem_Calloc(size, sizeof(Slot));
    else
        s->slots = memset(local, 0, size * sizeof(Slot));
    s->mask = size - 1;
    s->count = 0;
    if (s->slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static void shared_free(Shared *s) {
    if (s->slots != NULL)
        for (size_t i = 0; i <= s->mask; i++) Py_XDECREF(s->slots[i].value);
    if (s->heap) PyMem_Free(s->slots);
    s->slots = NULL;
}

static int shared_grow(Shared *s) {
    Shared grown;
    if (shared_init(&grown, (s->mask + 1) * 2, NULL, 0) < 0) return -1;
    for (size_t i = 0; i <= s->mask; i++) {
        if (s->slots[i].value == NULL) continue;
        size_t j = slot_of(s->slots[i].key, grown.mask);
        while (grown.slots[j].value != NULL) j = (j + 1) & grown.mask;
        grown.slots[j] = s->slots[i];
    }
    grown.count = s->count;
    if (s->heap) PyMem_Free(s->slots);
    *s = grown;
    return 0;
}

/* A new reference to the int `value`: the table's object for it, else a new one, which the
 * table keeps when `remember` (the reference's setdefault) and not when not (its get). */
static PyObject *shared_int(Shared *s, long long value, int remember) {
    size_t i = slot_of(value, s->mask);
    while (s->slots[i].value != NULL) {
        if (s->slots[i].key == value) return Py_NewRef(s->slots[i].value);
        i = (i + 1) & s->mask;
    }
    PyObject *made = PyLong_FromLongLong(value);
    if (made == NULL || !remember) return made;
    if ((size_t)(s->count + 1) * 2 > s->mask + 1) {
        if (shared_grow(s) < 0) {
            Py_DECREF(made);
            return NULL;
        }
        i = slot_of(value, s->mask);
        while (s->slots[i].value != NULL) i = (i + 1) & s->mask;
    }
    s->slots[i] = (Slot){value, Py_NewRef(made)};
    s->count++;
    return made;
}

/* The CSS path of every element that owns a block, in `paths` (new references; NULL for the
 * others): its steps and its ancestors' joined into one new str (the reference's dict also
 * keeps each ancestor's path on the way, a str each that no Element holds: about a hundred a
 * page). `chain`: room for `rows` indices. */
static int owner_paths(PyObject *strings, const Column *numbers, Py_ssize_t rows, const Column *blocks,
                       PyObject **paths, Py_ssize_t *chain) {
    const Py_ssize_t count = blocks->n;
    const Py_ssize_t strings_count = PyList_GET_SIZE(strings);
    for (Py_ssize_t k = 0; k < count; k += BLOCK_NUMBERS) {
        const long long owner = get(blocks, k);
        if (owner < 0) continue; /* the reference's path "" for it, never read */
        if (owner >= rows) goto out_of_range;
        if (paths[owner] != NULL) continue;
        Py_ssize_t length = 0, total = 0;
        Py_UCS4 widest = 0;
        for (long long node = owner; node >= 0; node = get(numbers, node * NUMBERS + PARENT)) {
            if (node >= rows || length >= rows) goto out_of_range; /* a parent past the end, or a cycle */
            if (node * STRINGS + STEP >= strings_count) goto out_of_range;
            PyObject *step = PyList_GET_ITEM(strings, node * STRINGS + STEP);
            if (!PyUnicode_Check(step)) {
                PyErr_SetString(PyExc_TypeError, "elements: a CSS step is not a str");
                return -1;
            }
            const Py_UCS4 most = PyUnicode_MAX_CHAR_VALUE(step);
            widest = most > widest ? most : widest;
            total += PyUnicode_GET_LENGTH(step);
            chain[length++] = (Py_ssize_t)node;
        }
        PyObject *path = PyUnicode_New(total, widest);
        if (path == NULL) return -1;
        /* (one-byte steps, most pages' all, copied as bytes: PyUnicode_CopyCharacters checked
         * and dispatched on each step's kind, 150 instructions a step) */
        Py_UCS1 *bytes = PyUnicode_KIND(path) == PyUnicode_1BYTE_KIND ? PyUnicode_1BYTE_DATA(path) : NULL;
        for (Py_ssize_t at = 0; length > 0;) {
            PyObject *step = PyList_GET_ITEM(strings, chain[--length] * STRINGS + STEP);
            const Py_ssize_t n = PyUnicode_GET_LENGTH(step);
            if (bytes != NULL)
                memcpy(bytes + at, PyUnicode_1BYTE_DATA(step), (size_t)n);
            else if (PyUnicode_CopyCharacters(path, at, step, 0, n) < 0) {
                Py_DECREF(path);
                return -1;
            }
            at += n;
        }
        paths[owner] = path;
    }
    return 0;
out_of_range:
    PyErr_SetString(PyExc_IndexError, "elements: an element index out of range");
    return -1;
}

/* The index objects of the last element made at each depth, made when a child needs one (the
 * reference's `above`: its ints came from enumerate, one an element). */
typedef struct {
    Py_ssize_t *index;
    PyObject **object; /* NULL until a child reads it */
    Py_ssize_t size, capacity;
} Above;

static void above_truncate(Above *a, Py_ssize_t size) {
    while (a->size > size) Py_XDECREF(a->object[--a->size]);
}

static int above_push(Above *a, Py_ssize_t index) {
    if (a->size == a->capacity) {
        Py_ssize_t capacity = a->capacity ? a->capacity * 2 : 64;
        Py_ssize_t *grown_index = PyMem_Realloc(a->index, (size_t)capacity * sizeof(Py_ssize_t));
        if (grown_index == NULL) return -1;
        a->index = grown_index;
        PyObject **grown_object = PyMem_Realloc(a->object, (size_t)capacity * sizeof(PyObject *));
        if (grown_object == NULL) return -1;
        a->object = grown_object;
        a->capacity = capacity;
    }
    a->index[a->size] = index;
    a->object[a->size++] = NULL;
    return 0;
}

/* A new reference to the element's parent index: the object of the last element made one level
 * up when that is its parent, else a new int. */
static PyObject *parent_object(Above *a, long long parent, long long level) {
    if (level > 0 && level <= a->size && a->index[level - 1] == parent) {
        PyObject **slot = &a->object[level - 1];
        if (*slot == NULL && (*slot = PyLong_FromLongLong(parent)) == NULL) return NULL;
        return Py_NewRef(*slot);
    }
    return PyLong_FromLongLong(parent);
}

static PyObject *make_element(PyTypeObject *type, PyObject *strings, Py_ssize_t i, const long long *row,
                              Above *above, Shared *shared, PyObject *locator, int remember) {
    PyObject *element = type->tp_alloc(type, 10);
    if (element == NULL) return NULL;
    if (PyObject_GC_IsTracked(element)) PyObject_GC_UnTrack(element); /* str and int items */
    PyObject **strs = ((PyListObject *)strings)->ob_item + i * STRINGS, **item = ((PyTupleObject *)element)->ob_item;
    item[0] = Py_NewRef(strs[0]);
    item[3] = Py_NewRef(strs[NAMES]);
    item[4] = Py_NewRef(strs[ARIA]);
    item[5] = Py_NewRef(locator);
    if ((item[1] = parent_object(above, row[PARENT], row[DEPTH])) == NULL ||
        (item[2] = PyLong_FromLongLong(row[DEPTH])) == NULL ||
        (item[6] = shared_int(shared, row[CHARS], remember)) == NULL ||
        (item[7] = shared_int(shared, row[LINK_CHARS], remember)) == NULL ||
        (item[8] = shared_int(shared, row[TAGS], remember)) == NULL ||
        (item[9] = PyLong_FromLongLong(row[LINK_TAGS])) == NULL) {
        Py_DECREF(element); /* (tp_alloc zeroed the items not set) */
        return NULL;
    }
    return element;
}

PyObject *elements(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 6 || !PyType_Check(args[0]) || !PyType_IsSubtype((PyTypeObject *)args[0], &PyTuple_Type) ||
        !PyList_CheckExact(args[1]) || !PyTuple_CheckExact(args[4]) || !PyLong_CheckExact(args[5])) {
        PyErr_SetString(PyExc_TypeError,
                        "elements() takes a subclass of tuple, a list, two arrays, a tuple and an int");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)args[0];
    PyObject *strings = args[1], *layout = args[4];
    const Py_ssize_t max_shared = PyLong_AsSsize_t(args[5]);
    if (max_shared == -1 && PyErr_Occurred()) return NULL;
    static const long long expected[] = {STRINGS, STEP, NUMBERS, BLOCK_NUMBERS};
    int same = PyTuple_GET_SIZE(layout) == 4;
    for (Py_ssize_t k = 0; same && k < 4; k++) {
        PyObject *item = PyTuple_GET_ITEM(layout, k);
        same = PyLong_CheckExact(item) && PyLong_AsLongLong(item) == expected[k];
    }
    if (!same) {
        PyErr_SetString(PyExc_ValueError, "elements: the columns' layout is not the one this was built for");
        return NULL;
    }
    Column numbers, blocks;
    if (column(args[2], &numbers, "elements: numbers") < 0) return NULL;
    if (column(args[3], &blocks, "elements: block_numbers") < 0) {
        PyBuffer_Release(&numbers.view);
        return NULL;
    }
    const Py_ssize_t items = numbers.n;
    /* As the reference's zip: the rows of numbers (whole ones, as struct's iter_unpack) and
     * the tags, names and ARIA roles of the strings' column slices. */
    const Py_ssize_t number_rows = items / NUMBERS;
    Py_ssize_t rows = (PyList_GET_SIZE(strings) + 1) / STRINGS;
    if (items % NUMBERS != 0) {
        PyErr_SetString(PyExc_ValueError, "elements: numbers is not whole rows");
        rows = -1;
    } else if (number_rows < rows) {
        rows = number_rows;
    }
    PyObject *result = NULL, **paths = NULL, *empty = NULL;
    Py_ssize_t *chain = NULL;
    Above above = {NULL, NULL, 0, 0};
    Shared shared = {NULL, 0, 0, 0};
    /* The paths, the chain of ancestors and the shared ints' table in buffers of this frame on
     * a page of up to LOCAL_ROWS elements (most pages: see shared_init on the C allocator). */
    PyObject *local_paths[LOCAL_ROWS];
    Py_ssize_t local_chain[LOCAL_ROWS];
    Slot local_slots[LOCAL_SLOTS];
    const int local = number_rows <= LOCAL_ROWS;
    if (rows < 0) goto done;
    paths = local ? memset(local_paths, 0, (size_t)number_rows * sizeof(PyObject *))
                  : PyMem_Calloc((size_t)number_rows + 1, sizeof(PyObject *));
    chain = local ? local_chain : PyMem_Malloc(((size_t)number_rows + 1) * sizeof(Py_ssize_t));
    if (paths == NULL || chain == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (owner_paths(strings, &numbers, number_rows, &blocks, paths, chain) < 0) goto done;
    /* (sized for the page: at most three values a row are kept, and the table grows as it fills;
     * 1,024 slots cleared and read again on every page took 25,000 instructions a small page) */
    size_t size = 16;
    while (size < 1024 && size < (size_t)rows * 6) size *= 2;
    if ((empty = PyUnicode_New(0, 0)) == NULL || shared_init(&shared, size, local_slots, LOCAL_SLOTS) < 0) goto done;
    PyObject *made = PyTuple_New(rows);
    if (made == NULL) goto done;
    for (Py_ssize_t i = 0; i < rows; i++) {
        long long row[NUMBERS];
        for (int k = 0; k < NUMBERS; k++) row[k] = get(&numbers, i * NUMBERS + k);
        const long long level = row[DEPTH];
        PyObject *element = make_element(type, strings, i, row, &above, &shared, paths[i] != NULL ? paths[i] : empty,
                                         shared.count < max_shared);
        if (element == NULL) {
            Py_DECREF(made);
            goto done;
        }
        PyTuple_SET_ITEM(made, i, element);
        if (level <= above.size) {
            above_truncate(&above, level < 0 ? 0 : level);
            if (above_push(&above, i) < 0) {
                Py_DECREF(made);
                PyErr_NoMemory();
                goto done;
            }
        }
    }
    result = made;
done:
    if (paths != NULL)
        for (Py_ssize_t i = 0; i < number_rows; i++) Py_XDECREF(paths[i]);
    if (!local) {
        PyMem_Free(paths);
        PyMem_Free(chain);
    }
    above_truncate(&above, 0);
    PyMem_Free(above.index);
    PyMem_Free(above.object);
    shared_free(&shared);
    Py_XDECREF(empty);
    PyBuffer_Release(&blocks.view);
    PyBuffer_Release(&numbers.view);
    return result;
}
