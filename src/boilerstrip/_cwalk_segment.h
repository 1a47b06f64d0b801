/* What the Walker's segment mode shares between its two files: _cwalk_segment.c (its state,
 * the visit of a node, the ends of elements, the set-up) and _cwalk_enter.c (_enter). */
#ifndef BOILERSTRIP_CWALK_SEGMENT_H
#define BOILERSTRIP_CWALK_SEGMENT_H
#include <string.h>

#include "_csteps.h"
#include "_cwalk.h"

#pragma GCC visibility push(hidden)

enum {
    F_BLOCK = 1, F_ENTERED = 2, F_EXITED = 4, F_READS = 8, F_CONTROL = 16, F_HEADING = 32,
    F_A = 64, F_PRE = 128, F_TR = 256, F_CELL = 512, F_DIALOG = 1024, F_KNOWN = 2048, F_QUOTE = 4096,
    F_LI = 8192, F_IMG = 16384
};
/* The hooks' order (_segment._C_HOOKS). */
enum {
    H_BLOCK, H_ENTERED, H_EXITED, H_READS, H_CONTROLS, H_HEADINGS, H_ROLES, H_INHERITED, H_BLOCK_TEXT,
    H_RECORD_STEPS, H_PACKED, H_NO_MARKUP, H_PARAGRAPH, H_TABLE_CELL, H_HEADING, H_MERGE_ROW, H_WRAPPERS, H_PANEL,
    H_SCREEN_READER, H_REVEALED, H_ROW_MAX, H_COUNT
};
/* The attributes of st and of its Recorder that the set-up reads (and in_pre and withheld, which
 * the walk writes), by the interned names of segment_name: a name made anew for each read missed
 * the type's attribute cache (about 900 instructions a read, 29 reads a walk). */
enum {
    N_MARKUP, N_URLS, N_ENTER, N_EXIT, N_STACK, N_OPEN_BLOCKS, N_ELEMENTS, N_STRINGS, N_NUMBERS,
    N_ADD_ELEMENT, N_ZERO_ROW, N_ROLES, N_BREAKS, N_PIECES, N_ITEMSIZE, N_REVEAL, N_PANELS, N_IN_PRE, N_WITHHELD,
    N_TEXTS, N_MARKUPS, N_ADD_BLOCK, N_STEPS, N_HREFS, N_LISTS, N_IMAGES, N_TABLES, N_PACK_AT, N_SPANS, N_FROMBYTES,
    N_STRUCTURE, N_COUNT
};
/* The interned name (borrowed, made once a process: a constant) of the attribute `which`. */
PyObject *segment_name(int which);
/* getattr(of, the name `which`) (a new reference), checked to be a `type` unless NULL. */
PyObject *attribute(PyObject *of, int which, PyTypeObject *type);

typedef struct {
    int flags, level, inherit;
    PyObject *role; /* borrowed from the roles table, NULL for none */
} TagInfo;

/* An open block-level element: its frame's fields (_segment_blocks' _ELEMENT ... _BLOCK_DEPTH),
 * kept here only: the frame tuple is made when Python reads st.open_blocks (open_frames). */
typedef struct {
    Py_ssize_t element, chars, link_chars, tags, link_tags, parent, up, row;
    Py_ssize_t first_block, stack; /* _FIRST_BLOCK (blocks made before it), _STACK */
    PyObject *role, *tag;          /* (borrowed: the roles table's, its stack entry's) */
    int level, inherit, flags;
} Block;

/* The names of the elements met last (a page repeats its class attributes), by a hash of the
 * class, id and itemprop values' bytes: each the interned str names_of made of them. */
#define NAMES_KEPT 64
#define NAMES_BYTES 64
typedef struct {
    uint64_t hash;
    size_t length; /* of bytes: the three values, each after its length */
    unsigned char bytes[NAMES_BYTES];
    PyObject *names;
} KeptNames;

/* FNV's hash (from HASH_START), on words, of bytes and then their length (the last word zero-padded). */
#define HASH_START 14695981039346656037ULL
static inline uint64_t bytes_hash(uint64_t hash, const unsigned char *data, size_t n) {
    size_t i = 0;
    for (uint64_t word; i + 8 <= n; i += 8) {
        memcpy(&word, data + i, 8);
        hash = (hash ^ word) * 1099511628211ULL;
        hash ^= hash >> 29;
    }
    if (i < n) {
        uint64_t word = 0;
        memcpy(&word, data + i, n - i);
        hash = (hash ^ word) * 1099511628211ULL;
        hash ^= hash >> 29;
    }
    hash = (hash ^ n) * 1099511628211ULL;
    return hash ^ (hash >> 29);
}

/* Whether slot k of a mask of slots is set; k set. */
static inline int slot_used(const uint64_t *used, size_t k) { return (int)(used[k / 64] >> (k % 64) & 1); }
static inline void use_slot(uint64_t *used, size_t k) { used[k / 64] |= (uint64_t)1 << (k % 64); }

/* The URLs of the links closed last, by a hash of their href's bytes (Lexbor's, alive with the
 * tree): each the page's one str for it (the Recorder's _urls), found again without the href
 * decoded, stripped and looked up in _urls (1,012 of the 5,830 links closed on 20 pages). */
#define URLS_KEPT 64
typedef struct {
    const unsigned char *data;
    size_t length;
    PyObject *url;
} KeptUrl;

/* The whitespace-only texts met last (a page's indentation between its tags: most of its text
 * nodes), each decoded once, by length and first and last bytes: a str made and freed per node
 * took about 250 instructions. */
#define SPACES_KEPT 32
#define SPACES_BYTES 64
typedef struct {
    size_t length;
    unsigned char bytes[SPACES_BYTES];
    PyObject *text;
} KeptSpaces;

/* The attribute names met last, by their id in the walked tree (an attribute node's local_name):
 * each the index of the name _enter reads (A_CLASS ... in _cwalk_enter.c) or -1, found once
 * rather than looked up and compared at each attribute. */
#define ATTRIBUTE_IDS 64
typedef struct {
    uintptr_t id;
    int which; /* -2: an empty slot */
} KeptAttribute;

/* An open <a> of the walk (_cwalk_links.c): its first piece, its href attribute's bytes (Lexbor's,
 * alive with the tree; NULL: none, or no value) and its URL once made (NULL: not yet; Py_None: none
 * once stripped). */
typedef struct {
    Py_ssize_t start;
    const unsigned char *data;
    size_t length;
    PyObject *href;
} Anchor;
/* A link of the current block, closed with text: its pieces and URL (the page's one str for it). */
typedef struct {
    Py_ssize_t start, end;
    PyObject *url;
} Closed;

/* Stack entries ([tag, :nth-of-type index, frame, None] lists) kept for reuse once popped: a list
 * made and freed per element entered took about 150 instructions. */
#define SPARE_ENTRIES 32
/* The element rows kept in C before they go to st.numbers (see Segment.tail), and the largest
 * row's bytes (6 counts of 8 bytes). */
#define TAIL_ROWS 64
#define ROW_BYTES 48

/* Its tables (from `kept` on) are not cleared at the set-up, but for the fields that tell an
 * empty slot: calloc cleared 19 KB a walk (about 20,000 instructions, 48,000 with the rest of the
 * set-up, where the one-paragraph page's whole walk takes 40,000). */
struct Segment {
    PyObject *spare[SPARE_ENTRIES];
    int spares;
    PyObject *st, *hooks, *stack, *open_blocks, *elements, *strings, *numbers, *add_element, *zero_row, *roles;
    PyObject *breaks, *enter, *exit, *empty, *no_attrs, *space;
    PyObject *urls; /* the Recorder's table of URLs (see _cwalk_links.c) */
    Anchor *anchors; /* the open <a>s, and the current block's closed links */
    Py_ssize_t anchors_open, anchors_size;
    Closed *closed;
    Py_ssize_t closed_count, closed_size;
    PyObject *pieces; /* the Walker's (borrowed) */
    /* What _end_block reads and writes (_cwalk_block.c): st's texts (replaced when packed), markups,
     * add_block (block_numbers.frombytes) and steps, the Recorder's hrefs, lists, images and
     * tables, and itself, its spans' frombytes and its bound structure method (NULL until first
     * needed); pack_at (-1: None). */
    PyObject *texts, *markups, *add_block, *steps, *hrefs, *lists, *images, *tables, *recorder, *add_span, *structure;
    PyObject *image_type; /* _model.Image (NULL until first needed: _cwalk_image.c) */
    Py_ssize_t pack_at;
    PyObject *hook[H_COUNT]; /* borrowed from hooks */
    uint64_t known[CACHED / 64]; /* the tag ids whose infos[] are read */
    /* The slots of kept_urls in use (cleared with the rest at the set-up, and read at the end). */
    uint64_t urls_used[URLS_KEPT / 64];
    Block *blocks;
    Py_ssize_t open, capacity, itemsize;
    long long row_max; /* the largest count a 4-byte row holds */
    /* quotes: the open <blockquote>s the Recorder has entered (its own `quotes`, which it
     * counts the same way: enter() and exit() are called for each). */
    Py_ssize_t chars, link_chars, tags, link_tags, block_link_chars, in_link, in_pre, controls, quotes;
    /* The element rows not yet in st.numbers: rows flushed .. flushed + pending_rows - 1, kept
     * in `tail` (zeros at entry, written there on exit) and appended in one call when it is
     * full, before _merge_row and whenever the walk hands back to Python (flush_rows), where
     * each element's row of zeros was one frombytes call (20,616 on 20 pages, 3.9 M). */
    Py_ssize_t pending_rows, flushed;
    /* The blocks' rows not yet in st.block_numbers (_cwalk_block.c's append_row), in `block_tail`,
     * appended with the element rows (flush_rows): a bytes object and a frombytes call a block
     * took about 250 instructions (10,032 blocks on 20 pages). */
    Py_ssize_t pending_blocks;
    /* The links found whose (start, end) are not yet in the Recorder's spans (link_tail, appended
     * by flush_rows with the rows): a frombytes call a block that holds links. */
    Py_ssize_t pending_links;
    /* withheld: a hidden element or a tag of the walk's skipped ones not in H_REVEALED left out
     * (st.withheld set True once). */
    int has_text, reveal, panels, unseen, withheld;
    KeptNames kept[NAMES_KEPT];       /* (empty: names NULL) */
    KeptUrl kept_urls[URLS_KEPT];     /* (in use: urls_used) */
    KeptSpaces spaces[SPACES_KEPT];   /* (empty: text NULL) */
    KeptAttribute attribute_ids[ATTRIBUTE_IDS]; /* (empty: which -2) */
    TagInfo infos[CACHED];            /* (read where `known` has the id) */
    int64_t tail[TAIL_ROWS * ROW_BYTES / 8];
    int64_t block_tail[TAIL_ROWS * 5];
    int64_t link_tail[TAIL_ROWS * 2];
    StepMemo step_memo; /* (its `used` cleared at the set-up) */
};

/* The names and URLs kept released (the URLs' slots in use: a bit each). */
static inline void release_kept(Segment *s) {
    for (int i = 0; i < NAMES_KEPT; i++) Py_CLEAR(s->kept[i].names);
    for (int i = 0; i < URLS_KEPT / 64; i++)
        for (uint64_t bits = s->urls_used[i]; bits; bits &= bits - 1)
            Py_DECREF(s->kept_urls[i * 64 + __builtin_ctzll(bits)].url);
}

/* A popped stack entry: kept for reuse (its frame released) when no one else holds it, else freed. */
static inline void drop_entry(Segment *s, PyObject *entry) {
    if (s->spares < SPARE_ENTRIES && Py_REFCNT(entry) == 1 && PyList_CheckExact(entry) && PyList_GET_SIZE(entry) == 4 &&
        PyList_GET_ITEM(entry, 3) == Py_None) {
        PyObject *frame = PyList_GET_ITEM(entry, 2);
        PyList_SET_ITEM(entry, 2, Py_NewRef(Py_None));
        Py_DECREF(frame);
        s->spare[s->spares++] = entry;
    } else {
        Py_DECREF(entry);
    }
}

/* list.pop() of a list this mode pushed to (never empty here), its allocation kept: a new reference. */
static inline PyObject *pop_last(PyObject *list) {
    Py_ssize_t last = PyList_GET_SIZE(list) - 1;
    PyObject *item = PyList_GET_ITEM(list, last);
    PyList_SET_ITEM(list, last, NULL);
    Py_SET_SIZE(list, last);
    return item;
}

/* list.clear(), its allocation kept when small (for the next block's pieces, where list.clear()
 * freed it and the appends grew it again), freed when large (a big page's long block: the
 * allocation would stay until the walk's end); the list is whole at each step. */
#define KEPT_ALLOCATION 256
static inline int clear_list(PyObject *list) {
    if (((PyListObject *)list)->allocated > KEPT_ALLOCATION)
        return PyList_SetSlice(list, 0, PyList_GET_SIZE(list), NULL);
    while (PyList_GET_SIZE(list)) Py_DECREF(pop_last(list));
    return 0;
}

/* An attribute value's UTF-8 bytes decoded (bad bytes replaced), and in [*start, *end) the
 * text without the white space str.strip() takes from its ends: the decoded str (a new
 * reference), or NULL with an error set. (A link's href and an image's source.) */
static inline PyObject *decoded_stripped(const unsigned char *bytes, size_t length, Py_ssize_t *start, Py_ssize_t *end) {
    PyObject *raw = PyUnicode_DecodeUTF8((const char *)bytes, (Py_ssize_t)length, "replace");
    if (raw == NULL) return NULL;
    const int kind = PyUnicode_KIND(raw);
    const void *data = PyUnicode_DATA(raw);
    Py_ssize_t i = 0, j = PyUnicode_GET_LENGTH(raw);
    while (i < j && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
    while (j > i && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j - 1))) j--;
    *start = i;
    *end = j;
    return raw;
}

int store_attr(Segment *s, PyObject *name, PyObject *value);
/* st.open_blocks given the frames of the `count` outermost open blocks, for the Python that reads
 * them (_merge_row, _wrapper_names); close_frames empties it again: 0, or -1 with an error set. */
int open_frames(Segment *s, Py_ssize_t count);
PyObject *new_frame(const Block *b); /* one block's frame: a new reference */
int close_frames(Segment *s);
/* st.withheld = True, once a walk: 0, or -1 with an error set. */
int withhold(Segment *s);
/* The rows of `tail` appended to st.numbers and those of `block_tail` to st.block_numbers: 0, or
 * -1 with an error set. */
int flush_rows(Segment *s);
/* A new element's row of zeros (in `tail`): 0, or -1 with an error set. */
int add_row(Segment *s);
int call_with(PyObject *function, PyObject *argument);
/* _cwalk_block.c: the current block ended (_end_block) or its whitespace dropped, as _enter and
 * _exit do; _line_break; the set-up of what they read (0, or -1 with an error set) and its end. */
int end_text(Segment *s);
int line_break(Segment *s);
int block_start(Segment *s, PyObject *st, PyObject *recorder);
void block_free(Segment *s);
/* _enter: 1 entered, 0 not (hidden, or screen-reader text left out), -1 on error. */
int enter_element(Walker *w, Node *node, PyObject *tag, const TagInfo *info);
/* _cwalk_links.c: Recorder.open_link (its href's bytes: NULL for None), Recorder.close_link, the
 * links of the block of `text` found and kept (Recorder.markup's record_links: how many, or -1),
 * _drop_pieces, and the arrays freed (links_free). */
int open_link(Segment *s, Py_ssize_t at, const unsigned char *data, size_t length);
int close_link(Segment *s, Py_ssize_t at);
Py_ssize_t block_links(Segment *s, PyObject *text);
int drop_pieces(Segment *s);
void links_free(Segment *s);
/* _cwalk_image.c: Recorder.enter of an <img>: 0, or -1 with an error set. */
int enter_image(Segment *s, Node *node);
/* _cwalk_hidden.c: a style that hides its element (display:none, visibility:hidden), a class
 * that marks screen-reader-only text. */
int hiding_style(const unsigned char *data, size_t length);
int marks_screen_reader(const unsigned char *data, size_t length);
/* is_screen_reader_only of an ASCII class: 1 or 0; -1 for one with a non-ASCII byte. */
int screen_reader_class(const unsigned char *data, size_t length);

#pragma GCC visibility pop

#endif
