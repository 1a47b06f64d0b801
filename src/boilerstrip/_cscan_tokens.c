/* The limits scan's tokenizer in C (the compiled build): what _scan_patterns.TOKEN matches, read by
 * hand, and a tag's name lowered as str.lower() lowers it. */
#include "_cscan.h"
#include <string.h>

static inline int is_letter(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* The tokenizer is written once over a text of one `kind` (PyUnicode_1BYTE_KIND, 2BYTE or
 * 4BYTE: bytes are read as one-byte text) and inlined into one copy per kind (next_token), so
 * that each character is read without a switch on the kind. */
#define ONE_KIND static inline __attribute__((always_inline))

/* What ends a run of a tag's name or an attribute's name, by ASCII character: one of the
 * tokenizer's spaces (SPACE), "/", "=" or ">"; `IN(c, bits)`: whether c is one of them (a table
 * read in place of a compare for each). */
enum { SPACE = 1, SLASH = 2, EQUALS = 4, GT = 8 };
static const unsigned char ENDS[128] = {['\t'] = SPACE, ['\n'] = SPACE, ['\f'] = SPACE, ['\r'] = SPACE,
                                        [' '] = SPACE,   ['/'] = SLASH,   ['='] = EQUALS,  ['>'] = GT};
#define IN(c, bits) ((c) < 128 && (ENDS[(c)] & (bits)))
#define AT(i) PyUnicode_READ(kind, t->data, (i))

/* First index at or after `from` holding `c` (ASCII), or -1 (_cscan.h's find_kind, of this
 * copy's kind). */
ONE_KIND Py_ssize_t find(const Text *t, const int kind, Py_UCS4 c, Py_ssize_t from) {
    return find_kind(t, kind, c, from, t->n);
}


/* The end of a run of a tag's or an attribute's name from p: the first index holding one of the
 * tokenizer's spaces, "/", ">" or (with `equals`) "=", else the text's end. Where SSE2 is there,
 * sixteen (eight) characters are compared at once with "?" (the stops are all below it, a
 * name's letters above): only those below, or past 0x7F (negative), are looked up one at a
 * time. The names of a page's many attributes ("class", "href") were a fifth of the
 * tokenizer's instructions, read a character at a time. */
ONE_KIND Py_ssize_t name_run(const Text *t, const int kind, Py_ssize_t p, const int equals) {
    const Py_ssize_t n = t->n;
    const unsigned bits = equals ? SPACE | SLASH | EQUALS | GT : SPACE | SLASH | GT;
    Py_UCS4 c;
#if defined(__SSE2__)
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *data = t->data;
        for (; n - p >= 16; p += 16) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(data + p));
            for (unsigned low = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8('?'))); low; low &= low - 1) {
                const Py_ssize_t i = p + __builtin_ctz(low);
                if (IN(data[i], bits)) return i;
            }
        }
    } else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *data = t->data;
        for (; n - p >= 8; p += 8) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(data + p));
            /* two bits a character: the lower one kept */
            unsigned low = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi16(v, _mm_set1_epi16('?'))) & 0x5555u;
            for (; low; low &= low - 1) {
                const Py_ssize_t i = p + (__builtin_ctz(low) >> 1);
                if (IN(data[i], bits)) return i;
            }
        }
    } else {
        const Py_UCS4 *data = t->data;
        for (; n - p >= 4; p += 4) { /* four bits a character */
            unsigned low = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi32(_mm_loadu_si128((const __m128i *)(data + p)),
                                                                       _mm_set1_epi32('?'))) & 0x1111u;
            for (; low; low &= low - 1) {
                const Py_ssize_t i = p + (__builtin_ctz(low) >> 2);
                if (IN(data[i], bits)) return i;
            }
        }
    }
#endif
    while (p < n && !IN(c = AT(p), bits)) p++;
    return p;
}

/* text[start:end] as a str (bytes read as Latin-1). */
PyObject *substring(const Text *t, Py_ssize_t start, Py_ssize_t end) {
    if (t->bytes) return PyUnicode_DecodeLatin1((const char *)t->data + start, end - start, NULL);
    return PyUnicode_Substring(t->str, start, end);
}


/* "[^>]*+>?" from `from`: just past the next ">", or the end. */
ONE_KIND Py_ssize_t past_gt(const Text *t, const int kind, Py_ssize_t from) {
    Py_ssize_t i = find(t, kind, '>', from);
    return i < 0 ? t->n : i + 1;
}

/* _ATTRIBUTES from `p` (just after a tag's name): the end of the tag; its names' spans in tok
 * (Token.names). */
ONE_KIND Py_ssize_t attributes_end(const Text *t, const int kind, Py_ssize_t p, Token *tok) {
    Py_ssize_t n = t->n;
    int names = 0;
    while (p < n) {
        Py_UCS4 c = AT(p);
        if (is_space(c) || c == '/') {
            p++;
            while (p < n && (is_space(c = AT(p)) || c == '/')) p++;
            continue;
        }
        if (c == '>') break;
        /* a name: its first character may be "=" or a quote */
        Py_ssize_t start = p;
        p = name_run(t, kind, p + 1, 1);
        if (names < TOKEN_NAMES) {
            tok->name_at[2 * names] = start;
            tok->name_at[2 * names + 1] = p;
        }
        names++;
        Py_ssize_t q = p;
        while (q < n && is_space(AT(q))) q++;
        if (q < n && AT(q) == '=') {
            q++;
            while (q < n && is_space(AT(q))) q++;
            Py_UCS4 quote = q < n ? AT(q) : 0;
            if (quote == '"' || quote == '\'') {
                Py_ssize_t close = find(t, kind, quote, q + 1);
                p = close < 0 ? n : close + 1;
            } else {
                while (q < n && !is_space(c = AT(q)) && c != '>') q++;
                p = q;
            }
        }
    }
    if (p < n && AT(p) == '>') {
        tok->names = names <= TOKEN_NAMES ? names : -1;
        return p + 1;
    }
    tok->names = -1; /* cut by the text's end: its names as the name work's own walk reads them */
    return p;
}

/* Whether _scan_patterns.TOKEN matches at `i` (a "<"), and what. */
ONE_KIND int match_at(const Text *t, const int kind, Py_ssize_t i, Token *tok) {
    Py_ssize_t n = t->n;
    if (i + 1 >= n) return 0;
    Py_UCS4 c = AT(i + 1);
    tok->start = i;
    tok->name_start = -1;
    if (c == '!' && i + 3 < n && AT(i + 2) == '-' && AT(i + 3) == '-') {
        Py_ssize_t j = i + 4; /* "<!-->" and "<!--->" are empty comments */
        if (j < n && AT(j) == '>') {
            tok->end = j + 1;
            return 1;
        }
        if (j + 1 < n && AT(j) == '-' && AT(j + 1) == '>') {
            tok->end = j + 2;
            return 1;
        }
        for (Py_ssize_t k = find(t, kind, '-', j); k >= 0; k = find(t, kind, '-', k + 1)) {
            if (k + 2 < n && AT(k + 1) == '-') {
                Py_UCS4 d = AT(k + 2);
                if (d == '>') {
                    tok->end = k + 3;
                    return 1;
                }
                if (d == '!' && k + 3 < n && AT(k + 3) == '>') {
                    tok->end = k + 4;
                    return 1;
                }
            }
        }
        tok->end = n; /* unterminated: to the end */
        return 1;
    }
    if (c == '!' || c == '?') { /* a bogus comment */
        tok->end = past_gt(t, kind, i + 2);
        return 1;
    }
    Py_ssize_t name = i + 1;
    if (c == '/') {
        if (i + 2 >= n) return 0;
        Py_UCS4 d = AT(i + 2);
        if (d == '>') {
            tok->end = i + 3;
            return 1;
        }
        if (!is_letter(d)) {
            tok->end = past_gt(t, kind, i + 3);
            return 1;
        }
        name = i + 2;
    } else if (!is_letter(c)) {
        return 0;
    }
    Py_ssize_t p = name_run(t, kind, name + 1, 0);
    tok->name_start = name;
    tok->name_end = p;
    tok->end = attributes_end(t, kind, p, tok);
    return 1;
}

ONE_KIND int next_of_kind(const Text *t, const int kind, Py_ssize_t from, Token *tok) {
    for (Py_ssize_t i = find(t, kind, '<', from); i >= 0; i = find(t, kind, '<', i + 1)) {
        if (match_at(t, kind, i, tok)) return 1;
    }
    return 0;
}

int next_token(const Text *t, Py_ssize_t from, Token *tok) {
    switch (t->kind) {
    case PyUnicode_1BYTE_KIND:
        return next_of_kind(t, PyUnicode_1BYTE_KIND, from, tok);
    case PyUnicode_2BYTE_KIND:
        return next_of_kind(t, PyUnicode_2BYTE_KIND, from, tok);
    default:
        return next_of_kind(t, PyUnicode_4BYTE_KIND, from, tok);
    }
}


/* The tag's name as str.lower() gives it (ASCII here, str.lower for the rest). */
PyObject *lower_name(const Text *t, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t length = end - start;
    for (Py_ssize_t i = start; i < end; i++) {
        if (at(t, i) > 127) {
            PyObject *name = substring(t, start, end);
            if (name == NULL) return NULL;
            PyObject *lower = PyObject_CallMethod(name, "lower", NULL);
            Py_DECREF(name);
            return lower;
        }
    }
    PyObject *lower = PyUnicode_New(length, 127);
    if (lower == NULL) return NULL;
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(lower);
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = at(t, start + i);
        out[i] = (Py_UCS1)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return lower;
}


/* _limits._RAW_END[name].search(text, from).start() for an ASCII name: the first "</" then the
 * name in either case then one of "\t\n\f\r /" or ">", or -1. In a str, (?i) also folds a few
 * non-ASCII letters to the name's ("\u017f" to "s", the Kelvin sign to "k"...): where a
 * candidate holds a non-ASCII character in the name's place, -1 is returned with *undecided
 * set to its offset, for the regex to search from there. Bytes fold ASCII only. *comment: whether
 * a "<!--" comes before the end found (its characters are read on the way: _bodies.droppable). */
Py_ssize_t raw_end(const Text *t, const char *name, Py_ssize_t length, Py_ssize_t from, Py_ssize_t *undecided,
                   int *comment) {
    *undecided = -1;
    *comment = 0;
    for (Py_ssize_t i = find(t, t->kind, '<', from); i >= 0; i = find(t, t->kind, '<', i + 1)) {
        if (i + 2 + length >= t->n) return -1; /* no room for the name and the character after it */
        if (at(t, i + 1) != '/') {
            *comment = *comment || (at(t, i + 1) == '!' && at(t, i + 2) == '-' && at(t, i + 3) == '-');
            continue;
        }
        Py_ssize_t j = 0;
        for (; j < length; j++) {
            Py_UCS4 c = at(t, i + 2 + j);
            if (c > 127 && !t->bytes) {
                *undecided = i;
                return -1;
            }
            if ((c | 32) != (Py_UCS4)name[j]) break; /* the name's characters are lower-case letters */
        }
        if (j < length) continue;
        Py_UCS4 c = at(t, i + 2 + length);
        if (is_space(c) || c == '/' || c == '>') return i;
    }
    return -1;
}

int makes_comment(const Text *t, Py_ssize_t start) {
    if (start + 2 < t->n && at(t, start + 1) == '/' && at(t, start + 2) == '>') return 0; /* "</>": ignored */
    static const char doctype[] = "!doctype";
    for (Py_ssize_t i = 0; i < 8; i++) {
        if (start + 1 + i >= t->n) return 1;
        Py_UCS4 c = at(t, start + 1 + i);
        if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
        if (c != (Py_UCS4)doctype[i]) return 1;
    }
    return 0; /* a doctype: in the body, ignored */
}
