/* The decision's per-block text tests in C, for the compiled build (the rules' Python stays
 * the reference, and runs in a pure install):
 *
 * echo_head(text) -> bool: _dumps.echo_head, whether text.split(None, 1) gives two parts
 * and the first occurs in the second, without the list and its two strs (the second a copy
 * of nearly all the text). The words are split where str.split splits them
 * (Py_UNICODE_ISSPACE), and the first is looked for among the rest's characters of the same
 * str (one kind: equal characters are equal bytes).
 *
 * control_text(text, strip) -> str or None: _controls.control_text, " ".join(text.split())
 * .strip(chars) for an ASCII text, ``strip`` holding 128 bytes, 1 for each ASCII character
 * of ``chars`` (no other character is in an ASCII text); None for any other text, which the
 * Python then reads. The text itself when the result is equal to it.
 *
 * price_sieve(text, currencies) -> bool or None: whether _product_cards._is_price must
 * search ``text`` for a price: of an ASCII text, whether it holds a digit 0-9 and, lowered,
 * one of ``currencies`` (a tuple of lowercase ASCII strs); of any other text, True when it
 * holds a digit 0-9, False when it holds none and no character from U+0660 up (the first
 * decimal digit past ASCII: below it ``\d`` matches 0-9 alone, in every Unicode version),
 * else None: the digit class is searched then, with the pattern's own tables.
 *
 * shared_depths(locators, path) -> list[int]: _product_cards._shared_depths(locators,
 * path.split(">")), how many leading steps of ``path`` each locator shares: a locator
 * shares d steps when it starts with the first d steps' path and ends or goes on with ">"
 * there. Read from the length of its common start with ``path`` (eight bytes a step where
 * both are of one kind): every step that ends before it is shared, and the step that ends
 * where it does when the locator ends or goes on with ">" there.
 *
 * same_ancestor(one, other, levels) -> bool: _copied_boxes.same_ancestor, whether the two
 * locators' ancestors ``levels`` steps up are one path (each cut at its levels-th ">" from
 * the end, at its first when it holds fewer, not at all when it holds none), without the
 * slice the Python makes.
 *
 * forms_of(locators) -> list[str] or None: _form_labels.form_of of each locator (a list
 * of str), its steps read from the end; None where a locator is wider than one byte a
 * character, or a form's step holds a character past ASCII after its digits (the pattern
 * reads those): the Python then reads the page.
 *
 * tests/test_decision_texts_c.py compares each with the Python on hand-made texts.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_cscore.h"

PyObject *cscore_echo_head(PyObject *self, PyObject *text) {
    (void)self;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "echo_head() takes a str");
        return NULL;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t i = 0;
    while (i < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
    const Py_ssize_t start = i;
    while (i < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
    const Py_ssize_t width = i - start;
    while (i < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
    /* No word, or nothing after the first: split(None, 1) gives fewer than two parts. */
    if (width == 0 || i == n) Py_RETURN_FALSE;
    const char *bytes = (const char *)data;
    const Py_UCS4 first = PyUnicode_READ(kind, data, start);
    const size_t size = (size_t)width * (size_t)kind;
    for (Py_ssize_t at = i; at + width <= n; at++) {
        if (PyUnicode_READ(kind, data, at) == first &&
            memcmp(bytes + (size_t)at * (size_t)kind, bytes + (size_t)start * (size_t)kind, size) == 0)
            Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}

PyObject *cscore_control_text(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1]) || PyBytes_GET_SIZE(args[1]) < 128) {
        PyErr_SetString(PyExc_TypeError, "control_text() takes a str and 128 bytes");
        return NULL;
    }
    PyObject *text = args[0];
    if (!PyUnicode_IS_ASCII(text)) Py_RETURN_NONE;
    const unsigned char *strip = (const unsigned char *)PyBytes_AS_STRING(args[1]);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const Py_UCS1 *s = PyUnicode_1BYTE_DATA(text);
    char small[256];
    char *buffer = n <= (Py_ssize_t)sizeof small ? small : PyMem_Malloc((size_t)n);
    if (buffer == NULL) return PyErr_NoMemory();
    /* The words, one space between two (str.split's, then " ".join's). */
    Py_ssize_t m = 0, i = 0;
    for (;;) {
        while (i < n && Py_UNICODE_ISSPACE(s[i])) i++;
        if (i == n) break;
        if (m) buffer[m++] = ' ';
        while (i < n && !Py_UNICODE_ISSPACE(s[i])) buffer[m++] = (char)s[i++];
    }
    /* str.strip(chars): from both ends, every character of chars. */
    Py_ssize_t lo = 0, hi = m;
    while (lo < hi && strip[(unsigned char)buffer[lo]]) lo++;
    while (hi > lo && strip[(unsigned char)buffer[hi - 1]]) hi--;
    PyObject *out;
    if (hi - lo == n && memcmp(buffer + lo, s, (size_t)n) == 0) {
        out = Py_NewRef(text);
    } else {
        out = PyUnicode_New(hi - lo, 127);
        if (out != NULL) memcpy(PyUnicode_1BYTE_DATA(out), buffer + lo, (size_t)(hi - lo));
    }
    if (buffer != small) PyMem_Free(buffer);
    return out;
}

enum { FIRST_WIDE_DIGIT = 0x660 };

/* Whether the n bytes at text hold the size bytes at part (str's ``in``). */
static int holds(const char *text, Py_ssize_t n, const char *part, Py_ssize_t size) {
    if (size == 0) return 1;
    if (size > n) return 0;
    for (const char *at = text, *end = text + n - size + 1; at < end; at++) {
        at = memchr(at, part[0], (size_t)(end - at));
        if (at == NULL) return 0;
        if (memcmp(at, part, (size_t)size) == 0) return 1;
    }
    return 0;
}

PyObject *cscore_price_sieve(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "price_sieve() takes a str and a tuple of str");
        return NULL;
    }
    PyObject *text = args[0], *currencies = args[1];
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (!PyUnicode_IS_ASCII(text)) {
        const int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        int wide = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            const Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (c >= '0' && c <= '9') Py_RETURN_TRUE;
            if (c >= FIRST_WIDE_DIGIT) wide = 1;
        }
        if (wide) Py_RETURN_NONE;
        Py_RETURN_FALSE;
    }
    const Py_UCS1 *s = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t i = 0;
    while (i < n && !(s[i] >= '0' && s[i] <= '9')) i++;
    if (i == n) Py_RETURN_FALSE;
    char small[256];
    char *lowered = n <= (Py_ssize_t)sizeof small ? small : PyMem_Malloc((size_t)n);
    if (lowered == NULL) return PyErr_NoMemory();
    for (i = 0; i < n; i++) lowered[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 0x20 : s[i]);
    int found = 0;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(currencies) && !found; k++) {
        PyObject *currency = PyTuple_GET_ITEM(currencies, k);
        if (!PyUnicode_Check(currency) || !PyUnicode_IS_ASCII(currency)) {
            if (lowered != small) PyMem_Free(lowered);
            PyErr_SetString(PyExc_TypeError, "price_sieve(): a currency is not an ASCII str");
            return NULL;
        }
        const Py_ssize_t size = PyUnicode_GET_LENGTH(currency);
        found = holds(lowered, n, (const char *)PyUnicode_1BYTE_DATA(currency), size);
    }
    if (lowered != small) PyMem_Free(lowered);
    return PyBool_FromLong(found);
}

/* How many characters a and b share from their start. */
static Py_ssize_t common_start(PyObject *a, PyObject *b) {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(a) < PyUnicode_GET_LENGTH(b) ? PyUnicode_GET_LENGTH(a) : PyUnicode_GET_LENGTH(b);
    const int kind = PyUnicode_KIND(a);
    const void *x = PyUnicode_DATA(a), *y = PyUnicode_DATA(b);
    if (kind != PyUnicode_KIND(b)) {
        Py_ssize_t i = 0;
        while (i < n && PyUnicode_READ(kind, x, i) == PyUnicode_READ(PyUnicode_KIND(b), y, i)) i++;
        return i;
    }
    const size_t bytes = (size_t)n * (size_t)kind;
    const unsigned char *p = x, *q = y;
    size_t at = 0;
    for (; at + 8 <= bytes; at += 8) {
        uint64_t u, v;
        memcpy(&u, p + at, 8);
        memcpy(&v, q + at, 8);
        if (u != v) {
            while (p[at] == q[at]) at++; /* the first byte that differs, within these eight */
            return (Py_ssize_t)(at / (size_t)kind);
        }
    }
    while (at < bytes && p[at] == q[at]) at++;
    return (Py_ssize_t)(at / (size_t)kind);
}

PyObject *cscore_shared_depths(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 2 || !PyList_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "shared_depths() takes a list of str and a str");
        return NULL;
    }
    PyObject *locators = args[0], *path = args[1];
    const Py_ssize_t size = PyUnicode_GET_LENGTH(path);
    const int kind = PyUnicode_KIND(path);
    const void *data = PyUnicode_DATA(path);
    /* ends[d - 1]: where the first d steps' path ends in ``path`` (its d-th ">", or its end). */
    Py_ssize_t steps = 1;
    for (Py_ssize_t i = 0; i < size; i++) steps += PyUnicode_READ(kind, data, i) == '>';
    Py_ssize_t *ends = PyMem_Malloc((size_t)steps * sizeof(Py_ssize_t));
    if (ends == NULL) return PyErr_NoMemory();
    Py_ssize_t d = 0;
    for (Py_ssize_t i = 0; i < size; i++)
        if (PyUnicode_READ(kind, data, i) == '>') ends[d++] = i;
    ends[d] = size;
    const Py_ssize_t n = PyList_GET_SIZE(locators);
    PyObject *out = PyList_New(n);
    if (out == NULL) goto done;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *locator = PyList_GET_ITEM(locators, k);
        if (!PyUnicode_Check(locator)) {
            PyErr_SetString(PyExc_TypeError, "shared_depths(): a locator is not a str");
            Py_CLEAR(out);
            goto done;
        }
        const Py_ssize_t common = common_start(locator, path), length = PyUnicode_GET_LENGTH(locator);
        Py_ssize_t shared = 0;
        while (shared < steps && ends[shared] < common) shared++;
        if (shared < steps && ends[shared] == common &&
            (common == length || PyUnicode_READ(PyUnicode_KIND(locator), PyUnicode_DATA(locator), common) == '>'))
            shared++;
        PyObject *value = PyLong_FromSsize_t(shared);
        if (value == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, k, value);
    }
done:
    PyMem_Free(ends);
    return out;
}

/* _copied_boxes.ancestor_end: where the ancestor ``levels`` steps up ends in ``locator``. */
static Py_ssize_t ancestor_end(PyObject *locator, Py_ssize_t levels) {
    const int kind = PyUnicode_KIND(locator);
    const void *data = PyUnicode_DATA(locator);
    Py_ssize_t end = PyUnicode_GET_LENGTH(locator);
    for (Py_ssize_t cut = end - 1; levels > 0 && cut >= 0; cut--) {
        if (PyUnicode_READ(kind, data, cut) == '>') {
            end = cut;
            levels--;
        }
    }
    return end;
}

PyObject *cscore_same_ancestor(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1]) || !PyLong_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "same_ancestor() takes two str and an int");
        return NULL;
    }
    const Py_ssize_t levels = PyLong_AsSsize_t(args[2]);
    if (levels == -1 && PyErr_Occurred()) return NULL;
    PyObject *one = args[0], *other = args[1];
    const Py_ssize_t end = ancestor_end(one, levels);
    if (end != ancestor_end(other, levels)) Py_RETURN_FALSE;
    /* one.startswith(other[:end]): both hold end characters or more. */
    if (PyUnicode_KIND(one) == PyUnicode_KIND(other))
        return PyBool_FromLong(memcmp(PyUnicode_DATA(one), PyUnicode_DATA(other), (size_t)end * PyUnicode_KIND(one)) == 0);
    for (Py_ssize_t i = 0; i < end; i++)
        if (PyUnicode_READ_CHAR(one, i) != PyUnicode_READ_CHAR(other, i)) Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

static const char FORM[] = "form:nth-of-type("; /* _form_labels._FORM */
enum { FORM_CHARS = sizeof FORM - 1 };

/* How much of the n bytes at s form_of keeps (0: none); -1 where the pattern must read it. */
static Py_ssize_t form_end(const Py_UCS1 *s, Py_ssize_t n) {
    for (Py_ssize_t at = n - FORM_CHARS; at >= 0; at--) {
        if (s[at] != 'f' || memcmp(s + at, FORM, FORM_CHARS) != 0 || (at > 0 && s[at - 1] != '>')) continue;
        const Py_ssize_t start = at + FORM_CHARS;
        Py_ssize_t end = start;
        while (end < n && s[end] >= '0' && s[end] <= '9') end++;
        if (end < n && end > start && s[end] == ')') return end + 1;
        if (end < n && s[end] >= 128) return -1;
    }
    return 0;
}

PyObject *cscore_forms_of(PyObject *self, PyObject *locators) {
    (void)self;
    if (!PyList_Check(locators)) {
        PyErr_SetString(PyExc_TypeError, "forms_of() takes a list of str");
        return NULL;
    }
    const Py_ssize_t count = PyList_GET_SIZE(locators);
    PyObject *out = PyList_New(count), *empty = PyUnicode_FromStringAndSize("", 0);
    if (out == NULL || empty == NULL) goto failed;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *locator = PyList_GET_ITEM(locators, k);
        if (!PyUnicode_Check(locator)) {
            PyErr_SetString(PyExc_TypeError, "forms_of(): a locator is not a str");
            goto failed;
        }
        if (PyUnicode_KIND(locator) != PyUnicode_1BYTE_KIND) goto none;
        const Py_ssize_t end = form_end(PyUnicode_1BYTE_DATA(locator), PyUnicode_GET_LENGTH(locator));
        if (end < 0) goto none;
        PyObject *form = end ? PyUnicode_Substring(locator, 0, end) : Py_NewRef(empty);
        if (form == NULL) goto failed;
        PyList_SET_ITEM(out, k, form);
    }
    Py_DECREF(empty);
    return out;
none:
    Py_DECREF(out);
    Py_DECREF(empty);
    Py_RETURN_NONE;
failed:
    Py_XDECREF(out);
    Py_XDECREF(empty);
    return NULL;
}
