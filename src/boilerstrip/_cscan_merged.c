/* The attribute names repeated <body> and <html> start tags merge onto one element: the port of
 * _merged_attributes.merge for the limits scan's C loop (_cscan.c), on the rare path of those
 * tags only. The names go into a Python set of str, one an element, made on first use. */
#include "_cscan.h"

/* Before a name: spaces and "/" (and a ">" in a value the input's end left open: the regex skips it). */
static inline int between(Py_UCS4 c) { return is_space(c) || c == '/' || c == '>'; }
static inline int ends_name(Py_UCS4 c) { return is_space(c) || c == '/' || c == '=' || c == '>'; }

/* A name of text[start:end] with ASCII capitals lowered (the tokenizer's), as a new str. */
static PyObject *folded(const Text *t, Py_ssize_t start, Py_ssize_t end) {
    Py_UCS4 largest = 0;
    for (Py_ssize_t i = start; i < end; i++) largest = Py_MAX(largest, at(t, i));
    PyObject *name = PyUnicode_New(end - start, largest);
    if (name == NULL) return NULL;
    int kind = PyUnicode_KIND(name);
    void *data = PyUnicode_DATA(name);
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 c = at(t, i);
        PyUnicode_WRITE(kind, data, i - start, c - 'A' < 26u ? c + 32 : c);
    }
    return name;
}

Py_ssize_t merge_attributes(const Text *t, Py_ssize_t p, Py_ssize_t end, PyObject **merged) {
    if (*merged == NULL && (*merged = PySet_New(NULL)) == NULL) return -1;
    end--; /* the tag's ">" */
    while (p < end) {
        Py_UCS4 c = at(t, p);
        if (between(c)) {
            p++;
            continue;
        }
        Py_ssize_t start = p++; /* a name may start with "=" */
        while (p < end && !ends_name(at(t, p))) p++;
        PyObject *name = folded(t, start, p);
        if (name == NULL) return -1;
        int failed = PySet_Add(*merged, name);
        Py_DECREF(name);
        if (failed) return -1;
        Py_ssize_t q = p; /* its value, if any: [ \t\n\f\r]* "=" [ \t\n\f\r]* then quoted or not */
        while (q < end && is_space(at(t, q))) q++;
        if (q >= end || at(t, q) != '=') continue;
        q++;
        while (q < end && is_space(at(t, q))) q++;
        Py_UCS4 quote = q < end ? at(t, q) : 0;
        if (quote == '"' || quote == '\'') {
            Py_ssize_t close = q + 1;
            while (close < end && at(t, close) != quote) close++;
            if (close < end) {
                p = close + 1;
                continue;
            }
        } /* else, or a quote the input's end left open: a value up to a space, as the regex reads it */
        while (q < end && !is_space(at(t, q)) && at(t, q) != '>') q++;
        p = q;
    }
    return PySet_GET_SIZE(*merged);
}
