/* A block's Markup in C, for the Walker's segment mode (see _cwalk_block.c): what
 * _markup.Recorder.markup does (the pure walk's, and the reference), on the Recorder's own objects:
 * its open lists, images, tables, closed links and open anchors (lists it changes in place), the
 * spans and hrefs its links go to (by the hook _record_links: _cscan.record_links), and its
 * language, thead and _lists_now, read (and _lists_now written) as attributes when a block needs
 * them. Its quote depth is the walk's own count (Segment.quotes). */
#include "_cwalk_segment.h"

static PyObject *attr_of(Segment *s, PyObject *name) { return PyObject_GetAttr(s->recorder, name); }

/* The links of the block set apart (Recorder.markup's first step): how many were found. */
static Py_ssize_t record_links(Segment *s, PyObject *text, int pre) {
    PyObject *args[7] = {text, s->pieces, s->links, s->anchors, pre ? Py_True : Py_False, s->spans, s->hrefs};
    PyObject *found = PyObject_Vectorcall(s->hook[H_RECORD_LINKS], args, 7, NULL);
    if (found == NULL) return -1;
    Py_ssize_t n = PyLong_AsSsize_t(found);
    Py_DECREF(found);
    return n;
}

/* tuple(self.lists), kept in the Recorder's _lists_now until its lists change (a new reference). */
static PyObject *lists_now(Segment *s) {
    PyObject *now = attr_of(s, s->lists_now_name);
    if (now == NULL || now != Py_None) return now;
    Py_DECREF(now);
    now = PyList_AsTuple(s->lists);
    if (now != NULL && PyObject_SetAttr(s->recorder, s->lists_now_name, now) < 0) Py_CLEAR(now);
    return now;
}

/* Whether a cell's row is a header (an owner <th>, or inside a <thead>): 1, 0, -1 on error. */
static int header_of(Segment *s, PyObject *tag) {
    if (PyUnicode_CompareWithASCIIString(tag, "th") == 0) return 1;
    PyObject *thead = attr_of(s, s->thead_name);
    if (thead == NULL) return -1;
    Py_ssize_t open = PyLong_AsSsize_t(thead);
    Py_DECREF(thead);
    return open == -1 && PyErr_Occurred() ? -1 : open > 0;
}

static PyObject *made(Segment *s, PyObject *lists, Py_ssize_t table, int header, PyObject *language, PyObject *images) {
    PyObject *quotes = PyLong_FromSsize_t(s->quotes), *at = PyLong_FromSsize_t(table), *none = PyTuple_New(0);
    PyObject *fields = quotes != NULL && at != NULL && none != NULL
                           ? PyTuple_Pack(8, lists, quotes, language, at, none, header ? Py_True : Py_False, none, images)
                           : NULL;
    Py_XDECREF(quotes);
    Py_XDECREF(at);
    Py_XDECREF(none);
    if (fields == NULL) return NULL;
    PyObject *markup = PyObject_Vectorcall(s->hook[H_NEW_TUPLE], (PyObject *[]){s->hook[H_MARKUP], fields}, 2, NULL);
    Py_DECREF(fields);
    return markup;
}

/* Recorder.markup(text, pieces, owner_tag, pre, cell): a new reference, NULL on error. */
PyObject *block_markup(Segment *s, PyObject *text, PyObject *tag, int pre, int cell) {
    Py_ssize_t links = 0;
    if (PyList_GET_SIZE(s->links) || PyList_GET_SIZE(s->anchors)) {
        links = record_links(s, text, pre);
        if (links == -1 && PyErr_Occurred()) return NULL;
    }
    PyObject *images = PyTuple_New(0), *language = NULL, *result = NULL;
    if (images == NULL) return NULL;
    if (PyList_GET_SIZE(s->images)) { /* most blocks have none: no copy, no clear */
        Py_SETREF(images, PyList_AsTuple(s->images));
        if (images == NULL || PyList_SetSlice(s->images, 0, PyList_GET_SIZE(s->images), NULL) < 0) goto done;
    }
    Py_ssize_t table = -1; /* only rows and cells need it */
    if (cell && PyList_GET_SIZE(s->tables)) {
        table = PyLong_AsSsize_t(PyList_GET_ITEM(s->tables, PyList_GET_SIZE(s->tables) - 1));
        if (table == -1 && PyErr_Occurred()) goto done;
    }
    int named = 0;
    if (pre) {
        language = attr_of(s, s->language_name);
        if (language == NULL) goto done;
        named = PyObject_IsTrue(language);
        if (named < 0) goto done;
    }
    const int structure = PyList_GET_SIZE(s->lists) || s->quotes || table >= 0 || PyTuple_GET_SIZE(images) || named;
    if (!structure && !links) {
        result = Py_NewRef(s->hook[H_NO_MARKUP]);
        goto done;
    }
    const int header = cell ? header_of(s, tag) : 0;
    if (header < 0) goto done;
    if (!structure) { /* links only: shared */
        result = Py_NewRef(s->hook[header ? H_HEADER_ONLY : H_NO_MARKUP]);
        goto done;
    }
    PyObject *lists = lists_now(s);
    if (lists == NULL) goto done;
    result = made(s, lists, table, header, pre ? language : s->empty, images);
    Py_DECREF(lists);
done:
    Py_XDECREF(images);
    Py_XDECREF(language);
    return result;
}
