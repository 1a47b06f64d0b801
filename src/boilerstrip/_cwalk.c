/* The segment walk's traversal and reads in C, over Lexbor's tree (the compiled build).
 *
 * _segment._walk_c consumes a Walker: an iterator over the subtree of a selectolax node that
 * visits the nodes in the order _segment._walk does (first child, next sibling, parents closed
 * on the way up) and reads what that walk reads of each, through Lexbor's own functions, so no
 * LexborNode is made per node and no property is looked up:
 *   a text node's text (non-empty)    -> appended to `pieces` (st.pieces; decoded as
 *                                        LexborNode.text_content does), and its visible length
 *                                        (len(text.strip())) given, unless it is 0 outside
 *                                        <pre> (the Walker counts the <pre> it enters, as
 *                                        st.in_pre): all _walk does with such text is append it;
 *   an element the walk would enter   -> (tag, attributes) (the name as .tag decodes it, looked
 *                                        up once a page per tag id as _walk does; the dict as
 *                                        .attributes builds it);
 *   its end                           -> None (also at once, for an element without children);
 *   a <br>                            -> "br"; every `every` nodes -> "" (a look at the clock).
 * Comments, the document, skipped tags and an element the Python declines (skip() after its
 * entry: hidden, or screen-reader text left out) are passed over with their subtrees, as _walk
 * does. text_beside() is _screen_reader.has_text_beside for the last entered element.
 * Those events are what _lexbor_walk's probe and tests/test_cwalk.py compare with selectolax's
 * reads. _segment._walk_c itself turns on the segment mode (segment(st, unseen, hooks):
 * _cwalk_segment.c, _cwalk_enter.c), in which the Walker also does _segment._enter's and
 * _exit's work over the walk's _State and gives only its looks at the clock.
 *
 * Lexbor's functions are looked up once (bind(), from the selectolax extension already loaded,
 * by dlopen with RTLD_NOLOAD): the only process-wide state is these function pointers, written
 * once under the GIL before any Walker exists and never changed. A text node's data is read at
 * Lexbor's lxb_dom_character_data_t layout (TextNode below, the struct of selectolax 1.0.2's
 * lexbor.pxd); _segment checks selectolax's version and reads a probe page both ways before it
 * uses this module. No recursion: the open elements are a heap array of pointers. */
#include <dlfcn.h>
#include <string.h>

#include "_cwalk.h"

Node *(*first_child)(Node *);
Node *(*next_sibling)(Node *);
Node *(*parent_of)(Node *);
uintptr_t (*tag_id_of)(Node *);
int (*type_of)(Node *);
Attr *(*first_attribute)(Node *);
Attr *(*next_attribute)(Attr *);
const unsigned char *(*attr_name)(Attr *, size_t *);
const unsigned char *(*attr_value)(Attr *, size_t *);
const unsigned char *(*element_name)(Node *, size_t *);
static int bound = 0;

static PyObject *bind(PyObject *self, PyObject *path) {
    if (bound) Py_RETURN_TRUE;
    const char *file = PyUnicode_AsUTF8(path);
    if (file == NULL) return NULL;
    void *lib = dlopen(file, RTLD_NOLOAD | RTLD_LAZY);
    if (lib == NULL) Py_RETURN_FALSE;
    void *found[10];
    static const char *names[10] = {
        "lxb_dom_node_first_child_noi", "lxb_dom_node_next_noi", "lxb_dom_node_parent_noi",
        "lxb_dom_node_tag_id_noi", "lxb_dom_node_type_noi", "lxb_dom_element_first_attribute_noi",
        "lxb_dom_element_next_attribute_noi", "lxb_dom_attr_qualified_name", "lxb_dom_attr_value_noi",
        "lxb_dom_element_qualified_name"};
    for (int i = 0; i < 10; i++) {
        found[i] = dlsym(lib, names[i]);
        if (found[i] == NULL) {
            dlclose(lib);
            Py_RETURN_FALSE;
        }
    }
    /* The handle is kept: selectolax stays loaded for the process. */
    *(void **)&first_child = found[0];
    *(void **)&next_sibling = found[1];
    *(void **)&parent_of = found[2];
    *(void **)&tag_id_of = found[3];
    *(void **)&type_of = found[4];
    *(void **)&first_attribute = found[5];
    *(void **)&next_attribute = found[6];
    *(void **)&attr_name = found[7];
    *(void **)&attr_value = found[8];
    *(void **)&element_name = found[9];
    bound = 1;
    Py_RETURN_TRUE;
}

/* selectolax's _decode_utf8: invalid bytes become U+FFFD. */
static PyObject *decode(const unsigned char *data, size_t length) {
    return PyUnicode_DecodeUTF8((const char *)data, (Py_ssize_t)length, "replace");
}

/* LexborNode.text_content: the text of a text node, None for others (and a NULL text). */
PyObject *text_of(Node *node) {
    if (type_of(node) != TYPE_TEXT) Py_RETURN_NONE;
    LexborStr *str = &((TextNode *)node)->data;
    if (str->data == NULL) Py_RETURN_NONE;
    return decode(str->data, str->length);
}

/* LexborNode.tag: a new reference, None for a node that is neither named nor an element. */
PyObject *tag_of(Node *node, uintptr_t id) {
    switch (id) {
    case TAG_TEXT: return PyUnicode_FromString("-text");
    case TAG_DOCUMENT: return PyUnicode_FromString("-document");
    case TAG_COMMENT: return PyUnicode_FromString("-comment");
    case TAG_DOCTYPE: return PyUnicode_FromString("-doctype");
    }
    if (type_of(node) != TYPE_ELEMENT) Py_RETURN_NONE;
    size_t length = 0;
    const unsigned char *name = element_name(node, &length);
    if (name == NULL) Py_RETURN_NONE;
    return decode(name, length);
}

/* An attribute's name as a str (a new reference): decoded, or the same str as before for the
 * same bytes when `keys` holds them. */
static PyObject *key_of(Keys *keys, const unsigned char *name, size_t length) {
    int kept = keys != NULL && length <= KEY_BYTES;
    if (kept) {
        for (int i = 0; i < keys->count; i++) {
            Key *known = &keys->keys[i];
            if (known->length == length && memcmp(known->bytes, name, length) == 0) return Py_NewRef(known->name);
        }
    }
    PyObject *key = decode(name, length);
    if (key != NULL && kept && keys->count < KEYS) {
        Key *known = &keys->keys[keys->count++];
        known->length = length;
        memcpy(known->bytes, name, length);
        known->name = Py_NewRef(key);
    }
    return key;
}

/* Whether the name is one of `names` (NULL-terminated): its first byte compared first. */
static int among(const unsigned char *name, size_t length, const char *const *names) {
    if (length == 0) return 0;
    for (; *names != NULL; names++)
        if ((unsigned char)**names == name[0] && strnlen(*names, length + 1) == length &&
            memcmp(*names, name, length) == 0)
            return 1;
    return 0;
}

PyObject *attributes_among(Node *node, Keys *keys, const char *const *names) {
    PyObject *attrs = PyDict_New();
    if (attrs == NULL || type_of(node) != TYPE_ELEMENT) return attrs;
    for (Attr *attr = first_attribute(node); attr != NULL; attr = next_attribute(attr)) {
        size_t name_length = 0, value_length = 0;
        const unsigned char *name = attr_name(attr, &name_length);
        if (name == NULL) name = (const unsigned char *)"", name_length = 0;
        if (names != NULL && !among(name, name_length, names)) continue;
        PyObject *key = key_of(keys, name, name_length);
        const unsigned char *value = attr_value(attr, &value_length);
        PyObject *item = value != NULL ? decode(value, value_length) : Py_NewRef(Py_None);
        if (key == NULL || item == NULL || PyDict_SetItem(attrs, key, item) < 0) {
            Py_XDECREF(key);
            Py_XDECREF(item);
            Py_DECREF(attrs);
            return NULL;
        }
        Py_DECREF(key);
        Py_DECREF(item);
    }
    return attrs;
}

/* LexborNode.attributes (its names from `keys`, if not NULL). */
PyObject *attributes_of(Node *node, Keys *keys) { return attributes_among(node, keys, NULL); }

/* Whether a str is empty or all whitespace (not bool(text) or text.isspace()); -1 on error. */
static int blank(PyObject *text) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) return 0;
    return 1;
}

/* A text node's text holds more than whitespace: 1, 0, or -1 on error. */
static int text_node_holds(Node *node) {
    PyObject *text = text_of(node);
    if (text == NULL) return -1;
    int holds = text != Py_None && !blank(text);
    Py_DECREF(text);
    return holds;
}

/* _screen_reader._holds_text, with `skipped` its SKIPPED_TAGS. */
int holds_text(Node *node, PyObject *skipped) {
    PyObject *name = tag_of(node, tag_id_of(node));
    if (name == NULL) return -1;
    if (name == Py_None || PyUnicode_GET_LENGTH(name) == 0) {
        Py_DECREF(name);
        return 0;
    }
    if (PyUnicode_CompareWithASCIIString(name, "-text") == 0) {
        Py_DECREF(name);
        return text_node_holds(node);
    }
    Py_UCS4 first = PyUnicode_READ_CHAR(name, 0);
    int left = first == '-' || first == '_' || first == '!';
    if (!left) left = PySet_Contains(skipped, name);
    Py_DECREF(name);
    if (left) return left < 0 ? -1 : 0;
    /* node.traverse(include_text=True): the node and its descendants, in document order. */
    Node *at = node;
    for (;;) {
        if (type_of(at) == TYPE_TEXT) {
            int holds = text_node_holds(at);
            if (holds) return holds;
        }
        Node *down = first_child(at);
        if (down != NULL) {
            at = down;
            continue;
        }
        while (at != node && next_sibling(at) == NULL) at = parent_of(at);
        if (at == node) return 0;
        at = next_sibling(at);
    }
}

static PyMethodDef methods[] = {
    {"bind", bind, METH_O,
     "bind(path): look Lexbor's functions up in the loaded selectolax extension at path; whether all were found."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef definition = {PyModuleDef_HEAD_INIT, "boilerstrip._cwalk",
                                        "The segment walk's traversal and reads in C (the compiled build).", -1,
                                        methods};

PyMODINIT_FUNC PyInit__cwalk(void) {
    PyObject *module = PyModule_Create(&definition);
    if (module == NULL) return NULL;
    if (PyType_Ready(&WalkerType) < 0 || PyModule_AddObjectRef(module, "Walker", (PyObject *)&WalkerType) < 0 ||
        PyModule_AddFunctions(module, read_methods) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
