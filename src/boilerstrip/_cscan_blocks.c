/* The segment stage's block columns made in C from the traversal's, for the compiled build:
 * _segmented._block_columns_python is the reference, followed step by step, and the fallback;
 * tests/test_cscan_elements.py checks that both give the same.
 *
 * block_columns(columns_cls, markup_cls, link_cls, texts, roles, numbers, markups, spans, hrefs,
 * layout) -> columns_cls (texts, owners, roles, levels, link_chars, rows, markups: a list each).
 * A block's text is `texts`' item (a list of str, taken as it is, or a _segmented.Texts: one
 * UTF-8 buffer, `data`, and each text's end, `ends`, decoded into a new list); its row of
 * `numbers` holds its element, heading level, link characters, table row and first link; the
 * links of block i are the spans and hrefs from its first link to the next block's (the last
 * block's: to the end of `hrefs`), made into a tuple of link_cls put in its Markup. Where the
 * RawBlocks this made before took a tuple and the ints a block, and the later stages read them
 * field by field, this makes four lists of ints. */
#include "_cscan.h"

/* The layout of _segmented's columns and of _model.Markup read here (checked against the one
 * passed in). */
enum { BLOCK_NUMBERS = 5, FIRST_LINK = 4, MARKUP_LINKS = 6, MARKUP_FIELDS = 8 };
enum { ELEMENT = 0, LEVEL = 1, LINK_CHARS = 2, ROW = 3 };

/* The texts: a list of str, or a Texts buffer read through its data and ends. */
typedef struct {
    PyObject *list; /* borrowed; NULL for a Texts */
    Py_buffer data;
    Column ends;
} Texts;

static int texts_open(PyObject *source, Texts *t) {
    t->list = NULL;
    t->data.obj = NULL;
    t->ends.view.obj = NULL;
    if (PyList_CheckExact(source)) {
        t->list = source;
        return 0;
    }
    PyObject *data = PyObject_GetAttrString(source, "data"), *ends = NULL;
    int failed = data == NULL || PyObject_GetBuffer(data, &t->data, PyBUF_SIMPLE) < 0 ||
                 (ends = PyObject_GetAttrString(source, "ends")) == NULL ||
                 column(ends, &t->ends, "block_columns: the texts' ends") < 0;
    Py_XDECREF(data); /* (the buffers hold their objects) */
    Py_XDECREF(ends);
    return failed ? -1 : 0;
}

static void texts_close(Texts *t) {
    if (t->data.obj != NULL) PyBuffer_Release(&t->data);
    if (t->ends.view.obj != NULL) PyBuffer_Release(&t->ends.view);
}

static Py_ssize_t texts_count(const Texts *t) { return t->list != NULL ? PyList_GET_SIZE(t->list) : t->ends.n; }

/* A new reference to text i: the list's item, or the buffer's bytes decoded as Texts does. */
static PyObject *text_at(const Texts *t, Py_ssize_t i) {
    if (t->list != NULL) return Py_NewRef(PyList_GET_ITEM(t->list, i));
    const long long start = i > 0 ? get(&t->ends, i - 1) : 0, end = get(&t->ends, i);
    if (start < 0 || end < start || end > t->data.len) {
        PyErr_SetString(PyExc_ValueError, "block_columns: a text's end out of its buffer");
        return NULL;
    }
    return PyUnicode_DecodeUTF8((const char *)t->data.buf + start, (Py_ssize_t)(end - start), "surrogatepass");
}

/* A new tuple of `type` with its `n` items (new references, stolen; NULL ones mean an error:
 * the others are released), tracked as new_tuple leaves it. */
static PyObject *tuple_of(PyTypeObject *type, PyObject **items, Py_ssize_t n) {
    PyObject *made = NULL;
    for (Py_ssize_t k = 0; k < n; k++)
        if (items[k] == NULL) goto error;
    if ((made = type->tp_alloc(type, n)) == NULL) goto error;
    for (Py_ssize_t k = 0; k < n; k++) PyTuple_SET_ITEM(made, k, items[k]);
    settle(made);
    return made;
error:
    for (Py_ssize_t k = 0; k < n; k++) Py_XDECREF(items[k]);
    return NULL;
}

/* markup with the links `first` to `end` (excluded): _model.with_links(markup, _markup.links_of(
 * spans, hrefs, first, end)). */
static PyObject *with_links(PyTypeObject *markup_type, PyTypeObject *link_type, PyObject *markup, const Column *spans,
                            PyObject *hrefs, long long first, long long end) {
    if (!PyTuple_Check(markup) || PyTuple_GET_SIZE(markup) != MARKUP_FIELDS) {
        PyErr_SetString(PyExc_TypeError, "block_columns: a markup is not a Markup");
        return NULL;
    }
    if (first < 0 || 2 * end > spans->n || end > PyList_GET_SIZE(hrefs)) {
        PyErr_SetString(PyExc_IndexError, "block_columns: a link out of range");
        return NULL;
    }
    PyObject *links = PyTuple_New((Py_ssize_t)(end - first)); /* tracked, as tuple()'s */
    if (links == NULL) return NULL;
    for (long long k = first; k < end; k++) {
        PyObject *items[3] = {PyLong_FromLongLong(get(spans, 2 * k)), PyLong_FromLongLong(get(spans, 2 * k + 1)),
                              Py_NewRef(PyList_GET_ITEM(hrefs, k))};
        PyObject *link = tuple_of(link_type, items, 3);
        if (link == NULL) {
            Py_DECREF(links);
            return NULL;
        }
        PyTuple_SET_ITEM(links, k - first, link);
    }
    PyObject *items[MARKUP_FIELDS];
    for (Py_ssize_t k = 0; k < MARKUP_FIELDS; k++)
        items[k] = k == MARKUP_LINKS ? links : Py_NewRef(PyTuple_GET_ITEM(markup, k));
    return tuple_of(markup_type, items, MARKUP_FIELDS);
}

static int layout_is(PyObject *layout, const long long *expected, Py_ssize_t n) {
    if (!PyTuple_CheckExact(layout) || PyTuple_GET_SIZE(layout) != n) return 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *item = PyTuple_GET_ITEM(layout, k);
        if (!PyLong_CheckExact(item) || PyLong_AsLongLong(item) != expected[k]) return 0;
    }
    return 1;
}

static int is_tuple_type(PyObject *type) {
    return PyType_Check(type) && PyType_IsSubtype((PyTypeObject *)type, &PyTuple_Type) &&
           (PyTypeObject *)type != &PyTuple_Type;
}

/* A new list of column `k` of `numbers`' rows (the reference's strided slice's tolist()). */
static PyObject *numbers_column(const Column *numbers, Py_ssize_t count, int k) {
    PyObject *list = PyList_New(count);
    if (list == NULL) return NULL;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *value = PyLong_FromLongLong(get(numbers, i * BLOCK_NUMBERS + k));
        if (value == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, value);
    }
    return list;
}

PyObject *block_columns(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 10 || !is_tuple_type(args[0]) || !is_tuple_type(args[1]) || !is_tuple_type(args[2]) ||
        !PyList_CheckExact(args[4]) || !PyList_CheckExact(args[6]) || !PyList_CheckExact(args[8])) {
        PyErr_SetString(PyExc_TypeError, "block_columns() takes three named tuple classes, the traversal's block "
                                         "columns and a tuple");
        return NULL;
    }
    static const long long expected[] = {BLOCK_NUMBERS, FIRST_LINK, MARKUP_LINKS, MARKUP_FIELDS};
    if (!layout_is(args[9], expected, 4)) {
        PyErr_SetString(PyExc_ValueError, "block_columns: the columns' layout is not the one this was built for");
        return NULL;
    }
    PyTypeObject *columns_type = (PyTypeObject *)args[0], *markup_type = (PyTypeObject *)args[1],
                 *link_type = (PyTypeObject *)args[2];
    PyObject *roles = args[4], *markups = args[6], *hrefs = args[8];
    Texts texts;
    Column numbers = {.view = {.obj = NULL}}, spans = {.view = {.obj = NULL}};
    PyObject *out = NULL, *linked = NULL;
    if (texts_open(args[3], &texts) < 0 || column(args[5], &numbers, "block_columns: numbers") < 0 ||
        column(args[7], &spans, "block_columns: spans") < 0)
        goto done;
    const Py_ssize_t count = texts_count(&texts);
    if (PyList_GET_SIZE(roles) < count || PyList_GET_SIZE(markups) < count || numbers.n < count * BLOCK_NUMBERS) {
        PyErr_SetString(PyExc_IndexError, "block_columns: the block columns are shorter than the texts");
        goto done;
    }
    /* The Markups with their links (a block's links end where the next block's begin). */
    if ((linked = PyList_GetSlice(markups, 0, count)) == NULL) goto done;
    long long start = count ? get(&numbers, FIRST_LINK) : 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        const long long end =
            i + 1 < count ? get(&numbers, (i + 1) * BLOCK_NUMBERS + FIRST_LINK) : PyList_GET_SIZE(hrefs);
        if (end > start) {
            PyObject *markup =
                with_links(markup_type, link_type, PyList_GET_ITEM(linked, i), &spans, hrefs, start, end);
            if (markup == NULL) goto done;
            PyList_SetItem(linked, i, markup); /* (releases the one it replaces) */
        }
        start = end;
    }
    /* The texts: the list as it is when it holds just the blocks', else a new one. */
    PyObject *text_list;
    if (texts.list != NULL && PyList_GET_SIZE(texts.list) == count) {
        text_list = Py_NewRef(texts.list);
    } else if ((text_list = PyList_New(count)) != NULL) {
        for (Py_ssize_t i = 0; i < count; i++) {
            PyObject *text = text_at(&texts, i);
            if (text == NULL) {
                Py_CLEAR(text_list);
                break;
            }
            PyList_SET_ITEM(text_list, i, text);
        }
    }
    PyObject *items[7] = {text_list,
                          numbers_column(&numbers, count, ELEMENT),
                          PyList_GET_SIZE(roles) == count ? Py_NewRef(roles) : PyList_GetSlice(roles, 0, count),
                          numbers_column(&numbers, count, LEVEL),
                          numbers_column(&numbers, count, LINK_CHARS),
                          numbers_column(&numbers, count, ROW),
                          Py_NewRef(linked)};
    out = tuple_of(columns_type, items, 7);
done:
    Py_XDECREF(linked);
    texts_close(&texts);
    if (numbers.view.obj != NULL) PyBuffer_Release(&numbers.view);
    if (spans.view.obj != NULL) PyBuffer_Release(&spans.view);
    return out;
}
