/* What the segment stage does for each block it makes, in C for the compiled build: the block's
 * text from its pieces (_segment_blocks._block_text_python), the CSS steps of its owner and the
 * owner's block-level ancestors (_segment_blocks._record_steps_python), and its links as offsets
 * in its text (_markup.record_links_python). The Python functions are the reference and the
 * fallback; tests/test_cscan_record.py checks that both give the same. The C walk's segment mode
 * (_cwalk_block.c) calls block_text, and records the steps by _csteps.c's loop itself. */
#include <string.h>

#include "_cscan.h"
#include "_csteps.h"

/* The break list's item k as a slice bound, or -1 with an error set (-1 is never a bound here:
 * PySlice_AdjustIndices makes it one below; so a negative bound is read as Python reads it). */
static int bound_at(PyObject *breaks, Py_ssize_t k, Py_ssize_t *value) {
    *value = PyLong_AsSsize_t(PyList_GET_ITEM(breaks, k));
    return *value == -1 && PyErr_Occurred() ? -1 : 0;
}

/* Where the run of 8-byte words of p[j..n) that the line's collapse copies as they are ends (j
 * itself if the first is not one), for a line with text written already: bytes of 0x20-0x7E
 * (no control character), and outside <pre> no two spaces side by side nor a space last but
 * before a printable character of the piece (each space then one space between two printable
 * characters, or after a space pending: see APPEND). Tested a word at a time, where the loop
 * below took about a dozen instructions a character. */
static Py_ssize_t ascii_words(const Py_UCS1 *p, Py_ssize_t j, Py_ssize_t n, int pre) {
    const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
    for (; n - j >= 8; j += 8) {
        uint64_t x;
        memcpy(&x, p + j, 8);
        if ((((x - ones * 0x20) & ~x) | (x + ones) | x) & highs) break; /* a byte outside 0x20-0x7E */
        if (!pre) {
            const uint64_t eq = x ^ (ones * 0x20);
            const uint64_t spaces = ~(((eq & ~highs) + ~highs) | eq) & highs; /* 0x80 at each space */
            if (spaces & (spaces << 8)) break;
            if (p[j + 7] == ' ' && (j + 8 == n || (Py_UCS4)p[j + 8] - 0x21U >= 0x5EU)) break;
        }
    }
    return j;
}

/* A piece's characters appended at out[m] to the line begun at out[line_start] (see block_text),
 * for each kind of piece (TI) and of text (TO); the new end. */
#define APPEND(NAME, TI, TO, BYTES)                                                                        \
    static Py_ssize_t NAME(const void *data, Py_ssize_t n, void *out, Py_ssize_t m, Py_ssize_t line_start, \
                           int pre, int *pending) {                                                        \
        const TI *p = data;                                                                                \
        TO *o = out;                                                                                       \
        int pend = *pending;                                                                               \
        for (Py_ssize_t j = 0; j < n;) {                                                                   \
            if (BYTES && n - j >= 8 && (pre || m > line_start)) {                                          \
                const Py_ssize_t from = j;                                                                 \
                j = ascii_words((const Py_UCS1 *)p, j, n, pre);                                            \
                if (j > from) { /* (a space pending and a space first: one space) */                      \
                    if (pend && p[from] != ' ') o[m++] = ' ';                                              \
                    pend = 0;                                                                              \
                    memcpy(o + m, p + from, (size_t)(j - from));                                           \
                    m += j - from;                                                                         \
                    if (j == n) break;                                                                     \
                }                                                                                          \
            }                                                                                              \
            const Py_UCS4 c = p[j++];                                                                      \
            if (CONTROL(c)) continue;                                                                      \
            if (!pre) {                                                                                    \
                if (Py_UNICODE_ISSPACE(c)) {                                                               \
                    pend = m > line_start;                                                                 \
                    continue;                                                                              \
                }                                                                                          \
                if (pend) {                                                                                \
                    o[m++] = ' ';                                                                          \
                    pend = 0;                                                                              \
                } else if (m == line_start && m > 0) {                                                     \
                    o[m++] = '\n'; /* a line before this one had text */                                   \
                }                                                                                          \
            }                                                                                              \
            o[m++] = (TO)c;                                                                                \
            /* the rest of a run of printable ASCII (neither space nor control): copied as it is */       \
            while (j < n && (Py_UCS4)p[j] - 0x21U < 0x5EU) o[m++] = (TO)p[j++];                            \
        }                                                                                                  \
        *pending = pend;                                                                                   \
        return m;                                                                                          \
    }
APPEND(append_11, Py_UCS1, Py_UCS1, 1)
APPEND(append_12, Py_UCS1, Py_UCS2, 0)
APPEND(append_22, Py_UCS2, Py_UCS2, 0)
APPEND(append_14, Py_UCS1, Py_UCS4, 0)
APPEND(append_24, Py_UCS2, Py_UCS4, 0)
APPEND(append_44, Py_UCS4, Py_UCS4, 0)
#undef APPEND

static Py_ssize_t append(PyObject *piece, int kind, void *out, Py_ssize_t m, Py_ssize_t line_start, int pre,
                         int *pending) {
    const void *data = PyUnicode_DATA(piece);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(piece);
    const int k = PyUnicode_KIND(piece); /* never wider than the text's kind */
    if (kind == PyUnicode_1BYTE_KIND) return append_11(data, n, out, m, line_start, pre, pending);
    if (kind == PyUnicode_2BYTE_KIND)
        return (k == PyUnicode_1BYTE_KIND ? append_12 : append_22)(data, n, out, m, line_start, pre, pending);
    return (k == PyUnicode_1BYTE_KIND   ? append_14
            : k == PyUnicode_2BYTE_KIND ? append_24
                                        : append_44)(data, n, out, m, line_start, pre, pending);
}

/* _block_text_python(pieces, breaks, pre): the lines between breaks joined, each line's control
 * characters dropped; outside <pre> each line collapsed (whitespace runs one space, none at
 * either end) and the empty lines left out, else the lines kept as they are, newlines stripped at
 * either end, and "" for a text of whitespace alone. One pass over the pieces, into one buffer of
 * their widest kind (on the C stack when small), where the Python joins each line, then
 * collapses it, then joins the lines. */
PyObject *block_text(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyList_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "block_text() takes a list of str, a list of int and a bool");
        return NULL;
    }
    PyObject *pieces = args[0], *breaks = args[1];
    const int pre = PyObject_IsTrue(args[2]);
    if (pre < 0) return NULL;
    const Py_ssize_t count = PyList_GET_SIZE(pieces), lines = PyList_GET_SIZE(breaks) + 1;
    Py_ssize_t total = lines; /* the newlines between lines, at most */
    int kind = PyUnicode_1BYTE_KIND, ascii = 1;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *piece = PyList_GET_ITEM(pieces, i);
        if (!PyUnicode_Check(piece)) {
            PyErr_SetString(PyExc_TypeError, "block_text(): a piece is not a str");
            return NULL;
        }
        if ((int)PyUnicode_KIND(piece) > kind) kind = PyUnicode_KIND(piece);
        ascii &= PyUnicode_IS_ASCII(piece) != 0;
        total += PyUnicode_GET_LENGTH(piece);
    }
    Py_UCS4 small[256];
    const size_t size = (size_t)total * (size_t)kind;
    void *out = size <= sizeof small ? small : PyMem_Malloc(size);
    if (out == NULL) return PyErr_NoMemory();
    Py_ssize_t m = 0;
    PyObject *text = NULL;
    for (Py_ssize_t line = 0; line < lines; line++) {
        Py_ssize_t a = 0, b = count;
        if ((line > 0 && bound_at(breaks, line - 1, &a) < 0) || (line < lines - 1 && bound_at(breaks, line, &b) < 0))
            goto done;
        slice_bounds(count, &a, &b);
        if (pre && line > 0) PyUnicode_WRITE(kind, out, m++, '\n');
        const Py_ssize_t line_start = m;
        int pending = 0;
        for (Py_ssize_t i = a; i < b; i++) m = append(PyList_GET_ITEM(pieces, i), kind, out, m, line_start, pre, &pending);
    }
    Py_ssize_t start = 0, end = m;
    if (pre) {
        while (start < end && PyUnicode_READ(kind, out, start) == '\n') start++;
        while (end > start && PyUnicode_READ(kind, out, end - 1) == '\n') end--;
        Py_ssize_t i = start;
        while (i < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, out, i))) i++;
        if (i == end) start = end; /* whitespace alone: "" */
    }
    if (ascii) { /* (an ASCII text, known so: not scanned again for its widest character) */
        if ((text = PyUnicode_New(end - start, 127)) != NULL)
            memcpy(PyUnicode_DATA(text), (char *)out + start, (size_t)(end - start));
    } else {
        text = PyUnicode_FromKindAndData(kind, (char *)out + start * kind, end - start);
    }
done:
    if (out != small) PyMem_Free(out);
    return text;
}

enum { FRAME_ELEMENT = 0, FRAME_STACK = 10 }; /* _segment_blocks' _ELEMENT and _STACK */

/* A frame's int field (its element index or its stack position), or -1 with an error set. */
static Py_ssize_t field(PyObject *frames, Py_ssize_t k, Py_ssize_t at) {
    PyObject *frame = PyList_GET_ITEM(frames, k);
    if (!PyTuple_Check(frame) || PyTuple_GET_SIZE(frame) <= at) {
        PyErr_SetString(PyExc_TypeError, "record_steps(): a frame is not a block's tuple");
        return -1;
    }
    Py_ssize_t value = PyLong_AsSsize_t(PyTuple_GET_ITEM(frame, at));
    if (value < 0 && !PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "record_steps(): a negative field");
    return value < 0 ? -1 : value;
}

/* The frames' FrameField (see _csteps.h). */
static Py_ssize_t frame_field(const void *frames, Py_ssize_t k, int stack) {
    return field((PyObject *)frames, k, stack ? FRAME_STACK : FRAME_ELEMENT);
}

/* _record_steps_python(elements, stack, strings, steps, frames): see there and _csteps.c. */
PyObject *record_steps(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyList_Check(args[0]) || !PyList_Check(args[1]) || !PyDict_Check(args[2]) ||
        !PyDict_Check(args[3]) || !PyList_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "record_steps() takes elements, stack, strings, steps and frames");
        return NULL;
    }
    const Steps at = {args[0], args[1], args[2], args[3], NULL};
    if (record_open_steps(&at, PyList_GET_SIZE(args[4]), frame_field, args[4]) < 0) return NULL;
    Py_RETURN_NONE;
}
