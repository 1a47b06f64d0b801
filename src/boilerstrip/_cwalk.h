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
int holds_text(Node *node, PyObject *skipped);
extern PyTypeObject WalkerType;

#pragma GCC visibility pop

#endif
