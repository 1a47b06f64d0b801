/* The class/id names' bits and verdicts in C: name_bits, a function of the _ctokens extension
 * (_ctokens.c lists it), over the normalising pass of _ctokens_names.c (_ctokens_names.h).
 * Hidden, as _cscan's shared functions are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "_ctokens_names.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

int word_table_value(PyObject *object, const unsigned char *key, Py_ssize_t size,
                     unsigned long long *value); /* in _ctokens_words.c */

/* The longest key of the tables' word table, with its tag (a longer word is none). */
#define NAME_KEY_BYTES 63

/* The value ``dict`` maps the str ``data[:size]`` to, an int of at most 64 bits, or 0 when it
 * holds no such key; -1 on an error (with ``*failed`` set). ``key``: that str when the caller
 * has it (NULL: made here). With ``table`` (the tables' word table, _Tables.c_keys' last: each
 * dict's keys tagged by a letter, ``tag`` this dict's), the value is found there: no str is
 * made or hashed. ``*found``, when not NULL: whether it holds the key. */
static unsigned long long bits_of(PyObject *dict, PyObject *table, char tag, PyObject *key, const Py_UCS1 *data,
                                  Py_ssize_t size, int *failed, int *found) {
    if (table != NULL) {
        unsigned char tagged[NAME_KEY_BYTES + 1];
        unsigned long long value = 0;
        if (found != NULL) *found = 0;
        if (size > NAME_KEY_BYTES - 1) return 0;
        tagged[0] = (unsigned char)tag;
        memcpy(tagged + 1, data, (size_t)size);
        const int held = word_table_value(table, tagged, size + 1, &value);
        if (held < 0) *failed = 1;
        if (found != NULL) *found = held > 0;
        return held > 0 ? value : 0;
    }
    PyObject *made = NULL;
    if (key == NULL && (key = made = ascii_str(data, size)) == NULL) {
        *failed = 1;
        return 0;
    }
    PyObject *value = PyDict_GetItemWithError(dict, key);
    Py_XDECREF(made);
    if (found != NULL) *found = value != NULL;
    if (value == NULL) {
        if (PyErr_Occurred()) *failed = 1;
        return 0;
    }
    const unsigned long long bits = PyLong_AsUnsignedLongLong(value);
    if (bits == (unsigned long long)-1 && PyErr_Occurred()) *failed = 1;
    return bits;
}

/* _name_verdicts.spaced_bits, less the tables' ``always`` bits, of the words of the normalised
 * name ``spaced[:k]``: its runs of \w ([a-z0-9] here), a spelling of several words read across
 * runs one space apart, the words the sieve rules out read as _OTHER_WORD is there (no bits; a
 * spelling of several words holds none). On a name of letters, digits and spaces (``plain``)
 * these are spaced_words' words; on any other they are what a rule ``\b(?:a|b|...)\b`` of
 * spellings in words matches too (a match starts and ends at a run's ends, and only single
 * spaces part its words), so that they decide its rules as they do a plain name's.
 * ``keys``: (words, prefix, stems, phrases) of the tables. */
static int spaced_bits_c(const Py_UCS1 *spaced, Py_ssize_t k, const Sieve *sieve, PyObject *const *keys,
                         PyObject *table, Py_ssize_t prefix_size, unsigned long long opens, unsigned long long *bits) {
    PyObject *known = keys[0], *starts = keys[1], *stems = keys[2], *phrases = keys[3];
    int failed = 0;
    for (Py_ssize_t start = 0; start < k;) {
        if (!lower_alnum(spaced[start])) { /* a space, or another character of no word */
            start++;
            continue;
        }
        Py_ssize_t end = start;
        while (end < k && lower_alnum(spaced[end])) end++;
        const Py_ssize_t size = end - start;
        const Py_UCS1 *word = spaced + start;
        if (!sifted(sieve, word, size)) {
            start = end;
            continue;
        }
        PyObject *text = table == NULL ? ascii_str(word, size) : NULL; /* made for the dict only */
        if (table == NULL && text == NULL) return -1;
        const unsigned long long entry = bits_of(known, table, 'w', text, word, size, &failed, NULL);
        if (entry) {
            *bits |= entry;
            /* consecutive words: the buffer's slice from this word to the end of each next one */
            for (Py_ssize_t after = end; !failed && (entry & opens) && after + 1 < k;) {
                if (spaced[after] != ' ' || !lower_alnum(spaced[after + 1]))
                    break; /* no word one space after: two spaces, or another character */
                Py_ssize_t next = after + 1;
                while (next < k && lower_alnum(spaced[next])) next++;
                if (!sifted(sieve, spaced + after + 1, next - after - 1))
                    break; /* a word no spelling holds */
                const unsigned long long found = bits_of(phrases, table, 'p', NULL, word, next - start, &failed, NULL);
                *bits |= found;
                if (!(found & opens)) break;
                after = next;
            }
        }
        if (!failed && size >= prefix_size) {
            const unsigned long long found = bits_of(starts, table, 's', NULL, word, prefix_size, &failed, NULL);
            if (found && !failed) {
                *bits |= found;
                PyObject *stem_key = ascii_str(word, prefix_size);
                PyObject *found_stems = stem_key ? PyDict_GetItemWithError(stems, stem_key) : NULL;
                Py_XDECREF(stem_key);
                if (stem_key == NULL || (found_stems == NULL && PyErr_Occurred())) {
                    failed = 1;
                } else if (found_stems != NULL && PyTuple_Check(found_stems)) {
                    for (Py_ssize_t i = 0; !failed && i < PyTuple_GET_SIZE(found_stems); i++) {
                        PyObject *pair = PyTuple_GET_ITEM(found_stems, i);
                        PyObject *stem = PyTuple_Check(pair) && PyTuple_GET_SIZE(pair) == 2
                                             ? PyTuple_GET_ITEM(pair, 0) : NULL;
                        if (stem == NULL || !PyUnicode_Check(stem)) {
                            PyErr_SetString(PyExc_TypeError, "name_bits(): a stem is a (str, int) pair");
                            failed = 1;
                            break;
                        }
                        const Py_ssize_t length = PyUnicode_GET_LENGTH(stem);
                        if (PyUnicode_IS_ASCII(stem) && length <= size &&
                            memcmp(PyUnicode_1BYTE_DATA(stem), word, (size_t)length) == 0) {
                            const unsigned long long alone = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(pair, 1));
                            if (alone == (unsigned long long)-1 && PyErr_Occurred()) failed = 1;
                            else *bits |= alone;
                        }
                    }
                }
            }
        }
        Py_XDECREF(text);
        if (failed) return -1;
        start = end;
    }
    *bits &= ~opens;
    return 0;
}

/* _name_verdicts.found_bits, less the ``always`` bits, of a normalised ASCII name whose words
 * are not all letters and digits: its key words' bits, the key pattern's matches being the
 * runs of \w ([a-z0-9] here) that are a key word or start with a key prefix (a match starts
 * and ends at a word boundary, so it is a whole run). A run the sieve rules out is neither. */
static int found_bits_c(const Py_UCS1 *spaced, Py_ssize_t k, const Sieve *sieve, PyObject *const *keys,
                        PyObject *exact, PyObject *table, Py_ssize_t prefix_size, unsigned long long opens,
                        unsigned long long *bits) {
    PyObject *known = keys[0], *starts = keys[1];
    int failed = 0;
    for (Py_ssize_t i = 0; i < k;) {
        if (!lower_alnum(spaced[i])) {
            i++;
            continue;
        }
        const Py_ssize_t start = i;
        while (i < k && lower_alnum(spaced[i])) i++;
        const Py_UCS1 *word = spaced + start;
        const Py_ssize_t size = i - start;
        if (!sifted(sieve, word, size)) continue;
        PyObject *text = table == NULL ? ascii_str(word, size) : NULL; /* made for the dicts only */
        if (table == NULL && text == NULL) return -1;
        int whole = 0;
        if (table == NULL) {
            whole = PyDict_Contains(exact, text);
        } else {
            bits_of(exact, table, 'e', NULL, word, size, &failed, &whole);
        }
        const unsigned long long found =
            size >= prefix_size ? bits_of(starts, table, 's', NULL, word, prefix_size, &failed, NULL) : 0;
        if (whole < 0) failed = 1;
        if (!failed && (whole || found)) *bits |= bits_of(known, table, 'w', text, word, size, &failed, NULL) | found;
        Py_XDECREF(text);
        if (failed) return -1;
    }
    *bits &= ~opens;
    return 0;
}

/* Whether the run of \w of ``size`` characters at ``word`` is one of ``words`` (ASCII str; one
 * ending in "*" a stem: a run that starts with it), -1 on an error. */
static int run_is(const Py_UCS1 *word, Py_ssize_t size, PyObject *words) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(words); i++) {
        PyObject *item = PyTuple_GET_ITEM(words, i);
        if (!PyUnicode_Check(item) || !PyUnicode_IS_ASCII(item) || PyUnicode_GET_LENGTH(item) == 0) {
            PyErr_SetString(PyExc_TypeError, "name_bits(): the overlay's words are ASCII str");
            return -1;
        }
        const Py_UCS1 *text = PyUnicode_1BYTE_DATA(item);
        Py_ssize_t length = PyUnicode_GET_LENGTH(item);
        const int stem = text[length - 1] == '*';
        length -= stem;
        if ((stem ? size >= length : size == length) && memcmp(word, text, (size_t)length) == 0) return 1;
    }
    return 0;
}

/* The run of \w that starts at ``spaced[at]`` (its end), or ``at`` where none does. */
static Py_ssize_t run_end(const Py_UCS1 *spaced, Py_ssize_t k, Py_ssize_t at) {
    while (at < k && lower_alnum(spaced[at])) at++;
    return at;
}

/* _rules.OVERLAY_NAME_RULE's search on the normalised name ``spaced[:k]`` (1, 0, -1 on an
 * error): a run of \w that is one of ``names`` (_OVERLAY_NAMES' spellings), not followed by a
 * space, maybe a run and a space, and a run that is one of ``states`` (its lookahead: "modal
 * open", "consent banner shown"). ``\w+ `` matches a whole run (a space follows it), and a state
 * word then ``\b`` a whole run. */
static int names_overlay_c(const Py_UCS1 *spaced, Py_ssize_t k, PyObject *names, PyObject *states) {
    for (Py_ssize_t start = 0; start < k;) {
        const Py_ssize_t end = run_end(spaced, k, start);
        if (end == start) {
            start++;
            continue;
        }
        int found = run_is(spaced + start, end - start, names);
        if (found > 0 && end + 1 < k && spaced[end] == ' ' && lower_alnum(spaced[end + 1])) {
            const Py_ssize_t next = run_end(spaced, k, end + 1);
            int state = run_is(spaced + end + 1, next - end - 1, states);
            if (state == 0 && next + 1 < k && spaced[next] == ' ' && lower_alnum(spaced[next + 1]))
                state = run_is(spaced + next + 1, run_end(spaced, k, next + 1) - next - 1, states);
            found = state < 0 ? -1 : !state;
        }
        if (found != 0) return found;
        start = end;
    }
    return 0;
}

/* _name_verdicts._decided_by_bits where the name's ``bits`` (its ``always`` bits added) decide
 * its verdict without a search: 0 for nothing, 1 for content, 2 + a row's index for that row's
 * kind, each plus ``rows`` + 2 where the name names an overlay (names_overlay_c with ``overlay``,
 * (names, states), where the overlay rule's key bit is set); -1 where a rule must be searched
 * on the name (a row or the content rule its words do not decide but ``searched`` holds, or
 * the overlay rule without ``overlay``), -2 on an error. ``rows``: the rows' count (the content
 * rule's bit is the next, the overlay's the one after); ``alone``: where the bits of the rules
 * the words match begin. */
static long long decided_code(unsigned long long bits, unsigned long long searched, int rows, int alone,
                              const Py_UCS1 *spaced, Py_ssize_t k, PyObject *const *overlay) {
    if (bits == 0) return 0;
    const unsigned long long content = 1ULL << rows, overlay_bit = 1ULL << (rows + 1);
    long long code = 0;
    for (int index = 0; index < rows && code == 0; index++) {
        if (!((bits >> index) & 1)) continue;
        if ((bits >> (index + alone)) & 1) code = 2 + index;
        else if ((searched >> index) & 1) return -1;
    }
    if (code == 0 && (bits & content)) {
        if ((bits >> alone) & content) code = 1;
        else if (searched & content) return -1;
    }
    if (bits & overlay_bit) {
        if (overlay == NULL) return -1;
        const int named = names_overlay_c(spaced, k, overlay[0], overlay[1]);
        if (named < 0) return -2;
        if (named) code += rows + 2;
    }
    return code;
}

/* name_bits(raw, tables[, decision]) -> (name, bits, plain) or None: normalise_name(raw) of an ASCII name
 * and, where its words are letters and digits (``plain``: spaced_words is not None),
 * _name_verdicts.spaced_bits of its words, read without making them, else found_bits of it;
 * None for a name name_words leaves to Python. ``tables``: (sieve, words, prefix, stems,
 * phrases, the bit of _OPENS, key prefix length, the key words[, their word table or None]) of
 * _name_verdicts._Tables (with the word table, the dicts' values are read there: no str is made
 * for a word, and none is hashed); the bits of the rules searched on every name (``always``)
 * are the caller's to add. With
 * ``decision`` (always, the rules searched on a name of letters and digits, the rows' count,
 * _ALONE[, the overlay rule's names and states or None]: _Tables.decision), the int of
 * decided_code where that decides the verdict (all names but those of rules the tables cannot
 * spell in words: no str is made for the name, and no tuple). */
PyObject *name_bits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *tables = nargs == 2 || nargs == 3 ? args[1] : NULL;
    PyObject *decision = nargs == 3 ? args[2] : NULL;
    if (tables == NULL || !PyUnicode_Check(args[0]) || !PyTuple_CheckExact(tables) ||
        (PyTuple_GET_SIZE(tables) != 8 && PyTuple_GET_SIZE(tables) != 9) ||
        !PyBytes_CheckExact(PyTuple_GET_ITEM(tables, 0)) ||
        (decision != NULL && (!PyTuple_CheckExact(decision) ||
                              (PyTuple_GET_SIZE(decision) != 4 && PyTuple_GET_SIZE(decision) != 6)))) {
        PyErr_SetString(PyExc_TypeError, "name_bits() takes a str, a tuple of the tables and a tuple of four ints "
                                         "and maybe the overlay's words (see _name_verdicts)");
        return NULL;
    }
    /* The overlay rule's (names, states), where the decision gives them (else None). */
    PyObject *const *overlay = NULL;
    if (decision != NULL && PyTuple_GET_SIZE(decision) == 6 && PyTuple_GET_ITEM(decision, 4) != Py_None) {
        overlay = &PyTuple_GET_ITEM(decision, 4);
        if (!PyTuple_CheckExact(overlay[0]) || !PyTuple_CheckExact(overlay[1])) {
            PyErr_SetString(PyExc_TypeError, "name_bits(): the overlay's names and states are tuples");
            return NULL;
        }
    }
    unsigned long long always = 0, searched = 0;
    Py_ssize_t rows = 0, alone = 0;
    if (decision != NULL) {
        always = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(decision, 0));
        if (!PyErr_Occurred()) searched = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(decision, 1));
        if (!PyErr_Occurred()) rows = PyLong_AsSsize_t(PyTuple_GET_ITEM(decision, 2));
        if (!PyErr_Occurred()) alone = PyLong_AsSsize_t(PyTuple_GET_ITEM(decision, 3));
        if (PyErr_Occurred()) return NULL;
        if (rows < 0 || alone < rows + 2 || alone + rows + 1 > 63) {
            PyErr_SetString(PyExc_ValueError, "name_bits(): the rules' bits and theirs alone fit in 64");
            return NULL;
        }
    }
    PyObject *const *keys = &PyTuple_GET_ITEM(tables, 1);
    PyObject *exact = PyTuple_GET_ITEM(tables, 7);
    /* The word table of the four dicts (_name_sieve.name_table), where there is one. */
    PyObject *table = PyTuple_GET_SIZE(tables) == 9 ? PyTuple_GET_ITEM(tables, 8) : Py_None;
    if (table == Py_None) table = NULL;
    for (int i = 0; i < 5; i++) {
        if (!PyDict_CheckExact(i < 4 ? keys[i] : exact)) {
            PyErr_SetString(PyExc_TypeError, "name_bits(): the tables' words, prefix, stems, phrases and keys are dicts");
            return NULL;
        }
    }
    PyObject *sieve_bytes = PyTuple_GET_ITEM(tables, 0);
    const Sieve sieve = {(const unsigned char *)PyBytes_AS_STRING(sieve_bytes), PyBytes_GET_SIZE(sieve_bytes),
                         Py_None};
    const Py_ssize_t opens_bit = PyLong_AsSsize_t(PyTuple_GET_ITEM(tables, 5));
    const Py_ssize_t prefix_size = PyLong_AsSsize_t(PyTuple_GET_ITEM(tables, 6));
    if (PyErr_Occurred()) return NULL;
    if (sieve.size == 0 || (sieve.size & (sieve.size - 1)) != 0 || prefix_size < 1 || prefix_size > 15 ||
        opens_bit < 0 || opens_bit > 62) {
        PyErr_SetString(PyExc_ValueError,
                        "name_bits(): a sieve of a power of two bytes, a bit of 0 to 62, a prefix of 1 to 15");
        return NULL;
    }
    PyObject *raw = args[0];
    if (!PyUnicode_IS_ASCII(raw)) Py_RETURN_NONE;
    const Py_UCS1 *p = PyUnicode_1BYTE_DATA(raw);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(raw);
    Py_UCS1 local[256];
    Py_UCS1 *spaced = 2 * n + 1 <= (Py_ssize_t)sizeof local ? local : PyMem_Malloc(2 * (size_t)n + 1);
    if (spaced == NULL) return PyErr_NoMemory();
    PyObject *out = NULL, *name = NULL, *bits = NULL;
    const unsigned long long opens = 1ULL << opens_bit;
    int plain;
    Py_ssize_t spaces;
    const Py_ssize_t k = ascii_normalised(p, n, spaced, &plain, &spaces);
    if (k < 0) {
        out = Py_NewRef(Py_None);
        goto done;
    }
    unsigned long long found = 0;
    /* With the decision, any name's runs are read as a plain name's words are (see
     * spaced_bits_c): they decide the same rules. */
    if ((plain || decision != NULL) && spaced_bits_c(spaced, k, &sieve, keys, table, prefix_size, opens, &found))
        goto done;
    if (decision != NULL) {
        const long long code = decided_code(found | always, searched, (int)rows, (int)alone, spaced, k, overlay);
        if (code == -2) goto done;
        if (code >= 0) {
            out = PyLong_FromLongLong(code);
            goto done;
        }
    }
    if (!plain) { /* left to Python's search: found_bits, as without the decision */
        found = 0;
        if (found_bits_c(spaced, k, &sieve, keys, exact, table, prefix_size, opens, &found)) goto done;
    }
    if ((bits = PyLong_FromUnsignedLongLong(found)) == NULL) goto done;
    if ((name = ascii_str(spaced, k)) == NULL) goto done;
    out = PyTuple_Pack(3, name, bits, plain ? Py_True : Py_False);
done:
    if (spaced != local) PyMem_Free(spaced);
    Py_XDECREF(name);
    Py_XDECREF(bits);
    return out;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
