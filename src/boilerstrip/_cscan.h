/* What the files of the compiled build's _cscan extension share: the text, the tokenizer
 * (_cscan_tokens.c), the stack of open elements (_cstack.c, the port of _open_elements.py),
 * the loop (_cscan.c) and the segment stage's helpers (_cscan_helpers.c, and its Elements and
 * RawBlocks made from the traversal's columns: _cscan_elements.c, _cscan_blocks.c). */
#ifndef BOILERSTRIP_CSCAN_H
#define BOILERSTRIP_CSCAN_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The files' shared functions and table are the extension's own: hidden, so that a symbol of
 * the same name elsewhere in the process never stands in for them (and calls bind directly). */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* The text: a str, or bytes read one character a byte (as their Latin-1 text would be:
 * a page's UTF-8, whose markup is ASCII; offsets are the bytes'). */
typedef struct {
    PyObject *str;
    const void *data;
    int kind;
    Py_ssize_t n;
    int bytes;
} Text;

static inline Py_UCS4 at(const Text *t, Py_ssize_t i) { return PyUnicode_READ(t->kind, t->data, i); }

/* The first index in [i, n) of two- or four-byte text holding c, or -1: eight (four) characters
 * compared at once where SSE2 is there (x86-64 always), without a call (most searches end
 * within a few characters: the next "<" or quote), one at a time elsewhere. */
static inline Py_ssize_t find2(const Py_UCS2 *p, Py_ssize_t i, Py_ssize_t n, Py_UCS2 c) {
#if defined(__SSE2__)
    const __m128i needle = _mm_set1_epi16((short)c);
    for (; n - i >= 16; i += 16) { /* sixteen at a time, then the eight that hold it */
        const __m128i a = _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(p + i)), needle),
                      b = _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(p + i + 8)), needle);
        if (_mm_movemask_epi8(_mm_or_si128(a, b)) == 0) continue;
        const int low = _mm_movemask_epi8(a);
        return low ? i + (__builtin_ctz((unsigned)low) >> 1) : i + 8 + (__builtin_ctz((unsigned)_mm_movemask_epi8(b)) >> 1);
    }
    for (; n - i >= 8; i += 8) {
        const int hits = _mm_movemask_epi8(_mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(p + i)), needle));
        if (hits) return i + (__builtin_ctz((unsigned)hits) >> 1);
    }
#endif
    for (; i < n; i++)
        if (p[i] == c) return i;
    return -1;
}

static inline Py_ssize_t find4(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t n, Py_UCS4 c) {
#if defined(__SSE2__)
    const __m128i needle = _mm_set1_epi32((int)c);
    for (; n - i >= 16; i += 16) { /* sixteen at a time, then the four that hold it */
        const __m128i a = _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(p + i)), needle),
                      b = _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(p + i + 4)), needle),
                      d = _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(p + i + 8)), needle),
                      e = _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(p + i + 12)), needle);
        if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(d, e))) != 0) break;
    }
    for (; n - i >= 4; i += 4) {
        const int hits = _mm_movemask_epi8(_mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(p + i)), needle));
        if (hits) return i + (__builtin_ctz((unsigned)hits) >> 2);
    }
#endif
    for (; i < n; i++)
        if (p[i] == c) return i;
    return -1;
}

/* The first index in [i, end) of text t, of `kind` (t->kind, or a constant where the caller's copy is
 * made for one kind), holding the ASCII character c, or -1: memchr over one-byte text; over two-
 * and four-byte text (most pages: one curly quote makes a str two bytes a character), find2 and
 * find4 (eight or four characters a compare, no call). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline Py_ssize_t find_kind(const Text *t, int kind, Py_UCS4 c, Py_ssize_t i, Py_ssize_t end) {
    if (i >= end) return -1;
    if (kind == PyUnicode_1BYTE_KIND) {
        const char *data = t->data, *found = memchr(data + i, (int)c, (size_t)(end - i));
        return found == NULL ? -1 : found - data;
    }
    if (kind == PyUnicode_2BYTE_KIND) return find2(t->data, i, end, (Py_UCS2)c);
    return find4(t->data, i, end, c);
}

/* find_kind of the text's own kind. */
static inline Py_ssize_t find_in(const Text *t, Py_UCS4 c, Py_ssize_t i, Py_ssize_t end) {
    return find_kind(t, t->kind, c, i, end);
}

/* The tokenizer's spaces in _scan_patterns.TOKEN: \t \n \f \r and " " (not \v, not Unicode spaces). */
static inline int is_space(Py_UCS4 c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

#if defined(__GNUC__)
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE static inline
#endif

/* The text's character i, its kind a constant where the caller is inlined into a copy made for
 * one kind (as _cscan_namework.c's loops are), so that each copy reads one width. */
ALWAYS_INLINE Py_UCS4 read_kind(const void *data, int kind, Py_ssize_t i) {
    return kind == PyUnicode_1BYTE_KIND   ? ((const Py_UCS1 *)data)[i]
           : kind == PyUnicode_2BYTE_KIND ? ((const Py_UCS2 *)data)[i]
                                          : ((const Py_UCS4 *)data)[i];
}

/* A tag's attribute names as the tokenizer reads them, within a tag that _scan_patterns.TOKEN matched
 * (_merged_attributes._ATTRIBUTE; _cscan_attributes.c and _cscan_namework.c walk them): before
 * a name, spaces and "/" (and a ">" in a value the input's end left open: the regex skips it);
 * a name's first character may be "=", and the name ends at a space, "/", "=" or ">". */
#define SPACE_BITS (1ULL << ' ' | 1ULL << '\t' | 1ULL << '\n' | 1ULL << '\f' | 1ULL << '\r')
#define BEFORE_NAME_BITS (SPACE_BITS | 1ULL << '/' | 1ULL << '>')
#define ENDS_NAME_BITS (BEFORE_NAME_BITS | 1ULL << '=')
/* (each a bit test: all these characters are below 64) */
static inline int before_name(Py_UCS4 c) { return c < 64 && (BEFORE_NAME_BITS >> c) & 1; }
static inline int ends_name(Py_UCS4 c) { return c < 64 && (ENDS_NAME_BITS >> c) & 1; }

/* The start of the next attribute name in text[p:end] (t's text, of `kind`), or end. */
ALWAYS_INLINE Py_ssize_t next_name(const Text *t, int kind, Py_ssize_t p, Py_ssize_t end) {
    while (p < end && before_name(read_kind(t->data, kind, p))) p++;
    return p;
}

/* Past the value, if any, of the attribute whose name ends at p, before `end` (the tag's ">"
 * excluded): [ \t\n\f\r]* "=" [ \t\n\f\r]* then a quoted value, or where its quote is left
 * open or none opens it, a run up to a space or ">"; p itself where no "=" follows. */
ALWAYS_INLINE Py_ssize_t past_value(const Text *t, int kind, Py_ssize_t p, Py_ssize_t end) {
    const void *data = t->data;
    Py_ssize_t q = p;
    while (q < end && is_space(read_kind(data, kind, q))) q++;
    if (q >= end || read_kind(data, kind, q) != '=') return p;
    q++;
    while (q < end && is_space(read_kind(data, kind, q))) q++;
    Py_UCS4 quote = q < end ? read_kind(data, kind, q) : 0, c;
    if (quote == '"' || quote == '\'') {
        Py_ssize_t close = find_kind(t, kind, quote, q + 1, end);
        if (close >= 0) return close + 1;
    }
    while (q < end && !is_space(c = read_kind(data, kind, q)) && c != '>') q++;
    return q;
}

#define TOKEN_NAMES 32 /* a tag's attribute names kept by the tokenizer, at most */
typedef struct {
    Py_ssize_t start, end;
    Py_ssize_t name_start, name_end; /* name_start < 0: not a tag (comment, doctype, junk) */
    /* A tag closed by its ">": its attribute names' spans as the tokenizer read them (start, end;
     * the name work's names, which need not walk the tag again). -1: more than TOKEN_NAMES, or
     * a tag the text's end cut, whose names the name work reads in a walk of its own. */
    int names;
    Py_ssize_t name_at[2 * TOKEN_NAMES];
} Token;

/* _cscan_tokens.c */
int next_token(const Text *t, Py_ssize_t from, Token *tok);
/* _scan_patterns.makes_comment: whether a token without a name at start is a comment node */
int makes_comment(const Text *t, Py_ssize_t start);
PyObject *substring(const Text *t, Py_ssize_t start, Py_ssize_t end);
PyObject *lower_name(const Text *t, Py_ssize_t start, Py_ssize_t end);
Py_ssize_t raw_end(const Text *t, const char *name, Py_ssize_t length, Py_ssize_t from, Py_ssize_t *undecided,
                   int *comment);

/* Whether code point c is a control character _segment_blocks drops: a C0 control whose bit is
 * set in C0_DROPPED (all but \t (9), \n (10) and \r (13)), or U+007F-U+009F. */
#define C0_DROPPED 0xFFFFD9FFUL
#define CONTROL(c) ((c) < 0x20 ? (C0_DROPPED >> (c)) & 1 : (c) - 0x7F < 0x21)

/* _cscan_helpers.c */
PyObject *has_control(PyObject *self, PyObject *arg);
PyObject *collapse(PyObject *self, PyObject *arg);
PyObject *new_tuple(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
void settle(PyObject *made); /* new_tuple's tracking rule, for a tuple whose items are set */

/* An array of the traversal's numbers ("q", or "i" on a page too short to need 8 bytes): its
 * buffer, held until released, with the width of its items. */
typedef struct {
    Py_buffer view;
    const long long *wide; /* the items when 8 bytes, else NULL */
    const int *narrow;
    Py_ssize_t n;
} Column;

static inline long long get(const Column *c, Py_ssize_t i) { return c->wide ? c->wide[i] : c->narrow[i]; }

/* _cscan_text.c: the page's text before the parse (_bodies, _parse.looks_binary) */
PyObject *utf8_spans(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *holds_frameset(PyObject *self, PyObject *arg);
PyObject *odd_characters(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
/* _bodies.droppable; comment: 1 where text[end:close] is known to hold "<!--", 0 where known not
 * to, -1 where unknown (searched here) */
int droppable(const Text *t, Py_ssize_t start, Py_ssize_t end, Py_ssize_t close, int comment);
/* _svg_bodies.svg_droppable: whether the body text[end:close] of an svg element may go */
int svg_droppable(const Text *t, Py_ssize_t end, Py_ssize_t close);
int hides_its_end(const Text *t, Py_ssize_t end, Py_ssize_t close);
/* The first i in [from, to) where text[i:to] starts with `word` (ASCII lower case), its ASCII
   letters in any case; -1 where none does (see _limits.scan_python's runaways) */
Py_ssize_t find_word(const Text *t, Py_ssize_t from, Py_ssize_t to, const char *word);

/* _cscan_elements.c */
int column(PyObject *source, Column *c, const char *what); /* -1 with an error set */
PyObject *elements(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _cscan_blocks.c */
PyObject *block_columns(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

/* _cscan_record.c and _cscan_links.c: a block's text, its owner's CSS steps, its links */
PyObject *block_text(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *record_steps(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *record_links(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *join_words(PyObject *self, PyObject *arg);
PyObject *frombytes_name(PyObject *module); /* _cscan_module.c: borrowed from the module's state */

/* _cstack.c: the names the tables hold get ids, with their sets as bits. */
enum {
    F_TRACKED = 1 << 0, /* the kinds of _open_elements.KIND */
    F_BOUNDARY = 1 << 1,
    F_SPECIAL = 1 << 2,
    F_MARKER = 1 << 3,
    F_FOREIGN = 1 << 4,
    F_KINDS = 31,
    F_IGNORED = 1 << 5,
    F_VOID = 1 << 6,
    F_ACTIVE = 1 << 7,
    F_FORMATTING = 1 << 8,
    F_CLOSES_P = 1 << 9,
    F_HEADING = 1 << 10,
    F_NO_RECONSTRUCT = 1 << 11,
    F_BREAKOUT = 1 << 12,
    F_SVG_POINT = 1 << 13, /* an HTML integration point in svg */
    F_TABLE_PART = 1 << 14,
    F_SCOPED_END = 1 << 15,
    F_ABOVE_LI = 1 << 16,
    F_ABOVE_DD = 1 << 17,
    F_MATH_POINT = 1 << 18, /* a text integration point in math */
    F_GLYPH = 1 << 19,      /* mglyph, malignmark: foreign in a text integration point */
    F_TEXT_START = 1 << 20, /* the tables of _limits.py */
    F_BODY = 1 << 21,
};

/* A tag's name: the id of a name the tables hold, else -1 and the name's str. */
typedef struct {
    int id;
    PyObject *str; /* a new reference when id < 0, else NULL */
} Name;

typedef struct Stack Stack;
typedef struct Names Names;

/* _cscan_attributes.c: len(_merged_attributes._COUNTED.findall(text, p, end)), read by hand; for an html,
 * head or body start tag, its attribute names merged onto html's (merged[0]) or body's (merged[1])
 * set, made on first use (_merged_attributes.merge): 1 where that element's then pass `limit`, 0
 * where not, -1 on an error; the sets freed. */
Py_ssize_t count_attributes(const Text *t, Py_ssize_t p, Py_ssize_t end);
int merges_past(const Names *N, const Name *name, const Text *t, Py_ssize_t name_end, Py_ssize_t end, long long limit,
                PyObject *merged[2]);
void merged_free(PyObject *merged[2]);

/* _cscan_namework.c: Lexbor's name-table work (_name_work.NameWork), in a table of one call's:
 * namework_tag counts a tag's name and its attributes' and gives the work so far (-1 on an error);
 * id: the name's id where name_of read it as a table's ASCII name, else -1. */
typedef struct NameWork NameWork;
/* names: _name_work.LEXBOR_NAMES' four tuples (borrowed); NULL on an error */
NameWork *namework_new(PyObject *const names[4]);
void namework_free(NameWork *work);
long long namework_attributes(const NameWork *work); /* the attributes read so far */
long long namework_tag(NameWork *work, const Text *t, int id, const Token *tok);

/* The names' table built from _open_elements.C_TABLES and _limits' (NULL on an error), only read
 * after; whether one was built from these tables (the same objects). */
Names *names_new(PyObject *stack_tables, PyObject *text_starts, PyObject *body_names);
void names_free(Names *names);
int names_built_from(const Names *names, PyObject *stack_tables, PyObject *text_starts, PyObject *body_names);
/* _cscan_module.c: the module's table of these tables, or one made for the call alone, returned
 * in *own for the caller to free (NULL on an error) */
const Names *names_for(PyObject *module, PyObject *stack_tables, PyObject *text_starts, PyObject *body_names,
                       Names **own);
/* _cscan.c: the limits scan's loop (the module's scan) */
PyObject *limits_scan(PyObject *module, PyObject *args);
/* name_of(names, t, start, end, name): inline, in _cstack.h */
PyObject *name_str(const Names *names, const Name *name); /* borrowed */
int name_is(const Names *names, const Name *name, const char *which); /* "script", "plaintext" */

/* name_flags, stack_size, stack_detached and stack_foreign (whether an svg or math element is
 * open): inline, in _cstack.h (the loop reads them at each tag). */
Stack *stack_new(const Text *t, const Names *names);
void stack_free(Stack *s);
int stack_in_foreign(const Stack *s, int id); /* for a start tag of the name id (-1: none of the tables') */
int stack_has(const Stack *s, const char *which); /* where.get(which): "select", "frameset" */
Py_ssize_t stack_reconstruct(Stack *s);
Py_ssize_t stack_start_tag(Stack *s, const Name *name, Py_ssize_t start, Py_ssize_t end);
Py_ssize_t stack_end_tag(Stack *s, const Name *name);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
#endif
