/* The Walker: _segment._walk's traversal over Lexbor's nodes, giving what it reads of each
 * (see _cwalk.c). Its state is its own: one Walker per walk, used by one thread. */
#include <string.h>

#include "_cwalk.h"

enum { VISIT, ENTERED, LEAVE, DONE };

static int kind_of(PyObject *name) {
    if (PyUnicode_GET_LENGTH(name) == 0 || PyUnicode_CompareWithASCIIString(name, "-text") == 0) return PASS;
    if (PyUnicode_CompareWithASCIIString(name, "br") == 0) return BREAK;
    return PyUnicode_CompareWithASCIIString(name, "pre") == 0 ? ENTER_PRE : ENTER;
}

/* _walked_name of a node's tag (a new reference), one str per name a walk. */
static PyObject *walked(Walker *w, Node *node, uintptr_t id) {
    PyObject *tag = tag_of(node, id);
    if (tag == NULL || tag == Py_None) {
        Py_XDECREF(tag);
        return tag == NULL ? NULL : PyUnicode_New(0, 0);
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(tag);
    int drop = n == 0;
    if (!drop) {
        Py_UCS4 first = PyUnicode_READ_CHAR(tag, 0);
        drop = (first == '-' || first == '_' || first == '!') && PyUnicode_CompareWithASCIIString(tag, "-text") != 0;
    }
    if (!drop && (drop = PySet_Contains(w->skipped, tag)) > 0 && segment_skipped(w, tag) < 0) drop = -1;
    if (drop) {
        Py_DECREF(tag);
        return drop < 0 ? NULL : PyUnicode_New(0, 0);
    }
    PyObject *once = PyDict_SetDefault(w->interned, tag, tag);
    Py_XINCREF(once);
    Py_DECREF(tag);
    return once;
}

/* The node's walked name (borrowed) and its kind, looked up once a walk per tag id. */
PyObject *name_of(Walker *w, Node *node, int *kind) {
    uintptr_t id = tag_id_of(node);
    if (id < CACHED) {
        if (w->names[id] == NULL) {
            PyObject *name = walked(w, node, id);
            if (name == NULL) return NULL;
            w->names[id] = name;
            w->kinds[id] = (char)kind_of(name);
        }
        *kind = w->kinds[id];
        return w->names[id];
    }
    PyObject *key = PyLong_FromSize_t(id);
    if (key == NULL) return NULL;
    PyObject *name = PyDict_GetItemWithError(w->more, key);
    if (name == NULL && !PyErr_Occurred()) {
        name = walked(w, node, id);
        if (name != NULL) {
            int failed = PyDict_SetItem(w->more, key, name);
            Py_DECREF(name); /* the dict holds it */
            if (failed) name = NULL;
        }
    }
    Py_DECREF(key);
    if (name != NULL) *kind = kind_of(name);
    return name;
}

/* Push node on the entered ancestors (a slot keeps its :nth-of-type table for the next one). */
int push_parent(Walker *w, Node *node) {
    if (w->depth == w->capacity) {
        Py_ssize_t was = w->capacity;
        if (grow_full((void **)&w->parents, &w->capacity, 16, sizeof(Parent)) < 0) return -1;
        memset(w->parents + was, 0, (size_t)(w->capacity - was) * sizeof(Parent));
    }
    Parent *up = &w->parents[w->depth++];
    up->node = node;
    up->pre = w->pre;
    up->seen_used = 0;
    return 0;
}

/* len(text.strip()) */
/* (one loop per kind: the kind's switch read once, not at each character) */
#define VISIBLE(T)                                                         \
    {                                                                      \
        const T *p = (const T *)data;                                      \
        while (start < end && Py_UNICODE_ISSPACE(p[start])) start++;       \
        while (end > start && Py_UNICODE_ISSPACE(p[end - 1])) end--;       \
    }

Py_ssize_t visible_length(PyObject *text) {
    Py_ssize_t start = 0, end = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND: VISIBLE(Py_UCS1) break;
    case PyUnicode_2BYTE_KIND: VISIBLE(Py_UCS2) break;
    default: VISIBLE(Py_UCS4) break;
    }
    return end - start;
}
#undef VISIBLE

static PyObject *walk_on(Walker *w) {
    for (;;) {
        switch (w->state) {
        case VISIT: {
            Node *node = w->node;
            if (w->every && !w->checked && --w->left == 0) {
                w->left = w->every;
                w->checked = 1; /* this node is counted: visited at the next call */
                return Py_NewRef(w->check);
            }
            w->checked = 0;
            w->state = LEAVE;
            if (w->segment != NULL) { /* all done in C: the walk's events are its looks at the clock */
                if (segment_visit(w, node) < 0) return NULL;
                continue;
            }
            if (type_of(node) == TYPE_TEXT) { /* text_content: an empty or NULL text is passed over */
                LexborStr *text = &((TextNode *)node)->data;
                if (text->data == NULL || text->length == 0) continue;
                PyObject *raw = PyUnicode_DecodeUTF8((const char *)text->data, (Py_ssize_t)text->length, "replace");
                if (raw == NULL) return NULL;
                int failed = PyList_Append(w->pieces, raw);
                Py_ssize_t n = visible_length(raw);
                Py_DECREF(raw);
                if (failed) return NULL;
                /* Whitespace outside <pre> counts nothing: appended is all _walk does with it. */
                if (n == 0 && !w->in_pre) continue;
                return PyLong_FromSsize_t(n);
            }
            int kind = PASS;
            PyObject *name = name_of(w, node, &kind);
            if (name == NULL) return NULL;
            if (kind == PASS) continue;
            if (kind == BREAK) return Py_NewRef(w->br);
            PyObject *attrs = attributes_of(node, &w->keys);
            if (attrs == NULL) return NULL;
            w->state = ENTERED;
            w->skip = 0;
            w->pre = kind == ENTER_PRE;
            PyObject *entry = PyTuple_Pack(2, name, attrs);
            Py_DECREF(attrs);
            return entry;
        }
        case ENTERED: {
            w->state = LEAVE;
            if (w->skip) continue; /* not entered: no end */
            Node *child = first_child(w->node);
            if (child == NULL) Py_RETURN_NONE; /* its end, at once (a <pre> counted neither way) */
            w->in_pre += w->pre;
            if (push_parent(w, w->node) < 0) return NULL;
            w->node = child;
            w->state = VISIT;
            continue;
        }
        case LEAVE: {
            if (w->depth == 0) {
                w->state = DONE;
                continue;
            }
            Node *following = next_sibling(w->node);
            if (following != NULL) {
                w->node = following;
                w->state = VISIT;
                continue;
            }
            Parent *up = &w->parents[--w->depth];
            w->node = up->node;
            w->in_pre -= up->pre;
            if (w->segment != NULL) {
                if (segment_leave(w, up) < 0) return NULL;
                continue;
            }
            Py_RETURN_NONE; /* the parent's end; then on up */
        }
        default:
            return NULL;
        }
    }
}

/* The next event; in the segment mode the pending rows of zeros appended first (flush_rows):
 * Python reads st.numbers only once the Walker has handed back. */
static PyObject *walker_next(Walker *w) {
    PyObject *event = walk_on(w);
    if (w->segment != NULL && !(event == NULL && PyErr_Occurred()) && segment_flush(w) < 0) Py_CLEAR(event);
    return event;
}

static PyObject *walker_skip(Walker *w, PyObject *unused) {
    w->skip = 1;
    Py_RETURN_NONE;
}

/* _screen_reader.has_text_beside of node: 1, 0, or -1 on error. */
int text_beside(Walker *w, Node *node) {
    Node *parent = parent_of(node);
    for (Node *sibling = parent != NULL ? first_child(parent) : NULL; sibling != NULL; sibling = next_sibling(sibling)) {
        if (sibling == node) continue;
        int holds = holds_text(sibling, w->controls);
        if (holds) return holds;
    }
    return 0;
}

/* _screen_reader.has_text_beside for the element entered last. */
static PyObject *walker_text_beside(Walker *w, PyObject *unused) {
    int holds = text_beside(w, w->node);
    if (holds < 0) return NULL;
    return PyBool_FromLong(holds);
}

static PyObject *walker_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    PyObject *root, *address, *skipped, *controls, *pieces;
    long every;
    if (!PyArg_ParseTuple(args, "OO!O!O!lO!:Walker", &root, &PyLong_Type, &address, &PyFrozenSet_Type, &skipped,
                          &PyFrozenSet_Type, &controls, &every, &PyList_Type, &pieces))
        return NULL;
    Node *node = (Node *)PyLong_AsVoidPtr(address);
    if (node == NULL) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "no node at address 0");
        return NULL;
    }
    /* The event "br", interned on the first walk and kept (interning it again each walk cost
     * some 700 instructions: a str made, then looked up in the interned dict). */
    static PyObject *br;
    if (br == NULL && (br = PyUnicode_InternFromString("br")) == NULL) return NULL;
    Walker *w = (Walker *)type->tp_alloc(type, 0); /* zeroed: no names, no parents */
    if (w == NULL) return NULL;
    w->more = PyDict_New();
    w->interned = PyDict_New();
    w->br = Py_NewRef(br);
    w->check = PyUnicode_New(0, 0);
    if (w->more == NULL || w->interned == NULL || w->br == NULL || w->check == NULL) {
        Py_DECREF(w);
        return NULL;
    }
    w->root = Py_NewRef(root);
    w->skipped = Py_NewRef(skipped);
    w->controls = Py_NewRef(controls);
    w->pieces = Py_NewRef(pieces);
    w->node = node;
    w->state = VISIT;
    w->every = every > 0 ? every : 0;
    w->left = w->every;
    return (PyObject *)w;
}

static void walker_dealloc(Walker *w) {
    segment_free(w);
    for (int i = 0; i < CACHED; i++) Py_XDECREF(w->names[i]);
    for (int i = 0; i < w->keys.count; i++) Py_DECREF(w->keys.keys[i].name);
    Py_XDECREF(w->more);
    Py_XDECREF(w->interned);
    Py_XDECREF(w->root);
    Py_XDECREF(w->skipped);
    Py_XDECREF(w->controls);
    Py_XDECREF(w->pieces);
    Py_XDECREF(w->br);
    Py_XDECREF(w->check);
    for (Py_ssize_t i = 0; i < w->capacity; i++) PyMem_Free(w->parents[i].seen);
    PyMem_Free(w->parents);
    Py_TYPE(w)->tp_free((PyObject *)w);
}

static PyMethodDef walker_methods[] = {
    {"skip", (PyCFunction)walker_skip, METH_NOARGS, "The element entered last is not entered: its subtree is passed over."},
    {"text_beside", (PyCFunction)walker_text_beside, METH_NOARGS,
     "_screen_reader.has_text_beside of the element entered last."},
    {"segment", (PyCFunction)segment_start, METH_VARARGS,
     "segment(st, unseen, hooks): do all of _segment._walk's work in C (_cwalk_segment.c); the events are then the looks at the clock alone."},
    {NULL, NULL, 0, NULL}};

PyTypeObject WalkerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "boilerstrip._cwalk.Walker",
    .tp_basicsize = sizeof(Walker),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Walker(root, root.mem_id, skipped, SKIPPED_TAGS, every, pieces): the segment walk's events (_cwalk.c).",
    .tp_new = walker_new,
    .tp_dealloc = (destructor)walker_dealloc,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)walker_next,
    .tp_methods = walker_methods,
};
