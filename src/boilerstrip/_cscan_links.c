/* A block's links as offsets in its text, in C for the compiled build: _markup.record_links_python
 * (the reference and the fallback; tests/test_cscan_record.py checks that both give the same),
 * which Recorder.markup calls for each block that holds or is inside a link. */
#include "_cscan.h"
#include "_clinks.h"
#include <string.h>

/* join_words(text) -> str: _markup._collapse_python, " ".join(text.split()). */
PyObject *join_words(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "join_words() takes a str");
        return NULL;
    }
    return collapsed_words(arg);
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
        const Found1 *link = &found->links[i / 2];
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
    const Py_ssize_t n = PyList_GET_SIZE(spans);
    Span held[LINKS_HELD], *each = n <= LINKS_HELD ? held : PyMem_Malloc((size_t)n * sizeof(Span));
    Found found;
    found_init(&found);
    PyObject *result = NULL;
    if (each == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++)
        if (unpack(PyList_GET_ITEM(spans, k), &each[k].start, &each[k].end, &each[k].href) < 0) goto done;
    if (find_links(args[0], args[1], each, n, pre, &found) < 0 || (found.count && extend_spans(self, args[5], &found) < 0))
        goto done;
    for (Py_ssize_t i = 0; i < found.count; i++)
        if (PyList_Append(args[6], found.links[i].href) < 0) goto done;
    result = PyLong_FromSsize_t(found.count);
done:
    Py_DECREF(spans); /* (after the hrefs are kept: it holds them) */
    if (each != held) PyMem_Free(each);
    found_free(&found);
    return result;
}
