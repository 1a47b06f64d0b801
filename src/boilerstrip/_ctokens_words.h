/* A block's tokens as the _ctokens loops read them, shared by _ctokens.c (which makes them),
 * _ctokens_words.c and _ctokens_rows.c: a list of str (the token regex's, _language.tokens),
 * or, for a text block_counts splits itself (most), one one-byte str of the tokens, each
 * after a mark: a control character, its length (1 to 31), or 0 for a longer one, which ends
 * at the next mark (a token's characters are \w's, none a control character).
 * _language.token_list splits it. One str a block, where a list and a str a token cost an
 * allocation, a deallocation and about 60 bytes each; the marks spare the readers a search
 * for each token's end (joined by spaces, that search cost as much as the lists saved).
 * Also the separators block_counts splits and lower() lowers, and the word tables' hash and
 * compare. Hidden, as _cscan's shared functions are. */
#ifndef BOILERSTRIP_CTOKENS_WORDS_H
#define BOILERSTRIP_CTOKENS_WORDS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* One token: its characters (``length`` of ``kind``), and its str when the tokens are a list
 * (NULL when it lies in a marked str: word_object makes one when a set or dict must read it). */
#define MAX_MARK 0x1F /* the largest mark, and the longest token whose mark is its length */

typedef struct {
    const unsigned char *data;
    Py_ssize_t length;
    int kind;
    PyObject *object;
} Word;

/* Whether ``tokens`` is a block's tokens: a list, or a marked one-byte str. */
static inline int is_tokens(PyObject *tokens) {
    return PyList_CheckExact(tokens) || (PyUnicode_CheckExact(tokens) && PyUnicode_KIND(tokens) == PyUnicode_1BYTE_KIND);
}

/* The token of ``tokens`` (is_tokens) at ``*pos``, which moves past it: 1, 0 past the last,
 * -1 with a TypeError set when a list holds other than a str. */
static inline int next_word(PyObject *tokens, Py_ssize_t *pos, Word *word) {
    if (PyList_CheckExact(tokens)) {
        if (*pos >= PyList_GET_SIZE(tokens)) return 0;
        PyObject *token = PyList_GET_ITEM(tokens, *pos);
        (*pos)++;
        if (!PyUnicode_CheckExact(token)) {
            PyErr_SetString(PyExc_TypeError, "a block's tokens are str");
            return -1;
        }
        word->kind = PyUnicode_KIND(token);
        word->data = PyUnicode_DATA(token);
        word->length = PyUnicode_GET_LENGTH(token);
        word->object = token;
        return 1;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(tokens);
    const Py_UCS1 *c = PyUnicode_1BYTE_DATA(tokens);
    Py_ssize_t i = *pos;
    if (i >= n) return 0;
    const Py_UCS1 mark = c[i++]; /* the token's length, or 0 when it is too long to say */
    Py_ssize_t end = i + mark;
    if (mark == 0 || end > n)
        for (end = i; end < n && c[end] > MAX_MARK;) end++;
    word->kind = PyUnicode_1BYTE_KIND;
    word->data = c + i;
    word->length = end - i;
    word->object = NULL;
    *pos = end;
    return 1;
}

/* The token's str, a new reference (made from a marked str's characters). */
static inline PyObject *word_object(const Word *word) {
    if (word->object != NULL) return Py_NewRef(word->object);
    return PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, word->data, word->length);
}

/* Characters past Latin-1 that the token regex's \w matches neither as they are nor lowered,
 * which lower to themselves and are no CJK: general punctuation (quotes, dashes, the
 * ellipsis, spaces but the zero-width joiners), currency signs, arrows, mathematical and
 * technical signs, box drawing, shapes, dingbats and the commonest emoji blocks. A text of
 * Latin-1 and these (typographic quotes make most English blocks two bytes a character) is
 * split by _ctokens.c; tests/test_ctokens.py checks each against the regex (here: _ctokens.c and
 * _ctokens_copies.c read it). */
static inline int separator(Py_UCS4 c) {
    if (c < 0x2000) return 0;
    if (c < 0x2190)
        return c <= 0x200B || (c >= 0x200E && c <= 0x203E) || (c >= 0x2041 && c <= 0x2053) ||
               (c >= 0x2055 && c <= 0x205F) || (c >= 0x20A0 && c <= 0x20C0);
    return c <= 0x23FF || (c >= 0x2500 && c <= 0x27BF) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF);
}

/* A Latin-1 character or a separator lowered (str.lower of it, one character: none of
 * them lowers to more than one). _ctokens_copies.c's lower and _ctokens_phrase.c read it. */
static inline Py_UCS4 lower_one(Py_UCS4 c) {
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ? c + 0x20 : c;
}

/* A word's hash, of its kind, its size and its bytes, read a few at a time: a word of up to
 * eight bytes (most tokens) in two reads (its first and last four bytes, which overlap, or
 * for up to three its first, middle and last), a longer one eight at a time; each read
 * mixed in by a multiply. A byte at a time (FNV-1a), the hash cost four instructions a byte,
 * a fifth of stop_counts' look-ups. The table is made and read with this one function. */
static inline uint32_t word_hash(int kind, const unsigned char *data, Py_ssize_t size) {
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = ((uint64_t)size << 3 | (uint64_t)kind) * k, a = 0, b = 0;
    if (size > 8) {
        Py_ssize_t i = 0;
        for (; i + 8 < size; i += 8) {
            uint64_t w;
            memcpy(&w, data + i, 8);
            h = (h ^ w) * k;
            h ^= h >> 29;
        }
        memcpy(&a, data + size - 8, 8);
    } else if (size >= 4) {
        uint32_t x, y;
        memcpy(&x, data, 4);
        memcpy(&y, data + size - 4, 4);
        a = x, b = y;
    } else if (size > 0) {
        a = (uint64_t)data[0] | (uint64_t)data[size >> 1] << 8 | (uint64_t)data[size - 1] << 16;
    }
    h = (h ^ a) * k;
    h = (h ^ (h >> 32) ^ b) * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 32;
    return (uint32_t)h ? (uint32_t)h : 1; /* 0 marks an empty slot */
}

/* The slot of the word of ``kind`` and ``bytes`` bytes at ``data`` in the table at ``table``
 * (its header read and checked by the caller), or NULL when the table does not hold it. */
/* Whether the ``n`` bytes at ``a`` and ``b`` are the same: up to eight in two reads (the first
 * and last four, which overlap), where memcmp cost a call a look-up. */
static inline int same_bytes(const unsigned char *a, const unsigned char *b, size_t n) {
    if (n >= 4 && n <= 8) {
        uint32_t a0, a1, b0, b1;
        memcpy(&a0, a, 4), memcpy(&b0, b, 4), memcpy(&a1, a + n - 4, 4), memcpy(&b1, b + n - 4, 4);
        return a0 == b0 && a1 == b1;
    }
    if (n < 4) {
        for (size_t i = 0; i < n; i++)
            if (a[i] != b[i]) return 0;
        return 1;
    }
    return memcmp(a, b, n) == 0;
}

/* A word table's header (_ctokens_words.c's word_table: the table's first bytes), and a table
 * opened: its bytes and its header, read and checked once by word_table_open, for all of a
 * call's look-ups (open_table_numbers). */
typedef struct {
    uint64_t mask, words_at, numbers_at, size;
    /* A bit filter of the words (two bits set a word, 8 to 16 bits a word in all), read before a
     * slot: most tokens are in no table, and the filter, a few KB, stays in the caches where a
     * slot of the stopword index (1.2 MB) is a cache miss. */
    uint64_t filter_at, filter_mask; /* filter_mask: the filter's bits less one (a power of two) */
} Header;

/* The filter's two bits of a word hash: from a 64-bit mix, so that they are not the low bits
 * the slots are found by. */
static inline uint64_t filter_bit(uint32_t hash, const Header *header, int second) {
    const uint64_t mixed = (uint64_t)hash * 0x9E3779B97F4A7C15ull;
    return (second ? mixed >> 40 : mixed >> 12) & header->filter_mask;
}

static inline int filter_holds(const unsigned char *table, const Header *header, uint32_t hash) {
    const uint64_t a = filter_bit(hash, header, 0), b = filter_bit(hash, header, 1);
    const unsigned char *bits = table + header->filter_at;
    return (bits[a >> 3] >> (a & 7) & 1) && (bits[b >> 3] >> (b & 7) & 1);
}

typedef struct {
    const unsigned char *table;
    Header header;
} OpenTable;

typedef struct {
    uint32_t hash;    /* of the word's kind and bytes; 0: an empty slot */
    uint32_t word_at; /* from the start of the table */
    uint32_t numbers_at; /* an index into the numbers */
    uint16_t bytes;   /* the word's size in bytes */
    uint8_t kind;     /* its PyUnicode kind */
    uint8_t numbers;  /* how many numbers it has */
} WordSlot;

/* The word of ``kind`` and ``bytes`` bytes at ``data``, whose word_hash is ``h``, in the table (its
 * header read and checked: read_header), its slot written to ``slot``; NULL when the table does
 * not hold it. */
static inline const unsigned char *find_hashed(const unsigned char *table, const Header *header, uint32_t h,
                                               int kind, const unsigned char *data, Py_ssize_t bytes, WordSlot *slot) {
    if (!filter_holds(table, header, h)) return NULL;
    for (uint64_t i = h & header->mask, tried = 0; tried <= header->mask; i = (i + 1) & header->mask, tried++) {
        memcpy(slot, table + sizeof(Header) + i * sizeof(WordSlot), sizeof(WordSlot));
        if (slot->hash == 0) return NULL;
        if (slot->hash == h && slot->kind == kind && slot->bytes == bytes &&
            slot->word_at + (uint64_t)bytes <= header->size && same_bytes(table + slot->word_at, data, (size_t)bytes))
            return table + slot->word_at;
    }
    return NULL;
}

/* find_hashed of the word's hash: the word of ``kind`` and ``bytes`` bytes at ``data`` in the
 * table, or NULL. */
static inline const unsigned char *find_bytes(const unsigned char *table, const Header *header, int kind,
                                              const unsigned char *data, Py_ssize_t bytes, WordSlot *slot) {
    return find_hashed(table, header, word_hash(kind, data, bytes), kind, data, bytes, slot);
}

/* The numbers of the word of ``kind`` and ``bytes`` bytes at ``data`` in the table ``open``
 * (word_table_open), written to ``numbers`` (room for 255): how many, -1 when the table does not
 * hold it, -2 with an exception set when the table is broken (open_table_numbers, and
 * _ctokens_rows.c's look-ups of a one-byte token's first characters after their tag, made in
 * place: no character is read twice). */
static inline Py_ssize_t open_table_find(const OpenTable *open, int kind, const unsigned char *data, Py_ssize_t bytes,
                                         Py_ssize_t *numbers) {
    WordSlot slot;
    if (find_bytes(open->table, &open->header, kind, data, bytes, &slot) == NULL) return -1;
    for (Py_ssize_t k = 0; k < slot.numbers; k++) {
        uint16_t number;
        const uint64_t at = open->header.numbers_at + 2 * ((uint64_t)slot.numbers_at + (uint64_t)k);
        if (at + 2 > open->header.size) {
            PyErr_SetString(PyExc_ValueError, "a word table is the bytes word_table() makes");
            return -2;
        }
        memcpy(&number, open->table + at, 2);
        numbers[k] = number;
    }
    return slot.numbers;
}

int read_header(PyObject *object, const unsigned char **table, Header *header);
/* _ctokens.c's splits (block_counts'): a one-byte text's tokens, and a wider text's of
 * Latin-1 characters and separators (None, a new reference, for any other), each as one
 * marked str (above), their number in ``*count``. */
PyObject *byte_tokens(PyObject *text, Py_ssize_t *count);
PyObject *wide_tokens(PyObject *text, Py_ssize_t *count);
int word_table_open(PyObject *object, OpenTable *open);
int open_table_holds(const OpenTable *open, const Word *token);
Py_ssize_t open_table_numbers(const OpenTable *open, char tag, const Word *token, Py_ssize_t size,
                              Py_ssize_t *numbers);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
