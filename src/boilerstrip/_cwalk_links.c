/* The Recorder's links and a block's dropped pieces in C, for the Walker's segment mode (see
 * _cwalk_segment.c): what _markup.Recorder's open_link and close_link and
 * _segment_blocks._drop_pieces do (the pure walk's, and the reference), on the same objects: the
 * Recorder's open anchors ([first piece, href or None]), its closed links of the current block
 * ((start, end, href)) and its table of URLs, the walk's pieces and breaks. */
#include "_cwalk_segment.h"

/* Recorder.open_link(at, href): href stripped (str.strip's spaces); "" and None open no link, but
 * an anchor all the same (its end pops it). Steals `href` (a str or None; NULL: an error set). */
int open_link(Segment *s, Py_ssize_t at, PyObject *href) {
    if (href == NULL) return -1;
    PyObject *kept = Py_NewRef(Py_None);
    if (href != Py_None) {
        const int kind = PyUnicode_KIND(href);
        const void *data = PyUnicode_DATA(href);
        Py_ssize_t a = 0, b = PyUnicode_GET_LENGTH(href);
        while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a))) a++;
        while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1))) b--;
        if (b > a) {
            Py_DECREF(kept);
            kept = PyUnicode_Substring(href, a, b);
        }
    }
    Py_DECREF(href);
    PyObject *start = PyLong_FromSsize_t(at), *anchor = PyList_New(2);
    if (kept == NULL || start == NULL || anchor == NULL) {
        Py_XDECREF(kept);
        Py_XDECREF(start);
        Py_XDECREF(anchor);
        return -1;
    }
    PyList_SET_ITEM(anchor, 0, start);
    PyList_SET_ITEM(anchor, 1, kept);
    int failed = PyList_Append(s->anchors, anchor);
    Py_DECREF(anchor);
    return failed ? -1 : 0;
}

/* Recorder.close_link(at): the innermost anchor popped; with an href, and text since it opened
 * (`at`, the pieces now, past its first), a link of the block, its URL one str for the page. */
int close_link(Segment *s, Py_ssize_t at) {
    const Py_ssize_t open = PyList_GET_SIZE(s->anchors);
    if (open == 0) {
        PyErr_SetString(PyExc_IndexError, "pop from empty list");
        return -1;
    }
    PyObject *anchor = pop_last(s->anchors);
    int failed = 0;
    if (!PyList_Check(anchor) || PyList_GET_SIZE(anchor) != 2) {
        PyErr_SetString(PyExc_ValueError, "an anchor is not a [start, href] list");
        failed = 1;
    } else if (PyList_GET_ITEM(anchor, 1) != Py_None) {
        PyObject *start = PyList_GET_ITEM(anchor, 0), *href = PyList_GET_ITEM(anchor, 1);
        const Py_ssize_t first = PyLong_AsSsize_t(start);
        if (first == -1 && PyErr_Occurred()) {
            failed = 1;
        } else if (at > first) {
            PyObject *url = PyDict_SetDefault(s->urls, href, href); /* borrowed */
            PyObject *end = url != NULL ? PyLong_FromSsize_t(at) : NULL;
            PyObject *link = end != NULL ? PyTuple_Pack(3, start, end, url) : NULL;
            failed = link == NULL || PyList_Append(s->links, link) < 0;
            Py_XDECREF(end);
            Py_XDECREF(link);
        }
    }
    Py_DECREF(anchor);
    return failed ? -1 : 0;
}

/* _drop_pieces: the block's closed links used (Recorder.block_done: the open ones go on into the
 * next block, from its first piece), its pieces and breaks cleared; the counts are the caller's. */
int drop_pieces(Segment *s) {
    if (PyList_GET_SIZE(s->links) || PyList_GET_SIZE(s->anchors)) {
        if (clear_list(s->links) < 0) return -1;
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(s->anchors); i++) {
            PyObject *anchor = PyList_GET_ITEM(s->anchors, i), *zero = PyLong_FromLong(0);
            if (zero == NULL || PyList_SetItem(anchor, 0, zero) < 0) return -1; /* (steals zero) */
        }
    }
    return clear_list(s->pieces) < 0 || clear_list(s->breaks) < 0 ? -1 : 0;
}
