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

/* LexborNode.attributes (its names from `keys`, if not NULL). */
PyObject *attributes_of(Node *node, Keys *keys) {
    PyObject *attrs = PyDict_New();
    if (attrs == NULL || type_of(node) != TYPE_ELEMENT) return attrs;
    for (Attr *attr = first_attribute(node); attr != NULL; attr = next_attribute(attr)) {
        size_t name_length = 0, value_length = 0;
        const unsigned char *name = attr_name(attr, &name_length);
        if (name == NULL) name = (const unsigned char *)"", name_length = 0;
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

/* page_marks: the attributes _page_type's two whole-tree selectors read. */
enum { MARK_OTHER, MARK_ITEMTYPE, MARK_ITEMPROP, MARK_CLASS };
static int mark_of(Attr *attr) {
    size_t n = 0;
    const unsigned char *name = attr_name(attr, &n);
    if (name == NULL) return MARK_OTHER;
    if (n == 8 && memcmp(name, "itemtype", 8) == 0) return MARK_ITEMTYPE;
    if (n == 8 && memcmp(name, "itemprop", 8) == 0) return MARK_ITEMPROP;
    return n == 5 && memcmp(name, "class", 5) == 0 ? MARK_CLASS : MARK_OTHER;
}

/* Whether value[:n] holds needle[:m] (m > 0), byte for byte. */
static int holds_bytes(const unsigned char *value, size_t n, const char *needle, size_t m) {
    for (size_t i = 0; i + m <= n; i++) {
        const unsigned char *at = memchr(value + i, needle[0], n - m + 1 - i);
        if (at == NULL) return 0;
        i = (size_t)(at - value);
        if (memcmp(at, needle, m) == 0) return 1;
    }
    return 0;
}

/* A class value's token "price" (split at Lexbor's white space: space, \t, \n, \f, \r): 2
 * written so, 1 only in other ASCII cases (a match in a quirks-mode document alone), 0 none.
 * Tried only where a "p" or "P" starts a token of five bytes. */
static inline int space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
static int price_class(const unsigned char *value, size_t n) {
    int found = 0;
    for (size_t i = 0; i + 5 <= n; i++) {
        if ((value[i] | 0x20) != 'p' || (i > 0 && !space(value[i - 1])) || (i + 5 < n && !space(value[i + 5])))
            continue;
        if (memcmp(value + i, "price", 5) == 0) return 2;
        int folded = 1;
        for (size_t k = 1; k < 5 && folded; k++) folded = (value[i + k] | 0x20) == (unsigned char)"price"[k];
        found |= folded;
    }
    return found;
}

/* page_marks(root, root.mem_id, which, enough): _page_type's selectors over the element root and
 * its descendants (template contents aside), as Lexbor's selectors match them, in one pass of no
 * Python object: which 0, whether an element's itemtype holds "schema.org/DiscussionForumPosting"
 * (css_first of _MICRODATA_THREAD_SELECTOR); which 1, whether `[itemprop="price"], .price` selects
 * `enough` elements or more (each selector's matches counted, as css() gives them), -1 where that
 * turns on the document's quirks mode, in which a class matches in any ASCII case. */
static PyObject *page_marks(PyObject *self, PyObject *args) {
    PyObject *root_object, *address;
    int which;
    Py_ssize_t enough;
    if (!PyArg_ParseTuple(args, "OOin:page_marks", &root_object, &address, &which, &enough)) return NULL;
    if (!bound) {
        PyErr_SetString(PyExc_RuntimeError, "page_marks() before bind()");
        return NULL;
    }
    Node *root = (Node *)PyLong_AsVoidPtr(address);
    if (root == NULL) return PyErr_Occurred() ? NULL : PyLong_FromLong(which == 0 ? 0 : enough <= 0);
    static const char thread[] = "schema.org/DiscussionForumPosting";
    Py_ssize_t sure = 0, loose = 0; /* prices whatever the mode; prices in quirks mode only */
    /* Each attribute's mark by its name's id (the node's local_name: a tree's ids are its own),
     * the last one met in each of 64 slots: a name looked up once, not at each attribute. */
    struct {
        uintptr_t id;
        int mark;
    } marks[64] = {{0, -1}};
    for (int i = 0; i < 64; i++) marks[i].mark = -1;
    for (Node *at = root;;) {
        const TextNode *fields = (const TextNode *)at; /* (lxb_dom_node_t's, as the walk reads them) */
        if (fields->type == TYPE_ELEMENT) {
            for (Attr *attr = first_attribute(at); attr != NULL; attr = next_attribute(attr)) {
                const TextNode *name = (const TextNode *)attr; /* (an attr starts with its node) */
                const uintptr_t id = name->local_name;
                const size_t slot = (id ^ (id >> 6)) & 63;
                if (name->prefix == 0 && (marks[slot].mark < 0 || marks[slot].id != id)) {
                    marks[slot].id = id;
                    marks[slot].mark = mark_of(attr);
                }
                const int mark = name->prefix == 0 ? marks[slot].mark : mark_of(attr); /* (a prefix: not cached) */
                if (mark == MARK_OTHER || (which == 0) != (mark == MARK_ITEMTYPE)) continue;
                size_t n = 0;
                const unsigned char *value = attr_value(attr, &n);
                if (value == NULL) continue; /* (no value: blank to the selectors) */
                if (mark == MARK_ITEMTYPE) {
                    if (holds_bytes(value, n, thread, sizeof thread - 1)) return PyLong_FromLong(1);
                } else if (mark == MARK_ITEMPROP) {
                    sure += n == 5 && memcmp(value, "price", 5) == 0;
                } else {
                    const int price = price_class(value, n);
                    sure += price == 2;
                    loose += price == 1;
                }
            }
            if (which != 0 && sure >= enough) return PyLong_FromLong(1);
        }
        if (fields->first_child != NULL) {
            at = fields->first_child;
            continue;
        }
        while (at != root && ((const TextNode *)at)->next == NULL) at = ((const TextNode *)at)->parent;
        if (at == root) break;
        at = ((const TextNode *)at)->next;
    }
    if (which == 0 || sure >= enough) return PyLong_FromLong(which != 0);
    return PyLong_FromLong(sure + loose < enough ? 0 : -1);
}

static PyMethodDef methods[] = {
    {"bind", bind, METH_O,
     "bind(path): look Lexbor's functions up in the loaded selectolax extension at path; whether all were found."},
    {"page_marks", page_marks, METH_VARARGS,
     "page_marks(root, root.mem_id, which, enough) -> 1, 0 or -1: _page_type's whole-tree selectors (_cwalk.c)."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef definition = {PyModuleDef_HEAD_INIT, "boilerstrip._cwalk",
                                        "The segment walk's traversal and reads in C (the compiled build).", -1,
                                        methods};

PyMODINIT_FUNC PyInit__cwalk(void) {
    PyObject *module = PyModule_Create(&definition);
    if (module == NULL) return NULL;
    if (PyType_Ready(&WalkerType) < 0 || PyModule_AddObjectRef(module, "Walker", (PyObject *)&WalkerType) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
