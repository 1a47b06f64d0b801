/* Lexbor's name-table work for the limits scan's C loop: the port of _name_work.NameWork (see
 * there), its names in a table of this call's (open addressing, grown as needed, freed with it). */
#include "_cstack.h" /* (and _cscan.h) */
#include <stdlib.h>
#include <string.h>

#define BUCKETS 128
#define WILD (-1) /* a name with a character outside ASCII or a NUL: counted as in every bucket */
#define FREE (-2) /* a name of Lexbor's static tables */
#define STATIC_MAX 32 /* longer names are in no static table */

typedef struct {
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

static inline Py_UCS4 lowered(Py_UCS4 c) { return c - 'A' < 26u ? c + 32 : c; }

/* Whether text[a:a+len] and text[b:b+len] are one name (ASCII capitals lowered). */
static int same_name(const Text *t, Py_ssize_t a, Py_ssize_t b, Py_ssize_t len) {
    for (Py_ssize_t i = 0; i < len; i++)
        if (lowered(at(t, a + i)) != lowered(at(t, b + i))) return 0;
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

/* Counts one occurrence of the name text[start:end] of `kind` (NameWork.add); -1 on an error. */
static int add(NameWork *w, int kind, const Text *t, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t len = end - start;
    uint32_t h = 0;
    int wild = 0;
    for (Py_ssize_t i = start; i < end; i++) { /* Jenkins' one-at-a-time hash, as Lexbor's */
        Py_UCS4 c = at(t, i);
        wild |= c == 0 || c >= 0x80;
        h += lowered(c);
        h += h << 10;
        h ^= h >> 6;
    }
    h += h << 3;
    h ^= h >> 11;
    h += h << 15;
    size_t j = (h ^ (uint32_t)kind * 0x9E3779B9u) & (w->cap - 1);
    NameEntry *e;
    for (;; j = (j + 1) & (w->cap - 1)) {
        e = &w->e[j];
        if (!e->len) break;
        if (e->hash == h && e->kind == kind && e->len == len && same_name(t, e->at, start, len)) break;
    }
    if (!e->len) { /* a new name */
        int code;
        char name[STATIC_MAX];
        if (wild) {
            code = WILD;
            w->wild[kind]++;
        } else {
            int found = 0;
            if (len <= STATIC_MAX) {
                for (Py_ssize_t i = 0; i < len; i++) name[i] = (char)lowered(at(t, start + i));
                found = is_static(w->statics[kind], name, len);
            }
            if (found) {
                code = FREE;
            } else {
                code = (int)(h % BUCKETS);
                long long chain = ++w->chains[kind][code];
                if (chain > w->longest[kind]) w->longest[kind] = chain;
            }
        }
        *e = (NameEntry){start, len, h, kind, code};
        if (++w->used * 2 > w->cap && rehash(w) < 0) return -1;
        if (code >= 0)
            w->work += w->chains[kind][code] + w->wild[kind];
        else if (code == WILD)
            w->work += w->longest[kind] + w->wild[kind];
        return 0;
    }
    if (e->code >= 0)
        w->work += w->chains[kind][e->code] + w->wild[kind];
    else if (e->code == WILD)
        w->work += w->longest[kind] + w->wild[kind];
    return 0;
}

/* Before a name: spaces and "/" (and a ">" in a value the input's end left open); a name ends at
 * a space, "/", "=" or ">" (as _merged_attributes._ATTRIBUTE reads them). */
static inline int between(Py_UCS4 c) { return is_space(c) || c == '/' || c == '>'; }
static inline int ends_name(Py_UCS4 c) { return is_space(c) || c == '/' || c == '=' || c == '>'; }

long long namework_tag(NameWork *w, const Text *t, Py_ssize_t name_start, Py_ssize_t name_end, Py_ssize_t end) {
    if (add(w, 0, t, name_start, name_end) < 0) return -1;
    Py_ssize_t p = name_end;
    if (end > p && at(t, end - 1) == '>') end--;
    while (p < end) { /* the attributes' names (NameWork.tag), their values skipped */
        if (between(at(t, p))) {
            p++;
            continue;
        }
        Py_ssize_t start = p++; /* a name may start with "=" */
        while (p < end && !ends_name(at(t, p))) p++;
        if (add(w, 1, t, start, p) < 0) return -1;
        Py_ssize_t q = p;
        while (q < end && is_space(at(t, q))) q++;
        if (q >= end || at(t, q) != '=') continue;
        q++;
        while (q < end && is_space(at(t, q))) q++;
        Py_UCS4 quote = q < end ? at(t, q) : 0;
        if (quote == '"' || quote == '\'') {
            Py_ssize_t close = q + 1;
            while (close < end && at(t, close) != quote) close++;
            if (close < end) {
                p = close + 1;
                continue;
            }
        }
        while (q < end && !is_space(at(t, q)) && at(t, q) != '>') q++;
        p = q;
    }
    return w->work;
}
