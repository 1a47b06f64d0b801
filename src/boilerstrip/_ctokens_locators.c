/* The page frame's and the tooltips' marks of the kept blocks' locators in C, for the _ctokens
 * extension (_ctokens.c lists it): locator_marks (_page_frame.locator_marks, the reference).
 * Hidden, as _cscan's shared functions are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_ctokens_words.h"
#include "_ctokens_columns.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* Where the next ">" at or after ``i`` is in ``p`` (``n`` when none): eight bytes at a time where
 * the machine is little-endian (a zero byte of x ^ ">>>>>>>>": the lowest one is found exactly),
 * the last ones by the word that ends at ``n`` (its bytes before ``i`` masked out, and each
 * found byte checked: a masked zero byte can make the byte above it look like one). */
static Py_ssize_t next_step(const char *p, Py_ssize_t i, Py_ssize_t n) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL, steps = 0x3e3e3e3e3e3e3e3eULL;
    uint64_t x;
    for (; i + 8 <= n; i += 8) {
        memcpy(&x, p + i, 8);
        x ^= steps;
        const uint64_t zero = (x - ones) & ~x & highs;
        if (zero) return i + (Py_ssize_t)(__builtin_ctzll(zero) >> 3);
    }
    if (i < n && n >= 8) {
        memcpy(&x, p + n - 8, 8);
        x ^= steps;
        uint64_t zero = (x - ones) & ~x & highs & (~0ULL << (8 * (i - (n - 8))));
        for (; zero; zero &= zero - 1) {
            const Py_ssize_t at = n - 8 + (Py_ssize_t)(__builtin_ctzll(zero) >> 3);
            if (p[at] == '>') return at;
        }
        return n;
    }
#endif
    while (i < n && p[i] != '>') i++;
    return i;
}

/* Whether the step at p[start:stop] has the tag ``word`` (its text up to a ":"). */
static inline int step_tag_is(const char *p, Py_ssize_t start, Py_ssize_t stop, const char *word, Py_ssize_t n) {
    return stop - start >= n && memcmp(p + start, word, (size_t)n) == 0 && (start + n == stop || p[start + n] == ':');
}

/* The bytes of a run of [a-z0-9-]. */
static const unsigned char run_bytes[256] = {
    ['-'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
    ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* Whether the run of [a-z0-9-] from p[start] (of a step that ends at ``stop``) holds "tool-?tip"
 * or "popover", with where it ends. */
static int run_holds_tooltip(const char *p, Py_ssize_t start, Py_ssize_t stop, Py_ssize_t *end) {
    Py_ssize_t e = start;
    while (e < stop && run_bytes[(unsigned char)p[e]]) e++;
    *end = e;
    for (Py_ssize_t k = start; k + 7 <= e; k++) {
        if (p[k] == 't' && memcmp(p + k, "tool", 4) == 0 &&
            (memcmp(p + k + 4, "tip", 3) == 0 || (k + 8 <= e && memcmp(p + k + 4, "-tip", 4) == 0)))
            return 1;
        if (p[k] == 'p' && memcmp(p + k, "popover", 7) == 0) return 1;
    }
    return 0;
}

enum { MARK_FRAME = 1, MARK_TOOLTIP = 2, MARK_DECIDED = 4 }; /* _page_frame.FRAME, TOOLTIP */

/* The marks after the step at p[start:stop] of a locator whose steps before it left ``marks``:
 * its tag decides the frame if no step before did ("article"/"main": not in it, "footer"/"nav":
 * in it), and a run of [a-z0-9-] at its start that holds a tooltip's word and ends the step or
 * stops at a ":" is a tooltip's step. A run that stops at a "\n" ending the locator is read by
 * the caller (it depends on the step being the last). */
static int step_marks(const char *p, Py_ssize_t start, Py_ssize_t stop, int marks) {
    if (!(marks & MARK_DECIDED) && stop > start) {
        switch (p[start]) {
        case 'a':
            if (step_tag_is(p, start, stop, "article", 7)) marks |= MARK_DECIDED;
            break;
        case 'm':
            if (step_tag_is(p, start, stop, "main", 4)) marks |= MARK_DECIDED;
            break;
        case 'f':
            if (step_tag_is(p, start, stop, "footer", 6)) marks |= MARK_DECIDED | MARK_FRAME;
            break;
        case 'n':
            if (step_tag_is(p, start, stop, "nav", 3)) marks |= MARK_DECIDED | MARK_FRAME;
            break;
        }
    }
    Py_ssize_t end = 0;
    if (!(marks & MARK_TOOLTIP) && stop - start >= 7 && run_holds_tooltip(p, start, stop, &end) &&
        (end == stop || p[end] == ':'))
        marks |= MARK_TOOLTIP;
    return marks;
}

/* locator_marks(locators, labels, content) -> bytes or None: per locator whose label (the item
 * of ``labels`` at its index) is ``content``, _page_frame.FRAME when _page_frame.in_page_frame
 * holds of it, plus TOOLTIP when _stray_text's _TOOLTIP_STEP finds a step of it (the
 * references); 0 for the others. Each locator is read from the first step it does not share
 * with the one read before (whose marks after each step are kept): most kept blocks' steps
 * are the previous kept one's but the last. None when a locator is not ASCII (left to
 * Python). */
PyObject *locator_marks(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyList_CheckExact(args[0]) || !PyList_CheckExact(args[1])) {
        PyErr_SetString(PyExc_TypeError, "locator_marks() takes a list of str, a list of labels and a label");
        return NULL;
    }
    PyObject *locators = args[0], *labels = args[1], *content = args[2];
    const Py_ssize_t count = PyList_GET_SIZE(locators);
    if (PyList_GET_SIZE(labels) != count) {
        PyErr_SetString(PyExc_ValueError, "locator_marks(): not a label a locator");
        return NULL;
    }
    const int ascii = ascii_locators(locators, "locator_marks");
    if (ascii <= 0) return ascii < 0 ? NULL : Py_NewRef(Py_None);
    PyObject *out = PyBytes_FromStringAndSize(NULL, count);
    if (out == NULL) return NULL;
    char *marks = PyBytes_AS_STRING(out);
    Column stops = {0}, after = {0}; /* per step of the previous locator: where it ends, the marks after it */
    const char *last = "";
    Py_ssize_t last_length = 0;
    for (Py_ssize_t b = 0; b < count; b++) {
        if (PyList_GET_ITEM(labels, b) != content) {
            marks[b] = 0;
            continue;
        }
        PyObject *item = PyList_GET_ITEM(locators, b);
        const char *loc = (const char *)PyUnicode_1BYTE_DATA(item);
        const Py_ssize_t n = PyUnicode_GET_LENGTH(item);
        /* The steps shared with the previous locator: all but its last (a sibling's), told by
         * one comparison, then its last too (a comparison of that step); else those within
         * the common start. */
        Py_ssize_t shared = stops.size - 1;
        if (shared > 0) {
            const Py_ssize_t end = stops.items[shared - 1];
            if (end > n || memcmp(loc, last, (size_t)end) != 0 || (end < n && loc[end] != '>')) shared = -1;
        }
        if (shared >= 0 && stops.size > 0) { /* all but the last shared: and the last? */
            const Py_ssize_t from = shared ? stops.items[shared - 1] : 0, end = stops.items[shared];
            if (end <= n && memcmp(loc + from, last + from, (size_t)(end - from)) == 0 && (end == n || loc[end] == '>'))
                shared++;
        }
        if (shared < 0) {
            const Py_ssize_t common = common_start(loc, last, n < last_length ? n : last_length);
            shared = 0;
            while (shared < stops.size) {
                const Py_ssize_t end = stops.items[shared];
                if (end > common || (end < n && loc[end] != '>')) break;
                shared++;
            }
        }
        if (shared < 0) shared = 0;
        stops.size = after.size = shared;
        int mark = shared ? (int)after.items[shared - 1] : 0;
        Py_ssize_t start = shared ? stops.items[shared - 1] + 1 : 0;
        for (; start <= n; start++) {
            const Py_ssize_t stop = next_step(loc, start, n);
            mark = step_marks(loc, start, stop, mark);
            if (column_push(&stops, stop) < 0 || column_push(&after, mark) < 0) {
                Py_DECREF(out);
                out = PyErr_NoMemory();
                goto done;
            }
            start = stop;
        }
        /* "$" matches before a last "\n" too: a run that ends the last step but for it. */
        if (!(mark & MARK_TOOLTIP) && n > 0 && loc[n - 1] == '\n') {
            const Py_ssize_t step = stops.size > 1 ? stops.items[stops.size - 2] + 1 : 0;
            Py_ssize_t end = 0;
            if (n - 1 - step >= 7 && run_holds_tooltip(loc, step, n, &end) && end == n - 1) mark |= MARK_TOOLTIP;
        }
        marks[b] = (char)(mark & (MARK_FRAME | MARK_TOOLTIP));
        last = loc;
        last_length = n;
    }
done:
    PyMem_Free(stops.items);
    PyMem_Free(after.items);
    return out;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
