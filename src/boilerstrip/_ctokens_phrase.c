/* A page's blocks' phrase rows and gates, sieved in one C call before any block is lowered,
 * stripped or cut in Python: _phrases.phrase_kinds' first pass in the compiled build, for the
 * _ctokens extension (_ctokens.c lists it). _phrase_live.phrase_candidates is its reference
 * (tests/test_ctokens_phrase.py checks that both give the same, and that the kinds read with
 * them are those read without). Hidden, as _cscan's shared functions are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_ctokens_rows.h"
#include "_ctokens_words.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

int sieve_text(PyObject *sieve, PyObject *text, int kind, const void *data, Py_ssize_t n);
int branches_may_match(PyObject *facts, Py_UCS4 first, int ascii, int kind, const void *data, Py_ssize_t n,
                       PyObject *held, Py_ssize_t digits);
int has_digit_byte(const Py_UCS1 *in, Py_ssize_t n); /* (these two in _ctokens_sieve.c) */
int wide_in(const Py_UCS2 *in, Py_ssize_t n, Py_UCS2 low, Py_UCS2 high);

/* The longest text lowered here (its first scan_chars, or all of a whole-block one): a longer
 * read is left to Python. */
#define READ_MAX 1024

/* One index as the pass reads it (_phrases._Index): its rows' filters (field 2), keys (3, opened:
 * keys_open), gate's three alternations (6), their filters (7), the facts of their filters' rests
 * (8: _row_tests.rest_facts, of the ASCII sieve's and of the wide one's) and its rows' tests
 * (9: a list, None or _row_tests.row_tests a row). */
typedef struct {
    PyObject *filters, *gate, *gate_filters, *gate_rests, *row_tests;
    Keys keys;
} Index;

static int index_open(PyObject *index, Index *out) {
    out->keys.rows = out->keys.stack;
    if (!PyTuple_Check(index) || PyTuple_GET_SIZE(index) != 10 || !PyList_Check(PyTuple_GET_ITEM(index, 9)) ||
        !PyTuple_CheckExact(PyTuple_GET_ITEM(index, 2)) ||
        !PyTuple_Check(PyTuple_GET_ITEM(index, 6)) || PyTuple_GET_SIZE(PyTuple_GET_ITEM(index, 6)) != 3 ||
        !PyTuple_Check(PyTuple_GET_ITEM(index, 7)) || PyTuple_GET_SIZE(PyTuple_GET_ITEM(index, 7)) != 3 ||
        !PyTuple_Check(PyTuple_GET_ITEM(index, 8)) || PyTuple_GET_SIZE(PyTuple_GET_ITEM(index, 8)) != 3) {
        PyErr_SetString(PyExc_TypeError, "phrase_candidates() reads _phrases' indexes");
        return -1;
    }
    out->filters = PyTuple_GET_ITEM(index, 2);
    out->gate = PyTuple_GET_ITEM(index, 6);
    out->gate_filters = PyTuple_GET_ITEM(index, 7);
    out->gate_rests = PyTuple_GET_ITEM(index, 8);
    out->row_tests = PyTuple_GET_ITEM(index, 9);
    return keys_open(PyTuple_GET_ITEM(index, 3), &out->keys);
}

/* The text a pattern is tried on, as may_match reads it: its lowered characters (``n`` of
 * ``kind`` at ``data``), whether it is ASCII, its first character before it was lowered (0 for
 * an empty text), and its count of 0-9 and of runs of them (-1 until lacks_digits counts them). */
typedef struct {
    const void *data;
    Py_ssize_t n;
    int kind, ascii;
    Py_UCS4 first;
    Py_ssize_t digits, runs;
} Held;

static void count_digits(Held *held) {
    held->digits = held->runs = 0;
    int in_run = 0;
    for (Py_ssize_t i = 0; i < held->n; i++) {
        const Py_UCS4 c = PyUnicode_READ(held->kind, held->data, i);
        const int digit = c >= '0' && c <= '9';
        held->runs += digit && !in_run;
        held->digits += digit;
        in_run = digit;
    }
}

/* _match_facts.lacks_digits: a text with fewer than ``digits`` of 0-9, or fewer than ``runs`` runs
 * of them (when ``runs`` is above 1): any text read here, whose \d are 0-9 (Latin-1 characters
 * and separators), not only an ASCII one. */
static inline int lacks_digits(Held *held, Py_ssize_t digits, Py_ssize_t runs) {
    if (runs <= 1 && digits <= 0) return 0;
    if (held->digits < 0) count_digits(held);
    if (runs > 1) return held->runs < runs || held->digits < digits;
    return digits > 0 && held->digits < digits;
}

/* Whether one part of a sieve's rest may match the held text: its digits and runs (lacks_digits),
 * then its branch facts (branches_may_match). 1, 0, -1 on an error. */
static int part_may_match(Held *held, Py_ssize_t digits, Py_ssize_t runs, PyObject *facts) {
    if (lacks_digits(held, digits, runs)) return 0;
    if (PyTuple_Check(facts) && PyTuple_GET_SIZE(facts) == 0) return 1;
    /* (its digits counted there only if a branch asks them) */
    return branches_may_match(facts, held->first, held->ascii, held->kind, held->data, held->n, NULL, held->digits);
}

/* Whether a pattern (a sieve's rest, or a row's own) whose facts are ``facts`` (rest_facts: whether
 * it has branches tried at the start, their first characters, digits, runs, whether it has others,
 * theirs, each part's branch facts) may match the held text: _phrase_match._fullmatch's and
 * _found's tests of it before its regex. 1, 0, -1 on an error. */
static int rest_may_match(PyObject *facts, Held *held) {
    if (!PyTuple_Check(facts) || PyTuple_GET_SIZE(facts) != 9 || !PyBytes_Check(PyTuple_GET_ITEM(facts, 1))) {
        PyErr_SetString(PyExc_TypeError, "phrase_candidates(): a rest's facts are 9 items");
        return -1;
    }
    Py_ssize_t values[7];
    for (int i = 0; i < 7; i++) {
        if (i == 1) continue;
        values[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(facts, i));
        if (values[i] == -1 && PyErr_Occurred()) return -1;
    }
    PyObject *first = PyTuple_GET_ITEM(facts, 1);
    if (values[0]) {
        const int starts = PyBytes_GET_SIZE(first) == 0 || held->n == 0 || held->first >= 128 ||
                           (PyBytes_GET_SIZE(first) == 128 && PyBytes_AS_STRING(first)[held->first] != 0);
        const int found = starts ? part_may_match(held, values[2], values[3], PyTuple_GET_ITEM(facts, 7)) : 0;
        if (found != 0) return found;
    }
    return values[4] ? part_may_match(held, values[5], values[6], PyTuple_GET_ITEM(facts, 8)) : 0;
}

/* Whether a pattern with the filter ``filter`` (a PhraseFilter: its ASCII and its wide sieve) may
 * match the held text, as _phrase_match.matches reads it: its sieve (the ASCII one for an ASCII
 * text) passes the text and the pattern's own facts (``own``, rest_may_match's, of ASCII texts and
 * of any other; NULL: none known) do not rule it out, or it has branches without strings
 * (``rest``, tried by matches whatever the sieve says) that ``rests`` (their facts, the same) do
 * not rule out. 1, 0, -1 on an error. */
static int may_match(PyObject *filter, Held *held, PyObject *rests, PyObject *own) {
    if (!PyTuple_Check(filter) || PyTuple_GET_SIZE(filter) != 2) {
        PyErr_SetString(PyExc_TypeError, "phrase_candidates(): a filter is a PhraseFilter");
        return -1;
    }
    PyObject *sieve = PyTuple_GET_ITEM(filter, held->ascii ? 0 : 1);
    if (!PyTuple_Check(sieve) || PyTuple_GET_SIZE(sieve) < 4 || !PyUnicode_Check(PyTuple_GET_ITEM(sieve, 2))) {
        PyErr_SetString(PyExc_TypeError, "phrase_candidates(): a sieve is a Sieve");
        return -1;
    }
    if (PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(sieve, 2)) > 0) {
        if (rests == NULL || !PyTuple_Check(rests) || PyTuple_GET_SIZE(rests) != 2) return 1;
        const int found = rest_may_match(PyTuple_GET_ITEM(rests, held->ascii ? 0 : 1), held);
        if (found != 0) return found;
    }
    const int passed = sieve_text(sieve, NULL, held->kind, held->data, held->n);
    if (passed <= 0 || own == NULL || !PyTuple_Check(own) || PyTuple_GET_SIZE(own) != 2) return passed;
    return rest_may_match(PyTuple_GET_ITEM(own, held->ascii ? 0 : 1), held);
}

/* Keeps, of the index's key rows (in its keys' buffer, in row order), those that may match the
 * held text (``n`` characters of ``kind`` at ``data``; may_match: the others' matches call is
 * False, whatever the order of those tried), their number left in the buffer's ``used``; and
 * gives the bits of its gate's groups that may match (_phrases._gate_open, each group read by
 * may_match: 1 the wide group, when the text is not ASCII, 2 the digit group, when it holds a
 * digit, 4 the "other" group; none but on a short text, ``gate``), or -1 on an error. */
static int index_filter(Index *index, int gate, int digit, Held *held) {
    const Py_ssize_t rows = PyTuple_GET_SIZE(index->filters);
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < index->keys.used; i++) {
        const Py_ssize_t row = index->keys.rows[i];
        if (row < 0 || row >= rows) {
            PyErr_SetString(PyExc_IndexError, "phrase_candidates(): a key's row is out of its index");
            return -1;
        }
        /* (a row's tests, once a block has tried it: its own facts and its rest's) */
        PyObject *tests = row < PyList_GET_SIZE(index->row_tests) ? PyList_GET_ITEM(index->row_tests, row) : NULL;
        const int known = tests != NULL && PyTuple_Check(tests) && PyTuple_GET_SIZE(tests) == 2;
        PyObject *rests = known ? PyTuple_GET_ITEM(tests, 1) : NULL, *own = known ? PyTuple_GET_ITEM(tests, 0) : NULL;
        const int found = may_match(PyTuple_GET_ITEM(index->filters, row), held, rests, own);
        if (found < 0) return -1;
        if (found) index->keys.rows[kept++] = row;
    }
    index->keys.used = kept;
    if (!gate) return 0;
    const int asked[3] = {!held->ascii, digit, 1}; /* the gate's wide, digit and other groups */
    int groups = 0;
    for (int g = 0; g < 3; g++) {
        PyObject *source = PyTuple_GET_ITEM(index->gate, g);
        if (!asked[g] || !PyUnicode_Check(source) || PyUnicode_GET_LENGTH(source) == 0) continue;
        const int found =
            may_match(PyTuple_GET_ITEM(index->gate_filters, g), held, PyTuple_GET_ITEM(index->gate_rests, g), NULL);
        if (found < 0) return -1;
        groups |= found << g;
    }
    return groups;
}

/* ``n`` one-byte characters lowered into ``to``, as lower_one lowers each: eight at a time
 * where none is past ASCII (A-Z found by two adds, as _ctokens_copies.c's ascii_key finds them;
 * a lowered letter is its upper case with the 0x20 bit set), one at a time elsewhere. */
static void lower_bytes(const Py_UCS1 *in, Py_UCS1 *to, Py_ssize_t n) {
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    Py_ssize_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, in + i, 8);
        if (x & highs) {
            for (Py_ssize_t k = i; k < i + 8; k++) to[k] = (Py_UCS1)lower_one(in[k]);
            continue;
        }
        x |= ((x + 0x3F * ones) & ~(x + 0x25 * ones) & highs) >> 2;
        memcpy(to + i, &x, 8);
    }
    for (; i < n; i++) to[i] = (Py_UCS1)lower_one(in[i]);
}

/* Whether ``c`` is one of the ``count`` characters of ``strip`` (_phrases.STRIPPED). */
static inline int stripped(Py_UCS4 c, const Py_UCS4 *strip, Py_ssize_t count) {
    for (Py_ssize_t i = 0; i < count; i++)
        if (strip[i] == c) return 1;
    return 0;
}

typedef struct {
    Py_ssize_t scan_chars, whole_max, scan_words, keyless_max;
    const Py_UCS4 *strip;
    Py_ssize_t strip_count;
} Limits;

/* The block's candidates: None when no row or gate of either index can match it, else (anywhere
 * rows, whole-block rows, gates), each list in row order, each row once, of the key rows its first
 * scan_words tokens select (_phrase_rows.pair_rows; the whole-block ones only for a text of up to
 * whole_max characters), ``gates`` the bits of the gates' groups that may match (index_filter's:
 * the whole-block gate's, then the anywhere gate's shifted by 3) and 64 for a text with a line
 * break (_phrases._last_line_kind). A text read here (of one or two bytes a character, ASCII or
 * whose tokens are block_counts' marked str, lowered as _phrases lowers it, its read part at most
 * READ_MAX) keeps the rows and gates that may match it; any other all, and gates 127. */
static PyObject *block_candidates(PyObject *text, PyObject *tokens, const Limits *limits, Index *anywhere,
                                  Index *whole, Py_UCS2 *buffer) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "phrase_candidates() reads str texts");
        return NULL;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text), ascii = PyUnicode_IS_ASCII(text);
    const void *data = PyUnicode_DATA(text);
    const int short_text = n <= limits->keyless_max, whole_text = n <= limits->whole_max;
    anywhere->keys.used = 0;
    whole->keys.used = 0;
    if (keys_rows(tokens, limits->scan_words, &anywhere->keys, whole_text ? &whole->keys : NULL)) return NULL;
    anywhere->keys.used = distinct_rows(anywhere->keys.rows, anywhere->keys.used);
    whole->keys.used = distinct_rows(whole->keys.rows, whole->keys.used);
    const Py_ssize_t read = whole_text || n <= limits->scan_chars ? n : limits->scan_chars;
    int gates = 127, readable = kind != PyUnicode_4BYTE_KIND && (ascii || PyUnicode_Check(tokens)) &&
                              !(short_text && n > limits->scan_chars) && read <= READ_MAX;
    int digit = 0, line_break = 0;
    if (readable && !short_text && anywhere->keys.used == 0 && whole->keys.used == 0) {
        /* (no row to sieve, and no gate: a long text is not lowered) */
        line_break = kind == PyUnicode_1BYTE_KIND ? n > 0 && memchr(data, '\n', (size_t)n) != NULL
                                                  : PyUnicode_FindChar(text, '\n', 0, n, 1) >= 0;
        if (!line_break) Py_RETURN_NONE;
        gates = 64;
        readable = 0;
    } else if (readable && kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *in = data;
        Py_UCS1 *to = (Py_UCS1 *)buffer;
        lower_bytes(in, to, read);
        if (short_text) digit = has_digit_byte(in, n);
        line_break = n > 0 && memchr(in, '\n', (size_t)n) != NULL;
    } else if (readable) {
        const Py_UCS2 *in = data;
        for (Py_ssize_t i = 0; i < read && readable; i++) {
            readable = in[i] <= 0xFF || separator(in[i]); /* (else lowered by str.lower: Python) */
            buffer[i] = (Py_UCS2)lower_one(in[i]);
        }
        digit = readable && short_text && wide_in(in, n, '0', '9');
        line_break = readable && wide_in(in, n, '\n', '\n');
    }
    if (readable) {
        gates = 0;
        if (whole_text) {
            Py_ssize_t from = 0, to = read;
            while (from < to && stripped(PyUnicode_READ(kind, buffer, from), limits->strip, limits->strip_count)) from++;
            while (to > from && stripped(PyUnicode_READ(kind, buffer, to - 1), limits->strip, limits->strip_count)) to--;
            Held held = {(const char *)buffer + from * kind, to - from, kind, ascii,
                         from < to ? PyUnicode_READ(kind, data, from) : 0, -1, -1};
            const int open = index_filter(whole, short_text, digit, &held);
            if (open < 0) return NULL;
            gates |= open;
        }
        Held held = {buffer, read < limits->scan_chars ? read : limits->scan_chars, kind, ascii,
                     n > 0 ? PyUnicode_READ(kind, data, 0) : 0, -1, -1};
        const int open = index_filter(anywhere, short_text, digit, &held);
        if (open < 0) return NULL;
        gates |= open << 3 | line_break << 6;
        if (!gates && anywhere->keys.used == 0 && whole->keys.used == 0) Py_RETURN_NONE;
        gates |= 128; /* (_phrase_candidates.SIEVED: what was kept passed its sieve, or has a rest) */
    }
    PyObject *first = ssize_list(anywhere->keys.rows, anywhere->keys.used);
    PyObject *second = first == NULL ? NULL : ssize_list(whole->keys.rows, whole->keys.used);
    PyObject *bits = second == NULL ? NULL : PyLong_FromLong(gates);
    PyObject *out = bits == NULL ? NULL : PyTuple_Pack(3, first, second, bits);
    Py_XDECREF(first);
    Py_XDECREF(second);
    Py_XDECREF(bits);
    return out;
}

/* A short text met on the page, and its candidates (both borrowed). */
typedef struct {
    Py_hash_t hash;
    PyObject *text, *block;
} Seen;

/* Whether two str are equal (of one kind in their narrowest form, so of one kind when equal). */
static inline int same_text(PyObject *a, PyObject *b) {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    return a == b || (n == PyUnicode_GET_LENGTH(b) && PyUnicode_KIND(a) == PyUnicode_KIND(b) &&
                      memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)n * PyUnicode_KIND(a)) == 0);
}

/* phrase_candidates(texts, token_lists, limits, anywhere, whole, stripped) -> list: per block,
 * None when no phrase row or gate can match it, else (anywhere rows, whole-block rows, gates)
 * (block_candidates): _phrase_live.phrase_candidates, its reference. ``limits``: (scan_chars,
 * whole_max_chars, scan_words, keyless_max_chars); ``anywhere`` and ``whole``: _phrases'
 * indexes; ``stripped``: _phrases.STRIPPED. */
PyObject *phrase_candidates(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 6 || !PyList_CheckExact(args[0]) || !PyList_CheckExact(args[1]) || !PyTuple_Check(args[2]) ||
        PyTuple_GET_SIZE(args[2]) != 4 || !PyUnicode_Check(args[5]) ||
        PyList_GET_SIZE(args[0]) != PyList_GET_SIZE(args[1])) {
        PyErr_SetString(PyExc_TypeError, "phrase_candidates() takes two lists of a length, a tuple of four ints, "
                                         "two indexes and a str");
        return NULL;
    }
    Py_ssize_t values[4];
    for (int i = 0; i < 4; i++) {
        values[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(args[2], i));
        if (values[i] == -1 && PyErr_Occurred()) return NULL;
    }
    Py_UCS4 strip[32];
    const Py_ssize_t strip_count = PyUnicode_GET_LENGTH(args[5]);
    if (strip_count > 32) {
        PyErr_SetString(PyExc_ValueError, "phrase_candidates(): at most 32 stripped characters");
        return NULL;
    }
    const int strip_kind = PyUnicode_KIND(args[5]);
    const void *strip_data = PyUnicode_DATA(args[5]);
    for (Py_ssize_t i = 0; i < strip_count; i++) strip[i] = PyUnicode_READ(strip_kind, strip_data, i);
    const Limits limits = {values[0], values[1], values[2], values[3], strip, strip_count};
    Index anywhere, whole;
    anywhere.keys.rows = anywhere.keys.stack;
    whole.keys.rows = whole.keys.stack;
    PyObject *out = NULL;
    Seen *seen = NULL;
    if (index_open(args[3], &anywhere) || index_open(args[4], &whole)) goto done;
    const Py_ssize_t count = PyList_GET_SIZE(args[0]);
    out = PyList_New(count);
    if (out == NULL) goto done;
    /* The short texts met so far and the candidates made for each (a page repeats many: "Reply",
     * dates), found by their hash (str's own: phrase_kinds' dict of kinds reads it again) in a
     * table of twice as many slots as the page has blocks, or more. */
    size_t slots = 16;
    while (slots < 2 * (size_t)count) slots *= 2;
    seen = PyMem_Calloc(slots, sizeof(Seen));
    if (seen == NULL) {
        PyErr_NoMemory();
        Py_CLEAR(out);
        goto done;
    }
    Py_UCS2 buffer[READ_MAX];
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *text = PyList_GET_ITEM(args[0], i), *block = NULL;
        Seen *slot = NULL;
        Py_hash_t hash = 0;
        if (PyUnicode_CheckExact(text) && PyUnicode_GET_LENGTH(text) <= limits.keyless_max) {
            hash = PyObject_Hash(text);
            if (hash == -1) {
                Py_CLEAR(out);
                goto done;
            }
            for (size_t at = (size_t)hash & (slots - 1);; at = (at + 1) & (slots - 1)) {
                slot = &seen[at];
                if (slot->text == NULL) break;
                if (slot->hash == hash && same_text(slot->text, text)) {
                    block = Py_NewRef(slot->block);
                    break;
                }
            }
        }
        if (block == NULL) {
            block = block_candidates(text, PyList_GET_ITEM(args[1], i), &limits, &anywhere, &whole, buffer);
            if (block == NULL) {
                Py_CLEAR(out);
                goto done;
            }
            if (slot != NULL) *slot = (Seen){hash, text, block}; /* (borrowed: the lists hold them) */
        }
        PyList_SET_ITEM(out, i, block);
    }
done:
    PyMem_Free(seen);
    if (anywhere.keys.rows != anywhere.keys.stack) PyMem_Free(anywhere.keys.rows);
    if (whole.keys.rows != whole.keys.stack) PyMem_Free(whole.keys.rows);
    return out;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
