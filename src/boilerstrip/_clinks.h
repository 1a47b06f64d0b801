/* A block's links found in its text (_markup._links), over a C array of spans: shared by
 * _cscan_links.c (record_links, its spans read from the Recorder's lists) and the C walk
 * (_cwalk_links.c, its spans kept in C). Compiled into both extensions (each its own hidden
 * copy), as _csteps.c. */
#ifndef BOILERSTRIP_CLINKS_H
#define BOILERSTRIP_CLINKS_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#pragma GCC visibility push(hidden)

/* A link of the block: its first piece, the piece after its last, its URL (borrowed). */
typedef struct {
    Py_ssize_t start, end;
    PyObject *href;
} Span;

/* The links found: their start, end and href (borrowed from the spans, alive until the links
 * are kept), on the C stack up to LINKS_HELD. */
#define LINKS_HELD 32
typedef struct {
    long long start, end;
    PyObject *href;
} Found1;
typedef struct {
    Found1 held[LINKS_HELD], *links;
    Py_ssize_t count, capacity;
} Found;

static inline void found_init(Found *found) {
    found->links = found->held;
    found->count = 0;
    found->capacity = LINKS_HELD;
}
static inline void found_free(Found *found) {
    if (found->links != found->held) PyMem_Free(found->links);
}
/* The `n` spans (sorted as _links sorts them) looked for in `text`, the block made of `pieces`
 * (a list of str), each found kept in `found`: 0, or -1 with an error set. */
int find_links(PyObject *text, PyObject *pieces, const Span *spans, Py_ssize_t n, int pre, Found *found);
/* " ".join(raw.split()) for a str: a new reference (the str itself when nothing changes). */
PyObject *collapsed_words(PyObject *raw);

#pragma GCC visibility pop

#endif
