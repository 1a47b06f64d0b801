/* The class/id names' normalising and words in C: name_words, a function of the _ctokens
 * extension (_ctokens.c lists it), and the pass that name_bits (_ctokens_verdicts.c) shares
 * with it (_ctokens_names.h). Hidden, as _cscan's shared functions are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "_ctokens_names.h"

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

/* regex's \s on an ASCII character (tab to carriage return, space; not 0x1C-0x1F). */
static inline int regex_space(Py_UCS1 c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Where _rules._TAXONOMY's match that starts at ``i`` ends (the next \s or the end), or -1 where
 * none does: "tag-" or "category-" after \s or at the name's start, not followed by one of its
 * excluded words then \b ("tag-cloud", "category-list"), and then one \S at least. The caller
 * writes the one space that re.sub writes for it. (Its words: tests/test_cname_words.py checks
 * the pattern they are read from.) */
static Py_ssize_t taxonomy_end(const Py_UCS1 *p, Py_ssize_t n, Py_ssize_t i) {
    static const char *const excluded[] = {"cloud", "list", "links", "nav", "menu", "widget"};
    if (i > 0 && !regex_space(p[i - 1])) return -1;
    Py_ssize_t j = name_starts(p + i, n - i, "tag-", 4) ? i + 4 : name_starts(p + i, n - i, "category-", 9) ? i + 9 : -1;
    if (j < 0 || j == n || regex_space(p[j])) return -1;
    for (size_t w = 0; w < sizeof excluded / sizeof *excluded; w++) {
        const Py_ssize_t size = (Py_ssize_t)strlen(excluded[w]);
        if (name_starts(p + j, n - j, excluded[w], size) && (j + size == n || !name_word_char(p[j + size]))) return -1;
    }
    while (j < n && !regex_space(p[j])) j++;
    return j;
}

/* Whether the run of [a-z0-9] that ends at ``spaced[m]`` (where a space is written next) is one
 * of _STATE_FLAGS_RULE's words: without one before a space, the name holds no state flag. */
static inline int ends_state_word(const Py_UCS1 *spaced, Py_ssize_t m) {
    Py_ssize_t r = m;
    while (r > 0 && r > m - 8 && lower_alnum(spaced[r - 1])) r--;
    if (r > 0 && lower_alnum(spaced[r - 1])) return 0; /* longer than "without" */
    const Py_UCS1 *w = spaced + r;
    switch (m - r) {
    case 2: return memcmp(w, "no", 2) == 0 || memcmp(w, "is", 2) == 0;
    case 3: return memcmp(w, "has", 3) == 0;
    case 4: return memcmp(w, "with", 4) == 0 || memcmp(w, "show", 4) == 0 || memcmp(w, "hide", 4) == 0;
    case 6: return memcmp(w, "toggle", 6) == 0;
    case 7: return memcmp(w, "without", 7) == 0;
    default: return 0;
    }
}

/* normalise_name of an ASCII name ``p`` of ``n`` characters, written to ``spaced`` (room for
 * 2n + 1): _CAMEL's split (a space before an upper-case letter after [a-z0-9]), each run of
 * _SEPARATORS one space, lowered, in one pass; then _STATE_FLAGS_RULE's matches (at a word
 * start: a state word, a space, a run of \w) made one space each, as re.sub does (left to
 * right, each search from the last match's end); first, _rules._TAXONOMY's matches made one space
 * each (taxonomy_end). Its length, or -1 for a name left to Python (one holding a page
 * builder's "widget" prefix: builder_widget_at); ``*plain``: whether its words are each
 * letters and digits (spaced_words is not None), ``*spaces`` the spaces it holds. */
Py_ssize_t ascii_normalised(const Py_UCS1 *p, Py_ssize_t n, Py_UCS1 *spaced, int *plain,
                                   Py_ssize_t *spaces) {
    Py_ssize_t m = 0, i = 0, count = 0;
    /* Whether the name is plain so far, and whether a state word was met before a space (else
     * no state flag: the pass below is not needed). */
    int is_plain = 1, state = 0;
#define SPACE() (state |= ends_state_word(spaced, m), count++, spaced[m++] = ' ')
    /* A taxonomy class, one space: tried at the start and after each \s (below), not at each
     * character. */
    const Py_ssize_t start = n ? taxonomy_end(p, n, 0) : -1;
    if (start >= 0) {
        SPACE();
        i = start;
    }
    for (; i < n; i++) {
        const Py_UCS1 c = p[i];
        if (lower_alnum(c)) { /* most characters: tested first */
            /* a page builder's "widget" prefix (see above), tested where "widget" ends */
            if (c == 't' && i >= 5 && memcmp(p + i - 5, "widge", 5) == 0 && builder_widget_at(p, n, i - 5)) return -1;
            spaced[m++] = c;
        } else if (name_separator(c)) {
            if (i == 0 || !name_separator(p[i - 1])) SPACE();
        } else if (c >= 'A' && c <= 'Z') {
            const Py_UCS1 b = i ? p[i - 1] : 0;
            if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) SPACE();
            spaced[m++] = (Py_UCS1)(c + 0x20);
        } else {
            if (c == ' ') {
                SPACE();
            } else {
                spaced[m++] = c;
                is_plain = 0;
            }
            const Py_ssize_t end = regex_space(c) && i + 1 < n ? taxonomy_end(p, n, i + 1) : -1;
            if (end >= 0) {
                SPACE();
                i = end - 1;
            }
        }
    }
#undef SPACE
    if (!state) { /* most names */
        *plain = is_plain;
        *spaces = count;
        return m;
    }
    /* The state flags: found reading the words' starts (in this buffer \w is [a-z0-9]), with
     * the plain test and the spaces counted on the way; the buffer is rewritten only from the
     * first match (19 names in 20 have none). */
    int word = 0;
    Py_ssize_t first = m;
    is_plain = 1;
    count = 0;
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

PyObject *ascii_str(const Py_UCS1 *data, Py_ssize_t size) {
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

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
