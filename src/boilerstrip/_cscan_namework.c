/* Lexbor's name-table work for the limits scan's C loop: the port of _name_work.NameWork (see
 * there), its names in a table of this call's (open addressing, grown as needed, freed with it).
 * A short ASCII name (most are) is read once, into its lowered key, and found in the table by a
 * hash of the key's words; Lexbor's hash of it, which gives its bucket, is made only when the
 * name is new. A tag whose name is one of the loop's tables' (_cstack.h) is looked up once a
 * call: after, where it is one of Lexbor's static names, it is not read at all. The names the
 * tree builder looks up again for a name (_name_work.ADJUSTED) are counted with it. */
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

/* What stops the read of a fast attribute name: what ends a name (ends_name), and a NUL (all
 * below 64, a bit each). */
INLINE int stops(Py_UCS4 c) { return c < 64 && ((ENDS_NAME_BITS | 1) >> c) & 1; }

/* namework_tag over text of one kind (inlined once a kind). */
INLINE long long tag_kind(NameWork *w, const Text *t, int kind, int id, Py_ssize_t name_start, Py_ssize_t name_end,
                          Py_ssize_t end) {
    const void *data = t->data;
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
    Py_ssize_t p = name_end;
    if (end > p && read_kind(data, kind, end - 1) == '>') end--;
    while ((p = next_name(t, kind, p, end)) < end) { /* the attributes' names (NameWork.tag), values skipped */
        Py_ssize_t start = p++; /* (its first character may be "=") */
        char key[32] = {0}; /* (a name longer than KEY is read on into its last bytes, and is slow) */
        Py_UCS4 c = read_kind(data, kind, start), any = c;
        int nul = c == 0;
        key[0] = (char)lowered(c);
        for (; p < end && !stops(c = read_kind(data, kind, p)); p++) {
            any |= c;
            key[(p - start) & 31] = (char)lowered(c);
        }
        if (p < end && c == 0) { /* a NUL in the name: it goes on */
            nul = 1;
            while (p < end && !ends_name(read_kind(data, kind, p))) p++;
        }
        int code = nul || any > 127 || p - start > KEY ? add_slow(w, 1, data, kind, start, p)
                                                       : add(w, 1, data, kind, start, p, words_hash(key), 0, 0, key, 1);
        if (code == FAILED) return -1;
        w->attributes++;
        p = past_value(t, kind, p, end);
    }
    return w->work;
}

/* namework_tag past its first test: a copy a kind (kept out of line, so that the test costs no
 * saving of registers). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static long long tag_any(NameWork *w, const Text *t, int id, Py_ssize_t name_start, Py_ssize_t name_end,
                         Py_ssize_t end) {
    if (t->kind == PyUnicode_1BYTE_KIND) return tag_kind(w, t, PyUnicode_1BYTE_KIND, id, name_start, name_end, end);
    if (t->kind == PyUnicode_2BYTE_KIND) return tag_kind(w, t, PyUnicode_2BYTE_KIND, id, name_start, name_end, end);
    return tag_kind(w, t, PyUnicode_4BYTE_KIND, id, name_start, name_end, end);
}

long long namework_attributes(const NameWork *w) { return w->attributes; }

long long namework_tag(NameWork *w, const Text *t, int id, Py_ssize_t name_start, Py_ssize_t name_end,
                       Py_ssize_t end) {
    /* A static name with no attributes (most end tags, and many start tags): nothing to count. */
    if (id >= 0 && end - name_end <= 1 && w->tag_ids[id] == 1) return w->work;
    return tag_any(w, t, id, name_start, name_end, end);
}
