/* A phrase sieve asked of a text in C, for the _ctokens extension (_ctokens.c lists it):
 * _phrase_sieve.passes, its reference (tests/test_ctokens_sieve.py checks that both give the
 * same). Hidden, as _cscan's shared functions are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* Whether the text (``n`` characters of ``kind`` at ``data``) starts with ``start``: its first
 * character compared before the rest (str.startswith's tail match cost about 50 instructions a
 * string). */
static int starts_with(int kind, const void *data, Py_ssize_t n, PyObject *start) {
    const Py_ssize_t m = PyUnicode_GET_LENGTH(start);
    if (m == 0) return 1;
    if (m > n) return 0;
    const int start_kind = PyUnicode_KIND(start);
    const void *start_data = PyUnicode_DATA(start);
    if (PyUnicode_READ(start_kind, start_data, 0) != PyUnicode_READ(kind, data, 0)) return 0;
    if (start_kind == kind) return memcmp(start_data, data, (size_t)(m * kind)) == 0;
    Py_ssize_t j = 1;
    while (j < m && PyUnicode_READ(start_kind, start_data, j) == PyUnicode_READ(kind, data, j)) j++;
    return j == m;
}

/* Whether the text (``n`` characters of ``kind`` at ``data``) holds ``string`` (``string in
 * text``). A string of a wider kind than the text's holds a character the text cannot (a str is
 * kept in the narrowest kind that holds its characters). In a one- or two-byte text each place
 * that holds the string's character at ``at`` is compared whole (the sieve's place of its least
 * common character, _phrase_sieve.rare_place, read when the sieve was made: where its first
 * character, "e" of "edit " or a space, is met in most texts many times, each meeting a call of
 * memchr and one of memcmp; any place gives the same answer), the places found by memchr
 * (in a two-byte text, of the character's low byte, each place then read as a character: where
 * PyUnicode_Contains made a copy of a one-byte string in two bytes, about 380 instructions a
 * search); a four-byte text is searched by PyUnicode_Contains (-1 with an exception set when it
 * fails). */
static int holds(PyObject *text, int kind, const void *data, Py_ssize_t n, PyObject *string, Py_ssize_t at) {
    const Py_ssize_t m = PyUnicode_GET_LENGTH(string);
    if (m == 0) return 1;
    const int string_kind = PyUnicode_KIND(string);
    if (m > n || string_kind > kind) return 0;
    if (kind == PyUnicode_4BYTE_KIND) return PyUnicode_Contains(text, string);
    const void *s = PyUnicode_DATA(string);
    if (at >= m) at = 0;
    const Py_UCS4 rare = PyUnicode_READ(string_kind, s, at);
    /* The character can lie from ``at`` to ``n - m + at``: a string that starts there ends in the text. */
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *h = data, *p = h + at, *end = h + n - m + at + 1, *str = s;
        const Py_UCS1 head = str[0], tail = str[m - 1];
        while (p < end && (p = memchr(p, (int)rare, (size_t)(end - p))) != NULL) {
            /* (its first and last characters compared before the call) */
            if (p[-at] == head && p[m - 1 - at] == tail && memcmp(p - at, s, (size_t)m) == 0) return 1;
            p++;
        }
        return 0;
    }
    const Py_UCS2 *h = data, one = 1;
    const size_t low = *(const unsigned char *)&one == 1 ? 0 : 1; /* the low byte's place in a unit */
    const unsigned char *bytes = data, *p = bytes + 2 * at + low, *end = bytes + 2 * (n - m + at + 1);
    while (p < end && (p = memchr(p, (int)(rare & 0xFF), (size_t)(end - p))) != NULL) {
        const size_t offset = (size_t)(p - bytes) - low;
        p++;
        if (offset % 2 != 0 || h[offset / 2] != rare) continue;
        const Py_ssize_t from = (Py_ssize_t)(offset / 2) - at;
        Py_ssize_t j = 0;
        while (j < m && h[from + j] == PyUnicode_READ(string_kind, s, j)) j++;
        if (j == m) return 1;
    }
    return 0;
}

/* Whether the text (``n`` characters of ``kind`` at ``data``; ``text`` its str, read only when it
 * is of four bytes: NULL for a buffer of one or two) starts with one of the sieve's ``starts`` or
 * holds one of its ``holds``: 1, 0, or -1 with an exception set (sieve_passes, below; also
 * _ctokens_phrase.c's page pass, on a block's lowered text in a buffer). */
int sieve_text(PyObject *sieve, PyObject *text, int kind, const void *data, Py_ssize_t n) {
    if (!PyTuple_Check(sieve) || PyTuple_GET_SIZE(sieve) < 4 || !PyTuple_CheckExact(PyTuple_GET_ITEM(sieve, 0)) ||
        !PyTuple_CheckExact(PyTuple_GET_ITEM(sieve, 1)) || !PyBytes_CheckExact(PyTuple_GET_ITEM(sieve, 3)) ||
        PyBytes_GET_SIZE(PyTuple_GET_ITEM(sieve, 3)) != 128 || (text == NULL && kind == PyUnicode_4BYTE_KIND)) {
        PyErr_SetString(PyExc_TypeError, "sieve_passes() takes a Sieve and a str");
        return -1;
    }
    PyObject *starts = PyTuple_GET_ITEM(sieve, 0), *strings = PyTuple_GET_ITEM(sieve, 1);
    const unsigned char *first = (const unsigned char *)PyBytes_AS_STRING(PyTuple_GET_ITEM(sieve, 3));
    const Py_ssize_t count = PyTuple_GET_SIZE(starts);
    PyObject *places = PyTuple_GET_SIZE(sieve) > 4 ? PyTuple_GET_ITEM(sieve, 4) : NULL;
    const unsigned char *place = places != NULL && PyBytes_CheckExact(places) &&
                                         PyBytes_GET_SIZE(places) == PyTuple_GET_SIZE(strings)
                                     ? (const unsigned char *)PyBytes_AS_STRING(places)
                                     : NULL;
    /* (a text whose first character is ASCII and 0 in ``first`` starts with none of them) */
    const int ask = n == 0 || PyUnicode_READ(kind, data, 0) >= 128 || first[PyUnicode_READ(kind, data, 0)];
    for (Py_ssize_t i = ask ? 0 : count; i < count + PyTuple_GET_SIZE(strings); i++) {
        PyObject *string = i < count ? PyTuple_GET_ITEM(starts, i) : PyTuple_GET_ITEM(strings, i - count);
        if (!PyUnicode_Check(string)) {
            PyErr_SetString(PyExc_TypeError, "sieve_passes(): a sieve's strings are str");
            return -1;
        }
        const int found = i < count ? starts_with(kind, data, n, string)
                                    : holds(text, kind, data, n, string, place != NULL ? place[i - count] : 0);
        if (found != 0) return found < 0 ? -1 : 1;
    }
    return 0;
}

/* sieve_passes(sieve, text) -> bool: whether ``text`` starts with one of the sieve's
 * ``starts`` or holds one of its ``holds`` (_phrase_sieve.passes: a Sieve, whose fields 0, 1,
 * 3 and 4 are read: the starts and the holds, tuples of str, ``first``, 128 bytes, and
 * ``places``, a byte a hold: when it is missing, or not of that length, each hold is searched
 * for its first character), in one
 * call where the compiled build made three (may_start_one, the starts, holds_one's ``in``
 * searches: about 230 instructions each). The starts are not asked of a text whose first
 * character is ASCII and 0 in ``first``, as may_start_one says. */
PyObject *sieve_passes(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "sieve_passes() takes a Sieve and a str");
        return NULL;
    }
    PyObject *text = args[1];
    const int found = sieve_text(args[0], text, PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text));
    if (found < 0) return NULL;
    return PyBool_FromLong(found);
}

/* The place of a string's least common character, as _phrase_sieve.rare_place finds it (the
 * space and English letters ranked from the most common in lowered text; any other character
 * rarer than all of them): where holds() looks for it first. */
static Py_ssize_t rare_at(PyObject *string) {
    /* (a rank a character: 27 for the space, 26 for "e", ..., 1 for "z", 0 for any other) */
    static const unsigned char rank[128] = {
        [' '] = 27, ['e'] = 26, ['t'] = 25, ['a'] = 24, ['o'] = 23, ['i'] = 22, ['n'] = 21,
        ['s'] = 20, ['h'] = 19, ['r'] = 18, ['d'] = 17, ['l'] = 16, ['c'] = 15, ['u'] = 14,
        ['m'] = 13, ['w'] = 12, ['f'] = 11, ['g'] = 10, ['y'] = 9,  ['p'] = 8,  ['b'] = 7,
        ['v'] = 6,  ['k'] = 5,  ['j'] = 4,  ['x'] = 3,  ['q'] = 2,  ['z'] = 1,
    };
    const Py_ssize_t m = PyUnicode_GET_LENGTH(string) < 256 ? PyUnicode_GET_LENGTH(string) : 256;
    const int kind = PyUnicode_KIND(string);
    const void *data = PyUnicode_DATA(string);
    Py_ssize_t place = 0, least = 28;
    for (Py_ssize_t i = 0; i < m; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        const Py_ssize_t r = c < 128 ? rank[c] : 0;
        if (r < least) {
            place = i;
            least = r;
            if (r == 0) break;
        }
    }
    return place;
}

/* Whether some branch whose BranchFacts are ``facts`` (digits, first, starts, needs) may match a
 * text whose lower case is the ``n`` characters of ``kind`` at ``data`` (``held``, its str, read
 * only when it is of four bytes: NULL for a buffer of one or two) and whose first character
 * (before it was lowered) is ``first``: an ASCII text (``ascii``) holds the branch's digits
 * (``digits``: its count of 0-9, or -1 to count them when asked), its first character may start
 * it, its lower case starts with one of its starts and holds a string of each of its needs.
 * 1 (also when ``facts`` is empty), 0, -1 on an error (also _ctokens_phrase.c's page pass). */
int branches_may_match(PyObject *facts, Py_UCS4 first, int ascii, int kind, const void *data, Py_ssize_t n,
                       PyObject *held, Py_ssize_t digits) {
    if (!PyTuple_Check(facts)) goto not_facts;
    const Py_ssize_t count = PyTuple_GET_SIZE(facts);
    for (Py_ssize_t b = 0; b < count; b++) {
        PyObject *branch = PyTuple_GET_ITEM(facts, b);
        if (!PyTuple_Check(branch) || PyTuple_GET_SIZE(branch) != 4 || !PyBytes_Check(PyTuple_GET_ITEM(branch, 1)) ||
            !PyTuple_Check(PyTuple_GET_ITEM(branch, 2)) || !PyTuple_Check(PyTuple_GET_ITEM(branch, 3)))
            goto not_facts;
        const Py_ssize_t want = PyLong_AsSsize_t(PyTuple_GET_ITEM(branch, 0));
        if (want == -1 && PyErr_Occurred()) return -1;
        if (want > 0 && ascii) {
            if (digits < 0) {
                digits = 0;
                for (Py_ssize_t i = 0; i < n; i++) {
                    const Py_UCS4 c = PyUnicode_READ(kind, data, i);
                    digits += c >= '0' && c <= '9';
                }
            }
            if (digits < want) continue;
        }
        PyObject *mask = PyTuple_GET_ITEM(branch, 1);
        if (PyBytes_GET_SIZE(mask) > 0 && n > 0 && first < 128 &&
            (first >= (Py_UCS4)PyBytes_GET_SIZE(mask) || PyBytes_AS_STRING(mask)[first] == 0))
            continue;
        PyObject *starts = PyTuple_GET_ITEM(branch, 2), *needs = PyTuple_GET_ITEM(branch, 3);
        if (PyTuple_GET_SIZE(starts) > 0) {
            int started = 0;
            for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(starts) && !started; i++) {
                PyObject *start = PyTuple_GET_ITEM(starts, i);
                if (!PyUnicode_Check(start)) goto not_str;
                started = starts_with(kind, data, n, start);
            }
            if (!started) continue;
        }
        int all = 1;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(needs) && all; i++) {
            PyObject *strings = PyTuple_GET_ITEM(needs, i);
            if (!PyTuple_Check(strings)) goto not_str;
            int found = 0;
            for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(strings) && !found; j++) {
                PyObject *string = PyTuple_GET_ITEM(strings, j);
                if (!PyUnicode_Check(string)) goto not_str;
                found = holds(held, kind, data, n, string, rare_at(string));
                if (found < 0) return -1;
            }
            all = found;
        }
        if (all) return 1;
    }
    return count == 0;
not_facts:
    PyErr_SetString(PyExc_TypeError, "may_match(): a branch's facts are BranchFacts");
    return -1;
not_str:
    PyErr_SetString(PyExc_TypeError, "may_match(): a branch's strings are str");
    return -1;
}

/* may_match(facts, text, held, lowered) -> bool: _match_facts.may_match, its reference:
 * branches_may_match of ``text``'s first character and ``held`` (its lower case; ``lowered``: the
 * same when it is ASCII, else None; an ASCII text's digits are those of its lower case). */
PyObject *facts_may_match(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyTuple_Check(args[0]) || !PyUnicode_Check(args[1]) || !PyUnicode_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "may_match() takes the facts, a str, its lower case and the ASCII one or None");
        return NULL;
    }
    PyObject *text = args[1], *held = args[2];
    const Py_UCS4 first = PyUnicode_GET_LENGTH(text) > 0 ? PyUnicode_READ_CHAR(text, 0) : 0;
    const int found = branches_may_match(args[0], first, args[3] != Py_None, PyUnicode_KIND(held),
                                         PyUnicode_DATA(held), PyUnicode_GET_LENGTH(held), held, -1);
    if (found < 0) return NULL;
    return PyBool_FromLong(found);
}

/* Whether one of the ``n`` one-byte characters at ``in`` is one of 0-9 (for _ctokens_phrase.c's
 * pass): eight at a time (their high bits cleared, each compared with "0" and past "9" by an add
 * that carries into no other byte; a byte whose high bit was set is none). */
int has_digit_byte(const Py_UCS1 *in, Py_ssize_t n) {
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    Py_ssize_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, in + i, 8);
        const uint64_t low = x & ~highs;
        if ((low + (0x80 - '0') * ones) & ~(low + (0x80 - '9' - 1) * ones) & ~x & highs) return 1;
    }
    for (; i < n; i++)
        if (in[i] >= '0' && in[i] <= '9') return 1;
    return 0;
}

/* Whether one of the ``n`` two-byte characters at ``in`` lies from ``low`` to ``high``: a loop
 * with no exit, which the compiler runs many characters at a time. */
int wide_in(const Py_UCS2 *in, Py_ssize_t n, Py_UCS2 low, Py_UCS2 high) {
    int found = 0;
    for (Py_ssize_t i = 0; i < n; i++) found |= (Py_UCS2)(in[i] - low) <= (Py_UCS2)(high - low);
    return found;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
