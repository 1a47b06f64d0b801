/* An svg body's words and the scan's word search, in C (the compiled build): whether an svg
 * element's body may be dropped before the parse (_svg_bodies.svg_droppable, the reference and
 * the pure-Python path) and where a word starts in the page's text (the noscript runaways).
 * tests/test_cscan_text.py and tests/test_svg_bodies.py check them against the Python. */
#include "_cscan.h"
#include <stdint.h>
#include <string.h>

/* The words that keep an svg body (_svg_bodies._KEPT), in ASCII lower case: those that start
 * with "<", read at each "<"; the others, read at each "i" or "p" inside a tag. */
static const char *const svg_tag_words[] = {"<title", "<time", "<script", "<style", "<meta", "<foreignobject"};
static const char *const svg_inner_words[] = {"itemtype", "itemprop", "price"};

/* Whether text[i:] starts with `word` (ASCII lower case), ASCII letters in any case. */
static int word_at(const Text *t, Py_ssize_t i, Py_ssize_t close, const char *word) {
    for (; *word; word++, i++) {
        if (i >= close) return 0;
        Py_UCS4 c = at(t, i);
        if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
        if (c != (unsigned char)*word) return 0;
    }
    return 1;
}

static int any_word_at(const Text *t, Py_ssize_t i, Py_ssize_t close, const char *const *words, size_t count) {
    for (size_t k = 0; k < count; k++)
        if (word_at(t, i, close, words[k])) return 1;
    return 0;
}

static int is_letter(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* The characters a tag's inside is read for: its end, a "<", and the inner words' first letters
 * (a one-byte text's characters looked up here: most of an svg is its paths' numbers). */
static const unsigned char inner_stops[256] = {['<'] = 1, ['>'] = 1, ['i'] = 1, ['I'] = 1, ['p'] = 1, ['P'] = 1};

static Py_ssize_t next_inner_stop(const Text *t, Py_ssize_t i, Py_ssize_t close) {
    if (t->kind == PyUnicode_1BYTE_KIND) {
        const unsigned char *data = (const unsigned char *)t->data;
#if defined(__SSE2__)
        for (; close - i >= 16; i += 16) { /* sixteen at a time ("I" and "P" folded by their 0x20 bit) */
            const __m128i c = _mm_loadu_si128((const __m128i *)(data + i)), low = _mm_or_si128(c, _mm_set1_epi8(0x20));
            const int hits = _mm_movemask_epi8(_mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('<')), _mm_cmpeq_epi8(c, _mm_set1_epi8('>'))),
                _mm_or_si128(_mm_cmpeq_epi8(low, _mm_set1_epi8('i')), _mm_cmpeq_epi8(low, _mm_set1_epi8('p')))));
            if (hits) return i + __builtin_ctz((unsigned)hits);
        }
#endif
        while (i < close && !inner_stops[data[i]]) i++;
        return i;
    }
#if defined(__SSE2__)
    if (t->kind == PyUnicode_2BYTE_KIND) { /* most pages: eight at a time, as above */
        const Py_UCS2 *data = (const Py_UCS2 *)t->data;
        for (; close - i >= 8; i += 8) {
            const __m128i c = _mm_loadu_si128((const __m128i *)(data + i)), low = _mm_or_si128(c, _mm_set1_epi16(0x20));
            const int hits = _mm_movemask_epi8(_mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi16(c, _mm_set1_epi16('<')), _mm_cmpeq_epi16(c, _mm_set1_epi16('>'))),
                _mm_or_si128(_mm_cmpeq_epi16(low, _mm_set1_epi16('i')), _mm_cmpeq_epi16(low, _mm_set1_epi16('p')))));
            if (hits) return i + (__builtin_ctz((unsigned)hits) >> 1);
        }
    } else { /* four at a time */
        const Py_UCS4 *data = (const Py_UCS4 *)t->data;
        for (; close - i >= 4; i += 4) {
            const __m128i c = _mm_loadu_si128((const __m128i *)(data + i)), low = _mm_or_si128(c, _mm_set1_epi32(0x20));
            const int hits = _mm_movemask_epi8(_mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi32(c, _mm_set1_epi32('<')), _mm_cmpeq_epi32(c, _mm_set1_epi32('>'))),
                _mm_or_si128(_mm_cmpeq_epi32(low, _mm_set1_epi32('i')), _mm_cmpeq_epi32(low, _mm_set1_epi32('p')))));
            if (hits) return i + (__builtin_ctz((unsigned)hits) >> 2);
        }
    }
#endif
    for (; i < close; i++) {
        Py_UCS4 c = at(t, i);
        if (c < 256 && inner_stops[c]) break;
    }
    return i;
}

/* _svg_bodies.svg_droppable, the same matches found in one pass from the start tag's ">"
 * (text[end - 1]): past each ">", white space up to a "<" (else text: kept); at each "<", a
 * letter or "/" and a letter next, and no tag word; inside a tag, no inner word. */
int svg_droppable(const Text *t, Py_ssize_t end, Py_ssize_t close) {
    Py_ssize_t i = end - 1; /* a ">" */
    for (;;) {
        for (i++; i < close && is_space(at(t, i)); i++) {
        }
        if (i >= close) return 1;
        if (at(t, i) != '<') return 0; /* text, or a ">" past a ">" */
        for (;;) { /* at a "<", then inside the tag it starts */
            if (at(t, i) == '<') {
                Py_UCS4 next = i + 1 < close ? at(t, i + 1) : 0;
                if (next == '/' ? !(i + 2 < close && is_letter(at(t, i + 2))) : !is_letter(next)) return 0;
                const Py_UCS4 first = next | 0x20; /* a tag word's letter after "<" (only "T" and "t" give "t") */
                if ((first == 't' || first == 's' || first == 'm' || first == 'f') &&
                    any_word_at(t, i, close, svg_tag_words, sizeof svg_tag_words / sizeof svg_tag_words[0]))
                    return 0;
            } else if (any_word_at(t, i, close, svg_inner_words, sizeof svg_inner_words / sizeof svg_inner_words[0])) {
                return 0;
            }
            i = next_inner_stop(t, i + 1, close);
            if (i >= close) return 1;
            if (at(t, i) == '>') break;
        }
    }
}

Py_ssize_t find_word(const Text *t, Py_ssize_t from, Py_ssize_t to, const char *word) {
    const Py_UCS4 first = (unsigned char)word[0];
    for (Py_ssize_t i = from; i < to; i++)
        if (at(t, i) == first && word_at(t, i, to, word)) return i;
    return -1;
}
