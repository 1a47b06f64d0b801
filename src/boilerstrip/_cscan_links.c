/* A block's links as offsets in its text, in C for the compiled build: _markup.record_links_python
 * (the reference and the fallback; tests/test_cscan_record.py checks that both give the same),
 * which Recorder.markup calls for each block that holds or is inside a link. */
#include "_cscan.h"
#include <string.h>

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
static PyObject *words(PyObject *raw) {
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

/* join_words(text) -> str: _markup._collapse_python, " ".join(text.split()). */
PyObject *join_words(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "join_words() takes a str");
        return NULL;
    }
    return words(arg);
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
        text = words(raw);
    }
    Py_DECREF(raw);
    return text;
}

/* A span's (start, end, href), the href borrowed; -1 with an error set. */
static int unpack(PyObject *span, Py_ssize_t *start, Py_ssize_t *end, PyObject **href) {
    if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 3) {
        PyErr_SetString(PyExc_TypeError, "record_links(): a link is not a (start, end, href) tuple");
        return -1;
    }
    *start = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 0));
    if (*start == -1 && PyErr_Occurred()) return -1;
    *end = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
    if (*end == -1 && PyErr_Occurred()) return -1;
    *href = PyTuple_GET_ITEM(span, 2);
    return 0;
}

/* The closed links, and when links are open (`anchors`: [first piece, href or None]) those with an
 * href going on to the block's end, sorted as the Python sorts them (a new list). */
static PyObject *spans_of(PyObject *closed, PyObject *anchors, Py_ssize_t count) {
    PyObject *spans = PyList_GetSlice(closed, 0, PyList_GET_SIZE(closed));
    if (spans == NULL || PyList_GET_SIZE(anchors) == 0) return spans;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(anchors); i++) {
        PyObject *anchor = PyList_GET_ITEM(anchors, i);
        if (!PyList_Check(anchor) || PyList_GET_SIZE(anchor) != 2) {
            PyErr_SetString(PyExc_TypeError, "record_links(): an open link is not a [start, href] list");
            goto error;
        }
        if (PyList_GET_ITEM(anchor, 1) == Py_None) continue;
        PyObject *span = Py_BuildValue("(OnO)", PyList_GET_ITEM(anchor, 0), count, PyList_GET_ITEM(anchor, 1));
        if (span == NULL) goto error;
        int failed = PyList_Append(spans, span);
        Py_DECREF(span);
        if (failed) goto error;
    }
    if (PyList_Sort(spans) < 0) goto error;
    return spans;
error:
    Py_DECREF(spans);
    return NULL;
}

/* The links found: their start, end and href (borrowed from the spans' list, alive until the
 * links are kept), on the C stack up to LINKS_HELD. */
#define LINKS_HELD 32
typedef struct {
    long long start, end;
    PyObject *href;
} Link;

typedef struct {
    Link held[LINKS_HELD], *links;
    Py_ssize_t count, capacity;
} Found;

/* Keeps a found link's (at, at + length) and its href; -1 on error. */
static int keep(Found *found, Py_ssize_t at, Py_ssize_t length, PyObject *href) {
    if (found->count == found->capacity) {
        Link *grown = PyMem_Malloc(2 * (size_t)found->capacity * sizeof(Link));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(grown, found->links, (size_t)found->count * sizeof(Link));
        if (found->links != found->held) PyMem_Free(found->links);
        found->links = grown;
        found->capacity *= 2;
    }
    found->links[found->count++] = (Link){at, at + length, href};
    return 0;
}

/* The found pairs appended to the array `spans` ("q" or "i") in one call of its frombytes, as
 * its extend would append them (a number past an "i" array's range: the same OverflowError). */
static int extend_spans(PyObject *module, PyObject *spans, const Found *found) {
    Py_buffer view;
    if (PyObject_GetBuffer(spans, &view, PyBUF_FORMAT) < 0) return -1;
    const Py_ssize_t size = view.itemsize;
    const int wide = size == 8 && (strcmp(view.format, "q") == 0 || strcmp(view.format, "l") == 0);
    const int narrow = size == 4 && strcmp(view.format, "i") == 0;
    PyBuffer_Release(&view); /* (before frombytes: an array with a buffer exported cannot grow) */
    if (!wide && !narrow) {
        PyErr_SetString(PyExc_TypeError, "record_links(): spans is not an array of 'q' or 'i'");
        return -1;
    }
    const Py_ssize_t n = 2 * found->count;
    PyObject *bytes = PyBytes_FromStringAndSize(NULL, n * size);
    if (bytes == NULL) return -1;
    char *at = PyBytes_AS_STRING(bytes);
    for (Py_ssize_t i = 0; i < n; i++) {
        const Link *link = &found->links[i / 2];
        const long long number = i % 2 ? link->end : link->start;
        if (wide) {
            memcpy(at + 8 * i, &number, 8);
        } else if (number > INT32_MAX || number < INT32_MIN) {
            PyErr_SetString(PyExc_OverflowError, number > 0 ? "signed integer is greater than maximum"
                                                             : "signed integer is less than minimum");
            Py_DECREF(bytes);
            return -1;
        } else {
            const int32_t value = (int32_t)number;
            memcpy(at + 4 * i, &value, 4);
        }
    }
    PyObject *name = frombytes_name(module);
    PyObject *done = name != NULL ? PyObject_CallMethodOneArg(spans, name, bytes) : NULL;
    Py_DECREF(bytes);
    Py_XDECREF(done);
    return done == NULL ? -1 : 0;
}

#define MAX_MISSES 32 /* _markup._MAX_MISSES */

/* The links of `spans` found in `text` (see _markup._links), kept in `found`. */
static int find_links(PyObject *text, PyObject *pieces, PyObject *spans, int pre, Found *found) {
    const Py_ssize_t n = PyList_GET_SIZE(spans), count = PyList_GET_SIZE(pieces);
    Py_ssize_t start, end, *ends = NULL, cursor = 0, after = 0, misses = 0;
    PyObject *href;
    if (n == 1) { /* the common case: one link, often the whole block */
        if (unpack(PyList_GET_ITEM(spans, 0), &start, &end, &href) < 0) return -1;
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
        if (unpack(PyList_GET_ITEM(spans, k), &start, &end, &href) < 0) goto error;
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

/* record_links(text, pieces, closed, anchors, pre, spans, hrefs) -> int: _markup.record_links_python.
 * The links found go to the array `spans` (one frombytes) and the list `hrefs`. */
PyObject *record_links(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 7 || !PyUnicode_Check(args[0]) || !PyList_Check(args[1]) || !PyList_Check(args[2]) ||
        !PyList_Check(args[3]) || !PyList_Check(args[6])) {
        PyErr_SetString(PyExc_TypeError, "record_links() takes text, pieces, closed, anchors, pre, spans, hrefs");
        return NULL;
    }
    const int pre = PyObject_IsTrue(args[4]);
    if (pre < 0) return NULL;
    PyObject *spans = spans_of(args[2], args[3], PyList_GET_SIZE(args[1]));
    if (spans == NULL) return NULL;
    Found found;
    found.links = found.held;
    found.count = 0;
    found.capacity = LINKS_HELD;
    PyObject *result = NULL;
    if (find_links(args[0], args[1], spans, pre, &found) < 0 || (found.count && extend_spans(self, args[5], &found) < 0))
        goto done;
    for (Py_ssize_t i = 0; i < found.count; i++)
        if (PyList_Append(args[6], found.links[i].href) < 0) goto done;
    result = PyLong_FromSsize_t(found.count);
done:
    Py_DECREF(spans); /* (after the hrefs are kept: it holds them) */
    if (found.links != found.held) PyMem_Free(found.links);
    return result;
}
