/* The limits scan's loop in C, for the compiled build (see _limits.py, whose Python loop
 * this follows step by step and which stays the fallback and the reference).
 *
 * Only the tokenizer (what _limits._TOKEN matches, read by hand) and the loop's inline
 * common cases are here. Every other step calls the same Python code the pure loop calls
 * (start_tag, end_tag and the OpenElements methods of _open_elements.py, the attribute
 * count and the raw text ends of _limits.py), so that the tree builder's rules live in one
 * place. tests/test_cscan.py checks that both loops give the same Scan on hand-made,
 * generated and hostile inputs.
 *
 * Below the loop, small helpers of the segment stage's modules (has_control, collapse, new_tuple),
 * here so that the compiled build loads one extension of its own, not two.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* The text: a str, or bytes read one character a byte (as their Latin-1 text would be:
 * a page's UTF-8, whose markup is ASCII; offsets are the bytes'). */
typedef struct {
    PyObject *str;
    const void *data;
    int kind;
    Py_ssize_t n;
    int bytes;
} Text;

typedef struct {
    Py_ssize_t start, end;
    Py_ssize_t name_start, name_end; /* name_start < 0: not a tag (comment, doctype, junk) */
} Token;

/* Names the loop looks up, made once at import (immutable). */
static PyObject *s_a, *s_nobr, *s_li, *s_p, *s_frameset, *s_select, *s_script, *s_style, *s_plaintext, *s_empty;
static PyObject *s_names, *s_keys, *s_where, *s_detached, *s_foreign, *s_bounds, *s_special, *s_markers;
static PyObject *s_reconstruct, *s_pop_to, *s_in_foreign, *s_findall, *s_search, *s_start,
    *s_lower;

static inline Py_UCS4 at(const Text *t, Py_ssize_t i) { return PyUnicode_READ(t->kind, t->data, i); }

/* The tokenizer's spaces in _TOKEN: \t \n \f \r and " " (not \v, not Unicode spaces). */
static inline int is_space(Py_UCS4 c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

static inline int is_letter(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* First index at or after `from` holding `c`, or -1. */
static Py_ssize_t find(const Text *t, Py_UCS4 c, Py_ssize_t from) {
    if (from >= t->n) return -1;
    if (t->bytes) {
        const char *data = t->data, *found = memchr(data + from, (int)c, (size_t)(t->n - from));
        return found == NULL ? -1 : found - data;
    }
    Py_ssize_t i = PyUnicode_FindChar(t->str, c, from, t->n, 1);
    return i < 0 ? -1 : i;
}

/* text[start:end] as a str (bytes read as Latin-1). */
static PyObject *substring(const Text *t, Py_ssize_t start, Py_ssize_t end) {
    if (t->bytes) return PyUnicode_DecodeLatin1((const char *)t->data + start, end - start, NULL);
    return PyUnicode_Substring(t->str, start, end);
}

/* "[^>]*+>?" from `from`: just past the next ">", or the end. */
static Py_ssize_t past_gt(const Text *t, Py_ssize_t from) {
    Py_ssize_t i = find(t, '>', from);
    return i < 0 ? t->n : i + 1;
}

/* _ATTRIBUTES from `p` (just after a tag's name): the end of the tag. */
static Py_ssize_t attributes_end(const Text *t, Py_ssize_t p) {
    Py_ssize_t n = t->n;
    while (p < n) {
        Py_UCS4 c = at(t, p);
        if (is_space(c) || c == '/') {
            p++;
            while (p < n && (is_space(c = at(t, p)) || c == '/')) p++;
            continue;
        }
        if (c == '>') break;
        /* a name: its first character may be "=" or a quote */
        p++;
        while (p < n && !is_space(c = at(t, p)) && c != '/' && c != '=' && c != '>') p++;
        Py_ssize_t q = p;
        while (q < n && is_space(at(t, q))) q++;
        if (q < n && at(t, q) == '=') {
            q++;
            while (q < n && is_space(at(t, q))) q++;
            Py_UCS4 quote = q < n ? at(t, q) : 0;
            if (quote == '"' || quote == '\'') {
                Py_ssize_t close = find(t, quote, q + 1);
                p = close < 0 ? n : close + 1;
            } else {
                while (q < n && !is_space(c = at(t, q)) && c != '>') q++;
                p = q;
            }
        }
    }
    return p < n && at(t, p) == '>' ? p + 1 : p;
}

/* Whether _TOKEN matches at `i` (a "<"), and what. */
static int match_at(const Text *t, Py_ssize_t i, Token *tok) {
    Py_ssize_t n = t->n;
    if (i + 1 >= n) return 0;
    Py_UCS4 c = at(t, i + 1);
    tok->start = i;
    tok->name_start = -1;
    if (c == '!' && i + 3 < n && at(t, i + 2) == '-' && at(t, i + 3) == '-') {
        Py_ssize_t j = i + 4; /* "<!-->" and "<!--->" are empty comments */
        if (j < n && at(t, j) == '>') {
            tok->end = j + 1;
            return 1;
        }
        if (j + 1 < n && at(t, j) == '-' && at(t, j + 1) == '>') {
            tok->end = j + 2;
            return 1;
        }
        for (Py_ssize_t k = find(t, '-', j); k >= 0; k = find(t, '-', k + 1)) {
            if (k + 2 < n && at(t, k + 1) == '-') {
                Py_UCS4 d = at(t, k + 2);
                if (d == '>') {
                    tok->end = k + 3;
                    return 1;
                }
                if (d == '!' && k + 3 < n && at(t, k + 3) == '>') {
                    tok->end = k + 4;
                    return 1;
                }
            }
        }
        tok->end = n; /* unterminated: to the end */
        return 1;
    }
    if (c == '!' || c == '?') { /* a bogus comment */
        tok->end = past_gt(t, i + 2);
        return 1;
    }
    Py_ssize_t name = i + 1;
    if (c == '/') {
        if (i + 2 >= n) return 0;
        Py_UCS4 d = at(t, i + 2);
        if (d == '>') {
            tok->end = i + 3;
            return 1;
        }
        if (!is_letter(d)) {
            tok->end = past_gt(t, i + 3);
            return 1;
        }
        name = i + 2;
    } else if (!is_letter(c)) {
        return 0;
    }
    Py_ssize_t p = name + 1;
    while (p < n && !is_space(c = at(t, p)) && c != '/' && c != '>') p++;
    tok->name_start = name;
    tok->name_end = p;
    tok->end = attributes_end(t, p);
    return 1;
}

static int next_token(const Text *t, Py_ssize_t from, Token *tok) {
    for (Py_ssize_t i = find(t, '<', from); i >= 0; i = find(t, '<', i + 1)) {
        if (match_at(t, i, tok)) return 1;
    }
    return 0;
}

/* The tag's name as str.lower() gives it (ASCII here, str.lower for the rest). */
static PyObject *lower_name(const Text *t, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t length = end - start;
    for (Py_ssize_t i = start; i < end; i++) {
        if (at(t, i) > 127) {
            PyObject *name = substring(t, start, end);
            if (name == NULL) return NULL;
            PyObject *lower = PyObject_CallMethodNoArgs(name, s_lower);
            Py_DECREF(name);
            return lower;
        }
    }
    PyObject *lower = PyUnicode_New(length, 127);
    if (lower == NULL) return NULL;
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(lower);
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = at(t, start + i);
        out[i] = (Py_UCS1)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return lower;
}

/* Python's truth of where.get(key): -1 on error. */
static int where_has(PyObject *where, PyObject *key) {
    PyObject *value = PyDict_GetItemWithError(where, key);
    if (value == NULL) return PyErr_Occurred() ? -1 : 0;
    return PyObject_IsTrue(value);
}

/* An int returned by Python code, as a long long: -1 with an error set on failure. */
static int as_count(PyObject *value, long long *out) {
    if (value == NULL) return -1;
    *out = PyLong_AsLongLong(value);
    Py_DECREF(value);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

/* start_tag(stack, lower, text, start, end); for bytes, with the tag alone as a str (the
 * Python code reads text[start:end] only), from 0. */
static PyObject *call_start_tag(PyObject *start_tag, PyObject *stack, PyObject *lower, const Text *t,
                                Py_ssize_t start, Py_ssize_t end) {
    PyObject *text = t->bytes ? substring(t, start, end) : Py_NewRef(t->str);
    if (text == NULL) return NULL;
    if (t->bytes) {
        end -= start;
        start = 0;
    }
    PyObject *a = PyLong_FromSsize_t(start), *b = PyLong_FromSsize_t(end);
    PyObject *result = NULL;
    if (a != NULL && b != NULL) result = PyObject_CallFunctionObjArgs(start_tag, stack, lower, text, a, b, NULL);
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_DECREF(text);
    return result;
}

/* attribute.findall(text, start + 2, end): the attributes of the tag text[start:end], read
 * in a str (bytes as Latin-1: the pattern's \s reads 0x85 and 0xA0 as spaces). -1 on error. */
static Py_ssize_t count_attributes(PyObject *attribute, const Text *t, Py_ssize_t start, Py_ssize_t end) {
    PyObject *text = t->bytes ? substring(t, start, end) : Py_NewRef(t->str);
    if (text == NULL) return -1;
    if (t->bytes) {
        end -= start;
        start = 0;
    }
    PyObject *a = PyLong_FromSsize_t(start + 2), *b = PyLong_FromSsize_t(end), *all = NULL;
    if (a != NULL && b != NULL) all = PyObject_CallMethodObjArgs(attribute, s_findall, text, a, b, NULL);
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_DECREF(text);
    if (all == NULL) return -1;
    Py_ssize_t count = PyObject_Length(all);
    Py_DECREF(all);
    return count;
}


/* The lists of an OpenElements (changed in place, never replaced: read once). */
typedef struct {
    PyObject *names, *keys, *where, *bounds, *special, *foreign, *markers, *detached;
    PyObject *kinds; /* _open_elements.KIND */
    long tracked, boundary, special_, marker, foreign_; /* its bits */
} Stack;

static int pop_last(PyObject *list) { return PyList_SetSlice(list, PyList_GET_SIZE(list) - 1, PyList_GET_SIZE(list), NULL); }

static int append_position(PyObject *list, Py_ssize_t position) {
    PyObject *value = PyLong_FromSsize_t(position);
    if (value == NULL) return -1;
    int done = PyList_Append(list, value);
    Py_DECREF(value);
    return done;
}

/* The kind bits of `name` (0: none), -1 on error. */
static long kind_of(const Stack *s, PyObject *name) {
    PyObject *kind = PyDict_GetItemWithError(s->kinds, name);
    if (kind == NULL) return PyErr_Occurred() ? -1 : 0;
    return PyLong_AsLong(kind);
}

/* OpenElements.push(name, key): an HTML element. */
static int push(const Stack *s, PyObject *name, PyObject *key) {
    Py_ssize_t position = PyList_GET_SIZE(s->names);
    if (PyList_Append(s->names, name) < 0 || PyList_Append(s->keys, key) < 0) return -1;
    long kind = kind_of(s, name);
    if (kind <= 0) return (int)kind;
    if (kind & s->tracked) {
        PyObject *positions = PyDict_GetItemWithError(s->where, name); /* where.setdefault(name, []) */
        if (positions == NULL) {
            if (PyErr_Occurred() || (positions = PyList_New(0)) == NULL) return -1;
            int stored = PyDict_SetItem(s->where, name, positions);
            Py_DECREF(positions); /* the dict holds it */
            if (stored < 0) return -1;
        }
        if (append_position(positions, position) < 0) return -1;
    }
    if ((kind & s->boundary) && append_position(s->bounds, position) < 0) return -1;
    if ((kind & s->special_) && append_position(s->special, position) < 0) return -1;
    if ((kind & s->marker) && append_position(s->markers, PyList_GET_SIZE(s->detached)) < 0) return -1;
    if ((kind & s->foreign_) && append_position(s->foreign, position) < 0) return -1;
    return 0;
}

/* OpenElements.pop_to(len(names) - 1, own=name) for the current element `name` when that
 * closes no marker with detached elements after it (then 1; 0: not done, call pop_to).
 * Its own key is not detached: it is the element the end tag names. */
static int pop_current(const Stack *s, PyObject *name) {
    long kind = kind_of(s, name);
    if (kind < 0) return -1;
    if (kind & s->marker) {
        Py_ssize_t markers = PyList_GET_SIZE(s->markers);
        if (markers == 0) return 0;
        Py_ssize_t length = PyLong_AsSsize_t(PyList_GET_ITEM(s->markers, markers - 1));
        if (length == -1 && PyErr_Occurred()) return -1;
        if (PyList_GET_SIZE(s->detached) > length) return 0;
        if (pop_last(s->markers) < 0) return -1;
    }
    if (pop_last(s->names) < 0 || pop_last(s->keys) < 0) return -1;
    if (kind & s->tracked) {
        PyObject *positions = PyDict_GetItemWithError(s->where, name);
        if (positions == NULL) {
            if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, name);
            return -1;
        }
        if (pop_last(positions) < 0) return -1;
    }
    if ((kind & s->boundary) && pop_last(s->bounds) < 0) return -1;
    if ((kind & s->special_) && pop_last(s->special) < 0) return -1;
    Py_ssize_t foreign = PyList_GET_SIZE(s->foreign);
    if (foreign) {
        Py_ssize_t last = PyLong_AsSsize_t(PyList_GET_ITEM(s->foreign, foreign - 1));
        if (last == -1 && PyErr_Occurred()) return -1;
        if (last == PyList_GET_SIZE(s->names) && pop_last(s->foreign) < 0) return -1;
    }
    return 1;
}

/* start_tag's commonest cases, with nothing foreign or detached: a formatting element, an
 * <a> or <nobr> with none open, an <li> with no <li> and no <p> open, each pushed (1). 0:
 * another case, for start_tag. */
static int start_common(const Stack *s, const Text *t, PyObject *name, PyObject *formatting, Py_ssize_t start,
                        Py_ssize_t end) {
    int found, open;
    if ((found = PySet_Contains(formatting, name)) < 0) return -1;
    if ((open = where_has(s->where, s_frameset)) != 0) return open < 0 ? -1 : 0; /* a frameset pushes no key */
    if (found) {
        if (PyUnicode_Compare(name, s_a) == 0 || PyUnicode_Compare(name, s_nobr) == 0) {
            if ((open = where_has(s->where, name)) != 0) return open < 0 ? -1 : 0;
        }
        PyObject *key = substring(t, start, end);
        if (key == NULL) return -1;
        int done = push(s, name, key);
        Py_DECREF(key);
        return done < 0 ? -1 : 1;
    }
    if (PyUnicode_Compare(name, s_li) == 0) {
        if ((open = where_has(s->where, s_li)) != 0) return open < 0 ? -1 : 0;
        if ((open = where_has(s->where, s_p)) != 0) return open < 0 ? -1 : 0;
        return push(s, name, s_empty) < 0 ? -1 : 1;
    }
    return 0;
}

#define CHECK(x) \
    do { \
        if ((x) < 0) goto error; \
    } while (0)
#define SIZE(list) PyList_GET_SIZE(list)

static PyObject *scan(PyObject *module, PyObject *args) {
    PyObject *str, *stack, *tables, *bodies = Py_None;
    long long node_limit, depth_limit, attribute_limit, volume_limit;
    if (!PyArg_ParseTuple(args, "OOLLLLO!|O:scan", &str, &stack, &node_limit, &depth_limit, &attribute_limit,
                          &volume_limit, &PyTuple_Type, &tables, &bodies))
        return NULL;
    if (!PyUnicode_Check(str) && !PyBytes_Check(str)) {
        PyErr_SetString(PyExc_TypeError, "scan: text must be str or bytes");
        return NULL;
    }
    if (bodies != Py_None && !PyList_Check(bodies)) {
        PyErr_SetString(PyExc_TypeError, "scan: bodies must be a list or None");
        return NULL;
    }
    PyObject *ignored, *text_starts, *plain_start, *void_, *active, *formatting, *start_tag, *end_tag, *attribute, *raw_end;
    Py_ssize_t base_depth, long_tag;
    Stack st = {0};
    if (!PyArg_ParseTuple(tables, "O!O!O!O!O!O!O!(lllll)OOOO!nn:tables", &PyFrozenSet_Type, &ignored,
                          &PyFrozenSet_Type, &text_starts, &PyFrozenSet_Type, &plain_start, &PyFrozenSet_Type,
                          &void_, &PyFrozenSet_Type, &active, &PyFrozenSet_Type, &formatting, &PyDict_Type, &st.kinds, &st.tracked, &st.boundary,
                          &st.special_, &st.marker, &st.foreign_, &start_tag, &end_tag, &attribute, &PyDict_Type,
                          &raw_end, &base_depth, &long_tag))
        return NULL;
    Text t = PyBytes_Check(str) ? (Text){str, PyBytes_AS_STRING(str), PyUnicode_1BYTE_KIND, PyBytes_GET_SIZE(str), 1}
                                : (Text){str, PyUnicode_DATA(str), PyUnicode_KIND(str), PyUnicode_GET_LENGTH(str), 0};
    PyObject *lower = NULL, *result = NULL;
    struct {
        PyObject **slot;
        PyObject *name;
        int dict;
    } lists[] = {
        {&st.names, s_names, 0},     {&st.keys, s_keys, 0},       {&st.where, s_where, 1},
        {&st.bounds, s_bounds, 0},   {&st.special, s_special, 0}, {&st.foreign, s_foreign, 0},
        {&st.markers, s_markers, 0}, {&st.detached, s_detached, 0},
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        if ((*lists[i].slot = PyObject_GetAttr(stack, lists[i].name)) == NULL) goto error;
        if (lists[i].dict ? !PyDict_Check(*lists[i].slot) : !PyList_Check(*lists[i].slot)) {
            PyErr_Format(PyExc_TypeError, "scan: the stack's %U is not a %s", lists[i].name, lists[i].dict ? "dict" : "list");
            goto error;
        }
    }
    PyObject *names = st.names, *keys = st.keys, *where = st.where, *detached = st.detached, *foreign = st.foreign;
    PyObject *kinds = st.kinds;
    long long elements = 0, depth = 0, volume = 0, added;
    Py_ssize_t cut = -1, pos = 0, previous_end = 0, n = t.n;
    const char *limit = "";
    int had_text = 0, found;
    Token tok;
    while (pos < n) {
        Py_ssize_t resume = -1, from = pos;
        while (next_token(&t, from, &tok)) {
            Py_ssize_t start = tok.start, end = tok.end;
            from = end;
            had_text = had_text || start > previous_end;
            previous_end = end;
            if (tok.name_start < 0) continue; /* a comment, a doctype, a processing instruction or "</" junk */
            if (at(&t, end - 1) != '>') goto done; /* a tag cut by the end: dropped */
            if (end - start >= long_tag) {
                Py_ssize_t count = count_attributes(attribute, &t, start, end);
                CHECK(count);
                if (count > attribute_limit) {
                    cut = start;
                    limit = "max_attributes";
                    goto done;
                }
            }
            if (had_text && SIZE(detached)) { /* text re-creates the detached formatting elements */
                CHECK(as_count(PyObject_CallMethodNoArgs(stack, s_reconstruct), &added));
                elements += added;
                volume += added * SIZE(names);
            }
            had_text = 0;
            lower = lower_name(&t, tok.name_start, tok.name_end);
            if (lower == NULL) goto error;
            if (at(&t, start + 1) == '/') {
                Py_ssize_t length = SIZE(names);
                int same = 0;
                if (length) CHECK(same = PyObject_RichCompareBool(PyList_GET_ITEM(names, length - 1), lower, Py_EQ));
                if (!same) {
                    CHECK(as_count(PyObject_CallFunctionObjArgs(end_tag, stack, lower, NULL), &added));
                    elements += added;
                } else {
                    int popped;
                    CHECK(popped = pop_current(&st, lower)); /* the common case: the end of the current element */
                    if (!popped) {
                        PyObject *top = PyLong_FromSsize_t(length - 1);
                        if (top == NULL) goto error;
                        PyObject *none = PyObject_CallMethodObjArgs(stack, s_pop_to, top, lower, NULL);
                        Py_DECREF(top);
                        if (none == NULL) goto error;
                        Py_DECREF(none);
                    }
                }
                Py_CLEAR(lower);
                continue;
            }
            CHECK(found = PySet_Contains(ignored, lower));
            if (found) {
                Py_CLEAR(lower);
                continue;
            }
            /* Raw text only where the parser inserts the element (see _limits.py). */
            int follows = 0; /* 1: raw text up to the element's end tag; 2: the rest is text */
            CHECK(found = PySet_Contains(text_starts, lower));
            if (found && SIZE(foreign)) {
                PyObject *inside = PyObject_CallMethodNoArgs(stack, s_in_foreign);
                if (inside == NULL) goto error;
                int truth = PyObject_IsTrue(inside);
                Py_DECREF(inside);
                CHECK(truth);
                found = !truth;
            }
            if (found) {
                int select = 0, frameset = 0;
                if (PyUnicode_Compare(lower, s_plaintext) == 0) {
                    follows = 2;
                } else if (PyUnicode_Compare(lower, s_script) == 0) {
                    follows = 1;
                } else {
                    CHECK(select = where_has(where, s_select));
                    if (!select) CHECK(frameset = where_has(where, s_frameset));
                    follows = !select && !frameset;
                }
            }
            int plain = 0;
            if (!SIZE(foreign) && !SIZE(detached)) {
                CHECK(plain = PySet_Contains(plain_start, lower));
                if (plain) {
                    int p, frameset = 0;
                    CHECK(p = where_has(where, s_p));
                    if (!p) CHECK(frameset = where_has(where, s_frameset));
                    plain = !p && !frameset;
                }
            }
            if (plain) { /* a void element, or a block with no <p> open */
                CHECK(found = PySet_Contains(void_, lower));
                if (!found) CHECK(push(&st, lower, s_empty));
                added = 1;
            } else {
                int active_ = 1, pushed = 0;
                if (!SIZE(foreign) && !SIZE(detached)) {
                    CHECK(active_ = PySet_Contains(active, lower));
                    if (!active_) CHECK(active_ = PyDict_Contains(kinds, lower));
                    if (active_) CHECK(pushed = start_common(&st, &t, lower, formatting, start, end));
                }
                if (pushed) {
                    added = 1;
                } else if (active_) {
                    CHECK(as_count(call_start_tag(start_tag, stack, lower, &t, start, end), &added));
                } else { /* an element that only opens */
                    CHECK(PyList_Append(names, lower));
                    CHECK(PyList_Append(keys, s_empty));
                    added = 1;
                }
            }
            elements += added;
            volume += added * (SIZE(names) + base_depth);
            if (follows == 1) {
                PyObject *pattern = PyDict_GetItemWithError(raw_end, lower); /* borrowed */
                if (pattern == NULL) {
                    if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, lower);
                    goto error;
                }
                PyObject *at_end = PyLong_FromSsize_t(end);
                if (at_end == NULL) goto error;
                PyObject *close = PyObject_CallMethodObjArgs(pattern, s_search, str, at_end, NULL);
                Py_DECREF(at_end);
                if (close == NULL) goto error;
                if (close == Py_None) {
                    resume = n;
                    Py_DECREF(close);
                } else {
                    PyObject *offset = PyObject_CallMethodNoArgs(close, s_start);
                    Py_DECREF(close);
                    if (offset == NULL) goto error;
                    resume = PyLong_AsSsize_t(offset);
                    Py_DECREF(offset);
                    if (resume == -1 && PyErr_Occurred()) goto error;
                    /* A script or style sheet outside svg and math, closed by its end tag:
                       recorded for without_bodies (see _limits.scan). */
                    if (bodies != Py_None && !SIZE(foreign) &&
                        (PyUnicode_Compare(lower, s_script) == 0 || PyUnicode_Compare(lower, s_style) == 0)) {
                        Py_ssize_t span[3] = {start, end, resume};
                        for (int k = 0; k < 3; k++) {
                            PyObject *number = PyLong_FromSsize_t(span[k]);
                            if (number == NULL) goto error;
                            int failed = PyList_Append(bodies, number);
                            Py_DECREF(number);
                            if (failed) goto error;
                        }
                    }
                }
            } else if (follows == 2) {
                resume = n;
            }
            Py_CLEAR(lower);
            if (SIZE(names) > depth) {
                depth = SIZE(names);
                if (depth > depth_limit) {
                    cut = start;
                    limit = "max_depth";
                    goto done;
                }
            }
            if (elements > node_limit) {
                cut = start;
                limit = "max_nodes";
                goto done;
            }
            if (volume > volume_limit) {
                cut = start;
                limit = "max_depth_sum";
                goto done;
            }
            if (resume >= 0) break;
        }
        if (resume < 0) break;
        pos = previous_end = resume;
    }
done:
    if (cut < 0)
        result = Py_BuildValue("LLLOs", elements, depth + base_depth, volume, Py_None, limit);
    else
        result = Py_BuildValue("LLLns", elements, depth + base_depth, volume, cut, limit);
error:
    Py_XDECREF(lower);
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) Py_XDECREF(*lists[i].slot);
    return result;
}

/* Three helpers of the compiled build's segment stage (its Python fallbacks are the reference:
 * tests/test_cscan_helpers.py checks that both give the same). */

/* Whether a str holds a control character _segment_blocks drops: U+0000-U+0008, U+000B,
 * U+000C, U+000E-U+001F and U+007F-U+009F (its _HAS_CONTROL.search, a regex whose charset
 * test took about 40 instructions a character; here a compare or two). */
static PyObject *has_control(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "has_control() takes a str");
        return NULL;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    const int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    /* Bit c set for the C0 controls dropped: all but \t (9), \n (10) and \r (13). */
    const unsigned long c0 = 0xFFFFD9FFUL;
#define CONTROL(c) ((c) < 0x20 ? (c0 >> (c)) & 1 : (c) - 0x7F < 0x21)
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *p = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (CONTROL((unsigned long)p[i])) Py_RETURN_TRUE;
    } else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *p = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (CONTROL((unsigned long)p[i])) Py_RETURN_TRUE;
    } else {
        const Py_UCS4 *p = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (CONTROL((unsigned long)p[i])) Py_RETURN_TRUE;
    }
#undef CONTROL
    Py_RETURN_FALSE;
}

/* " ".join(text.translate(_segment_blocks._CONTROL).split()): a block's line with its control
 * characters dropped (has_control's set) and its whitespace runs (str.split's: Py_UNICODE_ISSPACE)
 * made one space, none at either end. In one pass where the translate (when a control
 * character is there), the split's list of words and the join took about 2,900 instructions a
 * block (_segment_blocks._collapse is the reference; tests/test_cscan_helpers.py checks them). */
#define COLLAPSE_LOOP(T)                                                           \
    {                                                                              \
        const T *p = data;                                                         \
        T *o = out;                                                                \
        for (Py_ssize_t i = 0; i < n; i++) {                                       \
            const Py_UCS4 c = p[i];                                                \
            if (CONTROL(c)) continue;                                              \
            if (Py_UNICODE_ISSPACE(c)) {                                           \
                pending = m > 0;                                                   \
                continue;                                                          \
            }                                                                      \
            if (pending) {                                                         \
                o[m++] = ' ';                                                      \
                pending = 0;                                                       \
            }                                                                      \
            o[m++] = (T)c;                                                         \
        }                                                                          \
    }

static PyObject *collapse(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "collapse() takes a str");
        return NULL;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    const int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    const unsigned long c0 = 0xFFFFD9FFUL; /* as has_control's */
#define CONTROL(c) ((c) < 0x20 ? (c0 >> (c)) & 1 : (c) - 0x7F < 0x21)
    void *out = PyMem_Malloc(n > 0 ? (size_t)n * (size_t)kind : 1);
    if (out == NULL) return PyErr_NoMemory();
    Py_ssize_t m = 0;
    int pending = 0;
    if (kind == PyUnicode_1BYTE_KIND)
        COLLAPSE_LOOP(Py_UCS1)
    else if (kind == PyUnicode_2BYTE_KIND)
        COLLAPSE_LOOP(Py_UCS2)
    else
        COLLAPSE_LOOP(Py_UCS4)
#undef CONTROL
    PyObject *result;
    if (m == n && (n == 0 || memcmp(out, data, (size_t)n * (size_t)kind) == 0) && PyUnicode_CheckExact(arg)) {
        Py_INCREF(arg); /* nothing dropped or made a space: the text itself */
        result = arg;
    } else {
        result = PyUnicode_FromKindAndData(kind, out, m); /* narrowed to the least kind that holds it */
    }
    PyMem_Free(out);
    return result;
}
#undef COLLAPSE_LOOP

/* tuple.__new__(cls, fields) for a subclass of tuple (a named tuple) and an exact tuple of
 * its fields, as CPython's tuple_subtype_new makes it (the items in order, tracked by the
 * collector), without the argument checks and the temporary tuple of tuple.__new__'s call
 * (about 890 instructions a named tuple made from compiled code, here about 150). */
static PyObject *new_tuple(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyType_Check(args[0]) || !PyTuple_CheckExact(args[1]) ||
        !PyType_IsSubtype((PyTypeObject *)args[0], &PyTuple_Type) ||
        (PyTypeObject *)args[0] == &PyTuple_Type) {
        PyErr_SetString(PyExc_TypeError, "new_tuple() takes a subclass of tuple and a tuple");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)args[0];
    PyObject *fields = args[1];
    const Py_ssize_t n = PyTuple_GET_SIZE(fields);
    PyObject *made = type->tp_alloc(type, n);
    if (made == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(fields, i);
        Py_INCREF(item);
        PyTuple_SET_ITEM(made, i, item);
    }
    if (!PyObject_GC_IsTracked(made)) PyObject_GC_Track(made);
    return made;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS,
     "scan(text, stack, node_limit, depth_limit, attribute_limit, volume_limit, tables) -> (elements, depth, "
     "depth_sum, cut, limit): the loop of _limits.scan_python"},
    {"has_control", has_control, METH_O, "has_control(text) -> bool: see _segment_blocks._HAS_CONTROL"},
    {"collapse", collapse, METH_O, "collapse(text) -> str: see _segment_blocks._collapse"},
    {"new_tuple", (PyCFunction)(void (*)(void))new_tuple, METH_FASTCALL,
     "new_tuple(cls, fields) -> tuple.__new__(cls, fields), for a subclass of tuple and a tuple"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {PyModuleDef_HEAD_INIT, "boilerstrip._cscan",
                                        "The limits scan's loop in C, and three helpers of the segment stage (the compiled build).", -1, methods};

PyMODINIT_FUNC PyInit__cscan(void) {
    struct {
        PyObject **slot;
        const char *text;
    } strings[] = {
        {&s_a, "a"},
        {&s_nobr, "nobr"},
        {&s_li, "li"},
        {&s_p, "p"},
        {&s_frameset, "frameset"},
        {&s_select, "select"},
        {&s_script, "script"},
        {&s_style, "style"},
        {&s_plaintext, "plaintext"},
        {&s_empty, ""},
        {&s_names, "names"},
        {&s_keys, "keys"},
        {&s_where, "where"},
        {&s_detached, "detached"},
        {&s_foreign, "foreign"},
        {&s_reconstruct, "reconstruct"},
        {&s_bounds, "bounds"},
        {&s_special, "special"},
        {&s_markers, "markers"},
        {&s_pop_to, "pop_to"},
        {&s_in_foreign, "in_foreign"},
        {&s_findall, "findall"},
        {&s_search, "search"},
        {&s_start, "start"},
        {&s_lower, "lower"},
    };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        if (*strings[i].slot == NULL && (*strings[i].slot = PyUnicode_InternFromString(strings[i].text)) == NULL)
            return NULL;
    }
    return PyModule_Create(&definition);
}
