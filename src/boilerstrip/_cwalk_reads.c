/* The page readers' whole-tree searches in C (the compiled build; _lexbor_walk decides whether
 * they are used, after reading probe pages both ways):
 *   page_marks(root, address, which, enough)  _page_type's two whole-tree selectors (below);
 *   document_reads(document, budget)  in one pass, _page_type.json_ld_texts: the text of the
 *                                JSON-LD scripts among tree.tags("script"), each cut to what is
 *                                left of `budget` characters (None where the Python asks the
 *                                selector: a type in other cases, an `xlink:type`, a second
 *                                `type`, a byte not ASCII); and _metadata._first_datetime: the
 *                                `datetime` of the first of tree.tags("time") that has one (None:
 *                                none, or no value); and page_marks' answers for
 *                                _page_type's two whole-tree selectors: whether an itemtype holds
 *                                a forum posting, the price elements counted in any mode and in
 *                                quirks mode only (the html element is the document's only
 *                                element child: the same elements as from the root);
 * (and _cwalk_head.c's head_marks, the head's search, with the helpers here).
 * Each is one pass over the nodes' fields (the layout _cwalk.c reads), in document order, with no
 * LexborNode and no attribute dict but the ones kept: tree.tags() made a node and the whole dict
 * of every <script> and <time>, the selector a parse of its query and a node per match. A tag is
 * read as tags() reads it (its qualified name in any ASCII case, found once per name id a pass);
 * a text as LexborNode.text() reads it (its descendants' text nodes' bytes joined, then decoded). */
#include <string.h>

#include "_cwalk.h"

/* Whether name[:n] is `word` (lowercase) in any ASCII case: 2 as written, 1 folded, 0 not. */
static int same_name(const unsigned char *name, size_t n, const char *word) {
    if (n != strlen(word)) return 0;
    int exact = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = name[i];
        exact &= c == (unsigned char)word[i];
        if (c >= 'A' && c <= 'Z') c |= 0x20;
        if (c != (unsigned char)word[i]) return 0;
    }
    return exact ? 2 : 1;
}

static int kind_by_name(Node *node) {
    size_t n = 0;
    const unsigned char *name = element_name(node, &n);
    if (name == NULL) return KIND_OTHER;
    static const char *const words[5] = {"script", "time", "meta", "title", "link"};
    for (int i = 0; i < 5; i++) {
        const int same = same_name(name, n, words[i]);
        if (same) return (KIND_SCRIPT + i) | (same == 1 ? KIND_FOLDED : 0);
    }
    return KIND_OTHER;
}

/* An element's kind, looked up once a pass per name id (a prefixed name: each time). */
int element_kind(Slot *slots, Node *node) {
    const TextNode *fields = (const TextNode *)node;
    if (fields->prefix != 0) return kind_by_name(node);
    const uintptr_t id = fields->local_name;
    Slot *slot = &slots[(id ^ (id >> 6)) & 63];
    if (slot->kind < 0 || slot->id != id) {
        slot->id = id;
        slot->kind = kind_by_name(node);
    }
    return slot->kind;
}

void clear_kinds(Slot *slots) {
    for (int i = 0; i < 64; i++) slots[i].id = 0, slots[i].kind = -1;
}

/* page_marks: the attributes _page_type's two whole-tree selectors read: each attribute's mark by
 * its name's id, in slots; what the elements hold, added up. */
typedef struct {
    uintptr_t id;
    int mark;
} MarkSlot;
typedef struct {
    int thread;
    Py_ssize_t sure, loose;
} PageMarks;
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
 * Tried only where a "p" or "P" starts a token of five bytes, found eight bytes at a time (each
 * byte | 0x20 compared with "p": a zero byte's test). */
static inline int space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
static int price_class(const unsigned char *value, size_t n) {
    int found = 0;
    for (size_t i = 0; i + 5 <= n; i++) {
        while (i + 8 <= n) {
            uint64_t bytes;
            memcpy(&bytes, value + i, 8);
            const uint64_t p = (bytes | 0x2020202020202020ULL) ^ 0x7070707070707070ULL; /* 0 at a p or P */
            const uint64_t zero = (p - 0x0101010101010101ULL) & ~p & 0x8080808080808080ULL;
            if (zero) { /* (its lowest bit is the first p's: the test's false hits are above a true one) */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                i += (size_t)__builtin_ctzll(zero) >> 3;
#endif
                break;
            }
            i += 8;
        }
        if (i + 5 > n) break;
        if ((value[i] | 0x20) != 'p' || (i > 0 && !space(value[i - 1])) || (i + 5 < n && !space(value[i + 5])))
            continue;
        if (memcmp(value + i, "price", 5) == 0) return 2;
        int folded = 1;
        for (size_t k = 1; k < 5 && folded; k++) folded = (value[i + k] | 0x20) == (unsigned char)"price"[k];
        found |= folded;
    }
    return found;
}

/* An element's marks for _page_type's two whole-tree selectors, added to `found` (with `which` 0
 * the itemtype alone is read, 1 the itemprop and class alone, 2 all): thread, whether an itemtype
 * holds "schema.org/DiscussionForumPosting"; sure and loose, the prices whatever the document's
 * mode and in quirks mode only. Each attribute's mark by its name's id (the node's local_name: a
 * tree's ids are its own), the last one met in each of the slots: a name looked up once, not at
 * each attribute. */
static void element_marks(Node *at, MarkSlot *slots, int which, PageMarks *found) {
    static const char thread[] = "schema.org/DiscussionForumPosting";
    for (Attr *attr = first_attribute(at); attr != NULL; attr = next_attribute(attr)) {
        const TextNode *name = (const TextNode *)attr; /* (an attr starts with its node) */
        const uintptr_t id = name->local_name;
        const size_t slot = (id ^ (id >> 6)) & 63;
        if (name->prefix == 0 && (slots[slot].mark < 0 || slots[slot].id != id)) {
            slots[slot].id = id;
            slots[slot].mark = mark_of(attr);
        }
        const int mark = name->prefix == 0 ? slots[slot].mark : mark_of(attr); /* (a prefix: not cached) */
        if (mark == MARK_OTHER || (which == 0 && mark != MARK_ITEMTYPE) || (which == 1 && mark == MARK_ITEMTYPE))
            continue;
        size_t n = 0;
        const unsigned char *value = attr_value(attr, &n);
        if (value == NULL) continue; /* (no value: blank to the selectors) */
        if (mark == MARK_ITEMTYPE) {
            found->thread |= holds_bytes(value, n, thread, sizeof thread - 1);
        } else if (mark == MARK_ITEMPROP) {
            found->sure += n == 5 && memcmp(value, "price", 5) == 0;
        } else {
            const int price = price_class(value, n);
            found->sure += price == 2;
            found->loose += price == 1;
        }
    }
}

static void clear_mark_slots(MarkSlot *slots) {
    for (int i = 0; i < 64; i++) slots[i].id = 0, slots[i].mark = -1;
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
    if (first_attribute == NULL) { /* (the function pointers: set by bind()) */
        PyErr_SetString(PyExc_RuntimeError, "page_marks() before bind()");
        return NULL;
    }
    Node *root = (Node *)PyLong_AsVoidPtr(address);
    if (root == NULL) return PyErr_Occurred() ? NULL : PyLong_FromLong(which == 0 ? 0 : enough <= 0);
    which = which != 0;
    PageMarks found = {0, 0, 0};
    MarkSlot slots[64];
    clear_mark_slots(slots);
    for (Node *at = root; at != NULL; at = next_below(at, root)) {
        if (((const TextNode *)at)->type != TYPE_ELEMENT) continue; /* (lxb_dom_node_t's fields) */
        element_marks(at, slots, which, &found);
        if (which == 0 && found.thread) return PyLong_FromLong(1);
        if (which != 0 && found.sure >= enough) return PyLong_FromLong(1);
    }
    if (which == 0 || found.sure >= enough) return PyLong_FromLong(which != 0);
    return PyLong_FromLong(found.sure + found.loose < enough ? 0 : -1);
}

/* The node after `at` in document order below `top`, or NULL (template contents aside). */
Node *next_below(Node *at, Node *top) {
    const TextNode *fields = (const TextNode *)at;
    if (fields->first_child != NULL) return fields->first_child;
    while (at != top && ((const TextNode *)at)->next == NULL) at = ((const TextNode *)at)->parent;
    return at == top ? NULL : ((const TextNode *)at)->next;
}

/* LexborNode.text() (deep): its descendants' text nodes' bytes, joined, decoded ("" for none). */
PyObject *deep_text(Node *node) {
    char *joined = NULL;
    size_t used = 0, size = 0;
    for (Node *at = next_below(node, node); at != NULL; at = next_below(at, node)) {
        const TextNode *fields = (const TextNode *)at;
        if (fields->local_name != TAG_TEXT || fields->data.data == NULL) continue;
        const size_t n = fields->data.length;
        if (used + n > size) {
            size_t grown = size ? 2 * size : 256;
            while (grown < used + n) grown *= 2;
            char *more = PyMem_Realloc(joined, grown);
            if (more == NULL) {
                PyMem_Free(joined);
                return PyErr_NoMemory();
            }
            joined = more, size = grown;
        }
        if (n) memcpy(joined + used, fields->data.data, n);
        used += n;
    }
    PyObject *text = PyUnicode_DecodeUTF8(joined != NULL ? joined : "", (Py_ssize_t)used, "replace");
    PyMem_Free(joined);
    return text;
}

Node *node_at(PyObject *address) {
    if (first_attribute == NULL) { /* (the function pointers: set by bind()) */
        PyErr_SetString(PyExc_RuntimeError, "_cwalk's readers before bind()");
        return NULL;
    }
    Node *node = (Node *)PyLong_AsVoidPtr(address);
    if (node == NULL && !PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "no node at address 0");
    return node;
}

/* The value of an element's last attribute named `name` (its qualified name, byte for byte):
 * 1 with *value (NULL: no value) and *n, 0 for none; *count: how many such attributes. */
int attribute_named(Node *node, const char *name, const unsigned char **value, size_t *n, int *count) {
    const size_t length = strlen(name);
    *count = 0;
    for (Attr *attr = first_attribute(node); attr != NULL; attr = next_attribute(attr)) {
        size_t m = 0;
        const unsigned char *key = attr_name(attr, &m);
        if (key == NULL || m != length || memcmp(key, name, m) != 0) continue;
        *value = attr_value(attr, n);
        ++*count;
    }
    return *count > 0;
}

/* A script's type as json_ld_texts reads it: 1 JSON-LD, 0 not, -1 left to the selector. */
static int ld_type(Node *script) {
    static const char wanted[] = "application/ld+json";
    const unsigned char *value = NULL;
    size_t n = 0;
    int count = 0, xlink = 0;
    const unsigned char *unused = NULL;
    size_t unused_n = 0;
    if (attribute_named(script, "xlink:type", &unused, &unused_n, &xlink)) return -1;
    if (!attribute_named(script, "type", &value, &n, &count) || value == NULL) return 0;
    if (count > 1) return -1;
    if (n == sizeof wanted - 1 && memcmp(value, wanted, n) == 0) return 1;
    for (size_t i = 0; i < n; i++)
        if (value[i] >= 0x80) return -1; /* (str.lower() of other characters) */
    return same_name(value, n, wanted) ? -1 : 0;
}

/* The `datetime` of a <time> (decoded; None for no value), or NULL with *none set for none. */
static PyObject *datetime_of(Node *time, int *none) {
    const unsigned char *value = NULL;
    size_t n = 0;
    int count = 0;
    *none = !attribute_named(time, "datetime", &value, &n, &count);
    if (*none) return NULL;
    if (value == NULL) Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8((const char *)value, (Py_ssize_t)n, "replace");
}

/* The JSON-LD scripts' texts (json_ld_texts: each cut to what is left of `budget`, budget > 0). */
static PyObject *script_texts(Node **scripts, Py_ssize_t count, Py_ssize_t budget) {
    PyObject *texts = PyList_New(0);
    for (Py_ssize_t i = 0; texts != NULL && i < count && budget > 0; i++) {
        PyObject *text = deep_text(scripts[i]);
        if (text != NULL && PyUnicode_GET_LENGTH(text) > budget) Py_SETREF(text, PyUnicode_Substring(text, 0, budget));
        if (text == NULL || PyList_Append(texts, text) < 0) Py_CLEAR(texts);
        else budget -= PyUnicode_GET_LENGTH(text);
        Py_XDECREF(text);
    }
    if (texts != NULL) Py_SETREF(texts, PyList_AsTuple(texts));
    return texts;
}

/* document_reads(document, budget) -> (JSON-LD texts or None, first datetime or None, thread,
 * prices, prices in quirks mode only): one pass. */
static PyObject *document_reads(PyObject *self, PyObject *args) {
    PyObject *address;
    Py_ssize_t budget;
    if (!PyArg_ParseTuple(args, "On:document_reads", &address, &budget)) return NULL;
    Node *top = node_at(address);
    if (top == NULL) return NULL;
    Slot slots[64];
    clear_kinds(slots);
    /* The scripts first (the selector is asked whenever one script's type needs it), then their texts. */
    Node *found[16];
    Node **scripts = found;
    Py_ssize_t count = 0, capacity = 16;
    int left = budget <= 0; /* (json_ld_texts' slice of a budget not above 0: the Python's) */
    PyObject *datetime = NULL;
    PageMarks marks = {0, 0, 0};
    MarkSlot mark_slots[64];
    clear_mark_slots(mark_slots);
    for (Node *at = next_below(top, top); at != NULL; at = next_below(at, top)) {
        if (((const TextNode *)at)->type != TYPE_ELEMENT) continue;
        element_marks(at, mark_slots, 2, &marks);
        const int kind = element_kind(slots, at) & ~KIND_FOLDED;
        if (kind == KIND_TIME && datetime == NULL) {
            int none = 0;
            datetime = datetime_of(at, &none);
            if (datetime == NULL && !none) goto failed;
        }
        if (kind != KIND_SCRIPT || left) continue;
        const int ld = ld_type(at);
        left = ld < 0;
        if (ld <= 0) continue;
        if (count == capacity) {
            Node **more = PyMem_Malloc((size_t)capacity * 2 * sizeof *more);
            if (more == NULL) {
                PyErr_NoMemory();
                goto failed;
            }
            memcpy(more, scripts, (size_t)count * sizeof *more);
            if (scripts != found) PyMem_Free(scripts);
            scripts = more, capacity *= 2;
        }
        scripts[count++] = at;
    }
    PyObject *texts = left ? Py_NewRef(Py_None) : script_texts(scripts, count, budget);
    if (scripts != found) PyMem_Free(scripts);
    if (texts == NULL) {
        Py_XDECREF(datetime);
        return NULL;
    }
    return Py_BuildValue("(NNNnn)", texts, datetime != NULL ? datetime : Py_NewRef(Py_None),
                         PyBool_FromLong(marks.thread), marks.sure, marks.loose);
failed:
    if (scripts != found) PyMem_Free(scripts);
    Py_XDECREF(datetime);
    return NULL;
}

PyMethodDef read_methods[] = {
    {"page_marks", page_marks, METH_VARARGS,
     "page_marks(root, root.mem_id, which, enough) -> 1, 0 or -1: _page_type's whole-tree selectors (_cwalk_reads.c)."},
    {"document_reads", document_reads, METH_VARARGS,
     "document_reads(document address, budget) -> (JSON-LD texts | None, datetime | None, thread, prices, "
     "quirks-mode prices) (_cwalk_reads.c)."},
    {"head_marks", head_marks, METH_O,
     "head_marks(head address) -> (entries, metas) | None: HeadMarks' head search (_cwalk_head.c)."},
    {NULL, NULL, 0, NULL}};
