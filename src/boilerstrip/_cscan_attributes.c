/* The limits scan's reading of attributes (its C loop, _cscan.c): a long tag's count, and the names
 * repeated <body> and <html> start tags merge onto one element (the port of
 * _merged_attributes.merge, on the rare path of those tags only; the names go into a Python set
 * of str, one an element, made on first use). */
#include "_cstack.h" /* (and _cscan.h) */

/* len(_merged_attributes._COUNTED.findall(text, p, end)), read by hand: a name ([^\s"'>/=]+), and where
 * \s* "=" follows it, \s*, then a value: quoted when its closing quote comes before `end`,
 * else a run of [^\s>] (from an unclosed quote too). \s is Python's (Py_UNICODE_ISSPACE:
 * bytes are read as their Latin-1 text, where 0x85 and 0xA0 are spaces). */
static inline int ends_attribute_name(Py_UCS4 c) {
    return c == '"' || c == '\'' || c == '>' || c == '/' || c == '=' || Py_UNICODE_ISSPACE(c);
}

Py_ssize_t count_attributes(const Text *t, Py_ssize_t p, Py_ssize_t end) {
    Py_ssize_t count = 0;
    while (p < end) {
        if (ends_attribute_name(at(t, p))) {
            p++;
            continue;
        }
        count++;
        while (p < end && !ends_attribute_name(at(t, p))) p++;
        Py_ssize_t q = p;
        while (q < end && Py_UNICODE_ISSPACE(at(t, q))) q++;
        if (q >= end || at(t, q) != '=') continue; /* a name alone */
        q++;
        while (q < end && Py_UNICODE_ISSPACE(at(t, q))) q++;
        Py_UCS4 quote = q < end ? at(t, q) : 0, c;
        if (quote == '"' || quote == '\'') {
            Py_ssize_t close = q + 1;
            if (t->kind == PyUnicode_2BYTE_KIND) { /* most pages: a long tag's values found eight at a time */
                close = find2(t->data, close, end, (Py_UCS2)quote);
                close = close < 0 ? end : close;
            } else {
                while (close < end && at(t, close) != quote) close++;
            }
            if (close < end) {
                p = close + 1;
                continue;
            }
        }
        while (q < end && (c = at(t, q)) != '>' && !Py_UNICODE_ISSPACE(c)) q++;
        p = q;
    }
    return count;
}

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

static Py_ssize_t merge_attributes(const Text *t, Py_ssize_t p, Py_ssize_t end, PyObject **merged) {
    if (*merged == NULL && (*merged = PySet_New(NULL)) == NULL) return -1;
    end--; /* the tag's ">" */
    while ((p = next_name(t, t->kind, p, end)) < end) { /* the names as the tokenizer reads them (_cscan.h) */
        Py_ssize_t start = p++; /* (its first character may be "=") */
        while (p < end && !ends_name(at(t, p))) p++;
        PyObject *name = folded(t, start, p);
        if (name == NULL) return -1;
        int failed = PySet_Add(*merged, name);
        Py_DECREF(name);
        if (failed) return -1;
        p = past_value(t, t->kind, p, end);
    }
    return PySet_GET_SIZE(*merged);
}

int merges_past(const Names *N, const Name *name, const Text *t, Py_ssize_t name_end, Py_ssize_t end, long long limit,
                PyObject *merged[2]) {
    PyObject *raw = name_str(N, name); /* a name of the tables */
    int body = PyUnicode_CompareWithASCIIString(raw, "body") == 0;
    if (!body && PyUnicode_CompareWithASCIIString(raw, "html") != 0) return 0; /* head: nothing merges */
    Py_ssize_t count = merge_attributes(t, name_end, end, &merged[body]);
    return count < 0 ? -1 : count > limit;
}

void merged_free(PyObject *merged[2]) {
    Py_XDECREF(merged[0]);
    Py_XDECREF(merged[1]);
}
