/* Lexbor's name-table work for the limits scan's C loop: the port of _name_work.NameWork (see
 * there), its names in a table of this call's (open addressing, grown as needed, freed with it). */
#include "_cstack.h" /* (and _cscan.h) */
#include <stdlib.h>
#include <string.h>

#define BUCKETS 128
#define WILD (-1) /* a name with a character outside ASCII or a NUL: counted as in every bucket */
#define FREE (-2) /* a name of Lexbor's static tables */
#define KEY 24 /* names up to this long (every static one: tests/test_name_work.py) are kept lowered, zero-padded */

typedef struct {
    char key[KEY]; /* a short ASCII name, lowered, zero-padded */
    Py_ssize_t at; /* the name's first occurrence in the text */
    Py_ssize_t len; /* 0: an empty slot */
    uint32_t hash;
    int kind; /* 0: a tag's name, 1: an attribute's */
    int code; /* its bucket, WILD or FREE */
} NameEntry;

struct NameWork {
    NameEntry *e;
    size_t cap, used;
    long long chains[2][BUCKETS], longest[2], wild[2], work;
    PyObject *statics[2]; /* sorted tuples of ASCII str (borrowed: the caller's tables) */
};

NameWork *namework_new(PyObject *static_tags, PyObject *static_attributes) {
    NameWork *w = PyMem_Calloc(1, sizeof(NameWork));
    if (w == NULL) return (NameWork *)PyErr_NoMemory();
    w->cap = 256;
    if ((w->e = PyMem_Calloc(w->cap, sizeof(NameEntry))) == NULL) {
        PyMem_Free(w);
        return (NameWork *)PyErr_NoMemory();
    }
    w->statics[0] = static_tags;
    w->statics[1] = static_attributes;
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

/* Whether the ASCII name `name` (lowered, `len` bytes) is in the sorted tuple of str `names`. */
static int is_static(PyObject *names, const char *name, Py_ssize_t len) {
    Py_ssize_t low = 0, high = PyTuple_GET_SIZE(names);
    while (low < high) {
        Py_ssize_t mid = (low + high) / 2;
        PyObject *item = PyTuple_GET_ITEM(names, mid);
        Py_ssize_t n = PyUnicode_GET_LENGTH(item);
        int order = memcmp(PyUnicode_1BYTE_DATA(item), name, (size_t)(n < len ? n : len));
        if (order == 0) order = n < len ? -1 : n > len;
        if (order == 0) return 1;
        if (order < 0)
            low = mid + 1;
        else
            high = mid;
    }
    return 0;
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

/* Counts one occurrence of the name text[start:end] of `kind` (NameWork.add), whose hash and
 * wildness the caller read with it; -1 on an error. */
INLINE int add(NameWork *w, int which, const void *data, int kind, Py_ssize_t start, Py_ssize_t end, uint32_t h,
               int wild, const char key[KEY]) {
    Py_ssize_t len = end - start;
    h += h << 3; /* the hash's end (Jenkins' one-at-a-time, as Lexbor's) */
    h ^= h >> 11;
    h += h << 15;
    size_t j = (h ^ (uint32_t)which * 0x9E3779B9u) & (w->cap - 1);
    NameEntry *e;
    for (;; j = (j + 1) & (w->cap - 1)) {
        e = &w->e[j];
        if (!e->len) break;
        if (e->hash == h && e->kind == which && e->len == len &&
            (len <= KEY && !wild ? memcmp(e->key, key, KEY) == 0 : same_name(data, kind, e->at, start, len)))
            break;
    }
    if (!e->len) { /* a new name */
        int code;
        if (wild) {
            code = WILD;
            w->wild[which]++;
        } else {
            if (len <= KEY && is_static(w->statics[which], key, len)) { /* (no static name is longer) */
                code = FREE;
            } else {
                code = (int)(h % BUCKETS);
                long long chain = ++w->chains[which][code];
                if (chain > w->longest[which]) w->longest[which] = chain;
            }
        }
        *e = (NameEntry){{0}, start, len, h, which, code};
        memcpy(e->key, key, KEY);
        if (++w->used * 2 > w->cap && rehash(w) < 0) return -1;
        if (code >= 0)
            w->work += w->chains[which][code] + w->wild[which];
        else if (code == WILD)
            w->work += w->longest[which] + w->wild[which];
        return 0;
    }
    if (e->code >= 0)
        w->work += w->chains[which][e->code] + w->wild[which];
    else if (e->code == WILD)
        w->work += w->longest[which] + w->wild[which];
    return 0;
}

/* One step of the hash over the name's (lowered) character c; *wild set where c is outside
 * ASCII or a NUL. */
#define STEP(h, c, wild, key, i)                     \
    do {                                             \
        Py_UCS4 low_ = lowered(c);                   \
        wild |= (c) - 1 >= 0x7Fu; /* a NUL, or past ASCII */ \
        if ((i) < KEY) key[i] = (char)low_;          \
        h += low_;                                   \
        h += h << 10;                                \
        h ^= h >> 6;                                 \
    } while (0)

/* namework_tag over text of one kind (inlined once a kind). */
INLINE long long tag_kind(NameWork *w, const Text *t, int kind, Py_ssize_t name_start, Py_ssize_t name_end,
                          Py_ssize_t end) {
    const void *data = t->data;
    uint32_t h = 0;
    int wild = 0;
    char key[KEY] = {0};
    for (Py_ssize_t i = name_start; i < name_end; i++) STEP(h, read_kind(data, kind, i), wild, key, i - name_start);
    if (add(w, 0, data, kind, name_start, name_end, h, wild, key) < 0) return -1;
    Py_ssize_t p = name_end;
    if (end > p && read_kind(data, kind, end - 1) == '>') end--;
    while ((p = next_name(t, kind, p, end)) < end) { /* the attributes' names (NameWork.tag), values skipped */
        Py_ssize_t start = p++; /* (its first character may be "=") */
        Py_UCS4 c = read_kind(data, kind, start);
        h = 0;
        wild = 0;
        memset(key, 0, KEY);
        STEP(h, c, wild, key, 0);
        while (p < end && !ends_name(c = read_kind(data, kind, p))) {
            STEP(h, c, wild, key, p - start);
            p++;
        }
        if (add(w, 1, data, kind, start, p, h, wild, key) < 0) return -1;
        p = past_value(t, kind, p, end);
    }
    return w->work;
}

long long namework_tag(NameWork *w, const Text *t, Py_ssize_t name_start, Py_ssize_t name_end, Py_ssize_t end) {
    if (t->kind == PyUnicode_1BYTE_KIND) return tag_kind(w, t, PyUnicode_1BYTE_KIND, name_start, name_end, end);
    if (t->kind == PyUnicode_2BYTE_KIND) return tag_kind(w, t, PyUnicode_2BYTE_KIND, name_start, name_end, end);
    return tag_kind(w, t, PyUnicode_4BYTE_KIND, name_start, name_end, end);
}
