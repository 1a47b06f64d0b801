/* The features stage's per-block token loops in C, and the decision's copy keys (the compiled
 * build only; a pure install runs the Python references named below: tests/test_ctokens.py
 * and tests/test_ctokens_rows.py check that both give the same).
 *
 * block_counts(texts, title_tokens, tokens, cjk_count) -> (tokens, counts, CJK counts, title
 * matches): for each text its tokens (_language.tokens), their number, its one-character CJK
 * tokens (_token_stats._cjk_count) and whether it matches the title
 * (_token_stats.matches_title). A text of Latin-1 characters (most blocks), or of Latin-1
 * characters and the separators below, is lowered and split here: its tokens are the runs
 * of the characters that the token regex's \w matches once lowered, given as one str of them,
 * each after a mark (_ctokens_words.h; _language.token_list splits it), and it holds no CJK
 * character. Any other text is handed to ``tokens`` and ``cjk_count`` (the Python
 * functions), so its figures, and its list, are theirs. The loops below read both forms.
 *
 * stop_counts(tokens, stopwords[, table]) -> list[int]: per block, its tokens in the set
 * (``sum(map(stop.__contains__, tokens))``). In _ctokens_language.c.
 *
 * language_hits(tokens, limit, index, n[, table]) -> list[int]: per language, the tokens
 * that language detection counts (_language.language_hits). In _ctokens_language.c.
 *
 * language_stops(tokens, counts, limit, n, table, mine, bonus) -> (number, stops) or None: the
 * page language detected from the longest blocks and each block's stop_counts in it, the
 * tokens detection reads looked up once for both (_language.detect_with_stops). In
 * _ctokens_stops.c.
 *
 * token_set(text, tokens) -> frozenset: frozenset(tokens(text)), the title's words, a text of
 * Latin-1 characters and separators split as block_counts splits it. In _ctokens_words.c.
 *
 * word_table(words, numbers) -> bytes: the table of words (each with its tuple of numbers)
 * that stop_counts and language_hits read in place of the set and the index, without hashing
 * a token. In _ctokens_words.c.
 *
 * phrase_rows(rows_of, tokens, exact, prefix, heads, keyless[, key_sieve, table, limit]) ->
 * list[int]: the phrase rows to try on a block, by its first ``limit`` tokens
 * (_phrase_rows.candidates, its reference), ``rows_of`` the page's cache of each token's rows,
 * filled here as there (_phrases._rows_of_token) but for the tokens the sieve rules out, which
 * have none. In _ctokens_rows.c.
 *
 * pair_rows(tokens, limit, first, second, rows_of) -> (list[int], list[int]): two indexes' key
 * rows (no keyless rows) that a block's first ``limit`` tokens select, the tokens read once
 * for both (_phrase_rows.pair_rows, its reference). In _ctokens_rows.c.
 *
 * sieve_passes(sieve, text) -> bool: whether the text starts with one of a phrase sieve's
 * starts or holds one of its strings (_phrase_sieve.passes). In _ctokens_sieve.c.
 *
 * may_match(facts, text, held, lowered) -> bool: whether some branch whose facts are given may
 * match the text (_match_facts.may_match). In _ctokens_sieve.c.
 *
 * phrase_candidates(texts, token_lists, limits, anywhere, whole, stripped) -> list: per block,
 * None when no phrase row or gate can match it, else its key rows of both indexes that may and
 * the gates that may open (_phrase_live.phrase_candidates). In _ctokens_phrase.c.
 *
 * has_ascii_digit(text[, count[, runs]]) -> bool: whether the text holds one of "0"-"9" (_phrases._has_digit's
 * pattern on ASCII texts), or ``count`` of them (_phrases' digit counts), in at least ``runs``
 * runs (_match_facts.min_runs; _phrase_rows.has_ascii_digit, its reference).
 *
 * lower(text) -> str: ``text.lower()``, a text of Latin-1 characters and separators lowered here
 * (_phrases' lowered texts). In _ctokens_copies.c.
 *
 * copy_key(text) -> str: ``" ".join(text.split()).lower()`` (_copied_boxes.copy_key). In
 * _ctokens_copies.c.
 *
 * copy_hash(text) -> int: a hash of copy_key(text) in [0, 2**62), one for each key
 * (_copied_boxes.copy_hash). In _ctokens_copies.c.
 *
 * name_words(raw[, sieve, other]) -> (name, words) or None: ``_rules.normalise_name(raw)``
 * and its words (``_name_sieve.spaced_words``) of an ASCII class/id string in one pass,
 * with a sieve each word it rules out given as ``other`` (``_name_sieve.sifted_words``);
 * None for any other name, and for one holding "tag-", "category-" or a page builder's "widget" prefix (their
 * regexes stay Python's). In _ctokens_names.c.
 *
 * name_bits(raw, tables[, decision]) -> (name, bits, plain), int or None: the same name and
 * ``_name_verdicts.spaced_bits`` of its words, read from the buffer without making a list of
 * them, or ``found_bits`` of it where its words are not all letters and digits (``plain``
 * False); with ``decision``, the number of the verdict where the bits decide it; None where
 * name_words gives None. In _ctokens_verdicts.c.
 *
 * card_tree(locators) -> (parents, tags, ends, cards) or None: ``_card_slots.CardTree``'s
 * fields for a list of ASCII locators (None when one is not ASCII). In _ctokens_decision.c.
 *
 * slot_numbers(locators, tree) -> (numbers, count) or None: ``_card_slots.slot_numbers`` of
 * ASCII locators and their card tree (None when one is not ASCII). In _ctokens_decision.c.
 *
 * locator_marks(locators, labels, content) -> bytes or None: per ASCII locator of a block
 * labelled ``content``, whether it is in the page's frame and in a tooltip
 * (``_page_frame.locator_marks``; None when one is not ASCII). In _ctokens_locators.c.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "_ctokens.h"
#include "_ctokens_words.h"

/* Per Latin-1 character: 0 when the token regex's \w does not match it lowered, else the
 * character it lowers to (str.lower() keeps every Latin-1 character in Latin-1): ASCII's
 * [0-9A-Za-z_], U+00AA, U+00B5, U+00BA (ordinal indicators and the micro sign, letters), and
 * U+00C0-U+00FF but U+00D7 and U+00F7 (the multiplication and division signs); U+00C0-U+00DE
 * lower by 0x20. A constant (it was filled at import: C state the module's interpreters would
 * share); tests/test_ctokens.py checks each entry against the regex and str.lower. */

static const Py_UCS1 lowered[256] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  /* 00-0F */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  /* 10-1F */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  /* 20-2F */
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  /* 30-3F */
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,  /* 40-4F */
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x00, 0x00, 0x00, 0x00, 0x5F,  /* 50-5F */
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,  /* 60-6F */
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x00, 0x00, 0x00, 0x00, 0x00,  /* 70-7F */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  /* 80-8F */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  /* 90-9F */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xAA, 0x00, 0x00, 0x00, 0x00, 0x00,  /* A0-AF */
    0x00, 0x00, 0x00, 0x00, 0x00, 0xB5, 0x00, 0x00, 0x00, 0x00, 0xBA, 0x00, 0x00, 0x00, 0x00, 0x00,  /* B0-BF */
    0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF,  /* C0-CF */
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0x00, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xDF,  /* D0-DF */
    0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF,  /* E0-EF */
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0x00, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF,  /* F0-FF */
};

/* The tokens of a text of ``kind`` whose characters past Latin-1 are all separators (see
 * below), as one new one-byte str of them each after its mark (_ctokens_words.h), their
 * number in ``*count``: the runs of Latin-1 characters that \w matches, lowered. They are
 * written to a buffer (on the stack for most blocks: the marked tokens are at most one
 * character longer than the text) and copied to the str, so that no str is made a token: a
 * token list's strs cost about 4 M instructions to make and as many to free on the profile's
 * 20 pages, and held 60 bytes a token. One loop for both callers; inlined into each, so that
 * the one-byte caller's constant kind reads a byte a character and drops the test for
 * characters past Latin-1. */
#define STACK_CHARS 2048

static inline PyObject *join_tokens(const int kind, const void *data, const Py_ssize_t n, Py_ssize_t *count) {
    Py_UCS1 stack[STACK_CHARS];
    Py_UCS1 *buffer = n < STACK_CHARS ? stack : PyMem_Malloc((size_t)n + 1);
    if (buffer == NULL) return PyErr_NoMemory();
    Py_ssize_t used = 0, runs = 0, i = 0;
    Py_UCS1 top = 0, low = 0; /* top's high bit tells whether any is past ASCII */
#define LOW_AT(i) (PyUnicode_READ(kind, data, i) > 0xFF ? 0 : lowered[PyUnicode_READ(kind, data, i)])
    for (;;) { /* a run at a time: the characters between tokens skipped, then a token copied */
        while (i < n && !LOW_AT(i)) i++;
        if (i == n) break;
        const Py_ssize_t mark = used++; /* where the token has its mark: its length, when it can say it */
        runs++;
        for (; i < n && (low = LOW_AT(i)) != 0; i++) {
            buffer[used++] = low;
            top |= low;
        }
        const Py_ssize_t length = used - mark - 1;
        buffer[mark] = (Py_UCS1)(length <= MAX_MARK ? length : 0);
    }
#undef LOW_AT
    *count = runs;
    PyObject *out = PyUnicode_New(used, top & 0x80 ? 0xFF : 0x7F);
    if (out != NULL) memcpy(PyUnicode_1BYTE_DATA(out), buffer, (size_t)used);
    if (buffer != stack) PyMem_Free(buffer);
    return out;
}

/* The tokens of a one-byte text (also _ctokens_words.c's token_set). */
PyObject *byte_tokens(PyObject *text, Py_ssize_t *count) {
    return join_tokens(PyUnicode_1BYTE_KIND, PyUnicode_1BYTE_DATA(text), PyUnicode_GET_LENGTH(text), count);
}

/* The tokens of a two- or four-byte text of Latin-1 characters and separators, or None
 * (a new reference) when it holds any other character. */
PyObject *wide_tokens(PyObject *text, Py_ssize_t *count) {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c > 0xFF && !separator(c)) Py_RETURN_NONE;
    }
    return join_tokens(kind, data, n, count);
}

/* _token_stats.matches_title, the same comparisons in doubles (exact for these counts). The
 * title's words are looked up in ``*table``, their word table, made here when first needed
 * (the caller's to free): a set look-up hashed each token (a str that no set or dict had
 * read), where the table reads its bytes. */
static int title_match(PyObject *toks, Py_ssize_t n, PyObject *title, PyObject **table) {
    const Py_ssize_t t = PySet_GET_SIZE(title);
    if (n == 0 || t == 0 || n > 3 * t) return 0;
    if (*table == NULL) {
        PyObject *words = PySequence_List(title);
        if (words == NULL) return -1;
        *table = word_table(NULL, &words, 1);
        Py_DECREF(words);
        if (*table == NULL) return -1;
    }
    OpenTable open;
    if (word_table_open(*table, &open)) return -1;
    Py_ssize_t shared = 0, at = 0;
    Word word;
    for (int more; (more = next_word(toks, &at, &word)) != 0;) {
        const int found = more < 0 ? -1 : open_table_holds(&open, &word);
        if (found < 0) return -1;
        shared += found;
    }
    return (double)shared >= 0.8 * (double)n && (double)shared >= 0.5 * (double)t;
}

static PyObject *block_counts(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyList_CheckExact(args[0]) || !PyFrozenSet_CheckExact(args[1])) {
        PyErr_SetString(PyExc_TypeError,
                        "block_counts() takes a list of str, a frozenset and two functions");
        return NULL;
    }
    PyObject *texts = args[0], *title = args[1], *tokens = args[2], *cjk_count = args[3];
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    PyObject *toks = PyList_New(n), *counts = PyList_New(n), *cjk = PyList_New(n), *titles = PyList_New(n);
    PyObject *result = NULL, *table = NULL; /* the title's word table, once needed */
    if (toks == NULL || counts == NULL || cjk == NULL || titles == NULL) goto done;
    PyObject *zero = PyLong_FromLong(0);
    if (zero == NULL) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_CheckExact(text)) {
            PyErr_SetString(PyExc_TypeError, "block_counts() takes a list of str");
            Py_DECREF(zero);
            goto done;
        }
        PyObject *list, *k;
        Py_ssize_t n_tokens = 0;
        if (PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND || (list = wide_tokens(text, &n_tokens)) != Py_None) {
            if (PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND) list = byte_tokens(text, &n_tokens);
            k = list == NULL ? NULL : zero;  /* no CJK character among them */
            Py_XINCREF(k);
        } else {
            Py_DECREF(list);
            list = PyObject_CallOneArg(tokens, text);
            if (list != NULL && !PyList_CheckExact(list)) {
                Py_DECREF(list);
                PyErr_SetString(PyExc_TypeError, "tokens() must return a list");
                list = NULL;
            }
            n_tokens = list == NULL ? 0 : PyList_GET_SIZE(list);
            k = list == NULL ? NULL : PyObject_CallFunctionObjArgs(cjk_count, text, list, NULL);
        }
        if (list == NULL || k == NULL) {
            Py_XDECREF(list);
            Py_DECREF(zero);
            goto done;
        }
        PyList_SET_ITEM(toks, i, list);
        PyList_SET_ITEM(cjk, i, k);
        PyObject *count = PyLong_FromSsize_t(n_tokens);
        int match = title_match(list, n_tokens, title, &table);
        if (count == NULL || match < 0) {
            Py_XDECREF(count);
            Py_DECREF(zero);
            goto done;
        }
        PyList_SET_ITEM(counts, i, count);
        PyObject *flag = match ? Py_True : Py_False;
        Py_INCREF(flag);
        PyList_SET_ITEM(titles, i, flag);
    }
    Py_DECREF(zero);
    result = PyTuple_Pack(4, toks, counts, cjk, titles);
done:
    /* A list left part-filled on an error holds NULL items, which list_dealloc skips. */
    Py_XDECREF(toks);
    Py_XDECREF(counts);
    Py_XDECREF(cjk);
    Py_XDECREF(titles);
    Py_XDECREF(table);
    return result;
}

static PyObject *has_ascii_digit(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs < 1 || nargs > 3 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "has_ascii_digit() takes a str, a count and a number of runs");
        return NULL;
    }
    Py_ssize_t want = 1, runs = 1;
    if (nargs >= 2) {
        want = PyLong_AsSsize_t(args[1]);
        if (want == -1 && PyErr_Occurred()) return NULL;
    }
    if (nargs == 3) {
        runs = PyLong_AsSsize_t(args[2]);
        if (runs == -1 && PyErr_Occurred()) return NULL;
    }
    PyObject *text = args[0];
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (runs > 1) { /* (_phrase_rows.has_ascii_digit's runs: digits with no other character between them) */
        Py_ssize_t digits = 0, seen = 0;
        int in_run = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            const Py_UCS4 c = PyUnicode_READ(kind, data, i);
            const int digit = c >= '0' && c <= '9';
            seen += digit && !in_run;
            digits += digit;
            in_run = digit;
            if (seen >= runs && digits >= want) Py_RETURN_TRUE;
        }
        Py_RETURN_FALSE;
    }
    if (want <= 0) Py_RETURN_TRUE;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *p = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if ((Py_UCS1)(p[i] - '0') <= 9 && --want == 0) Py_RETURN_TRUE;
        Py_RETURN_FALSE;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c >= '0' && c <= '9' && --want == 0) Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}


static PyMethodDef methods[] = {
    {"language_hits", (PyCFunction)(void (*)(void))language_hits, METH_FASTCALL,
     "language_hits(token_lists, limit, index, n[, table]) -> list[int]: see _language.language_hits"},
    {"block_counts", (PyCFunction)(void (*)(void))block_counts, METH_FASTCALL,
     "block_counts(texts, title_tokens, tokens, cjk_count) -> (tokens, counts, CJK counts, title "
     "matches): see _token_stats.block_counts"},
    {"token_set", (PyCFunction)(void (*)(void))token_set, METH_FASTCALL,
     "token_set(text, tokens) -> frozenset[str]: frozenset(tokens(text)); see _token_stats"},
    {"stop_counts", (PyCFunction)(void (*)(void))stop_counts, METH_FASTCALL,
     "stop_counts(token_lists, stopwords[, table]) -> list[int]: per list, its tokens in the set"},
    {"word_table", (PyCFunction)(void (*)(void))word_table, METH_FASTCALL,
     "word_table(words[, numbers]) -> bytes: a table of the words (and each one's numbers) that "
     "stop_counts and language_hits read in place of a set or dict"},
    {"phrase_rows", (PyCFunction)(void (*)(void))phrase_rows, METH_FASTCALL,
     "phrase_rows(rows_of, tokens, exact, prefix, heads, keyless[, key_sieve, table, limit]) -> list[int]: "
     "see _phrase_rows.candidates"},
    {"pair_rows", (PyCFunction)(void (*)(void))pair_rows, METH_FASTCALL,
     "pair_rows(tokens, limit, first, second, rows_of) -> (list[int], list[int]): see "
     "_phrase_rows.pair_rows"},
    {"sieve_passes", (PyCFunction)(void (*)(void))sieve_passes, METH_FASTCALL,
     "sieve_passes(sieve, text) -> bool: see _phrase_sieve.passes"},
    {"may_match", (PyCFunction)(void (*)(void))facts_may_match, METH_FASTCALL,
     "may_match(facts, text, held, lowered) -> bool: see _match_facts.may_match"},
    {"phrase_candidates", (PyCFunction)(void (*)(void))phrase_candidates, METH_FASTCALL,
     "phrase_candidates(texts, token_lists, limits, anywhere, whole, stripped) -> list: see "
     "_phrase_live.phrase_candidates"},
    {"language_stops", (PyCFunction)(void (*)(void))language_stops, METH_FASTCALL,
     "language_stops(token_lists, counts, limit, n, table, mine, bonus) -> (int, list[int]) or None: "
     "see _language.detect_with_stops"},
    {"has_ascii_digit", (PyCFunction)(void (*)(void))has_ascii_digit, METH_FASTCALL,
     "has_ascii_digit(text[, count[, runs]]) -> bool: whether it holds one of 0-9 (count of them, 1 by "
     "default; in runs runs of them)"},
    {"lower", lower, METH_O, "lower(text) -> str: text.lower(), in C for Latin-1 characters and separators"},
    {"copy_key", copy_key, METH_O, "copy_key(text) -> str: see _copied_boxes.copy_key"},
    {"copy_hash", copy_hash, METH_O, "copy_hash(text) -> int: see _copied_boxes.copy_hash"},
    {"name_words", (PyCFunction)(void (*)(void))name_words, METH_FASTCALL,
     "name_words(raw[, sieve, other]) -> (name, words) or None: see _rules.normalise_name and "
     "_name_sieve.spaced_words and sifted_words"},
    {"name_bits", (PyCFunction)(void (*)(void))name_bits, METH_FASTCALL,
     "name_bits(raw, tables[, decision]) -> (name, bits, plain), int or None: see "
     "_name_verdicts.NameVerdicts.of"},
    {"card_tree", card_tree, METH_O,
     "card_tree(locators) -> (parents, tags, ends, cards) or None: see _card_slots.card_tree"},
    {"slot_numbers", (PyCFunction)(void (*)(void))slot_numbers, METH_FASTCALL,
     "slot_numbers(locators, tree) -> (numbers, count) or None: see _card_slots.slot_numbers"},
    {"locator_marks", (PyCFunction)(void (*)(void))locator_marks, METH_FASTCALL,
     "locator_marks(locators, labels, content) -> bytes or None: see _page_frame.locator_marks"},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED}, /* no C state: constant tables and the arguments */
#endif
    {0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT,
    .m_name = "boilerstrip._ctokens",
    .m_doc = "The features stage's token loop in C (the compiled build).",
    .m_size = 0,
    .m_methods = methods,
    .m_slots = slots,
};

PyMODINIT_FUNC PyInit__ctokens(void) { return PyModuleDef_Init(&definition); }
