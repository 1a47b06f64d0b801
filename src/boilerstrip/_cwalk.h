/* What _cwalk.c and _cwalk_walker.c share: Lexbor's functions, looked up once by bind(), and
 * the node readers (see _cwalk.c). */
#ifndef BOILERSTRIP_CWALK_H
#define BOILERSTRIP_CWALK_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* The files' shared names stay inside the extension (no interposition by a loaded library). */
#pragma GCC visibility push(hidden)

typedef struct Node Node; /* lxb_dom_node_t, only through Lexbor's functions */
typedef struct Attr Attr; /* lxb_dom_attr_t */
typedef struct { unsigned char *data; size_t length; } LexborStr;
/* lxb_dom_character_data_t: a node (lxb_dom_node_t's fields, as lexbor.pxd declares them)
 * and its text. */
typedef struct {
    void *events;
    uintptr_t local_name, prefix, ns;
    void *owner_document, *next, *prev, *parent, *first_child, *last_child, *user;
    int type;
    LexborStr data;
} TextNode;

enum { TYPE_ELEMENT = 1, TYPE_TEXT = 3 };
enum { TAG_TEXT = 2, TAG_DOCUMENT = 3, TAG_COMMENT = 4, TAG_DOCTYPE = 5 };

extern Node *(*first_child)(Node *);
extern Node *(*next_sibling)(Node *);
extern Node *(*parent_of)(Node *);
extern uintptr_t (*tag_id_of)(Node *);
extern int (*type_of)(Node *);
extern Attr *(*first_attribute)(Node *);
extern Attr *(*next_attribute)(Attr *);
extern const unsigned char *(*attr_name)(Attr *, size_t *);
extern const unsigned char *(*attr_value)(Attr *, size_t *);
extern const unsigned char *(*element_name)(Node *, size_t *);
PyObject *text_of(Node *node);
PyObject *tag_of(Node *node, uintptr_t id);
/* The attribute names a walk met, decoded once (a page repeats a few names: class, id, href,
 * style): a name's bytes (up to KEY_BYTES) and its str. */
#define KEYS 32
#define KEY_BYTES 24
typedef struct {
    size_t length;
    unsigned char bytes[KEY_BYTES];
    PyObject *name;
} Key;
typedef struct {
    int count;
    Key keys[KEYS];
} Keys;
PyObject *attributes_of(Node *node, Keys *keys);
/* The same, of the attributes named in `names` alone (NULL-terminated; NULL: all). */
PyObject *attributes_among(Node *node, Keys *keys, const char *const *names);
/* The page readers (_cwalk_reads.c, _cwalk_head.c): an element's kind by its tag (read as
 * tree.tags() reads it: its qualified name in any ASCII case; KIND_FOLDED added where it is not
 * written in lowercase), looked up once a pass per name id in 64 slots. */
enum { KIND_OTHER, KIND_SCRIPT, KIND_TIME, KIND_META, KIND_TITLE, KIND_LINK };
#define KIND_FOLDED 8 /* added: the name in other ASCII cases */

typedef struct {
    uintptr_t id;
    int kind;
} Slot;
int element_kind(Slot *slots, Node *node);
void clear_kinds(Slot *slots);
/* The node after `at` in document order below `top`, or NULL (template contents aside). */
Node *next_below(Node *at, Node *top);
/* LexborNode.text() (deep): its descendants' text nodes' bytes, joined, decoded. */
PyObject *deep_text(Node *node);
Node *node_at(PyObject *address);
int attribute_named(Node *node, const char *name, const unsigned char **value, size_t *n, int *count);
extern PyMethodDef read_methods[]; /* the page readers */
PyObject *head_marks(PyObject *self, PyObject *arg);

int holds_text(Node *node, PyObject *skipped);
extern PyTypeObject WalkerType;

/* An open element's :nth-of-type counts of its children, by walked name (one str per name a
 * walk: the names are interned, so the pointer is the key). */
typedef struct {
    PyObject *name;
    Py_ssize_t count;
} Seen;

typedef struct {
    Node *node;
    int pre;
    int flags;      /* the segment mode's tag flags (_cwalk_segment.c) */
    PyObject *tag;  /* its walked name (borrowed from the Walker's names) */
    Seen *seen;     /* the segment mode's :nth-of-type counts of its children (kept per slot) */
    Py_ssize_t seen_used, seen_size;
} Parent;

#define CACHED 256 /* tag ids below this (Lexbor's own tags) are looked up in an array */

typedef struct Segment Segment;

typedef struct {
    PyObject_HEAD
    PyObject *root;      /* the selectolax node walked: keeps its tree alive */
    PyObject *skipped;   /* the tag names not entered (frozenset) */
    PyObject *controls;  /* SKIPPED_TAGS, for text_beside */
    PyObject *names[CACHED]; /* the walked name by tag id, as _walk's `tags` (NULL: not yet) */
    char kinds[CACHED];
    PyObject *more;      /* the same for other ids: {id: name} */
    PyObject *interned;  /* every walked name, once: {name: name} */
    PyObject *pieces;    /* the walk's st.pieces: every text node's text is appended to it */
    Keys keys;           /* the attribute names met */
    PyObject *br, *check; /* the events "br" and "" */
    Node *node;          /* the node visited, entered or being left */
    Parent *parents;     /* the entered ancestors of node, as _walk's `parents` */
    Py_ssize_t depth, capacity;
    int state, skip, checked, pre, in_pre; /* pre: node is a <pre>; in_pre: as st.in_pre */
    long left, every;    /* nodes to the next look at the clock; every: 0 for none */
    Segment *segment;    /* NULL, or the segment mode's state (_cwalk_segment.c) */
} Walker;

/* What the walk does with a node, by its walked name (_segment._walked_name): pass it over
 * ("" or "-text"), a line break, or enter it (a <pre>: the text's whitespace counts). */
enum { UNKNOWN = 0, PASS, BREAK, ENTER, ENTER_PRE };
PyObject *name_of(Walker *w, Node *node, int *kind);
/* Make room for one more item in a PyMem array of `*capacity` items of `item` bytes, all in
 * use: its capacity doubled (`first` when it has none); -1 with MemoryError set on failure. */
static inline int grow_full(void **items, Py_ssize_t *capacity, Py_ssize_t first, size_t item) {
    Py_ssize_t size = *capacity ? 2 * *capacity : first;
    void *grown = PyMem_Realloc(*items, (size_t)size * item);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *items = grown;
    *capacity = size;
    return 0;
}
int push_parent(Walker *w, Node *node);
Py_ssize_t visible_length(PyObject *text);
int text_beside(Walker *w, Node *node);
/* The segment mode (_cwalk_segment.c): set up by Walker.segment(); a node visited, an entered
 * element left (the parent popped, or an element without children); freed with the Walker. */
PyObject *segment_start(Walker *w, PyObject *args);
int segment_visit(Walker *w, Node *node);
int segment_leave(Walker *w, Parent *up);
/* A tag of the walk's skipped ones met (`tag`, once a walk per tag id): st.withheld set when a
 * walk with reveal would enter it; 0, or -1 with an error set. */
int segment_skipped(Walker *w, PyObject *tag);
void segment_free(Walker *w);
/* The segment mode's pending rows of zeros appended to st.numbers (flush_rows): 0, or -1. */
int segment_flush(Walker *w);

#pragma GCC visibility pop

#endif
