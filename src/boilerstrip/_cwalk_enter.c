/* _segment._enter in C, for the Walker's segment mode (see _cwalk_segment.c): the attributes
 * read once (no dict, but for the few calls that take one), the hidden test (its style and
 * screen-reader class tests in _cwalk_hidden.c), the :nth-of-type index, the element row and
 * frame of a block-level element. */
#include <string.h>

#include "_cwalk_segment.h"

static PyObject *new_int(Py_ssize_t n) { return PyLong_FromSsize_t(n); }

/* The attributes _enter reads, in one pass (a repeated name's last value, as the dict keeps it). */
enum { A_CLASS, A_ID, A_ITEMPROP, A_ROLE, A_HREF, A_STYLE, A_HIDDEN, A_POPOVER, A_OPEN, A_COUNT };
static const char *const attribute_names[A_COUNT] = {"class", "id", "itemprop", "role", "href",
                                                     "style", "hidden", "popover", "open"};
static const size_t attribute_lengths[A_COUNT] = {5, 2, 8, 4, 4, 5, 6, 7, 4};
typedef struct {
    const unsigned char *data; /* NULL: absent, or present without a value (None) */
    size_t length;
    int present;
} Value;

/* The index of the attribute's name among attribute_names, or -1. */
static int which_attribute(Attr *attr) {
    size_t length = 0;
    const unsigned char *name = attr_name(attr, &length);
    if (name == NULL || length < 2 || length > 8) return -1;
    for (int i = 0; i < A_COUNT; i++)
        if (attribute_lengths[i] == length && name[0] == attribute_names[i][0] &&
            memcmp(attribute_names[i], name, length) == 0)
            return i;
    return -1;
}

static int read_attributes(Segment *s, Node *node, Value *values) {
    int count = 0;
    memset(values, 0, A_COUNT * sizeof(Value));
    for (Attr *attr = first_attribute(node); attr != NULL; attr = next_attribute(attr)) {
        count++;
        /* by the name's id (an attribute starts with its node, as lxb_dom_node_t's fields), where
           it has no prefix (a foreign one's local name is not its qualified name) */
        const TextNode *fields = (const TextNode *)attr;
        const uintptr_t id = fields->local_name;
        KeptAttribute *kept = &s->attribute_ids[(id ^ (id >> 6)) % ATTRIBUTE_IDS];
        int i;
        if (fields->prefix != 0) {
            i = which_attribute(attr);
        } else {
            if (kept->which == -2 || kept->id != id) {
                kept->id = id;
                kept->which = which_attribute(attr);
            }
            i = kept->which;
        }
        if (i < 0) continue;
        values[i].present = 1;
        values[i].length = 0;
        values[i].data = attr_value(attr, &values[i].length);
    }
    return count;
}

static int truthy(const Value *v) { return v->data != NULL && v->length > 0; }

static PyObject *value_str(const Value *v) { /* a new reference: the str, or None */
    if (v->data == NULL) Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8((const char *)v->data, (Py_ssize_t)v->length, "replace");
}

/* _segment._is_hidden, for an element with hidden, style or popover, or a dialog. */
static int hidden(Segment *s, Walker *w, Node *node, PyObject *tag, int flags, const Value *values) {
    int found = values[A_HIDDEN].present || values[A_POPOVER].present || ((flags & F_DIALOG) && !values[A_OPEN].present);
    if (!found && truthy(&values[A_STYLE])) found = hiding_style(values[A_STYLE].data, values[A_STYLE].length);
    if (!found || !s->panels) return found;
    PyObject *attrs = attributes_of(node, &w->keys);
    if (attrs == NULL) return -1;
    PyObject *panel = PyObject_CallOneArg(s->hook[H_PANEL], attrs);
    Py_DECREF(attrs);
    if (panel == NULL) return -1;
    int is_panel = PyObject_IsTrue(panel);
    Py_DECREF(panel);
    return is_panel < 0 ? -1 : !is_panel;
}

/* The :nth-of-type index of a child named `name` of the innermost entered element (0: none). */
static Py_ssize_t nth_of_type(Walker *w, PyObject *name) {
    if (w->depth == 0) return 0;
    Parent *up = &w->parents[w->depth - 1];
    for (Py_ssize_t i = 0; i < up->seen_used; i++)
        if (up->seen[i].name == name) return ++up->seen[i].count;
    if (up->seen_used == up->seen_size && grow_full((void **)&up->seen, &up->seen_size, 4, sizeof(Seen)) < 0)
        return -1;
    up->seen[up->seen_used].name = name;
    up->seen[up->seen_used++].count = 1;
    return 1;
}


/* The element's class, id and itemprop joined as _enter joins them, interned in st.strings. */
static PyObject *make_names(Segment *s, const Value *values) {
    PyObject *names;
    if (!truthy(&values[A_ID]) && !truthy(&values[A_ITEMPROP])) {
        names = truthy(&values[A_CLASS]) ? value_str(&values[A_CLASS]) : PyUnicode_New(0, 0);
    } else {
        PyObject *parts[3];
        int n = 0;
        for (int i = A_CLASS; i <= A_ITEMPROP; i++)
            if (truthy(&values[i])) {
                parts[n] = value_str(&values[i]);
                if (parts[n] == NULL) {
                    while (n--) Py_DECREF(parts[n]);
                    return NULL;
                }
                n++;
            }
        PyObject *list = PyList_New(n);
        if (list == NULL) {
            while (n--) Py_DECREF(parts[n]);
            return NULL;
        }
        for (int i = 0; i < n; i++) PyList_SET_ITEM(list, i, parts[i]);
        names = PyUnicode_Join(s->space, list);
        Py_DECREF(list);
    }
    if (names == NULL) return NULL;
    PyObject *once = PyDict_SetDefault(s->strings, names, names);
    Py_XINCREF(once);
    Py_DECREF(names);
    return once;
}

/* make_names, or the str it made for the same values' bytes among the NAMES_KEPT last ones. */
static PyObject *names_of(Segment *s, const Value *values) {
    unsigned char bytes[NAMES_BYTES];
    size_t length = 0;
    uint64_t hash = 14695981039346656037ULL; /* FNV's, on words */
    for (int i = A_CLASS; i <= A_ITEMPROP; i++) {
        size_t n = truthy(&values[i]) ? values[i].length : 0;
        if (length + n + 1 > NAMES_BYTES) return make_names(s, values);
        bytes[length] = (unsigned char)n; /* each value after its length: no two lists alike */
        if (n) memcpy(bytes + length + 1, values[i].data, n);
        length += n + 1;
    }
    /* eight bytes a step, the last one's zero-padded (the length is compared too) */
    for (size_t i = length; i % 8; i++) bytes[i] = 0;
    for (size_t i = 0; i < length; i += 8) {
        uint64_t word;
        memcpy(&word, bytes + i, 8);
        hash = (hash ^ word) * 1099511628211ULL;
        hash ^= hash >> 29;
    }
    KeptNames *kept = &s->kept[hash % NAMES_KEPT];
    if (kept->names != NULL && kept->hash == hash && kept->length == length && memcmp(kept->bytes, bytes, length) == 0)
        return Py_NewRef(kept->names);
    PyObject *names = make_names(s, values);
    if (names != NULL) {
        Py_XSETREF(kept->names, Py_NewRef(names));
        kept->hash = hash;
        kept->length = length;
        memcpy(kept->bytes, bytes, length);
    }
    return names;
}

/* (attrs.get("role") or "").lower(), interned in st.strings when not empty. */
static PyObject *role_of(Segment *s, const Value *values) {
    if (!truthy(&values[A_ROLE])) return PyUnicode_New(0, 0);
    PyObject *raw = value_str(&values[A_ROLE]);
    if (raw == NULL) return NULL;
    PyObject *low = PyObject_CallMethod(raw, "lower", NULL);
    Py_DECREF(raw);
    if (low == NULL || PyUnicode_GET_LENGTH(low) == 0) return low;
    PyObject *once = PyDict_SetDefault(s->strings, low, low);
    Py_XINCREF(once);
    Py_DECREF(low);
    return once;
}

/* Recorder.enter of an <li> (62% of its calls on 20 pages, each about 600 instructions through
 * its Python wrapper), on the Recorder's lists: the innermost open list's count of items one more
 * (a new tuple; Recorder.markup sees its `_lists_now` is not the lists any more by the last one's
 * count, where Recorder.enter sets it to None), nothing outside a list. */
static int enter_item(Segment *s) {
    const Py_ssize_t open = PyList_GET_SIZE(s->lists);
    if (open == 0) return 0;
    PyObject *top = PyList_GET_ITEM(s->lists, open - 1);
    if (!PyTuple_CheckExact(top) || PyTuple_GET_SIZE(top) != 3) {
        PyErr_SetString(PyExc_TypeError, "the Recorder's open list is not a (list id, tag, items) tuple");
        return -1;
    }
    const Py_ssize_t items = PyLong_AsSsize_t(PyTuple_GET_ITEM(top, 2));
    if ((items == -1 && PyErr_Occurred()) || items == PY_SSIZE_T_MAX) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_OverflowError, "too many list items");
        return -1;
    }
    PyObject *count = new_int(items + 1), *made = count != NULL ? PyTuple_New(3) : NULL;
    if (made == NULL) {
        Py_XDECREF(count);
        return -1;
    }
    PyTuple_SET_ITEM(made, 0, Py_NewRef(PyTuple_GET_ITEM(top, 0)));
    PyTuple_SET_ITEM(made, 1, Py_NewRef(PyTuple_GET_ITEM(top, 1)));
    PyTuple_SET_ITEM(made, 2, count);
    return PyList_SetItem(s->lists, open - 1, made);
}

/* The element's four items (tag, names, role, step: _segmented._STRINGS) appended to st.elements,
 * written in place where the list has room for them (most calls): four list.append calls took
 * about 100 instructions (2.0 M on 20 pages). */
static int append_four(PyObject *list, PyObject *const items[4]) {
    PyListObject *l = (PyListObject *)list;
    const Py_ssize_t n = PyList_GET_SIZE(list);
    if (l->allocated - n < 4) {
        for (int i = 0; i < 4; i++)
            if (PyList_Append(list, items[i]) < 0) return -1;
        return 0;
    }
    for (int i = 0; i < 4; i++) l->ob_item[n + i] = Py_NewRef(items[i]);
    Py_SET_SIZE(list, n + 4);
    return 0;
}

/* The block-level part of _enter: its element row and Block (no frame: see open_frames). */
static int open_block(Segment *s, PyObject *tag, const TagInfo *info, int attributes, const Value *values) {
    if (end_text(s) < 0) return -1;
    PyObject *role = info->role;
    int level = info->level, inherit = info->inherit;
    Py_ssize_t parent = -1, row = -1;
    if (s->open) {
        Block *outer = &s->blocks[s->open - 1];
        parent = outer->element;
        if (role == NULL && outer->inherit) role = outer->role, level = outer->level, inherit = 1;
        row = (info->flags & F_CELL) && (outer->flags & F_TR) ? parent : outer->row;
    }
    PyObject *names = attributes ? names_of(s, values) : PyUnicode_New(0, 0);
    PyObject *role_attr = names != NULL && attributes ? role_of(s, values) : PyUnicode_New(0, 0);
    Py_ssize_t index = PyList_GET_SIZE(s->elements) / 4;
    int failed = names == NULL || role_attr == NULL ||
                 append_four(s->elements, (PyObject *[]){tag, names, role_attr, s->empty}) < 0 || add_row(s) < 0;
    Py_XDECREF(names);
    Py_XDECREF(role_attr);
    if (failed) return -1;
    if (s->open == s->capacity && grow_full((void **)&s->blocks, &s->capacity, 64, sizeof(Block)) < 0) return -1;
    s->blocks[s->open] = (Block){index, s->chars, s->link_chars, s->tags, s->link_tags, parent, s->open, row,
                                 PyList_GET_SIZE(s->roles), PyList_GET_SIZE(s->stack), role, tag, level, inherit,
                                 info->flags};
    s->open++;
    return 0;
}

/* The attributes Recorder.enter reads (_markup.ENTER_READS, which tests/test_cwalk.py compares with
 * this table): the only ones given it, where decoding all of an <img>'s took about 1,700
 * instructions. */
static const char *const recorder_reads[] = {"start", "src", "data-src", "alt", "class", "data-lang", NULL};

/* _enter (see _cwalk_segment.h). */
int enter_element(Walker *w, Node *node, PyObject *tag, const TagInfo *info) {
    Segment *s = w->segment;
    Value values[A_COUNT];
    int attributes = read_attributes(s, node, values);
    int flags = info->flags;
    if (!s->reveal &&
        (values[A_HIDDEN].present || values[A_STYLE].present || values[A_POPOVER].present || (flags & F_DIALOG))) {
        int gone = hidden(s, w, node, tag, flags, values);
        if (gone) return gone < 0 || withhold(s) < 0 ? -1 : 0; /* (a walk with reveal enters it) */
    }
    Py_ssize_t nth = nth_of_type(w, tag);
    if (nth < 0) return -1;
    if (s->unseen && truthy(&values[A_CLASS])) {
        const Value *c = &values[A_CLASS];
        int clips = marks_screen_reader(c->data, c->length);
        if (clips) clips = screen_reader_class(c->data, c->length);
        if (clips < 0) { /* (a non-ASCII class: the Python function) */
            PyObject *classes = value_str(c);
            PyObject *verdict = classes != NULL ? PyObject_CallOneArg(s->hook[H_SCREEN_READER], classes) : NULL;
            Py_XDECREF(classes);
            if (verdict == NULL) return -1;
            clips = PyObject_IsTrue(verdict);
            Py_DECREF(verdict);
            if (clips < 0) return -1;
        }
        if (clips && !(flags & F_HEADING)) { /* _screen_reader.left_out */
            int out = (flags & F_CONTROL) || s->controls ? 1 : text_beside(w, node);
            if (out) return out < 0 ? -1 : 0;
        }
    }
    s->tags++;
    if (flags & F_A) {
        s->link_tags++;
        s->in_link++;
        if (open_link(s, PyList_GET_SIZE(w->pieces), values[A_HREF].data, values[A_HREF].length) < 0) return -1;
    } else if (flags & F_PRE) {
        s->in_pre++;
        if (store_attr(s, segment_name(N_IN_PRE), new_int(s->in_pre)) < 0) return -1;
    }
    if ((flags & F_BLOCK) && open_block(s, tag, info, attributes, values) < 0) return -1;
    /* (a spare: [tag, nth, None, None]; the frame's place holds None, as no one reads it here) */
    PyObject *entry = s->spares ? s->spare[--s->spares] : PyList_New(4);
    PyObject *index = new_int(nth);
    if (entry == NULL || index == NULL) {
        Py_XDECREF(entry);
        Py_XDECREF(index);
        return -1;
    }
    PyObject *was[2] = {PyList_GET_ITEM(entry, 0), PyList_GET_ITEM(entry, 1)};
    PyList_SET_ITEM(entry, 0, Py_NewRef(tag));
    PyList_SET_ITEM(entry, 1, index);
    if (PyList_GET_ITEM(entry, 2) == NULL) PyList_SET_ITEM(entry, 2, Py_NewRef(Py_None));
    if (PyList_GET_ITEM(entry, 3) == NULL) PyList_SET_ITEM(entry, 3, Py_NewRef(Py_None));
    for (int i = 0; i < 2; i++) Py_XDECREF(was[i]);
    int failed = PyList_Append(s->stack, entry);
    Py_DECREF(entry);
    if (failed) return -1;
    s->controls += (flags & F_CONTROL) != 0;
    if ((flags & (F_LI | F_ENTERED)) == (F_LI | F_ENTERED)) return enter_item(s) < 0 ? -1 : 1;
    if ((flags & (F_IMG | F_ENTERED)) == (F_IMG | F_ENTERED)) return enter_image(s, node) < 0 ? -1 : 1;
    if (flags & F_ENTERED) {
        PyObject *attrs = flags & F_READS ? attributes_among(node, &w->keys, recorder_reads) : Py_NewRef(s->no_attrs);
        PyObject *pre = new_int(s->in_pre);
        PyObject *wrappers = Py_NewRef(s->empty);
        if (flags & F_PRE) { /* (_wrapper_names reads st.open_blocks) */
            Py_SETREF(wrappers, open_frames(s, s->open) < 0 ? NULL : PyObject_CallOneArg(s->hook[H_WRAPPERS], s->st));
            if (close_frames(s) < 0) Py_CLEAR(wrappers);
        }
        PyObject *done = attrs != NULL && pre != NULL && wrappers != NULL
                             ? PyObject_Vectorcall(s->enter, (PyObject *[]){tag, attrs, pre, wrappers}, 4, NULL)
                             : NULL;
        Py_XDECREF(attrs);
        Py_XDECREF(pre);
        Py_XDECREF(wrappers);
        if (done == NULL) return -1;
        Py_DECREF(done);
        s->quotes += (flags & F_QUOTE) != 0;
    }
    return 1;
}
