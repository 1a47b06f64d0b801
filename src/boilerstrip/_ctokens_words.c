/* The word tables of the features stage's look-ups in C, for the _ctokens extension
 * (_ctokens.c lists them): the stopword loops (_ctokens_language.c), the title words, the
 * phrase keys and the name words read a table of words (word_table) in place of the set or
 * dict they stand for. A token is a str made by block_counts or the token
 * regex, hashed by neither: looked up in a set or dict, each was hashed by Python (SipHash)
 * and compared there; here its bytes are hashed (word_hash) and compared in place, and no str
 * hash is made. Two str are equal exactly when they have the same kind and the same bytes (a
 * str is stored in the narrowest kind that holds its characters), so the table finds exactly
 * the tokens the set or dict holds: tests/test_ctokens_words.py checks both ways. Hidden, as
 * _cscan's shared functions are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_ctokens_words.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* A table: its Header (_ctokens_words.h), then ``mask + 1`` slots (a power of two, at most
 * half of them used), then the words' bytes, then their numbers (uint16). Read with memcpy: a
 * bytes object's data need not be aligned for these. */

static inline const unsigned char *find_word(const unsigned char *table, const Header *header, PyObject *token,
                                             WordSlot *slot) {
    const int kind = PyUnicode_KIND(token);
    return find_bytes(table, header, kind, PyUnicode_DATA(token), PyUnicode_GET_LENGTH(token) * kind, slot);
}

/* The header of a table given as ``object`` (bytes), checked: its parts lie within it. -1 with
 * an exception set when it is no table. */
int read_header(PyObject *object, const unsigned char **table, Header *header) {
    if (!PyBytes_CheckExact(object) || PyBytes_GET_SIZE(object) < (Py_ssize_t)sizeof(Header)) {
        PyErr_SetString(PyExc_TypeError, "a word table is the bytes word_table() makes");
        return -1;
    }
    *table = (const unsigned char *)PyBytes_AS_STRING(object);
    memcpy(header, *table, sizeof(Header));
    const uint64_t size = (uint64_t)PyBytes_GET_SIZE(object), slots = header->mask + 1;
    if (header->size != size || slots == 0 || (slots & header->mask) != 0 || slots > size / sizeof(WordSlot) ||
        sizeof(Header) + slots * sizeof(WordSlot) > header->filter_at || header->filter_mask < 63 ||
        ((header->filter_mask + 1) & header->filter_mask) != 0 ||
        header->filter_at + (header->filter_mask + 1) / 8 > header->words_at || header->words_at > header->numbers_at ||
        header->numbers_at > size) {
        PyErr_SetString(PyExc_ValueError, "a word table is the bytes word_table() makes");
        return -1;
    }
    return 0;
}

/* Whether the table ``object`` holds the one-byte word of ``size`` bytes at ``key``: 1, with
 * ``*value`` its numbers read as the 16-bit parts of one number, lowest first (at most four:
 * _name_verdicts' bits); 0 when it does not; -1 with an exception set when ``object`` is no
 * table (_ctokens_names.c's look-ups). */
int word_table_value(PyObject *object, const unsigned char *key, Py_ssize_t size, unsigned long long *value) {
    const unsigned char *table;
    Header header;
    WordSlot slot;
    if (read_header(object, &table, &header)) return -1;
    *value = 0;
    if (find_bytes(table, &header, PyUnicode_1BYTE_KIND, key, size, &slot) == NULL) return 0;
    for (int k = 0; k < slot.numbers && k < 4; k++) {
        uint16_t part;
        const uint64_t at = header.numbers_at + 2 * ((uint64_t)slot.numbers_at + (uint64_t)k);
        if (at + 2 > header.size) break;
        memcpy(&part, table + at, 2);
        *value |= (unsigned long long)part << (16 * k);
    }
    return 1;
}

/* The table ``object`` read for open_table_numbers: its header read and checked once, for all
 * of a call's look-ups. -1 with an exception set when it is no table. */
int word_table_open(PyObject *object, OpenTable *open) {
    return read_header(object, &open->table, &open->header);
}

/* The numbers of the word ``tag`` + the token's first ``size`` characters in the table ``open``
 * (word_table_open), written to ``numbers`` (room for 255): how many, or -1 when the table
 * does not hold that word; -2 with an exception set when the table is broken. The word is made
 * as Python makes that str (in the narrowest kind that holds its characters), on the stack:
 * none is made or hashed (_ctokens_rows.c's look-ups of a token's key words). */
Py_ssize_t open_table_numbers(const OpenTable *open, char tag, const Word *token, Py_ssize_t size,
                              Py_ssize_t *numbers) {
    const int kind = token->kind;
    const void *data = token->data;
    if (size > token->length || size > 15) return -1; /* no key is that long */
    Py_UCS4 top = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c > top) top = c;
    }
    const int narrow = top < 0x100 ? PyUnicode_1BYTE_KIND : top < 0x10000 ? PyUnicode_2BYTE_KIND : PyUnicode_4BYTE_KIND;
    unsigned char word[16 * 4];
    for (Py_ssize_t i = 0; i <= size; i++) {
        const Py_UCS4 c = i == 0 ? (Py_UCS4)(unsigned char)tag : PyUnicode_READ(kind, data, i - 1);
        if (narrow == PyUnicode_1BYTE_KIND) {
            word[i] = (unsigned char)c;
        } else if (narrow == PyUnicode_2BYTE_KIND) {
            const Py_UCS2 unit = (Py_UCS2)c;
            memcpy(word + 2 * i, &unit, 2);
        } else {
            memcpy(word + 4 * i, &c, 4);
        }
    }
    return open_table_find(open, narrow, word, (size + 1) * narrow, numbers);
}

/* Whether the table ``open`` (word_table_open) holds the token: 1 or 0 (block_counts' title
 * words: the header read once a block, not once a token). */
int open_table_holds(const OpenTable *open, const Word *token) {
    WordSlot slot;
    return find_bytes(open->table, &open->header, token->kind, token->data, token->length * token->kind, &slot) != NULL;
}

/* token_set(text, tokens) -> frozenset: frozenset(tokens(text)), the features stage's title
 * words (_token_stats.token_stats). A text of Latin-1 characters and separators is split as
 * block_counts splits a block's (the same tokens as _language.tokens: tests/test_ctokens.py),
 * its tokens made str here; any other is handed to ``tokens``. Where the compiled build ran
 * the token regex (its lower(), findall's list) on every page's title. */
PyObject *token_set(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_CheckExact(args[0])) {
        PyErr_SetString(PyExc_TypeError, "token_set() takes a str and a function");
        return NULL;
    }
    PyObject *text = args[0];
    Py_ssize_t count = 0;
    PyObject *marked = PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND ? byte_tokens(text, &count)
                                                                     : wide_tokens(text, &count);
    if (marked == NULL) return NULL;
    if (marked == Py_None) {
        Py_DECREF(marked);
        PyObject *list = PyObject_CallOneArg(args[1], text);
        if (list == NULL) return NULL;
        PyObject *out = PyFrozenSet_New(list);
        Py_DECREF(list);
        return out;
    }
    PyObject *out = PyFrozenSet_New(NULL);
    Py_ssize_t at = 0;
    Word word;
    int more;
    while (out != NULL && (more = next_word(marked, &at, &word)) != 0) {
        PyObject *token = more < 0 ? NULL : word_object(&word);
        if (token == NULL || PySet_Add(out, token) < 0) Py_CLEAR(out); /* (a new frozenset takes adds) */
        Py_XDECREF(token);
    }
    Py_DECREF(marked);
    return out;
}

/* word_table(words[, numbers]): the table of a list of distinct str, each with a tuple of
 * numbers (ints of 0 to 65535, at most 255 of them) when ``numbers`` (a list as long) is given. */
PyObject *word_table(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *words = nargs >= 1 ? args[0] : NULL, *numbers = nargs == 2 ? args[1] : NULL;
    if (nargs < 1 || nargs > 2 || !PyList_CheckExact(words) ||
        (numbers != NULL && (!PyList_CheckExact(numbers) || PyList_GET_SIZE(numbers) != PyList_GET_SIZE(words)))) {
        PyErr_SetString(PyExc_TypeError, "word_table() takes a list of str and a list of tuples as long");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(words);
    uint64_t slots = 16, word_bytes = 0, count = 0;
    while (slots < 2 * (uint64_t)n) slots *= 2;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *word = PyList_GET_ITEM(words, i);
        PyObject *found = numbers != NULL ? PyList_GET_ITEM(numbers, i) : NULL;
        if (!PyUnicode_CheckExact(word) || PyUnicode_GET_LENGTH(word) * PyUnicode_KIND(word) > 0xFFFF ||
            (found != NULL && (!PyTuple_CheckExact(found) || PyTuple_GET_SIZE(found) > 0xFF))) {
            PyErr_SetString(PyExc_ValueError, "word_table(): a word is a str, its numbers a tuple of at most 255");
            return NULL;
        }
        word_bytes += (uint64_t)(PyUnicode_GET_LENGTH(word) * PyUnicode_KIND(word));
        count += found != NULL ? (uint64_t)PyTuple_GET_SIZE(found) : 0;
    }
    uint64_t filter_bits = 512;
    while (filter_bits < 8 * (uint64_t)n) filter_bits *= 2;
    const uint64_t filter_at = sizeof(Header) + slots * sizeof(WordSlot);
    const uint64_t words_at = filter_at + filter_bits / 8, numbers_at = words_at + word_bytes;
    const uint64_t size = numbers_at + 2 * count;
    if (size > UINT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "word_table(): too many words");
        return NULL;
    }
    PyObject *out = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)size);
    if (out == NULL) return NULL;
    unsigned char *table = (unsigned char *)PyBytes_AS_STRING(out);
    memset(table, 0, (size_t)size);
    const Header header = {slots - 1, words_at, numbers_at, size, filter_at, filter_bits - 1};
    memcpy(table, &header, sizeof header);
    uint64_t word_at = words_at, number = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *word = PyList_GET_ITEM(words, i);
        PyObject *found = numbers != NULL ? PyList_GET_ITEM(numbers, i) : NULL;
        const int kind = PyUnicode_KIND(word);
        const Py_ssize_t bytes = PyUnicode_GET_LENGTH(word) * kind;
        const unsigned char *data = PyUnicode_DATA(word);
        WordSlot slot = {word_hash(kind, data, bytes), (uint32_t)word_at, (uint32_t)number, (uint16_t)bytes,
                     (uint8_t)kind, (uint8_t)(found != NULL ? PyTuple_GET_SIZE(found) : 0)};
        WordSlot there;
        if (find_word(table, &header, word, &there) != NULL) {
            Py_DECREF(out);
            PyErr_SetString(PyExc_ValueError, "word_table(): the words are distinct");
            return NULL;
        }
        for (Py_ssize_t k = 0; k < slot.numbers; k++) {
            const long value = PyLong_AsLong(PyTuple_GET_ITEM(found, k));
            if (value < 0 || value > 0xFFFF) {
                Py_DECREF(out);
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "word_table(): a number is 0 to 65535");
                return NULL;
            }
            const uint16_t small = (uint16_t)value;
            memcpy(table + numbers_at + 2 * (number + (uint64_t)k), &small, 2);
        }
        memcpy(table + word_at, data, (size_t)bytes);
        uint64_t at = slot.hash & header.mask;
        while (memcpy(&there, table + sizeof(Header) + at * sizeof(WordSlot), sizeof(WordSlot)), there.hash != 0)
            at = (at + 1) & header.mask;
        memcpy(table + sizeof(Header) + at * sizeof(WordSlot), &slot, sizeof(WordSlot));
        for (int second = 0; second < 2; second++) {
            const uint64_t bit = filter_bit(slot.hash, &header, second);
            table[filter_at + (bit >> 3)] |= (unsigned char)(1u << (bit & 7));
        }
        word_at += (uint64_t)bytes;
        number += slot.numbers;
    }
    return out;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
