/* The block's links and its dropped pieces in C, for the Walker's segment mode (see
 * _cwalk_segment.c): what _markup.Recorder's open_link, close_link and markup's links
 * (_markup.record_links_python, by _clinks.c's find_links) and _segment_blocks._drop_pieces do
 * (the pure walk's, and the reference), over the walk's own arrays: its open anchors (first
 * piece, the href attribute's bytes, its URL once made) and the current block's closed links
 * ((start, end, URL)), none of them a Python object; the links found go to the Recorder's hrefs
 * and, a few dozen at a time (flush_rows), to its spans. A URL is made only for an anchor that
 * closes with text, or that a block holds at its end, and is the page's one str for it (the
 * Recorder's table of URLs). Where the Recorder made a list per anchor and a tuple per link,
 * and markup copied and sorted them into new tuples, for each block, through a call. */
#include <string.h>

#include "_clinks.h"
#include "_cwalk_segment.h"

int open_link(Segment *s, Py_ssize_t at, const unsigned char *data, size_t length) {
    if (s->anchors_open == s->anchors_size &&
        grow_full((void **)&s->anchors, &s->anchors_size, 8, sizeof(Anchor)) < 0)
        return -1;
    s->anchors[s->anchors_open++] = (Anchor){at, data, length, NULL};
    return 0;
}

/* An anchor's URL (borrowed: held by the anchor): its href decoded and stripped (str.strip's
 * spaces), Py_None for none or an empty one; NULL with an error set. */
static PyObject *url_of(Anchor *a) {
    if (a->href != NULL) return a->href;
    if (a->data == NULL) return a->href = Py_NewRef(Py_None);
    Py_ssize_t i, j;
    PyObject *raw = decoded_stripped(a->data, a->length, &i, &j);
    if (raw == NULL) return NULL;
    PyObject *href = j == i ? Py_NewRef(Py_None) : PyUnicode_Substring(raw, i, j);
    Py_DECREF(raw);
    return a->href = href;
}

int close_link(Segment *s, Py_ssize_t at) {
    if (s->anchors_open == 0) {
        PyErr_SetString(PyExc_IndexError, "pop from empty list");
        return -1;
    }
    Anchor a = s->anchors[--s->anchors_open];
    int failed = 0;
    if (a.data != NULL && at > a.start) { /* (a link of the block: text since it opened) */
        const size_t slot = bytes_hash(HASH_START, a.data, a.length) % URLS_KEPT;
        KeptUrl *kept = &s->kept_urls[slot];
        const int used = slot_used(s->urls_used, slot);
        PyObject *href = NULL, *url = NULL; /* (url borrowed) */
        if (used && kept->length == a.length && memcmp(kept->data, a.data, a.length) == 0) {
            href = url = kept->url;
        } else {
            href = url_of(&a);
            if (href != NULL && href != Py_None) url = PyDict_SetDefault(s->urls, href, href);
            if (url != NULL) {
                if (used) Py_DECREF(kept->url);
                kept->url = Py_NewRef(url);
                use_slot(s->urls_used, slot);
                kept->data = a.data;
                kept->length = a.length;
            }
        }
        failed = href == NULL || (href != Py_None && url == NULL);
        if (url != NULL) {
            if (s->closed_count == s->closed_size &&
                grow_full((void **)&s->closed, &s->closed_size, 8, sizeof(Closed)) < 0) {
                failed = 1;
            } else {
                s->closed[s->closed_count++] = (Closed){a.start, at, Py_NewRef(url)};
            }
        }
    }
    Py_XDECREF(a.href);
    return failed ? -1 : 0;
}

/* Whether span x sorts before y, as Python compares the (start, end, href) tuples: -1 on error. */
static int before(const Span *x, const Span *y) {
    if (x->start != y->start) return x->start < y->start;
    if (x->end != y->end) return x->end < y->end;
    return x->href == y->href ? 0 : PyObject_RichCompareBool(x->href, y->href, Py_LT);
}

/* A found link's (start, end) kept for the Recorder's spans, as its array of `itemsize` holds
 * them (the same OverflowError as its extend past a 4-byte array's range). */
static int append_span(Segment *s, long long start, long long end) {
    if (s->pending_links == TAIL_ROWS && flush_rows(s) < 0) return -1;
    const long long pair[2] = {start, end};
    for (int i = 0; i < 2; i++) {
        const Py_ssize_t at = 2 * s->pending_links + i;
        if (s->itemsize == 8) {
            s->link_tail[at] = pair[i];
        } else if (pair[i] > INT32_MAX || pair[i] < INT32_MIN) {
            PyErr_SetString(PyExc_OverflowError, pair[i] > 0 ? "signed integer is greater than maximum"
                                                             : "signed integer is less than minimum");
            return -1;
        } else {
            ((int32_t *)s->link_tail)[at] = (int32_t)pair[i];
        }
    }
    s->pending_links++;
    return 0;
}

Py_ssize_t block_links(Segment *s, PyObject *text) {
    const Py_ssize_t most = s->closed_count + s->anchors_open, pieces = PyList_GET_SIZE(s->pieces);
    Span held[LINKS_HELD], *spans = most <= LINKS_HELD ? held : PyMem_Malloc((size_t)most * sizeof(Span));
    if (spans == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t n = 0, result = -1;
    for (Py_ssize_t k = 0; k < s->closed_count; k++)
        spans[n++] = (Span){s->closed[k].start, s->closed[k].end, s->closed[k].url};
    if (s->anchors_open) { /* the open links go on to the block's end: then all sorted (_markup._links) */
        for (Py_ssize_t k = 0; k < s->anchors_open; k++) {
            PyObject *href = url_of(&s->anchors[k]);
            if (href == NULL) goto done;
            if (href != Py_None) spans[n++] = (Span){s->anchors[k].start, pieces, href};
        }
        for (Py_ssize_t k = 1; k < n; k++) { /* stable, as sorted(): after every span it does not sort before */
            const Span span = spans[k];
            Py_ssize_t at = k;
            while (at > 0) {
                const int less = before(&span, &spans[at - 1]);
                if (less < 0) goto done;
                if (!less) break;
                spans[at] = spans[at - 1];
                at--;
            }
            spans[at] = span;
        }
    }
    Found found;
    found_init(&found);
    if (n && find_links(text, s->pieces, spans, n, s->in_pre > 0, &found) < 0) goto release;
    for (Py_ssize_t k = 0; k < found.count; k++)
        if (PyList_Append(s->hrefs, found.links[k].href) < 0 ||
            append_span(s, found.links[k].start, found.links[k].end) < 0)
            goto release;
    result = found.count;
release:
    found_free(&found);
done:
    if (spans != held) PyMem_Free(spans);
    return result;
}

/* _drop_pieces: the block's closed links used (Recorder.block_done: the open ones go on into the
 * next block, from its first piece), its pieces and breaks cleared; the counts are the caller's. */
int drop_pieces(Segment *s) {
    while (s->closed_count) Py_DECREF(s->closed[--s->closed_count].url);
    for (Py_ssize_t k = 0; k < s->anchors_open; k++) s->anchors[k].start = 0;
    return clear_list(s->pieces) < 0 || clear_list(s->breaks) < 0 ? -1 : 0;
}

void links_free(Segment *s) {
    while (s->closed_count) Py_DECREF(s->closed[--s->closed_count].url);
    while (s->anchors_open) Py_XDECREF(s->anchors[--s->anchors_open].href);
    PyMem_Free(s->closed);
    PyMem_Free(s->anchors);
}
