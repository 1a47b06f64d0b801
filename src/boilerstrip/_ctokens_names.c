/* The class/id names' words and bits in C: the functions of the _ctokens extension (_ctokens.c,
 * which lists them) that read names, not tokens. Hidden, as _cscan's shared functions are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* ASCII characters that re's \w matches (letters, digits, "_"). */
static inline int name_word_char(Py_UCS1 c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '_';
}

static inline int name_separator(Py_UCS1 c) {
    return c == '-' || c == '_' || c == ':' || c == '.' || c == '/';
}

/* Whether ``left`` characters from ``s`` start with the ``size`` characters of ``literal``
 * (a constant size: the compiler compares in place, with no call). */
static inline int name_starts(const Py_UCS1 *s, Py_ssize_t left, const char *literal, Py_ssize_t size) {
    return left >= size && memcmp(s, literal, (size_t)size) == 0;
}

/* The length of _STATE_FLAGS_RULE's word and space that start at ``s`` (``left`` characters
 * from it), else 0 ("with " and "without " cannot both match). */
static inline Py_ssize_t state_word(const Py_UCS1 *s, Py_ssize_t left) {
    switch (s[0]) {
    case 'h': return name_starts(s, left, "has ", 4) ? 4 : name_starts(s, left, "hide ", 5) ? 5 : 0;
    case 'n': return name_starts(s, left, "no ", 3) ? 3 : 0;
    case 'w': return name_starts(s, left, "with ", 5) ? 5 : name_starts(s, left, "without ", 8) ? 8 : 0;
    case 's': return name_starts(s, left, "show ", 5) ? 5 : 0;
    case 'i': return name_starts(s, left, "is ", 3) ? 3 : 0;
    case 't': return name_starts(s, left, "toggle ", 7) ? 7 : 0;
    default: return 0;
    }
}

/* The sieve of _name_verdicts (its _Tables.sieve, the reference): a bit per
 * _name_verdicts.sieve_slot of a word; a word whose bit is 0 can neither be nor start a key
 * word, a stem or a spelling, and is given as ``other`` (one shared str) instead of its own
 * str. No sieve (``other`` NULL): every word is its own str. */
typedef struct {
    const unsigned char *bits;
    Py_ssize_t size; /* bytes: a power of two */
    PyObject *other;
} Sieve;

/* _name_verdicts.sieve_slot: the word's first five characters (_KEY_PREFIX) and its length
 * (at most 15, _MAX_LENGTH), in unsigned arithmetic (the same slot: the size is a power of 2). */
static inline int sifted(const Sieve *sieve, const Py_UCS1 *word, Py_ssize_t length) {
    if (sieve->other == NULL || length == 0) return 1; /* "" (two spaces) stays itself */
    size_t slot = 0;
    for (Py_ssize_t i = 0; i < length && i < 5; i++) slot = slot * 31 + word[i];
    slot = (slot * 31 + (size_t)(length < 15 ? length : 15)) & ((size_t)sieve->size * 8 - 1);
    return (sieve->bits[slot >> 3] >> (slot & 7)) & 1;
}

/* [a-z0-9]: after the first pass below, the only characters of \w left in a name. */
static inline int lower_alnum(Py_UCS1 c) {
    return (unsigned)(c - 'a') < 26u || (unsigned)(c - '0') < 10u;
}

/* Whether _STATE_FLAGS_RULE matches at ``s`` (a word start, ``left`` characters from it). */
static inline int state_flag_at(const Py_UCS1 *s, Py_ssize_t left) {
    const Py_ssize_t size = state_word(s, left);
    return size && size < left && name_word_char(s[size]);
}

/* Whether the "widget" at ``w`` in the name ``p`` of ``n`` characters may be part of a match of
 * _rules._BUILDER_WIDGETS: every match holds "elementor-widget", "hs_cos_wrapper_widget",
 * "ck-widget", "so-widget-", "siteorigin-widget-", "widget-span" or "widget-type-" (the
 * regex is case-sensitive, as this is). A name with none is left as the regex leaves it
 * (most "widget" names: "widget", "widget_title"), and is read here. */
static int builder_widget_at(const Py_UCS1 *p, Py_ssize_t n, Py_ssize_t w) {
#define NAME_ENDS(lit) (w >= (Py_ssize_t)sizeof(lit) - 1 && memcmp(p + w - (sizeof(lit) - 1), lit, sizeof(lit) - 1) == 0)
#define NAME_FOLLOWS(lit) (n - w - 6 >= (Py_ssize_t)sizeof(lit) - 1 && memcmp(p + w + 6, lit, sizeof(lit) - 1) == 0)
    return NAME_ENDS("elementor-") || NAME_ENDS("hs_cos_wrapper_") || NAME_ENDS("ck-") ||
           ((NAME_ENDS("so-") || NAME_ENDS("siteorigin-")) && NAME_FOLLOWS("-")) || NAME_FOLLOWS("-span") ||
           NAME_FOLLOWS("-type-");
#undef NAME_ENDS
#undef NAME_FOLLOWS
}

/* normalise_name of an ASCII name ``p`` of ``n`` characters, written to ``spaced`` (room for
 * 2n + 1): _CAMEL's split (a space before an upper-case letter after [a-z0-9]), each run of
 * _SEPARATORS one space, lowered, in one pass; then _STATE_FLAGS_RULE's matches (at a word
 * start: a state word, a space, a run of \w) made one space each, as re.sub does (left to
 * right, each search from the last match's end). Its length, or -1 for a name left to Python
 * (one holding "tag-", "category-" or a page builder's "widget" prefix: builder_widget_at); ``*plain``: whether its words are each
 * letters and digits (spaced_words is not None), ``*spaces`` the spaces it holds. */
static Py_ssize_t ascii_normalised(const Py_UCS1 *p, Py_ssize_t n, Py_UCS1 *spaced, int *plain,
                                   Py_ssize_t *spaces) {
    Py_ssize_t m = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Py_UCS1 c = p[i];
        if (lower_alnum(c)) { /* most characters: tested first */
            /* a page builder's "widget" prefix (see above), tested where "widget" ends */
            if (c == 't' && i >= 5 && memcmp(p + i - 5, "widge", 5) == 0 && builder_widget_at(p, n, i - 5)) return -1;
            spaced[m++] = c;
        } else if (name_separator(c)) {
            /* "tag-" and "category-" (see above), tested where they end */
            if (c == '-' && ((i >= 3 && memcmp(p + i - 3, "tag", 3) == 0) ||
                             (i >= 8 && memcmp(p + i - 8, "category", 8) == 0)))
                return -1;
            if (i == 0 || !name_separator(p[i - 1])) spaced[m++] = ' ';
        } else if (c >= 'A' && c <= 'Z') {
            const Py_UCS1 b = i ? p[i - 1] : 0;
            if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) spaced[m++] = ' ';
            spaced[m++] = (Py_UCS1)(c + 0x20);
        } else {
            spaced[m++] = c;
        }
    }
    /* The state flags: found reading the words' starts (in this buffer \w is [a-z0-9]), with
     * the plain test and the spaces counted on the way; the buffer is rewritten only from the
     * first match (19 names in 20 have none). */
    int is_plain = 1, word = 0;
    Py_ssize_t count = 0, first = m;
    for (Py_ssize_t i = 0; i < m; i++) {
        const Py_UCS1 c = spaced[i];
        if (c == ' ') {
            count++;
            word = 0;
            continue;
        }
        const int alnum = lower_alnum(c);
        if (!word && alnum && state_flag_at(spaced + i, m - i)) {
            first = i;
            break;
        }
        is_plain &= alnum;
        word = alnum;
    }
    Py_ssize_t k = first;
    if (first < m) {
        /* Written over the same buffer (the output never passes the input). */
        for (Py_ssize_t i = first; i < m;) {
            const Py_UCS1 c = spaced[i];
            Py_ssize_t end = -1;
            if (i == 0 || !name_word_char(spaced[i - 1])) {
                const Py_ssize_t size = state_word(spaced + i, m - i);
                if (size && i + size < m && name_word_char(spaced[i + size])) {
                    end = i + size + 1;
                    while (end < m && name_word_char(spaced[end])) end++;
                }
            }
            if (end < 0) {
                spaced[k++] = c;
                i++;
            } else {
                spaced[k++] = ' ';
                i = end;
            }
        }
        is_plain = 1;
        count = 0;
        for (Py_ssize_t i = 0; i < k; i++) {
            if (spaced[i] == ' ')
                count++;
            else
                is_plain &= lower_alnum(spaced[i]);
        }
    }
    *plain = is_plain;
    *spaces = count;
    return k;
}

static PyObject *ascii_str(const Py_UCS1 *data, Py_ssize_t size) {
    PyObject *out = PyUnicode_New(size, 0x7F);
    if (out != NULL) memcpy(PyUnicode_1BYTE_DATA(out), data, (size_t)size);
    return out;
}

/* name_words(raw[, sieve, other]): (normalise_name(raw), sifted_words of spaced_words of it)
 * of an ASCII name, else None (see ascii_normalised). */
PyObject *name_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *raw = nargs >= 1 ? args[0] : NULL, *other = nargs == 3 ? args[2] : NULL;
    if ((nargs != 1 && nargs != 3) || !PyUnicode_Check(raw) ||
        (other != NULL && (!PyBytes_CheckExact(args[1]) || !PyUnicode_CheckExact(other)))) {
        PyErr_SetString(PyExc_TypeError, "name_words() takes a str, or a str, a sieve (bytes) and a str");
        return NULL;
    }
    const Sieve sieve = {other ? (const unsigned char *)PyBytes_AS_STRING(args[1]) : NULL,
                         other ? PyBytes_GET_SIZE(args[1]) : 0, other};
    if (other != NULL && (sieve.size == 0 || (sieve.size & (sieve.size - 1)) != 0)) {
        PyErr_SetString(PyExc_ValueError, "name_words(): the sieve's size is a power of two");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(raw)) Py_RETURN_NONE;
    const Py_UCS1 *p = PyUnicode_1BYTE_DATA(raw);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(raw);
    Py_UCS1 local[256]; /* most names: no allocation */
    Py_UCS1 *spaced = 2 * n + 1 <= (Py_ssize_t)sizeof local ? local : PyMem_Malloc(2 * (size_t)n + 1);
    if (spaced == NULL) return PyErr_NoMemory();
    int plain;
    Py_ssize_t spaces;
    const Py_ssize_t k = ascii_normalised(p, n, spaced, &plain, &spaces);
    if (k < 0) {
        if (spaced != local) PyMem_Free(spaced);
        Py_RETURN_NONE;
    }
    /* Its words when each is letters and digits (the others are read by Python's search). */
    PyObject *name = ascii_str(spaced, k);
    PyObject *words = NULL;
    if (name == NULL) goto error;
    if (!plain) {
        words = Py_NewRef(Py_None);
    } else if (spaces == 0) {
        words = PyList_New(1);
        if (words == NULL) goto error;
        PyList_SET_ITEM(words, 0, Py_NewRef(sifted(&sieve, spaced, k) ? name : other));
    } else {
        words = PyList_New(spaces + 1);
        if (words == NULL) goto error;
        Py_ssize_t start = 0, index = 0;
        for (Py_ssize_t i = 0; i <= k; i++) {
            if (i < k && spaced[i] != ' ') continue;
            PyObject *word;
            if (sifted(&sieve, spaced + start, i - start)) {
                if ((word = ascii_str(spaced + start, i - start)) == NULL) goto error;
            } else {
                word = Py_NewRef(other);
            }
            PyList_SET_ITEM(words, index++, word);
            start = i + 1;
        }
    }
    if (spaced != local) PyMem_Free(spaced);
    PyObject *out = PyTuple_Pack(2, name, words);
    Py_DECREF(name);
    Py_DECREF(words);
    return out;
error:
    if (spaced != local) PyMem_Free(spaced);
    Py_XDECREF(name);
    Py_XDECREF(words);
    return NULL;
}

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

/* _name_verdicts.spaced_bits, less the tables' ``always`` bits, of the words of the normalised name ``spaced[:k]`` (one space
 * apart, each letters and digits; "" where spaces meet), with the words the sieve rules out
 * read as _OTHER_WORD is there (no bits; a spelling of several words holds none). ``keys``:
 * (words, prefix, stems, phrases) of the tables. */
static int spaced_bits_c(const Py_UCS1 *spaced, Py_ssize_t k, const Sieve *sieve, PyObject *const *keys,
                         PyObject *table, Py_ssize_t prefix_size, unsigned long long opens, unsigned long long *bits) {
    PyObject *known = keys[0], *starts = keys[1], *stems = keys[2], *phrases = keys[3];
    int failed = 0;
    for (Py_ssize_t start = 0; start <= k;) {
        Py_ssize_t end = start;
        while (end < k && spaced[end] != ' ') end++;
        const Py_ssize_t size = end - start;
        const Py_UCS1 *word = spaced + start;
        if (size == 0 || !sifted(sieve, word, size)) {
            start = end + 1;
            continue;
        }
        PyObject *text = table == NULL ? ascii_str(word, size) : NULL; /* made for the dict only */
        if (table == NULL && text == NULL) return -1;
        const unsigned long long entry = bits_of(known, table, 'w', text, word, size, &failed, NULL);
        if (entry) {
            *bits |= entry;
            /* consecutive words: the buffer's slice from this word to the end of each next one */
            for (Py_ssize_t after = end; !failed && (entry & opens) && after < k;) {
                Py_ssize_t next = after + 1;
                while (next < k && spaced[next] != ' ') next++;
                if (next == after + 1 || !sifted(sieve, spaced + after + 1, next - after - 1))
                    break; /* two spaces, or a word no spelling holds */
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
        start = end + 1;
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

/* _name_verdicts._decided_by_bits where the name's ``bits`` (its ``always`` bits added) decide
 * its verdict without a search: 0 for nothing, 1 for content, 2 + a row's index for that row's
 * kind; -1 where a rule must be searched on the name (a row or the content rule its words do
 * not decide but ``searched`` holds) or the overlay rule may match. ``rows``: the rows' count
 * (the content rule's bit is the next, the overlay's the one after); ``alone``: where the
 * bits of the rules the words match begin. */
static long long decided_code(unsigned long long bits, unsigned long long searched, int rows, int alone) {
    if (bits == 0) return 0;
    const unsigned long long content = 1ULL << rows, overlay = 1ULL << (rows + 1);
    for (int index = 0; index < rows; index++) {
        if (!((bits >> index) & 1)) continue;
        if ((bits >> (index + alone)) & 1) return bits & overlay ? -1 : 2 + index;
        if ((searched >> index) & 1) return -1;
    }
    if (bits & overlay) return -1;
    if (bits & content) {
        if ((bits >> alone) & content) return 1;
        if (searched & content) return -1;
    }
    return 0;
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
 * _ALONE: _Tables.decision), the int of decided_code where that decides the verdict (most
 * names: no str is made for the name, and no tuple). */
PyObject *name_bits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *tables = nargs == 2 || nargs == 3 ? args[1] : NULL;
    PyObject *decision = nargs == 3 ? args[2] : NULL;
    if (tables == NULL || !PyUnicode_Check(args[0]) || !PyTuple_CheckExact(tables) ||
        (PyTuple_GET_SIZE(tables) != 8 && PyTuple_GET_SIZE(tables) != 9) ||
        !PyBytes_CheckExact(PyTuple_GET_ITEM(tables, 0)) ||
        (decision != NULL && (!PyTuple_CheckExact(decision) || PyTuple_GET_SIZE(decision) != 4))) {
        PyErr_SetString(PyExc_TypeError,
                        "name_bits() takes a str, a tuple of the tables and a tuple of four ints (see _name_verdicts)");
        return NULL;
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
    /* The word table of the four dicts (_name_verdicts._name_table), where there is one. */
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
    if (plain ? spaced_bits_c(spaced, k, &sieve, keys, table, prefix_size, opens, &found)
              : found_bits_c(spaced, k, &sieve, keys, exact, table, prefix_size, opens, &found))
        goto done;
    if (decision != NULL) {
        const unsigned long long decided_rules = (1ULL << (rows + 1)) - 1; /* _DECIDED_RULES */
        const long long code = decided_code(found | always, plain ? searched : decided_rules, (int)rows, (int)alone);
        if (code >= 0) {
            out = PyLong_FromLongLong(code);
            goto done;
        }
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
