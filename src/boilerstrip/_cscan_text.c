/* The page's text around the parse, in C (the compiled build): its UTF-8 made in one pass
 * (_bodies._utf8: the spans the parser is given), whether it holds "<frameset" (_bodies.
 * _has_frameset) and its share of control characters (_parse.looks_binary). Their Python
 * code is the reference and the pure-Python path; tests/test_cscan_text.py checks that both
 * give the same. */
#include "_cscan.h"
#include <stdint.h>
#include <string.h>

/* One character as UTF-8 at o; the end of what it wrote, or NULL for a surrogate. */
static inline char *put(char *o, Py_UCS4 c) {
    if ((c & 0xFFFFF800u) == 0xD800u) return NULL;
    if (c < 0x80) {
        *o++ = (char)c;
    } else if (c < 0x800) {
        *o++ = (char)(0xC0 | (c >> 6));
        *o++ = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *o++ = (char)(0xE0 | (c >> 12));
        *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (char)(0x80 | (c & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (c >> 18));
        *o++ = (char)(0x80 | ((c >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (char)(0x80 | (c & 0x3F));
    }
    return o;
}

/* text[start:end] of one kind as UTF-8 at o; the end of what it wrote. Runs of ASCII go
 * sixteen characters at a time where SSE2 is there (x86-64 always), eight a word elsewhere. */
static char *encode1(const Py_UCS1 *p, Py_ssize_t i, Py_ssize_t end, char *o) {
    while (i < end) {
        if (end - i >= 8) {
            uint64_t word;
            memcpy(&word, p + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                memcpy(o, &word, 8);
                o += 8;
                i += 8;
                continue;
            }
        }
        if ((o = put(o, p[i++])) == NULL) return NULL;
    }
    return o;
}

static char *encode2(const Py_UCS2 *p, Py_ssize_t i, Py_ssize_t end, char *o) {
    while (i < end) {
#if defined(__SSE2__)
        if (end - i >= 16) {
            const __m128i a = _mm_loadu_si128((const __m128i *)(p + i)),
                          b = _mm_loadu_si128((const __m128i *)(p + i + 8));
            const __m128i high = _mm_and_si128(_mm_or_si128(a, b), _mm_set1_epi16((short)0xFF80));
            if (_mm_movemask_epi8(_mm_cmpeq_epi16(high, _mm_setzero_si128())) == 0xFFFF) {
                _mm_storeu_si128((__m128i *)o, _mm_packus_epi16(a, b));
                o += 16;
                i += 16;
                continue;
            }
        }
#else
        if (end - i >= 4) {
            uint64_t word;
            memcpy(&word, p + i, 8);
            if ((word & 0xFF80FF80FF80FF80ULL) == 0) {
                for (int k = 0; k < 4; k++) o[k] = (char)p[i + k];
                o += 4;
                i += 4;
                continue;
            }
        }
#endif
        if ((o = put(o, p[i++])) == NULL) return NULL;
    }
    return o;
}

static char *encode4(const Py_UCS4 *p, Py_ssize_t i, Py_ssize_t end, char *o) {
    while (i < end) {
#if defined(__SSE2__)
        if (end - i >= 8) {
            const __m128i a = _mm_loadu_si128((const __m128i *)(p + i)),
                          b = _mm_loadu_si128((const __m128i *)(p + i + 4));
            const __m128i high = _mm_and_si128(_mm_or_si128(a, b), _mm_set1_epi32((int)0xFFFFFF80u));
            if (_mm_movemask_epi8(_mm_cmpeq_epi32(high, _mm_setzero_si128())) == 0xFFFF) {
                const __m128i words = _mm_packs_epi32(a, b); /* each below 0x80: no saturation */
                _mm_storel_epi64((__m128i *)o, _mm_packus_epi16(words, words));
                o += 8;
                i += 8;
                continue;
            }
        }
#endif
        if ((o = put(o, p[i++])) == NULL) return NULL;
    }
    return o;
}

/* utf8_spans(text, keep) -> bytes | None: the UTF-8 of text[keep[0]:keep[1]] +
 * text[keep[2]:keep[3]] + ..., made in one pass into one buffer (no piece, no join): the
 * widest the spans can take (up to 4 bytes a character), of which only what is written is
 * touched, then shrunk to it in place (realloc); None where a span holds a lone surrogate.
 * See _bodies._utf8. */
PyObject *utf8_spans(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyList_Check(args[1]) || PyList_GET_SIZE(args[1]) % 2) {
        PyErr_SetString(PyExc_TypeError, "utf8_spans() takes a str and a list of an even number of offsets");
        return NULL;
    }
    PyObject *text = args[0], *keep = args[1];
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text), spans = PyList_GET_SIZE(keep) / 2;
    const int kind = PyUnicode_KIND(text), ascii = PyUnicode_IS_ASCII(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t chars = 0;
    for (Py_ssize_t s = 0; s < spans; s++) { /* the list is read again below: nothing runs between */
        const Py_ssize_t start = PyLong_AsSsize_t(PyList_GET_ITEM(keep, 2 * s)),
                         end = PyLong_AsSsize_t(PyList_GET_ITEM(keep, 2 * s + 1));
        if ((start == -1 || end == -1) && PyErr_Occurred()) return NULL;
        if (start < 0 || end < start || end > n) {
            PyErr_SetString(PyExc_ValueError, "utf8_spans(): a span outside the text");
            return NULL;
        }
        chars += end - start;
    }
    const Py_ssize_t widest = ascii ? 1 : kind == PyUnicode_1BYTE_KIND ? 2 : kind == PyUnicode_2BYTE_KIND ? 3 : 4;
    if (chars > PY_SSIZE_T_MAX / widest) return PyErr_NoMemory();
    PyObject *made = PyBytes_FromStringAndSize(NULL, chars * widest);
    if (made == NULL) return NULL;
    char *o = PyBytes_AS_STRING(made);
    for (Py_ssize_t s = 0; s < spans && o != NULL; s++) {
        const Py_ssize_t start = PyLong_AsSsize_t(PyList_GET_ITEM(keep, 2 * s)),
                         end = PyLong_AsSsize_t(PyList_GET_ITEM(keep, 2 * s + 1));
        if (ascii) {
            memcpy(o, (const char *)data + start, (size_t)(end - start));
            o += end - start;
        } else if (kind == PyUnicode_1BYTE_KIND) {
            o = encode1(data, start, end, o);
        } else if (kind == PyUnicode_2BYTE_KIND) {
            o = encode2(data, start, end, o);
        } else {
            o = encode4(data, start, end, o);
        }
    }
    if (o == NULL) { /* a lone surrogate */
        Py_DECREF(made);
        Py_RETURN_NONE;
    }
    if (o - PyBytes_AS_STRING(made) < chars * widest && _PyBytes_Resize(&made, o - PyBytes_AS_STRING(made)) < 0)
        return NULL;
    return made;
}

/* Whether text[i:i+9] is "<frameset" as _bodies' pattern (?i) reads it: ASCII letters in
 * either case, and in a str "\u017f" for "s" (which re folds to it); bytes fold ASCII only. */
static const char FRAMESET[] = "<frameset";

#define FRAMESET_AT(T)                                                                          \
    static inline int frameset_at_##T(const T *p, Py_ssize_t i) {                               \
        for (int k = 1; k < 9; k++) {                                                           \
            const Py_UCS4 c = p[i + k];                                                         \
            if ((c | 0x20) != (Py_UCS4)FRAMESET[k] && !(k == 6 && c == 0x17F)) return 0;        \
        }                                                                                       \
        return 1;                                                                               \
    }
FRAMESET_AT(Py_UCS1)
FRAMESET_AT(Py_UCS2)
FRAMESET_AT(Py_UCS4)
#undef FRAMESET_AT

/* The first place from i to last where text[i] is "<" and text[i + 1] an "f" in either case,
 * or -1: where SSE2 is there, sixteen places at a time (each loaded twice, the second one place
 * on), so that a page's many other "<" cost no call each (memchr at each "<" took twice the
 * instructions, and a call a tag). */
#if defined(__SSE2__)
/* Sixteen two-byte characters as sixteen bytes: packed with unsigned saturation, so that a
 * character over 0xFF (read as a signed lane: over 0x7FFF gives 0) is never "<" nor "f". */
static inline __m128i load_narrowed(const __m128i *p) {
    const __m128i high = _mm_loadu_si128((const __m128i *)((const Py_UCS2 *)p + 8));
    return _mm_packus_epi16(_mm_loadu_si128(p), high);
}

#define LT_F_LOOP(T, set1, load)                                                                  \
    {                                                                                             \
        const __m128i lt = set1('<'), f = set1('f'), upper = set1(0x20);                          \
        for (; last + 1 - i >= 16; i += 16) {                                                     \
            const __m128i a = load((const __m128i *)(p + i));                                     \
            const __m128i b = _mm_or_si128(load((const __m128i *)(p + i + 1)), upper);            \
            const __m128i both = _mm_and_si128(_mm_cmpeq_epi8(a, lt), _mm_cmpeq_epi8(b, f));      \
            const unsigned hits = (unsigned)_mm_movemask_epi8(both);                              \
            if (hits) return i + __builtin_ctz(hits);                                             \
        }                                                                                         \
    }
#else
#define LT_F_LOOP(T, set1, load)
#endif

#define LT_F(T, set1, load)                                                                     \
    static Py_ssize_t lt_f_##T(const T *p, Py_ssize_t i, Py_ssize_t last) {                    \
        LT_F_LOOP(T, set1, load)                                                               \
        for (; i <= last; i++)                                                                 \
            if (p[i] == '<' && (p[i + 1] | 0x20) == 'f') return i;                             \
        return -1;                                                                             \
    }
LT_F(Py_UCS1, _mm_set1_epi8, _mm_loadu_si128)
LT_F(Py_UCS2, _mm_set1_epi8, load_narrowed)
#undef LT_F
#undef LT_F_LOOP

/* holds_frameset(text) -> bool: see _bodies._has_frameset. */
PyObject *holds_frameset(PyObject *self, PyObject *arg) {
    const void *data;
    Py_ssize_t n;
    int kind;
    if (PyBytes_Check(arg)) {
        data = PyBytes_AS_STRING(arg);
        n = PyBytes_GET_SIZE(arg);
        kind = PyUnicode_1BYTE_KIND;
    } else if (PyUnicode_Check(arg)) {
        data = PyUnicode_DATA(arg);
        n = PyUnicode_GET_LENGTH(arg);
        kind = PyUnicode_KIND(arg);
    } else {
        PyErr_SetString(PyExc_TypeError, "holds_frameset() takes a str or bytes");
        return NULL;
    }
    const Py_ssize_t last = n - 9; /* the last offset "<frameset" can start at */
    if (kind == PyUnicode_1BYTE_KIND) {
        for (Py_ssize_t i = 0; (i = lt_f_Py_UCS1(data, i, last)) >= 0; i++)
            if (frameset_at_Py_UCS1(data, i)) Py_RETURN_TRUE;
    } else if (kind == PyUnicode_2BYTE_KIND) {
        for (Py_ssize_t i = 0; (i = lt_f_Py_UCS2(data, i, last)) >= 0; i++)
            if (frameset_at_Py_UCS2(data, i)) Py_RETURN_TRUE;
    } else {
        for (Py_ssize_t i = 0; (i = find4(data, i, last + 1, '<')) >= 0; i++)
            if (frameset_at_Py_UCS4(data, i)) Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}

/* The control characters _parse.looks_binary counts: C0 controls but \t, \n, \f, \r and
 * escape (_parse._BINARY_BYTES). */
#define BINARY_C0 0xF7FFC9FFUL
#define BINARY(c) ((c) < 0x20 && (BINARY_C0 >> (c)) & 1)

#define ODD(c) (BINARY(c) || (c) == 0xFFFD)

/* The odd characters of data[:length], of one kind: where SSE2 is there, `step` at a time
 * are let through when none is at most 0x1F (subtracted from with saturation, none is 0) nor
 * U+FFFD (two-byte text: one-byte text holds none), most of a page's head. */
#if defined(__SSE2__)
#define ODD_LOOP(T, step, subs, set1, cmpeq, lane)                                                    \
    {                                                                                                 \
        const T *p = data;                                                                            \
        Py_ssize_t i = 0;                                                                             \
        const __m128i low = set1((lane)0x1F), zero = _mm_setzero_si128(),                            \
                      fffd = set1((lane)(sizeof(T) == 1 ? 0x1F : 0xFFFD));                           \
        for (; length - i >= step; i += step) {                                                       \
            const __m128i v = _mm_loadu_si128((const __m128i *)(p + i));                              \
            if (_mm_movemask_epi8(_mm_or_si128(cmpeq(subs(v, low), zero), cmpeq(v, fffd))) == 0)      \
                continue;                                                                             \
            for (Py_ssize_t k = i; k < i + step; k++) odd += ODD(p[k]);                              \
        }                                                                                             \
        for (; i < length; i++) odd += ODD(p[i]);                                                     \
    }
#else
#define ODD_LOOP(T, step, subs, set1, cmpeq, lane)                                                    \
    {                                                                                                 \
        const T *p = data;                                                                            \
        for (Py_ssize_t i = 0; i < length; i++) odd += ODD(p[i]);                                     \
    }
#endif

/* odd_characters(text, chars) -> (odd, length): of the first `chars` characters of a str, or
 * of bytes read as UTF-8 (valid: _parse.Utf8Page's), how many are such controls or U+FFFD,
 * and how many there are (fewer where the text is shorter). See _parse.looks_binary. */
PyObject *odd_characters(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Py_ssize_t chars;
    if (nargs != 2 || !(PyUnicode_Check(args[0]) || PyBytes_Check(args[0])) || !PyLong_Check(args[1]) ||
        ((chars = PyLong_AsSsize_t(args[1])) < 0)) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "odd_characters() takes a str or bytes and a count of characters");
        return NULL;
    }
    Py_ssize_t odd = 0, length = 0;
    if (PyBytes_Check(args[0])) {
        const unsigned char *p = (const unsigned char *)PyBytes_AS_STRING(args[0]);
        const Py_ssize_t n = PyBytes_GET_SIZE(args[0]);
        for (Py_ssize_t i = 0; i < n; i++) {
            const unsigned char c = p[i];
            if ((c & 0xC0) == 0x80) continue; /* within a character */
            if (length == chars) break;
            length++;
            if (c < 0x80)
                odd += BINARY((Py_UCS4)c);
            else
                odd += c == 0xEF && i + 2 < n && p[i + 1] == 0xBF && p[i + 2] == 0xBD;
        }
    } else {
        const int kind = PyUnicode_KIND(args[0]);
        const void *data = PyUnicode_DATA(args[0]);
        length = PyUnicode_GET_LENGTH(args[0]) < chars ? PyUnicode_GET_LENGTH(args[0]) : chars;
        if (kind == PyUnicode_1BYTE_KIND)
            ODD_LOOP(Py_UCS1, 16, _mm_subs_epu8, _mm_set1_epi8, _mm_cmpeq_epi8, char)
        else if (kind == PyUnicode_2BYTE_KIND)
            ODD_LOOP(Py_UCS2, 8, _mm_subs_epu16, _mm_set1_epi16, _mm_cmpeq_epi16, short)
        else
            for (Py_ssize_t i = 0; i < length; i++) odd += ODD(((const Py_UCS4 *)data)[i]);
    }
    return Py_BuildValue("nn", odd, length);
}

/* _bodies.droppable: whether the start tag text[start:end] holds "json" in no ASCII case (no
 * other character lowers to one of its letters), and text[end:close] no "<!--" (`comment`, where
 * the caller knows: see _cscan.h). */
int droppable(const Text *t, Py_ssize_t start, Py_ssize_t end, Py_ssize_t close, int comment) {
    for (Py_ssize_t i = start; i + 4 <= end; i++)
        if ((at(t, i) | 0x20) == 'j' && (at(t, i + 1) | 0x20) == 's' && (at(t, i + 2) | 0x20) == 'o' &&
            (at(t, i + 3) | 0x20) == 'n')
            return 0;
    if (comment >= 0) return !comment;
    const int kind = t->kind;
    for (Py_ssize_t i = end; i + 4 <= close; i++) {
        if (kind == PyUnicode_1BYTE_KIND) {
            const char *found = memchr((const char *)t->data + i, '<', (size_t)(close - i));
            if (found == NULL) break;
            i = found - (const char *)t->data;
        } else if ((i = kind == PyUnicode_2BYTE_KIND ? find2(t->data, i, close, '<') : find4(t->data, i, close, '<')) < 0) {
            break;
        }
        if (i + 4 <= close && at(t, i + 1) == '!' && at(t, i + 2) == '-' && at(t, i + 3) == '-') return 0;
    }
    return 1;
}

/* _bodies.hides_its_end: whether a script's text[end:close] holds a "<!--" and after it a
 * "<script" (ASCII letters in any case): its end tag may then be a later one. */
int hides_its_end(const Text *t, Py_ssize_t end, Py_ssize_t close) {
    static const char open[] = "<script";
    int comment = 0;
    for (Py_ssize_t i = end; (i = find_in(t, '<', i, close)) >= 0; i++) { /* from "<" to "<" (a script's text is long) */
        if (!comment) {
            if (i + 4 <= close && at(t, i + 1) == '!' && at(t, i + 2) == '-' && at(t, i + 3) == '-') {
                comment = 1;
                i += 3;
            }
            continue;
        }
        Py_ssize_t k = 1;
        for (; k < 7 && i + k < close; k++) {
            Py_UCS4 c = at(t, i + k);
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (c != (unsigned char)open[k]) break;
        }
        if (k == 7) return 1;
    }
    return 0;
}
