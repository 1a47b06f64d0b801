/* The stack of open elements in C (_cstack.c, _ctags.c) and the names' table (_cnames.c):
 * what these files share. */
#ifndef BOILERSTRIP_CSTACK_H
#define BOILERSTRIP_CSTACK_H
#include "_cscan.h"
#include <string.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

#define NAME_SLOTS 1024 /* open addressing, at most a quarter full */
#define NAME_BYTES 16

struct Names {
    PyObject *tables, *text_starts, *body_names; /* what it was built from (names_built_from) */
    int count;
    unsigned long flags[NAME_SLOTS / 4];
    int slot[NAME_SLOTS / 4];     /* the where list of a tracked name */
    PyObject *str[NAME_SLOTS / 4]; /* each id's str (the tables'), for raw_end's look-up */
    struct {
        unsigned char length;
        short id;
        char bytes[NAME_BYTES];
    } hash[NAME_SLOTS];
    int tracked;
    Py_ssize_t search_depth, noahs_ark;
    int a, nobr, button, li, dd, dt, p, option, optgroup, table, td, th, caption, tr, tbody, thead, tfoot,
        template_, select, frameset, form, br, ul, ol, script, plaintext, svg, noscript, annotation_xml, col, colgroup, frame;
    int headings[6];
};

unsigned long hash_bytes(const char *bytes, Py_ssize_t length);
#define HASH_START 2166136261UL
#define HASH_STEP(h, byte) (((h) ^ (unsigned char)(byte)) * 16777619UL)

/* The id of the ASCII name whose bytes, zero-padded to NAME_BYTES, are `key` and whose
 * hash_bytes is h, or -1: the table's names are zero-padded too (names_new's calloc and
 * add_name's copy), so that a slot is compared in one fixed-size memcmp (two words). */
static inline int find_key(const Names *N, const char *key, Py_ssize_t length, unsigned long h) {
    for (unsigned long i = h % NAME_SLOTS;; i = (i + 1) % NAME_SLOTS) {
        if (N->hash[i].length == 0) return -1;
        if (N->hash[i].length == length && memcmp(N->hash[i].bytes, key, NAME_BYTES) == 0) return N->hash[i].id;
    }
}

int name_of_other(const Names *N, const Text *t, Py_ssize_t start, Py_ssize_t end, Name *name);

/* A tag's name lowered into key (zero-padded) with its hash_bytes, over text of one kind; i is
 * left where it stopped (before a non-ASCII character, or at length). */
#define LOWER_KEY(T)                                                    \
    {                                                                   \
        const T *p = (const T *)t->data + start;                        \
        for (; i < length; i++) {                                       \
            Py_UCS4 c = p[i];                                           \
            if (c > 127) break;                                         \
            c |= (Py_UCS4)(c - 'A' < 26u) << 5; /* A-Z to a-z */        \
            key[i] = (char)c;                                           \
            h = HASH_STEP(h, c);                                        \
        }                                                               \
    }

/* The tag text[start:end]'s name: the id of a table's name (ASCII, lowered here; inline, as the
 * loop reads one at each tag), else name_of_other's (a str, or the id str.lower() gives). 1 where
 * the name is ASCII and a table's (read here), 0 where name_of_other read it, -1 on an error. */
static inline int name_of(const Names *N, const Text *t, Py_ssize_t start, Py_ssize_t end, Name *name) {
    Py_ssize_t length = end - start;
    name->str = NULL;
    if (length <= NAME_BYTES && length > 0) {
        char key[NAME_BYTES] = {0};
        unsigned long h = HASH_START;
        Py_ssize_t i = 0;
        if (t->kind == PyUnicode_1BYTE_KIND)
            LOWER_KEY(Py_UCS1)
        else if (t->kind == PyUnicode_2BYTE_KIND)
            LOWER_KEY(Py_UCS2)
        else
            LOWER_KEY(Py_UCS4)
        if (i == length) {
            name->id = find_key(N, key, length, h);
            if (name->id >= 0) return 1;
        }
    }
    return name_of_other(N, t, start, end, name);
}
#undef LOWER_KEY

typedef struct {
    Py_ssize_t *items, size, capacity;
} Ints;

typedef struct {
    int id;
    int retired;
    PyObject *str;                 /* id < 0: the name (owned) */
    Py_ssize_t key_start, key_end; /* the raw start tag of a formatting element; key_end 0: none */
    Py_hash_t key_hash;            /* of the key's characters; -1: not made yet */
} Entry;

typedef struct {
    Py_ssize_t start, end; /* end 0: an empty slot */
    Py_hash_t hash;
    Py_ssize_t count;
} Count;

struct Stack {
    const Text *t;
    const Names *names; /* only read */
    Entry *e;
    Py_ssize_t size, capacity;
    Ints *where; /* per tracked name */
    Ints bounds, special, foreign, markers;
    Ints spaces; /* what each element of `foreign` is: SPACE_SVG or SPACE_MATH, and its point bits */
    Entry *detached; /* their str is NULL: formatting elements have ids */
    Py_ssize_t detached_size, detached_capacity;
    Count *counts; /* detached_count */
    Py_ssize_t counts_used, counts_capacity;
};

int grow(void **items, Py_ssize_t *capacity, Py_ssize_t need, size_t item);

static inline unsigned long name_flags(const Names *N, const Name *name) { return name->id >= 0 ? N->flags[name->id] : 0; }
static inline Py_ssize_t stack_size(const Stack *s) { return s->size; }
static inline Py_ssize_t stack_detached(const Stack *s) { return s->detached_size; }
static inline int stack_foreign(const Stack *s) { return s->foreign.size > 0; }

static inline int ints_push(Ints *list, Py_ssize_t value) {
    if (list->size == list->capacity && grow((void **)&list->items, &list->capacity, list->size + 1, sizeof(Py_ssize_t)) < 0)
        return -1;
    list->items[list->size++] = value;
    return 0;
}
static inline void ints_pop(Ints *list) {
    if (list->size) list->size--;
}
static inline Py_ssize_t ints_last(const Ints *list, Py_ssize_t none) {
    return list->size ? list->items[list->size - 1] : none;
}
static inline int where_has(const Stack *s, int id) { return s->where[s->names->slot[id]].size > 0; }
static inline int is(const Entry *e, const Name *name) {
    if (e->retired) return 0;
    if (name->id >= 0) return e->id == name->id;
    return e->id < 0 && PyUnicode_Compare(e->str, name->str) == 0;
}
static inline int is_id(const Entry *e, int id) { return !e->retired && e->id == id; }
static inline unsigned long flags_of(const Stack *s, const Entry *e) {
    return e->retired || e->id < 0 ? 0 : s->names->flags[e->id];
}

/* OpenElements.spaces' codes (_open_elements.py's IN_SVG, ...): a foreign element's namespace,
 * and for an integration point which start tags in it are HTML. */
enum {
    SPACE_SVG = 1,
    SPACE_MATH = 2,
    SPACE_HTML_POINT = 4, /* all of them */
    SPACE_TEXT_POINT = 8, /* all but mglyph and malignmark */
    SPACE_ANNOTATION = 16, /* math's annotation-xml that is no point: only an <svg> */
};

#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define TRY(x) \
    do { \
        if ((x) < 0) return -1; \
    } while (0)

/* _cscan_runs.c: the text nodes Lexbor appends to (_text_runs.TextRuns) */
typedef struct {
    long long flow, foster, carry, elements;
    Py_ssize_t depth;
    Py_ssize_t taken; /* where the last piece ended, or -1 once memory was taken since */
} Runs;
long long run_units(Runs *r, const Text *t, Py_ssize_t start, Py_ssize_t end, const Stack *s, const Names *N,
                    long long elements, Py_ssize_t shift);

/* OpenElements' methods (_cstack.c); positions -1 for none, -1 returned on an error. */
int push_name(Stack *s, const Name *name, int foreign);
int push_id(Stack *s, int id);
void forget(Stack *s, int id);
void retire(Stack *s, Py_ssize_t position);
Py_ssize_t adopt(Stack *s, Py_ssize_t position);
Py_ssize_t in_scope(const Stack *s, const Name *name, int extra1, int extra2);
Py_ssize_t in_table_scope(const Stack *s, int id);
int no_special_above(const Stack *s, Py_ssize_t position, unsigned long allowed);
int leave_foreign(Stack *s);
/* _tree_steps._foreign_kind: what the foreign element `name` (its start tag text[start:end]) opened
 * in the current one (a foreign element) is; open_foreign: foreign.append(position) and
 * spaces.append(space) (both out of line: rare, and kept out of the inline push). */
int foreign_kind(const Stack *s, const Name *name, Py_ssize_t start, Py_ssize_t end);
int open_foreign(Stack *s, Py_ssize_t position, int space);
Py_hash_t key_hash(const Text *t, Py_ssize_t start, Py_ssize_t end);

void clear_to(Stack *s, Py_ssize_t length);
int detach(Stack *s, Entry *e);
Py_ssize_t last_untracked(const Stack *s, const Name *name);

/* push, pop_to and last are inline: the tree builder's steps (_ctags.c) call them at almost every
 * tag, and a call and return were a third of their instructions. foreign: what a foreign element
 * is (its SPACE_ code), 0 for others. */
static inline int push(Stack *s, const Entry *entry, int foreign) {
    Py_ssize_t position = s->size;
    if (foreign && open_foreign(s, position, foreign) < 0) return -1;
    if (position >= s->capacity && grow((void **)&s->e, &s->capacity, position + 1, sizeof(Entry)) < 0) return -1;
    s->e[position] = *entry;
    Py_XINCREF(entry->str);
    s->size++;
    if (entry->retired || entry->id < 0) return 0; /* "#x": no kind */
    unsigned long kind = s->names->flags[entry->id];
    if ((kind & F_TRACKED) && ints_push(&s->where[s->names->slot[entry->id]], position) < 0) return -1;
    if ((kind & F_BOUNDARY) && ints_push(&s->bounds, position) < 0) return -1;
    if ((kind & F_SPECIAL) && ints_push(&s->special, position) < 0) return -1;
    if ((kind & F_MARKER) && ints_push(&s->markers, s->detached_size) < 0) return -1;
    if ((kind & F_FOREIGN) && !foreign && open_foreign(s, position, entry->id == s->names->svg ? SPACE_SVG : SPACE_MATH) < 0)
        return -1; /* an <svg> or <math> in HTML */
    return 0;
}

/* pop_to(position, own): own is a name's id, -1 for none (keyed entries have ids). */
static inline int pop_to(Stack *s, Py_ssize_t position, int own) {
    while (s->size > position) {
        Entry e = s->e[--s->size];
        unsigned long kind = e.id < 0 ? 0 : s->names->flags[e.id];
        if (e.retired) kind &= ~(unsigned long)F_TRACKED;
        if (kind & F_TRACKED) ints_pop(&s->where[s->names->slot[e.id]]);
        if (kind & F_BOUNDARY) ints_pop(&s->bounds);
        if (kind & F_SPECIAL) ints_pop(&s->special);
        if ((kind & F_MARKER) && s->markers.size) clear_to(s, s->markers.items[--s->markers.size]);
        if (s->foreign.size && s->foreign.items[s->foreign.size - 1] == s->size) {
            s->foreign.size--;
            s->spaces.size--; /* (the same size) */
        }
        Py_XDECREF(e.str);
        if (e.key_end && !(!e.retired && e.id == own && s->size == position)) TRY(detach(s, &e));
    }
    return 0;
}

/* The position of the last open element named `name`, or -1. */
static inline Py_ssize_t last(const Stack *s, const Name *name) {
    if (name->id >= 0 && (s->names->flags[name->id] & F_TRACKED)) return ints_last(&s->where[s->names->slot[name->id]], -1);
    return last_untracked(s, name);
}

static inline Py_ssize_t last_id(const Stack *s, int id) {
    Name name = {id, NULL};
    return last(s, &name);
}

static inline Py_ssize_t in_scope_id(const Stack *s, int id, int extra1, int extra2) {
    Name name = {id, NULL};
    return in_scope(s, &name, extra1, extra2);
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
#endif
