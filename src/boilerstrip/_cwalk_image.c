/* Recorder.enter of an <img> in C, for the Walker's segment mode (see _cwalk_segment.c): what
 * _markup.Recorder.enter does with one (the pure walk's, and the reference), on the Recorder's
 * own list of pending images: its src (else its data-src) stripped, unless empty or a data: URL,
 * with its alt collapsed (_clinks.c's collapsed_words, as _markup._collapse), made an
 * _model.Image and appended, the list cut to its last MAX_PENDING_IMAGES. Where the Recorder was
 * called through its wrapper with a dict of the attributes it reads, decoded (about 2,300
 * instructions an <img> on 20 pages). */
#include <string.h>

#include "_clinks.h"
#include "_cwalk_segment.h"

/* _markup._MAX_PENDING_IMAGES (tests/test_cwalk.py compares them). */
#define MAX_PENDING_IMAGES 8

/* The attributes read: src, data-src, alt (a repeated name's last value, as the dict keeps it). */
enum { I_SRC, I_DATA_SRC, I_ALT, I_COUNT };
static const char *const image_reads[I_COUNT] = {"src", "data-src", "alt"};
static const size_t image_read_lengths[I_COUNT] = {3, 8, 3};

typedef struct {
    const unsigned char *data; /* NULL: absent, or present without a value (None) */
    size_t length;
} Read;

static void read_image(Node *node, Read *reads) {
    memset(reads, 0, I_COUNT * sizeof(Read));
    for (Attr *attr = first_attribute(node); attr != NULL; attr = next_attribute(attr)) {
        size_t length = 0;
        const unsigned char *name = attr_name(attr, &length);
        if (name == NULL) continue;
        for (int i = 0; i < I_COUNT; i++)
            if (length == image_read_lengths[i] && memcmp(name, image_reads[i], length) == 0) {
                reads[i].length = 0;
                reads[i].data = attr_value(attr, &reads[i].length);
                break;
            }
    }
}

/* _model.Image (borrowed; imported the first time). */
static PyObject *image_type(Segment *s) {
    if (s->image_type == NULL) {
        PyObject *model = PyImport_ImportModule("boilerstrip._model");
        s->image_type = model != NULL ? PyObject_GetAttrString(model, "Image") : NULL;
        Py_XDECREF(model);
        if (s->image_type != NULL && !(PyType_Check(s->image_type) &&
                                       PyType_IsSubtype((PyTypeObject *)s->image_type, &PyTuple_Type))) {
            PyErr_SetString(PyExc_TypeError, "_model.Image is not a subclass of tuple");
            Py_CLEAR(s->image_type);
        }
    }
    return s->image_type;
}

/* Whether a str's characters from `at` begin with "data:", ASCII letters lowered (str.lower()'s
 * only non-ASCII characters that lower to ASCII, U+0130 and U+212A, begin no "d", "a", "t"). */
static int data_url(PyObject *text, Py_ssize_t at, Py_ssize_t end) {
    static const char prefix[] = "data:";
    if (end - at < 5) return 0;
    for (Py_ssize_t k = 0; k < 5; k++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(text, at + k);
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != (Py_UCS4)prefix[k]) return 0;
    }
    return 1;
}

/* The Image of the src and alt read (a new reference), Py_None for none, NULL on error. */
static PyObject *image_of(Segment *s, const Read *reads) {
    const Read *src = &reads[I_SRC];
    if (src->data == NULL || src->length == 0) src = &reads[I_DATA_SRC]; /* (attrs.get("src") or ...) */
    if (src->data == NULL || src->length == 0) Py_RETURN_NONE;
    Py_ssize_t i, j;
    PyObject *raw = decoded_stripped(src->data, src->length, &i, &j);
    if (raw == NULL) return NULL;
    if (i == j || data_url(raw, i, j)) {
        Py_DECREF(raw);
        Py_RETURN_NONE;
    }
    PyObject *stripped = PyUnicode_Substring(raw, i, j);
    Py_DECREF(raw);
    const Read *alt = &reads[I_ALT];
    PyObject *alt_raw = NULL, *collapsed = NULL;
    if (stripped != NULL)
        alt_raw = alt->data != NULL ? PyUnicode_DecodeUTF8((const char *)alt->data, (Py_ssize_t)alt->length, "replace")
                                    : PyUnicode_New(0, 0);
    if (alt_raw != NULL) collapsed = collapsed_words(alt_raw);
    Py_XDECREF(alt_raw);
    PyTypeObject *type = collapsed != NULL ? (PyTypeObject *)image_type(s) : NULL;
    PyObject *made = type != NULL ? type->tp_alloc(type, 2) : NULL;
    if (made == NULL) {
        Py_XDECREF(stripped);
        Py_XDECREF(collapsed);
        return NULL;
    }
    PyTuple_SET_ITEM(made, 0, stripped);
    PyTuple_SET_ITEM(made, 1, collapsed);
    if (PyObject_GC_IsTracked(made)) PyObject_GC_UnTrack(made); /* (two str: as new_tuple leaves it) */
    return made;
}

int enter_image(Segment *s, Node *node) {
    Read reads[I_COUNT];
    read_image(node, reads);
    PyObject *image = image_of(s, reads);
    if (image == NULL) return -1;
    int failed = 0;
    if (image != Py_None) {
        failed = PyList_Append(s->images, image) < 0;
        const Py_ssize_t n = PyList_GET_SIZE(s->images);
        if (!failed && n > MAX_PENDING_IMAGES) /* (del images[:-MAX_PENDING_IMAGES]) */
            failed = PyList_SetSlice(s->images, 0, n - MAX_PENDING_IMAGES, NULL) < 0;
    }
    Py_DECREF(image);
    return failed ? -1 : 0;
}
