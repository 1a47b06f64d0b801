/* A block's end in C, for the Walker's segment mode (see _cwalk_segment.c): what
 * _segment_blocks._end_block and _line_break do (the pure walk's, and the reference), on the same
 * objects: the block's text (the hook _block_text: _cscan.block_text), its owner's CSS steps
 * when it has none (_record_steps, by _csteps.c's loop over the Blocks), its text, role, row of
 * numbers and Markup appended to st's columns (the Markup by the Recorder's markup(), asked only when the
 * block may have structure, as _end_block asks it: its structure(), the block's links found and kept
 * here, _cwalk_links.c), then its pieces dropped (_cwalk_links.c).
 * The row of numbers is written as _segment_blocks' block_row packs it (C ints of st's itemsize,
 * a count past a 4-byte row's range the OverflowError traverse makes of struct's error), kept in
 * C and appended by block_numbers.frombytes a few dozen rows at a time (flush_rows). */
#include "_csteps.h"
#include "_cwalk_segment.h"

/* A list, or a Texts buffer (after packed()): its length, appended to. */
static Py_ssize_t length_of(PyObject *texts) {
    return PyList_CheckExact(texts) ? PyList_GET_SIZE(texts) : PyObject_Size(texts);
}

static int append_text(Segment *s, PyObject *text) {
    if (PyList_CheckExact(s->texts)) {
        if (PyList_Append(s->texts, text) < 0) return -1;
    } else {
        PyObject *done = PyObject_CallMethod(s->texts, "append", "O", text);
        Py_XDECREF(done);
        if (done == NULL) return -1;
    }
    if (s->pack_at < 0) return 0;
    Py_ssize_t n = length_of(s->texts);
    if (n < 0) return -1;
    if (n != s->pack_at) return 0;
    PyObject *at = PyLong_FromSsize_t(s->pack_at);
    PyObject *packed = at != NULL ? PyObject_Vectorcall(s->hook[H_PACKED], (PyObject *[]){s->texts, at}, 2, NULL) : NULL;
    Py_XDECREF(at);
    if (packed == NULL) return -1;
    int failed = PyObject_SetAttrString(s->st, "texts", packed) < 0;
    Py_SETREF(s->texts, packed);
    return failed ? -1 : 0;
}

/* The block's row: (owner, heading level, link characters, row or -1, links before it), kept in
 * block_tail until flush_rows appends it. */
static int append_row(Segment *s, const Py_ssize_t row[5]) {
    if (s->pending_blocks == TAIL_ROWS && flush_rows(s) < 0) return -1;
    if (s->itemsize == 4) {
        int32_t *at = (int32_t *)s->block_tail + s->pending_blocks * 5;
        for (int i = 0; i < 5; i++) {
            if (row[i] < -s->row_max - 1 || row[i] > s->row_max) {
                PyErr_SetString(PyExc_OverflowError, "'i' format requires -2147483648 <= number <= 2147483647");
                return -1;
            }
            at[i] = (int32_t)row[i];
        }
    } else {
        int64_t *at = s->block_tail + s->pending_blocks * 5;
        for (int i = 0; i < 5; i++) at[i] = (int64_t)row[i];
    }
    s->pending_blocks++;
    return 0;
}

/* A Block's FrameField (_csteps.h). */
static Py_ssize_t block_field(const void *blocks, Py_ssize_t k, int stack) {
    const Block *block = (const Block *)blocks + k;
    return stack ? block->stack : block->element;
}

/* The block of a non-empty text: _end_block once its text is made. */
static int make_block(Segment *s, PyObject *text) {
    if (s->open == 0) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    const Block *owner = &s->blocks[s->open - 1];
    Py_ssize_t at = owner->element * 4 + 3; /* its step: _STRINGS, _STEP */
    if (at >= PyList_GET_SIZE(s->elements)) {
        PyErr_SetString(PyExc_ValueError, "the open block's element is not the walk's");
        return -1;
    }
    int stepped = PyObject_IsTrue(PyList_GET_ITEM(s->elements, at));
    if (stepped < 0) return -1;
    if (!stepped) {
        const Steps on = {s->elements, s->stack, s->strings, s->steps, &s->step_memo};
        if (record_open_steps(&on, s->open, block_field, s->blocks) < 0) return -1;
    }
    PyObject *role = owner->role != NULL ? owner->role : s->hook[H_PARAGRAPH];
    const int cell = role == s->hook[H_TABLE_CELL];
    /* Most blocks have no structure: the Recorder is asked only when one may (links aside, kept here). */
    const int structured = PyList_GET_SIZE(s->lists) || s->quotes || PyList_GET_SIZE(s->images) || s->in_pre ||
                           (cell && PyList_GET_SIZE(s->tables));
    if (append_text(s, text) < 0 || PyList_Append(s->roles, role) < 0) return -1;
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    const Py_ssize_t row[5] = {owner->element, role == s->hook[H_HEADING] ? owner->level : 0,
                               s->block_link_chars < length ? s->block_link_chars : length, cell ? owner->row : -1,
                               PyList_GET_SIZE(s->hrefs)};
    if (append_row(s, row) < 0) return -1;
    const Py_ssize_t links = s->closed_count || s->anchors_open ? block_links(s, text) : 0;
    if (links < 0) return -1;
    PyObject *markup;
    if (structured || (links && cell)) { /* (links alone: no structure, but a header cell's) */
        PyObject *args[4] = {owner->tag, s->in_pre > 0 ? Py_True : Py_False, cell ? Py_True : Py_False,
                             links ? Py_True : Py_False};
        if (s->structure == NULL && (s->structure = attribute(s->recorder, N_STRUCTURE, NULL)) == NULL) return -1;
        markup = PyObject_Vectorcall(s->structure, args, 4, NULL);
        if (markup == NULL) return -1;
    } else {
        markup = Py_NewRef(s->hook[H_NO_MARKUP]);
    }
    int failed = PyList_Append(s->markups, markup);
    Py_DECREF(markup);
    return failed ? -1 : 0;
}

/* _end_block with text (has_text): the block made when its text is not empty, the pieces dropped. */
static int end_block(Segment *s) {
    PyObject *args[3] = {s->pieces, s->breaks, s->in_pre > 0 ? Py_True : Py_False};
    PyObject *text = PyObject_Vectorcall(s->hook[H_BLOCK_TEXT], args, 3, NULL);
    if (text == NULL) return -1;
    int failed = 0;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "a block's text is not a str");
        failed = 1;
    } else if (PyUnicode_GET_LENGTH(text)) {
        failed = make_block(s, text) < 0;
    }
    Py_DECREF(text);
    if (failed || drop_pieces(s) < 0) return -1;
    s->has_text = 0;
    s->block_link_chars = 0;
    return 0;
}

int end_text(Segment *s) {
    if (s->has_text) return end_block(s);
    if (PyList_GET_SIZE(s->pieces) || PyList_GET_SIZE(s->breaks)) {
        if (drop_pieces(s) < 0) return -1;
        s->block_link_chars = 0;
    }
    return 0;
}

/* _line_break: a break appended, but for a line with nothing on it after a break (<br><br>), which
 * ends the block (a paragraph break). */
int line_break(Segment *s) {
    const Py_ssize_t breaks = PyList_GET_SIZE(s->breaks), pieces = PyList_GET_SIZE(s->pieces);
    int blank = breaks > 0;
    if (blank) {
        Py_ssize_t from = PyLong_AsSsize_t(PyList_GET_ITEM(s->breaks, breaks - 1));
        if (from == -1 && PyErr_Occurred()) return -1;
        if (from < 0) from = 0; /* (a slice's start, as pieces[from:] reads it: never here) */
        for (Py_ssize_t i = from; i < pieces && blank; i++) {
            PyObject *piece = PyList_GET_ITEM(s->pieces, i);
            blank = visible_length(piece) == 0;
        }
    }
    if (!blank) {
        PyObject *at = PyLong_FromSsize_t(pieces);
        int failed = at == NULL || PyList_Append(s->breaks, at) < 0;
        Py_XDECREF(at);
        return failed ? -1 : 0;
    }
    if (s->has_text) return end_block(s);
    if (drop_pieces(s) < 0) return -1;
    s->block_link_chars = 0;
    return 0;
}

int block_start(Segment *s, PyObject *st, PyObject *recorder) {
    s->texts = attribute(st, N_TEXTS, NULL);
    s->markups = attribute(st, N_MARKUPS, &PyList_Type);
    s->add_block = attribute(st, N_ADD_BLOCK, NULL);
    s->steps = attribute(st, N_STEPS, NULL);
    s->hrefs = attribute(recorder, N_HREFS, &PyList_Type);
    s->lists = attribute(recorder, N_LISTS, &PyList_Type);
    s->images = attribute(recorder, N_IMAGES, &PyList_Type);
    s->tables = attribute(recorder, N_TABLES, &PyList_Type);
    s->recorder = Py_NewRef(recorder); /* (its structure and its spans' frombytes read when first needed) */
    PyObject *pack_at = attribute(st, N_PACK_AT, NULL);
    if (pack_at == NULL) return -1;
    /* (None, or a count no length equals: never packed, as len(st.texts) == pack_at reads it) */
    s->pack_at = pack_at == Py_None ? -1 : PyLong_AsSsize_t(pack_at);
    Py_DECREF(pack_at);
    if (s->pack_at == -1 && PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return -1;
        PyErr_Clear();
    }
    if (s->pack_at < 0) s->pack_at = -1;
    if (!PyErr_Occurred() && !PyDict_Check(s->steps)) PyErr_SetString(PyExc_TypeError, "st.steps is not a dict");
    return PyErr_Occurred() ? -1 : 0;
}

void block_free(Segment *s) {
    PyObject **held[] = {&s->texts, &s->markups, &s->add_block, &s->steps, &s->hrefs,
                         &s->lists, &s->images, &s->tables, &s->add_span, &s->structure, &s->recorder};
    for (size_t i = 0; i < sizeof held / sizeof *held; i++) Py_CLEAR(*held[i]);
}

/* The frame tuple of an open block (_segment_blocks' _ELEMENT ... _BLOCK_DEPTH), None in the
 * fields only _exit reads (_AT_*, _PARENT_ELEMENT, _BLOCK_DEPTH): a new reference. */
PyObject *new_frame(const Block *b) {
    PyObject *made = PyTuple_New(13);
    if (made == NULL) return NULL;
    PyObject *items[13] = {PyLong_FromSsize_t(b->element), Py_NewRef(b->tag), Py_NewRef(Py_None),
                           Py_NewRef(Py_None), Py_NewRef(Py_None), Py_NewRef(Py_None),
                           Py_NewRef(b->role != NULL ? b->role : Py_None), PyLong_FromSsize_t(b->level),
                           PyLong_FromSsize_t(b->row), PyLong_FromSsize_t(b->first_block),
                           PyLong_FromSsize_t(b->stack), Py_NewRef(Py_None), Py_NewRef(Py_None)};
    int failed = 0;
    for (int i = 0; i < 13; i++) {
        failed |= items[i] == NULL;
        PyTuple_SET_ITEM(made, i, items[i]);
    }
    if (failed) Py_CLEAR(made);
    return made;
}

int open_frames(Segment *s, Py_ssize_t count) {
    if (close_frames(s) < 0) return -1;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *frame = new_frame(&s->blocks[k]);
        int failed = frame == NULL || PyList_Append(s->open_blocks, frame) < 0;
        Py_XDECREF(frame);
        if (failed) return -1;
    }
    return 0;
}

int close_frames(Segment *s) { return PyList_SetSlice(s->open_blocks, 0, PyList_GET_SIZE(s->open_blocks), NULL); }
