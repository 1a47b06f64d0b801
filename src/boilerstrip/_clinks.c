/* A block's links found in its text (see _clinks.h): _markup._links over a C array of spans, and
 * the anchors' texts as the block's text holds them. */
#include <string.h>

#include "_clinks.h"

/* "".join(pieces[start:end]), as Python slices (a new reference). */
static PyObject *joined(PyObject *pieces, Py_ssize_t start, Py_ssize_t end) {
    PySlice_AdjustIndices(PyList_GET_SIZE(pieces), &start, &end, 1);
    if (end - start == 1) return Py_NewRef(PyList_GET_ITEM(pieces, start)); /* mostly one piece */
    PyObject *slice = PyList_GetSlice(pieces, start, end > start ? end : start);
    PyObject *empty = PyUnicode_New(0, 0);
    PyObject *text = slice != NULL && empty != NULL ? PyUnicode_Join(empty, slice) : NULL;
    Py_XDECREF(slice);
    Py_XDECREF(empty);
    return text;
}

/* Whether " ".join(text.split()) differs from the text: a space at either end, a space other
 * than " ", or two in a row (most anchors have none: the text is kept, nothing copied). */
static int spaced(int kind, const void *data, Py_ssize_t n) {
    int before = 1; /* (a space at the start) */
    for (Py_ssize_t i = 0; i < n; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        const int space = Py_UNICODE_ISSPACE(c);
        if (space && (before || c != ' ')) return 1;
        before = space;
    }
    return before && n > 0;
}

/* " ".join(raw.split()) (str.split's spaces: Py_UNICODE_ISSPACE; no control character dropped)
 * for a str: a new reference. */
PyObject *collapsed_words(PyObject *raw) {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(raw);
    const int kind = PyUnicode_KIND(raw);
    const void *data = PyUnicode_DATA(raw);
    if (PyUnicode_CheckExact(raw) && !spaced(kind, data, n)) return Py_NewRef(raw);
    void *out = PyMem_Malloc(n > 0 ? (size_t)n * (size_t)kind : 1);
    if (out == NULL) return PyErr_NoMemory();
    Py_ssize_t m = 0;
    int pending = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(c)) {
            pending = m > 0;
            continue;
        }
        if (pending) {
            PyUnicode_WRITE(kind, out, m++, ' ');
            pending = 0;
        }
        PyUnicode_WRITE(kind, out, m++, c);
    }
    PyObject *text = m == n && (n == 0 || memcmp(out, data, (size_t)n * (size_t)kind) == 0) && PyUnicode_CheckExact(raw)
                         ? Py_NewRef(raw) /* nothing dropped or made a space: the text itself */
                         : PyUnicode_FromKindAndData(kind, out, m);
    PyMem_Free(out);
    return text;
}

/* An anchor's text as the block's text holds it: raw.strip("\n") in <pre>, else
 * " ".join(raw.split()). Steals `raw`; a new reference. */
static PyObject *anchor_text(PyObject *raw, int pre) {
    if (raw == NULL) return NULL;
    if (!PyUnicode_Check(raw)) {
        Py_DECREF(raw);
        PyErr_SetString(PyExc_TypeError, "record_links(): a piece is not a str");
        return NULL;
    }
    PyObject *text;
    if (pre) {
        const int kind = PyUnicode_KIND(raw);
        const void *data = PyUnicode_DATA(raw);
        Py_ssize_t a = 0, b = PyUnicode_GET_LENGTH(raw);
        while (a < b && PyUnicode_READ(kind, data, a) == '\n') a++;
        while (b > a && PyUnicode_READ(kind, data, b - 1) == '\n') b--;
        text = PyUnicode_Substring(raw, a, b);
    } else {
        text = collapsed_words(raw);
    }
    Py_DECREF(raw);
    return text;
}

/* Keeps a found link's (at, at + length) and its href; -1 on error. */
static int keep(Found *found, Py_ssize_t at, Py_ssize_t length, PyObject *href) {
    if (found->count == found->capacity) {
        Found1 *grown = PyMem_Malloc(2 * (size_t)found->capacity * sizeof(Found1));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(grown, found->links, (size_t)found->count * sizeof(Found1));
        if (found->links != found->held) PyMem_Free(found->links);
        found->links = grown;
        found->capacity *= 2;
    }
    found->links[found->count++] = (Found1){at, at + length, href};
    return 0;
}

#define MAX_MISSES 32 /* _markup._MAX_MISSES */

/* (see _clinks.h) */
int find_links(PyObject *text, PyObject *pieces, const Span *spans, Py_ssize_t n, int pre, Found *found) {
    const Py_ssize_t count = PyList_GET_SIZE(pieces);
    Py_ssize_t start, end, *ends = NULL, cursor = 0, after = 0, misses = 0;
    PyObject *href;
    if (n == 1) { /* the common case: one link, often the whole block */
        start = spans[0].start, end = spans[0].end, href = spans[0].href;
        PyObject *anchor = anchor_text(joined(pieces, start, end), pre);
        if (anchor == NULL) return -1;
        const Py_ssize_t length = PyUnicode_GET_LENGTH(anchor);
        Py_ssize_t at = length ? PyUnicode_Find(text, anchor, 0, PY_SSIZE_T_MAX, 1) : -1;
        Py_DECREF(anchor);
        return at < -1 ? -1 : at >= 0 ? keep(found, at, length, href) : 0;
    }
    ends = PyMem_Malloc(((size_t)count + 1) * sizeof(Py_ssize_t)); /* raw characters before each piece */
    if (ends == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    ends[0] = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *piece = PyList_GET_ITEM(pieces, i);
        if (!PyUnicode_Check(piece)) {
            PyErr_SetString(PyExc_TypeError, "record_links(): a piece is not a str");
            goto error;
        }
        ends[i + 1] = ends[i] + PyUnicode_GET_LENGTH(piece);
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        start = spans[k].start, end = spans[k].end, href = spans[k].href;
        PyObject *anchor = anchor_text(joined(pieces, start, end), pre);
        if (anchor == NULL) goto error;
        const Py_ssize_t length = PyUnicode_GET_LENGTH(anchor);
        if (!length || start < after) {
            Py_DECREF(anchor);
            continue;
        }
        if (start < 0 || start > count) { /* (never: a link starts at a piece of the block) */
            Py_DECREF(anchor);
            PyErr_SetString(PyExc_IndexError, "record_links(): a link starts past the block's pieces");
            goto error;
        }
        const Py_ssize_t limit = cursor + (ends[start] - ends[after]) + length + 1;
        const Py_ssize_t at = PyUnicode_Find(text, anchor, cursor, limit, 1);
        Py_DECREF(anchor);
        if (at < -1) goto error;
        if (at >= 0) {
            if (keep(found, at, length, href) < 0) goto error;
            cursor = at + length;
            after = end;
        } else if (++misses > MAX_MISSES) { /* its text differs (a <br> in it): the window grows */
            break;
        }
    }
    PyMem_Free(ends);
    return 0;
error:
    PyMem_Free(ends);
    return -1;
}

