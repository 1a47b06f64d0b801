/* The enter's two byte tests of an element's attributes, in C (the compiled build): whether
 * its style hides it and whether its class marks screen-reader-only text (_segment's
 * _is_hidden and is_screen_reader_only, the reference and the pure-Python path). */
#include <string.h>

#include "_cwalk_segment.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Whether bytes hold an ASCII needle at `at`, the bytes' ASCII letters lowered (str.lower()'s
 * only non-ASCII characters that lower to ASCII, U+0130 and U+212A, make none of the needles). */
static int holds_at(const unsigned char *data, size_t length, size_t at, const char *needle, size_t n) {
    if (n > length - at) return 0;
    for (size_t j = 0; j < n; j++) {
        unsigned char c = data[at + j];
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != (unsigned char)needle[j]) return 0;
    }
    return 1;
}

/* Whether a style, lowered, holds "display:none", "display: none", "visibility:hidden" or
 * "visibility: hidden" (_segment._HIDDEN_STYLE): one pass, each tried where its first letter is. */
int hiding_style(const unsigned char *data, size_t length) {
    for (size_t i = 0; i < length; i++) {
        const char *name, *value;
        size_t n, m;
        switch (data[i] | 0x20) { /* (an ASCII letter lowered; other bytes match no case) */
        case 'd': name = "display:", n = 8, value = "none", m = 4; break;
        case 'v': name = "visibility:", n = 11, value = "hidden", m = 6; break;
        default: continue;
        }
        if (!holds_at(data, length, i, name, n)) continue;
        size_t at = i + n;
        if (holds_at(data, length, at, value, m) || (at < length && data[at] == ' ' && holds_at(data, length, at + 1, value, m)))
            return 1;
    }
    return 0;
}

/* The six substrings is_screen_reader_only looks for first, by their first letter, and each
 * first letter's second: no two share a first letter. */
static const char *const SCREEN_READER_NEEDLES[256] = {
    ['h'] = "hidden", ['r'] = "reader", ['s'] = "sr-only", ['i'] = "invisible", ['a'] = "assistive", ['c'] = "clipped",
};
#if !defined(__SSE2__) /* (pair_hits' pairs with SSE2) */
static const unsigned char SCREEN_READER_SECOND[256] = {
    ['h'] = 'i', ['r'] = 'e', ['s'] = 'r', ['i'] = 'n', ['a'] = 's', ['c'] = 'l',
};
#endif

/* Whether one of the six substrings starts at data[i] (its first two letters are there). */
static inline int needle_at(const unsigned char *data, size_t length, size_t i) {
    const char *needle = SCREEN_READER_NEEDLES[data[i]];
    if (needle == NULL) return 0; /* (a NUL after a letter that starts no needle) */
    const size_t n = strlen(needle);
    return n <= length - i && memcmp(data + i, needle, n) == 0;
}

#if defined(__SSE2__)
/* The places among data[0:16] where a needle's first two letters are (data[0:17] read): a bit each. */
static inline unsigned pair_hits(const unsigned char *data) {
    const __m128i a = _mm_loadu_si128((const __m128i *)data), b = _mm_loadu_si128((const __m128i *)(data + 1));
#define PAIR(x, y) _mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8(x)), _mm_cmpeq_epi8(b, _mm_set1_epi8(y)))
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_or_si128(PAIR('h', 'i'), PAIR('r', 'e')), PAIR('s', 'r')),
                                      _mm_or_si128(_mm_or_si128(PAIR('i', 'n'), PAIR('a', 's')), PAIR('c', 'l')));
#undef PAIR
    return (unsigned)_mm_movemask_epi8(hits);
}
#endif

/* Whether a class holds one of the six substrings, each tried only where its first two letters
 * are: sixteen places compared at once (the last ones in a zero-padded copy: no needle's second
 * letter is a NUL), where a comparison of two bytes a place took about ten instructions a byte
 * (3.4 M on 20 pages); one place at a time without SSE2. */
int marks_screen_reader(const unsigned char *data, size_t length) {
    size_t i = 0;
#if defined(__SSE2__)
    for (;; i += 16) {
        unsigned hits;
        if (length - i >= 17) {
            hits = pair_hits(data + i);
        } else {
            if (length - i < 2) return 0;
            unsigned char tail[32] = {0};
            memcpy(tail, data + i, length - i);
            hits = pair_hits(tail);
        }
        for (; hits; hits &= hits - 1)
            if (needle_at(data, length, i + (size_t)__builtin_ctz(hits))) return 1;
        if (length - i <= 17) return 0;
    }
#else
    for (; i + 1 < length; i++)
        if (data[i + 1] == SCREEN_READER_SECOND[data[i]] && needle_at(data, length, i)) return 1;
    return 0;
#endif
}

/* _screen_reader.SCREEN_READER_CLASSES (tests/test_cwalk.py compares them). */
static const char *const SCREEN_READER_CLASSES[] = {
    "sr-only", "screen-reader-text", "screen-reader-only", "visually-hidden", "visuallyhidden", "a11y-hidden",
    "u-hidden-visually", "hidden-visually", "element-invisible", "assistive-text", "clipped", NULL,
};

/* is_screen_reader_only of an ASCII class (whether a word of it, split as str.split() splits, is
 * one of SCREEN_READER_CLASSES): 1 or 0, and -1 for a class with a non-ASCII byte (whose white
 * space str.split() reads beyond ASCII's: the Python function answers). Where the call to it, with
 * the class decoded and split, took about 3,300 instructions (404 calls on 20 pages). */
int screen_reader_class(const unsigned char *data, size_t length) {
    for (size_t i = 0; i < length; i++)
        if (data[i] >= 128) return -1;
    size_t i = 0;
    while (i < length) {
        while (i < length && Py_UNICODE_ISSPACE(data[i])) i++;
        const size_t start = i;
        while (i < length && !Py_UNICODE_ISSPACE(data[i])) i++;
        const size_t n = i - start;
        for (const char *const *name = SCREEN_READER_CLASSES; n && *name != NULL; name++)
            if (data[start] == (unsigned char)**name && strlen(*name) == n && memcmp(*name, data + start, n) == 0)
                return 1;
    }
    return 0;
}
