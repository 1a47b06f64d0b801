/* The Walker's segment mode: all of _segment._walk's work per node in C, over the walk's own
 * _State (the compiled build; _segment._walk_c turns it on with Walker.segment()).
 *
 * It does what _segment._enter, _segment._exit and _walk's text counting do, on the same
 * objects: the stack of open elements (st.stack, its entries [tag, :nth-of-type index, None,
 * None]), the open block-level elements (Blocks in C; st.open_blocks given their frame tuples
 * only while the Python that reads them runs: open_frames), the element rows
 * (st.elements, st.numbers), the interned strings (st.strings). The running totals (characters,
 * link characters, tags, links, has_text, in_link, in_pre, the block's link characters) are
 * kept here (st.in_pre written into st when it changes: st.has_text and st.block_link_chars are
 * not, as no Python the walk calls reads them). What stays in Python is called from here with the
 * same arguments and at the same points as _enter and _exit call it: _merge_row, _wrapper_names,
 * the Recorder's enter, exit and structure (enter given a dict of the attributes it reads only for
 * the tags of _markup.READS_ATTRIBUTES, an empty one for the others; an <li> counted here:
 * _cwalk_enter.c's enter_item; an <img>'s Image made here: _cwalk_image.c), is_disclosure_panel
 * (with panels, for a hidden element) and is_screen_reader_only (for a class with a non-ASCII byte
 * that holds one of its six substrings; _cwalk_hidden.c answers for the others). The Recorder's
 * open_link and close_link, markup's links and _drop_pieces are done here, over the walk's own
 * arrays (_cwalk_links.c), and _end_block and _line_break (_cwalk_block.c), which call back the
 * block's C of _cscan.
 *
 * Frames (the tuples of _segment_blocks' _ELEMENT ... _BLOCK_DEPTH), where made, hold None in the
 * fields only _exit reads (_AT_*, _PARENT_ELEMENT, _BLOCK_DEPTH): those are kept in C (Block). */
#include <stddef.h>
#include <string.h>

#include "_cwalk_segment.h"

static PyObject *new_int(Py_ssize_t n) { return PyLong_FromSsize_t(n); }

static int info_of(Segment *s, PyObject *name, uintptr_t id, TagInfo *info) {
    if (id < CACHED && (s->known[id / 64] >> (id % 64) & 1)) {
        *info = s->infos[id];
        return 0;
    }
    static const int sets[6] = {F_BLOCK, F_ENTERED, F_EXITED, F_READS, F_CONTROL, F_HEADING};
    int flags = F_KNOWN;
    for (int i = 0; i < 6; i++) {
        int in = PySet_Contains(s->hook[H_BLOCK + i], name);
        if (in < 0) return -1;
        flags |= in ? sets[i] : 0;
    }
    static const char *const own[9] = {"a", "pre", "tr", "td", "th", "dialog", "blockquote", "li", "img"};
    static const int owns[9] = {F_A, F_PRE, F_TR, F_CELL, F_CELL, F_DIALOG, F_QUOTE, F_LI, F_IMG};
    const Py_UCS4 first = PyUnicode_GET_LENGTH(name) ? PyUnicode_READ_CHAR(name, 0) : 0; /* (compared first) */
    for (int i = 0; i < 9; i++)
        if ((Py_UCS4)own[i][0] == first && PyUnicode_CompareWithASCIIString(name, own[i]) == 0) flags |= owns[i];
    info->flags = flags;
    info->role = NULL;
    info->level = info->inherit = 0;
    PyObject *pair = PyDict_GetItemWithError(s->hook[H_ROLES], name);
    if (pair == NULL && PyErr_Occurred()) return -1;
    if (pair != NULL) {
        info->role = PyTuple_GET_ITEM(pair, 0);
        info->level = (int)PyLong_AsLong(PyTuple_GET_ITEM(pair, 1));
        int in = PySet_Contains(s->hook[H_INHERITED], info->role);
        if (in < 0) return -1;
        info->inherit = in;
    }
    if (id < CACHED) {
        s->infos[id] = *info;
        s->known[id / 64] |= (uint64_t)1 << (id % 64);
    }
    return 0;
}


int store_attr(Segment *s, PyObject *name, PyObject *value) {
    int failed = value == NULL || PyObject_SetAttr(s->st, name, value) < 0;
    Py_XDECREF(value);
    return failed ? -1 : 0;
}

int call_with(PyObject *function, PyObject *argument) {
    PyObject *result = PyObject_CallOneArg(function, argument);
    Py_XDECREF(result);
    return result == NULL ? -1 : 0;
}


/* Hand ``add`` the ``n`` pending rows of ``width`` items at ``tail`` as one read-only view. */
static int hand_rows(PyObject *add, void *tail, Py_ssize_t n, Py_ssize_t width, Py_ssize_t itemsize) {
    PyObject *rows = PyMemoryView_FromMemory((char *)tail, n * width * itemsize, PyBUF_READ);
    if (rows == NULL) return -1;
    int failed = call_with(add, rows);
    Py_DECREF(rows);
    return failed ? -1 : 0;
}

int flush_rows(Segment *s) {
    const Py_ssize_t n = s->pending_rows, blocks = s->pending_blocks;
    if (n) {
        if (hand_rows(s->add_element, s->tail, n, 6, s->itemsize) < 0) return -1;
        s->pending_rows = 0;
        s->flushed += n;
    }
    if (blocks) {
        if (hand_rows(s->add_block, s->block_tail, blocks, 5, s->itemsize) < 0) return -1;
        s->pending_blocks = 0;
    }
    if (s->pending_links) {
        if (s->add_span == NULL) {
            PyObject *spans = attribute(s->recorder, N_SPANS, NULL);
            s->add_span = spans != NULL ? attribute(spans, N_FROMBYTES, NULL) : NULL;
            Py_XDECREF(spans);
            if (s->add_span == NULL) return -1;
        }
        if (hand_rows(s->add_span, s->link_tail, s->pending_links, 2, s->itemsize) < 0) return -1;
        s->pending_links = 0;
    }
    return 0;
}

int add_row(Segment *s) {
    if (s->pending_rows == TAIL_ROWS && flush_rows(s) < 0) return -1;
    memset((char *)s->tail + s->pending_rows * 6 * s->itemsize, 0, (size_t)(6 * s->itemsize));
    s->pending_rows++;
    return 0;
}

/* The element's row of st.numbers (_segment_blocks' element_row: parent, level, characters,
 * link characters, tags, links), written as struct.pack_into does; a count past a 4-byte row's
 * range raises the OverflowError traverse makes of struct's error. */
static int write_row(Segment *s, Block *block) {
    Py_ssize_t row[6] = {block->parent, block->up, s->chars - block->chars, s->link_chars - block->link_chars,
                         s->tags - block->tags + 1, s->link_tags - block->link_tags};
    const Py_ssize_t in_tail = block->element - s->flushed;
    Py_buffer view = {0};
    if (in_tail >= 0 && in_tail < s->pending_rows) { /* (most rows: written before they go to st.numbers) */
        view.buf = (char *)s->tail + in_tail * 6 * s->itemsize;
    } else if (in_tail >= 0 || block->element < 0) {
        PyErr_SetString(PyExc_IndexError, "an element's row is not in st.numbers");
        return -1;
    } else {
        if (PyObject_GetBuffer(s->numbers, &view, PyBUF_WRITABLE) < 0) return -1;
        if (view.len < (block->element + 1) * 6 * s->itemsize) {
            PyBuffer_Release(&view);
            PyErr_SetString(PyExc_IndexError, "an element's row is not in st.numbers");
            return -1;
        }
        view.buf = (char *)view.buf + block->element * 6 * s->itemsize;
    }
    int failed = 0;
    if (s->itemsize == 4) {
        int32_t *at = (int32_t *)view.buf;
        for (int i = 0; i < 6; i++) {
            if (row[i] < -s->row_max - 1 || row[i] > s->row_max) failed = 1;
            at[i] = (int32_t)row[i];
        }
    } else {
        int64_t *at = (int64_t *)view.buf;
        for (int i = 0; i < 6; i++) at[i] = (int64_t)row[i];
    }
    if (view.obj != NULL) PyBuffer_Release(&view);
    if (failed) PyErr_SetString(PyExc_OverflowError, "'i' format requires -2147483648 <= number <= 2147483647");
    return failed ? -1 : 0;
}

/* _exit of an entered element. */
static int leave(Walker *w, PyObject *tag, int flags) {
    Segment *s = w->segment;
    if (flags & F_BLOCK) {
        if (end_text(s) < 0 || write_row(s, &s->blocks[s->open - 1]) < 0) return -1;
        s->open--;
        if (flags & F_TR) { /* (_merge_row reads the rows of the row's cells, its frame and st.open_blocks) */
            PyObject *frame = flush_rows(s) < 0 ? NULL : new_frame(&s->blocks[s->open]); /* (_cwalk_block.c) */
            PyObject *done = frame != NULL && open_frames(s, s->open) == 0
                                 ? PyObject_Vectorcall(s->hook[H_MERGE_ROW], (PyObject *[]){s->st, frame}, 2, NULL)
                                 : NULL;
            Py_XDECREF(frame);
            Py_XDECREF(done);
            if (close_frames(s) < 0 || done == NULL) return -1;
        }
    }
    drop_entry(s, pop_last(s->stack));
    s->controls -= (flags & F_CONTROL) != 0;
    if (flags & F_A) {
        s->in_link--;
        if (close_link(s, PyList_GET_SIZE(w->pieces)) < 0) return -1;
    } else if (flags & F_EXITED) {
        PyObject *pre = new_int(s->in_pre);
        PyObject *done = pre != NULL ? PyObject_Vectorcall(s->exit, (PyObject *[]){tag, pre}, 2, NULL) : NULL;
        Py_XDECREF(pre);
        if (done == NULL) return -1;
        Py_DECREF(done);
        s->quotes -= (flags & F_QUOTE) != 0;
        if (flags & F_PRE) {
            s->in_pre--;
            if (store_attr(s, segment_name(N_IN_PRE), new_int(s->in_pre)) < 0) return -1;
        }
    }
    return 0;
}

/* Whether the text bytes[:length] (not empty) is ASCII white space alone (as str.isspace() reads
 * it): 1 with *text its str (a new reference, the one kept for these bytes), 0, or -1 on error. */
static int spaces_of(Segment *s, const unsigned char *bytes, size_t length, PyObject **text) {
    if (length > SPACES_BYTES) return 0;
    KeptSpaces *kept = &s->spaces[(length * 7 + bytes[0] + bytes[length - 1] * 3u) % SPACES_KEPT];
    if (kept->text == NULL || kept->length != length || memcmp(kept->bytes, bytes, length) != 0) {
        for (size_t i = 0; i < length; i++) /* (the kept bytes are white space: compared first) */
            if (bytes[i] >= 128 || !Py_UNICODE_ISSPACE(bytes[i])) return 0;
        PyObject *made = PyUnicode_DecodeASCII((const char *)bytes, (Py_ssize_t)length, NULL);
        if (made == NULL) return -1;
        Py_XSETREF(kept->text, made);
        kept->length = length;
        memcpy(kept->bytes, bytes, length);
    }
    *text = Py_NewRef(kept->text);
    return 1;
}

/* A node visited: a text node's text appended and counted, an element entered (and left at
 * once when it has no children), a <br>. */
int segment_visit(Walker *w, Node *node) {
    Segment *s = w->segment;
    if (type_of(node) == TYPE_TEXT) { /* text_content: an empty or NULL text is passed over */
        LexborStr *text = &((TextNode *)node)->data;
        if (text->data == NULL || text->length == 0) return 0;
        PyObject *raw;
        const int spaces = spaces_of(s, text->data, text->length, &raw);
        if (spaces < 0) return -1;
        if (!spaces) {
            raw = PyUnicode_DecodeUTF8((const char *)text->data, (Py_ssize_t)text->length, "replace");
            if (raw == NULL) return -1;
        }
        int failed = PyList_Append(w->pieces, raw);
        Py_ssize_t n = spaces ? 0 : visible_length(raw), counted = 0;
        if (n) {
            s->has_text = 1;
            counted = s->in_pre ? PyUnicode_GET_LENGTH(raw) : n;
        } else if (s->in_pre) {
            counted = PyUnicode_GET_LENGTH(raw);
        }
        Py_DECREF(raw);
        if (failed) return -1;
        if (counted) {
            s->chars += counted;
            if (s->in_link) {
                s->link_chars += counted;
                s->block_link_chars += counted;
            }
        }
        return 0;
    }
    int kind = PASS;
    PyObject *name = name_of(w, node, &kind);
    if (name == NULL) return -1;
    if (kind == PASS) return 0;
    if (kind == BREAK) return line_break(s);
    TagInfo info;
    if (info_of(s, name, tag_id_of(node), &info) < 0) return -1;
    int entered = enter_element(w, node, name, &info);
    if (entered <= 0) return entered;
    Node *child = first_child(node);
    if (child == NULL) return leave(w, name, info.flags);
    w->pre = 0;
    if (push_parent(w, node) < 0) return -1;
    Parent *up = &w->parents[w->depth - 1];
    up->flags = info.flags;
    up->tag = name;
    w->node = child;
    w->state = 0; /* VISIT */
    return 0;
}

int segment_flush(Walker *w) { return flush_rows(w->segment); }

int segment_leave(Walker *w, Parent *up) { return leave(w, up->tag, up->flags); }

void segment_free(Walker *w) {
    Segment *s = w->segment;
    if (s == NULL) return;
    w->segment = NULL;
    PyObject **held[] = {&s->st, &s->hooks, &s->stack, &s->open_blocks, &s->elements, &s->strings, &s->numbers,
                         &s->add_element, &s->zero_row, &s->roles, &s->breaks, &s->urls,
                         &s->enter, &s->exit, &s->empty, &s->no_attrs, &s->space, &s->image_type};
    for (size_t i = 0; i < sizeof held / sizeof *held; i++) Py_CLEAR(*held[i]);
    release_kept(s);
    for (int i = 0; i < SPACES_KEPT; i++) Py_CLEAR(s->spaces[i].text);
    while (s->spares) Py_DECREF(s->spare[--s->spares]);
    block_free(s);
    links_free(s);
    steps_memo_free(&s->step_memo);
    PyMem_Free(s->blocks);
    PyMem_Free(s);
}

static const char *const spelled[N_COUNT] = {
    "markup", "_urls", "enter", "exit", "stack", "open_blocks", "elements", "strings",
    "numbers", "add_element", "zero_row", "roles", "breaks", "pieces", "itemsize", "reveal", "panels", "in_pre",
    "withheld", "texts", "markups", "add_block", "steps", "hrefs", "lists", "images", "tables", "pack_at",
    "spans", "frombytes", "structure"};
static PyObject *interned[N_COUNT];

PyObject *segment_name(int which) { return interned[which]; }

/* The names interned, the first time: 0, or -1 with an error set. */
static int intern_names(void) {
    for (int i = 0; i < N_COUNT; i++)
        if (interned[i] == NULL && (interned[i] = PyUnicode_InternFromString(spelled[i])) == NULL) return -1;
    return 0;
}

int withhold(Segment *s) {
    if (s->withheld) return 0;
    s->withheld = 1;
    return PyObject_SetAttr(s->st, interned[N_WITHHELD], Py_True);
}

int segment_skipped(Walker *w, PyObject *tag) {
    Segment *s = w->segment;
    if (s == NULL || s->reveal || s->withheld) return 0;
    int still = PySet_Contains(s->hook[H_REVEALED], tag);
    return still < 0 ? -1 : still ? 0 : withhold(s);
}

/* getattr(of, the name `which`), checked to be a `type` when one is given. */
PyObject *attribute(PyObject *of, int which, PyTypeObject *type) {
    PyObject *value = PyObject_GetAttr(of, interned[which]);
    if (value != NULL && type != NULL && !PyObject_TypeCheck(value, type)) {
        PyErr_Format(PyExc_TypeError, "%s is not a %s", spelled[which], type->tp_name);
        Py_CLEAR(value);
    }
    return value;
}

/* Walker.segment(st, unseen, hooks): before the first node. */
PyObject *segment_start(Walker *w, PyObject *args) {
    PyObject *st, *hooks;
    int unseen;
    if (!PyArg_ParseTuple(args, "OpO!:segment", &st, &unseen, &PyTuple_Type, &hooks)) return NULL;
    if (w->segment != NULL || w->state != 0 || PyTuple_GET_SIZE(hooks) != H_COUNT) {
        PyErr_SetString(PyExc_ValueError, "segment() once, before the walk, with the hooks of _segment._C_HOOKS");
        return NULL;
    }
    if (intern_names() < 0) return NULL;
    Segment *s = PyMem_Malloc(sizeof(Segment));
    if (s == NULL) return PyErr_NoMemory();
    w->segment = s;
    memset(s, 0, offsetof(Segment, kept)); /* the tables: their empty slots marked (see Segment) */
    for (int i = 0; i < NAMES_KEPT; i++) s->kept[i].names = NULL;
    for (int i = 0; i < SPACES_KEPT; i++) s->spaces[i].text = NULL;
    for (int i = 0; i < ATTRIBUTE_IDS; i++) s->attribute_ids[i].which = -2;
    memset(s->step_memo.used, 0, sizeof s->step_memo.used);
    s->st = Py_NewRef(st);
    s->hooks = Py_NewRef(hooks);
    for (int i = 0; i < H_COUNT; i++) s->hook[i] = PyTuple_GET_ITEM(hooks, i);
    PyObject *markup = PyObject_GetAttr(st, interned[N_MARKUP]);
    if (markup == NULL) goto failed;
    s->urls = attribute(markup, N_URLS, &PyDict_Type);
    s->enter = attribute(markup, N_ENTER, NULL);
    s->exit = attribute(markup, N_EXIT, NULL);
    int started = PyErr_Occurred() ? -1 : block_start(s, st, markup);
    Py_DECREF(markup);
    if (started < 0) goto failed;
    s->stack = attribute(st, N_STACK, &PyList_Type);
    s->open_blocks = attribute(st, N_OPEN_BLOCKS, &PyList_Type);
    s->elements = attribute(st, N_ELEMENTS, &PyList_Type);
    s->strings = attribute(st, N_STRINGS, &PyDict_Type);
    s->numbers = attribute(st, N_NUMBERS, NULL);
    s->flushed = s->numbers != NULL ? PyObject_Size(s->numbers) / 6 : 0; /* (none yet: -1 on an error) */
    s->add_element = attribute(st, N_ADD_ELEMENT, NULL);
    s->zero_row = attribute(st, N_ZERO_ROW, &PyBytes_Type);
    s->roles = attribute(st, N_ROLES, &PyList_Type);
    s->breaks = attribute(st, N_BREAKS, &PyList_Type);
    PyObject *pieces = attribute(st, N_PIECES, NULL);
    PyObject *size = attribute(st, N_ITEMSIZE, NULL);
    PyObject *reveal = attribute(st, N_REVEAL, NULL);
    PyObject *panels = attribute(st, N_PANELS, NULL);
    int ok = pieces == w->pieces && size != NULL && reveal != NULL && panels != NULL;
    if (ok) {
        s->itemsize = PyLong_AsSsize_t(size);
        s->reveal = PyObject_IsTrue(reveal);
        s->panels = PyObject_IsTrue(panels);
    }
    Py_XDECREF(pieces);
    Py_XDECREF(size);
    Py_XDECREF(reveal);
    Py_XDECREF(panels);
    if (!ok && !PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "st.pieces is not the Walker's pieces");
    s->unseen = unseen;
    s->row_max = PyLong_AsLongLong(s->hook[H_ROW_MAX]);
    if (s->row_max > INT32_MAX || s->row_max < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "the row's largest count is past a 4-byte row's");
        goto failed;
    }
    s->pieces = w->pieces;
    s->empty = PyUnicode_New(0, 0);
    s->no_attrs = PyDict_New();
    s->space = PyUnicode_FromString(" ");
    if (PyErr_Occurred() || s->reveal < 0 || s->panels < 0 || (s->itemsize != 4 && s->itemsize != 8)) goto failed;
    Py_RETURN_NONE;
failed:
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "st's rows are neither 4 nor 8 bytes");
    segment_free(w);
    return NULL;
}
