/* Lexbor's name-table work for the limits scan's C loop: the port of _name_work.NameWork (see
 * there), its names in a table of this call's (open addressing, grown as needed, freed with it).
 * A short ASCII name (most are) is read once, into its lowered key, and found in the table by a
 * hash of the key's words; Lexbor's hash of it, which gives its bucket, is made only when the
 * name is new. A tag whose name is one of the loop's tables' (_cstack.h) is looked up once a
 * call: after, where it is one of Lexbor's static names, it is not read at all. The names the
 * tree builder looks up again for a name (_name_work.ADJUSTED) are counted with it. A tag's
 * attribute names are those its tokenizer read (Token.name_at), not found again here, and the
 * commonest static ones (COMMON) are told from their characters alone. */
#include "_cstack.h" /* (and _cscan.h) */
#include <stdlib.h>
#include <string.h>

#define BUCKETS 128
#define WILD (-1) /* a name with a character outside ASCII or a NUL: counted as in every bucket */
#define FREE (-2) /* a name of Lexbor's static tables */
#define FAILED (-3)
#define ADJUSTED (-4) /* add's code for a static name with names adjusted from it */
#define KEY 24 /* names up to this long (every static one: tests/test_name_work.py) are kept lowered, zero-padded */

typedef struct {
    char key[KEY]; /* a fast name's, lowered, zero-padded */
    Py_ssize_t at; /* the name's first occurrence in the text (a slow name is compared there) */
    Py_ssize_t len; /* 0: an empty slot */
    uint32_t hash; /* a fast name's words_hash, a slow one's Lexbor's */
    int code; /* its bucket, WILD or FREE */
    short adjusted; /* its index in the adjusted pairs of its kind (a few dozen), or -1 */
    char kind; /* 0: a tag's name, 1: an attribute's */
    char slow; /* longer than KEY, or with a character outside ASCII or a NUL */
} NameEntry; /* (56 bytes, 128 to start: a page of a few names costs little to clear) */

struct NameWork {
    NameEntry *e;
    size_t cap, used;
    long long chains[2][BUCKETS], longest[2], wild[2], work;
    long long attributes; /* the attributes read (NameWork.attributes) */
    PyObject *statics[2]; /* sorted tuples of ASCII str (borrowed: the caller's tables) */
    PyObject *adjusted[2]; /* sorted tuples of (ASCII str, tuple of ASCII str) (borrowed) */
    /* per id of the loop's names (_cstack.h): 0 not met yet, 1 static (none adjusted), 2 counted */
    unsigned char tag_ids[NAME_SLOTS / 4];
    /* per entry of COMMON, a bit: looked up in statics[1] this call, and found there */
    unsigned int common_checked, common_static;
};

NameWork *namework_new(PyObject *const names[4]) {
    NameWork *w = PyMem_Calloc(1, sizeof(NameWork));
    if (w == NULL) return (NameWork *)PyErr_NoMemory();
    w->cap = 128;
    if ((w->e = PyMem_Calloc(w->cap, sizeof(NameEntry))) == NULL) {
        PyMem_Free(w);
        return (NameWork *)PyErr_NoMemory();
    }
    for (int i = 0; i < 2; i++) {
        w->statics[i] = names[i];
        w->adjusted[i] = names[2 + i];
    }
    return w;
}

void namework_free(NameWork *w) {
    if (w == NULL) return;
    PyMem_Free(w->e);
    PyMem_Free(w);
}

#define INLINE ALWAYS_INLINE

INLINE Py_UCS4 lowered(Py_UCS4 c) { return c - 'A' < 26u ? c + 32 : c; }

/* Whether text[a:a+len] and text[b:b+len] are one name (ASCII capitals lowered). */
INLINE int same_name(const void *data, int kind, Py_ssize_t a, Py_ssize_t b, Py_ssize_t len) {
    for (Py_ssize_t i = 0; i < len; i++)
        if (lowered(read_kind(data, kind, a + i)) != lowered(read_kind(data, kind, b + i))) return 0;
    return 1;
}

/* The index of the ASCII name `name` (`len` bytes) in the sorted tuple `names` of str, or of pairs
 * whose first item is the str, or -1. */
static int index_of(PyObject *names, const char *name, Py_ssize_t len) {
    Py_ssize_t low = 0, high = PyTuple_GET_SIZE(names);
    while (low < high) {
        Py_ssize_t mid = (low + high) / 2;
        PyObject *item = PyTuple_GET_ITEM(names, mid);
        if (PyTuple_Check(item)) item = PyTuple_GET_ITEM(item, 0);
        Py_ssize_t n = PyUnicode_GET_LENGTH(item), k = 0, m = n < len ? n : len;
        const unsigned char *bytes = PyUnicode_1BYTE_DATA(item);
        while (k < m && bytes[k] == (unsigned char)name[k]) k++; /* (short names: no call) */
        int order = k < m ? (bytes[k] < (unsigned char)name[k] ? -1 : 1) : n < len ? -1 : n > len;
        if (order == 0) return (int)mid;
        if (order < 0)
            low = mid + 1;
        else
            high = mid;
    }
    return -1;
}

/* The end of Lexbor's hash (Jenkins' one-at-a-time, core/hash.c), and the whole of it over a
 * fast name's key. */
INLINE uint32_t finished(uint32_t h) {
    h += h << 3;
    h ^= h >> 11;
    h += h << 15;
    return h;
}

static uint32_t lexbor_hash(const char *key, Py_ssize_t len) {
    uint32_t h = 0;
    for (Py_ssize_t i = 0; i < len; i++) {
        h += (unsigned char)key[i];
        h += h << 10;
        h ^= h >> 6;
    }
    return finished(h);
}

/* The table's own hash of a fast name: its key's three words mixed (a few instructions, where
 * Lexbor's takes six a character; it only finds the name here). */
INLINE uint32_t words_hash(const char *key) {
    uint64_t a, b, c;
    memcpy(&a, key, 8);
    memcpy(&b, key + 8, 8);
    memcpy(&c, key + 16, 8);
    uint64_t x = (a ^ (b + c * 0xC2B2AE3D27D4EB4FULL) * 0x165667B19E3779F9ULL) * 0x9E3779B97F4A7C15ULL;
    return (uint32_t)(x >> 32);
}

static int rehash(NameWork *w) {
    size_t cap = w->cap * 2;
    NameEntry *e = PyMem_Calloc(cap, sizeof(NameEntry));
    if (e == NULL) return PyErr_NoMemory(), -1;
    for (size_t i = 0; i < w->cap; i++) {
        if (!w->e[i].len) continue;
        size_t j = (w->e[i].hash ^ (uint32_t)w->e[i].kind * 0x9E3779B9u) & (cap - 1);
        while (e[j].len) j = (j + 1) & (cap - 1);
        e[j] = w->e[i];
    }
    PyMem_Free(w->e);
    w->e = e;
    w->cap = cap;
    return 0;
}

static int count_adjusted(NameWork *w, int which, int index);

/* Counts one occurrence of the name text[start:end] of `kind` (NameWork.add), found by its hash h:
 * a fast name by its key, a slow one (wild: with a character outside ASCII or a NUL) by its text;
 * with `adjusted`, the names the tree builder looks up for it too (NameWork.add; else _count).
 * Its code (a bucket, WILD, FREE, or ADJUSTED for a static name with adjusted names), or FAILED. */
INLINE int add(NameWork *w, int which, const void *data, int kind, Py_ssize_t start, Py_ssize_t end, uint32_t h,
               int slow, int wild, const char *key, int adjusted) {
    Py_ssize_t len = end - start;
    size_t j = (h ^ (uint32_t)which * 0x9E3779B9u) & (w->cap - 1);
    NameEntry *e;
    for (;; j = (j + 1) & (w->cap - 1)) {
        e = &w->e[j];
        if (!e->len) break;
        if (e->hash == h && e->kind == which && e->len == len && e->slow == slow &&
            (slow ? same_name(data, kind, e->at, start, len) : memcmp(e->key, key, KEY) == 0))
            break;
    }
    int code = e->code, index = e->adjusted;
    if (!e->len) { /* a new name */
        int known = !slow && index_of(w->statics[which], key, len) >= 0; /* (no static name is longer) */
        /* (every adjusted name is fast: an svg tag's is static, an attribute's is not) */
        index = slow || known != (which == 0) ? -1 : index_of(w->adjusted[which], key, len);
        if (wild) {
            code = WILD;
            w->wild[which]++;
        } else if (known) {
            code = FREE;
        } else {
            code = (int)((slow ? h : lexbor_hash(key, len)) % BUCKETS);
            long long chain = ++w->chains[which][code];
            if (chain > w->longest[which]) w->longest[which] = chain;
        }
        *e = (NameEntry){{0}, start, len, h, code, (short)index, (char)which, (char)slow};
        if (!slow) memcpy(e->key, key, KEY);
        if (++w->used * 2 > w->cap && rehash(w) < 0) return FAILED;
    }
    if (code >= 0)
        w->work += w->chains[which][code] + w->wild[which];
    else if (code == WILD)
        w->work += w->longest[which] + w->wild[which];
    if (adjusted && index >= 0) {
        if (count_adjusted(w, which, index) < 0) return FAILED;
        if (code == FREE) return ADJUSTED;
    }
    return code;
}

/* The names adjusted from the `index`th of the adjusted pairs of `which` kind, each counted once
 * (_count: written as the tree builder writes them, no longer than KEY: a test). */
static int count_adjusted(NameWork *w, int which, int index) {
    PyObject *names = PyTuple_GET_ITEM(PyTuple_GET_ITEM(w->adjusted[which], index), 1);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(names); i++) {
        PyObject *name = PyTuple_GET_ITEM(names, i);
        Py_ssize_t len = PyUnicode_GET_LENGTH(name);
        char key[KEY] = {0};
        memcpy(key, PyUnicode_1BYTE_DATA(name), (size_t)(len < KEY ? len : KEY));
        if (add(w, which, NULL, PyUnicode_1BYTE_KIND, 0, len, words_hash(key), 0, 0, key, 0) == FAILED) return -1;
    }
    return 0;
}

/* A slow name's occurrence: Lexbor's hash of its lowered characters, then add. */
static int add_slow(NameWork *w, int which, const void *data, int kind, Py_ssize_t start, Py_ssize_t end) {
    uint32_t h = 0;
    int wild = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 c = read_kind(data, kind, i);
        wild |= c - 1 >= 0x7Fu; /* a NUL, or past ASCII */
        h += lowered(c);
        h += h << 10;
        h ^= h >> 6;
    }
    return add(w, which, data, kind, start, end, finished(h), 1, wild, NULL, 1);
}

/* The attribute names the pages write most, all of them Lexbor's static names (class, href and
 * style alone are half the attributes of score.py's pages): one written so, in lower case, is
 * told from its length and characters, without its key, hash or look-up (a static name counts no
 * work: add's FREE, and adjusts no name). Each is checked once a call to be one of the static
 * names the caller gave; a name written otherwise (in capitals) takes the common path. */
static const struct {
    char text[8];
    unsigned char length;
} COMMON[] = {{"alt", 3},   {"class", 5}, {"content", 7}, {"height", 6}, {"href", 4}, {"id", 2},   {"rel", 3},
              {"src", 3},   {"style", 5}, {"target", 6},  {"title", 5},  {"type", 4}, {"width", 5}};


/* Whether text[at:at+length] is the ASCII `name`. */
INLINE int written(const void *data, int kind, Py_ssize_t at, const char *name, int length) {
    for (int i = 0; i < length; i++)
        if (read_kind(data, kind, at + i) != (unsigned char)name[i]) return 0;
    return 1;
}

/* The entry of COMMON that the name text[at:at+len] (its first character c) is, or -1. */
INLINE int common_of(const void *data, int kind, Py_ssize_t at, Py_ssize_t len, Py_UCS4 c) {
    int i, last; /* the entries that begin with c: COMMON[i..last] (sorted) */
    switch (c) {
    case 'a': i = last = 0; break;
    case 'c': i = 1, last = 2; break;
    case 'h': i = 3, last = 4; break;
    case 'i': i = last = 5; break;
    case 'r': i = last = 6; break;
    case 's': i = 7, last = 8; break;
    case 't': i = 9, last = 11; break;
    case 'w': i = last = 12; break;
    default: return -1;
    }
    for (; i <= last; i++)
        if (COMMON[i].length == len && written(data, kind, at + 1, COMMON[i].text + 1, (int)len - 1)) return i;
    return -1;
}

/* Whether COMMON[i] is one of the static attribute names of this call (looked up once). */
static int is_common_static(NameWork *w, int i) {
    unsigned int bit = 1u << i;
    if (!(w->common_checked & bit)) {
        w->common_checked |= bit;
        if (index_of(w->statics[1], COMMON[i].text, COMMON[i].length) >= 0) w->common_static |= bit;
    }
    return (w->common_static & bit) != 0;
}

/* One attribute's name, text[start:stop], counted (NameWork.tag's loop): add's code, or FAILED. */
INLINE int attribute(NameWork *w, const void *data, int kind, Py_ssize_t start, Py_ssize_t stop) {
    Py_ssize_t len = stop - start;
    Py_UCS4 c = read_kind(data, kind, start), any = c;
    w->attributes++;
    int common = common_of(data, kind, start, len, c);
    if (common >= 0 && is_common_static(w, common)) return FREE; /* nothing to count */
    if (len > KEY) return add_slow(w, 1, data, kind, start, stop);
    char key[KEY] = {0};
    int nul = c == 0;
    key[0] = (char)lowered(c);
    for (Py_ssize_t i = 1; i < len; i++) {
        c = read_kind(data, kind, start + i);
        any |= c;
        nul |= c == 0;
        key[i] = (char)lowered(c);
    }
    return nul || any > 127 ? add_slow(w, 1, data, kind, start, stop)
                            : add(w, 1, data, kind, start, stop, words_hash(key), 0, 0, key, 1);
}

/* namework_tag over text of one kind (inlined once a kind). */
INLINE long long tag_kind(NameWork *w, const Text *t, int kind, int id, const Token *tok) {
    const void *data = t->data;
    Py_ssize_t name_start = tok->name_start, name_end = tok->name_end, end = tok->end;
    if (id < 0 || w->tag_ids[id] != 1) { /* the tag's name, unless known static */
        Py_ssize_t len = name_end - name_start;
        int code = FAILED, wild = 0;
        if (len <= KEY) {
            char key[KEY] = {0};
            for (Py_ssize_t i = 0; i < len; i++) {
                Py_UCS4 c = read_kind(data, kind, name_start + i);
                wild |= c - 1 >= 0x7Fu;
                key[i] = (char)lowered(c);
            }
            if (!wild) code = add(w, 0, data, kind, name_start, name_end, words_hash(key), 0, 0, key, 1);
        }
        if (len > KEY || wild) code = add_slow(w, 0, data, kind, name_start, name_end);
        if (code == FAILED) return -1;
        if (id >= 0) w->tag_ids[id] = code == FREE ? 1 : 2;
    }
    if (tok->names >= 0) { /* the names the tokenizer read (the same as the walk below reads) */
        for (int i = 0; i < tok->names; i++)
            if (attribute(w, data, kind, tok->name_at[2 * i], tok->name_at[2 * i + 1]) == FAILED) return -1;
        return w->work;
    }
    Py_ssize_t p = name_end;
    if (end > p && read_kind(data, kind, end - 1) == '>') end--;
    while ((p = next_name(t, kind, p, end)) < end) { /* the attributes' names (NameWork.tag), values skipped */
        Py_ssize_t start = p++; /* (its first character may be "="; a NUL does not end it) */
        while (p < end && !ends_name(read_kind(data, kind, p))) p++;
        if (attribute(w, data, kind, start, p) == FAILED) return -1;
        p = past_value(t, kind, p, end);
    }
    return w->work;
}

/* namework_tag past its first test: a copy a kind (kept out of line, so that the test costs no
 * saving of registers). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static long long tag_any(NameWork *w, const Text *t, int id, const Token *tok) {
    if (t->kind == PyUnicode_1BYTE_KIND) return tag_kind(w, t, PyUnicode_1BYTE_KIND, id, tok);
    if (t->kind == PyUnicode_2BYTE_KIND) return tag_kind(w, t, PyUnicode_2BYTE_KIND, id, tok);
    return tag_kind(w, t, PyUnicode_4BYTE_KIND, id, tok);
}

long long namework_attributes(const NameWork *w) { return w->attributes; }

long long namework_tag(NameWork *w, const Text *t, int id, const Token *tok) {
    /* A static name with no attributes (most end tags, and many start tags): nothing to count. */
    if (id >= 0 && tok->names == 0 && w->tag_ids[id] == 1) return w->work;
    return tag_any(w, t, id, tok);
}
