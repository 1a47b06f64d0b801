/* The stopword look-ups of the features stage in C, for the _ctokens extension (_ctokens.c
 * lists them): stop_counts and language_hits, which read a table of words (word_table) in
 * place of the set or dict they are given. A token is a str made by block_counts or the token
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

PyObject *ssize_list(const Py_ssize_t *values, Py_ssize_t n); /* in _ctokens_rows.c */

/* A table: its Header (_ctokens_words.h), then ``mask + 1`` slots (a power of two, at most
 * half of them used), then the words' bytes, then their numbers (uint16). Read with memcpy: a
 * bytes object's data need not be aligned for these. */

typedef struct {
    uint32_t hash;    /* of the word's kind and bytes; 0: an empty slot */
    uint32_t word_at; /* from the start of the table */
    uint32_t numbers_at; /* an index into the numbers */
    uint16_t bytes;   /* the word's size in bytes */
    uint8_t kind;     /* its PyUnicode kind */
    uint8_t numbers;  /* how many numbers it has */
} Slot;

static inline const unsigned char *find_bytes(const unsigned char *table, const Header *header, int kind,
                                              const unsigned char *data, Py_ssize_t bytes, Slot *slot) {
    const uint32_t h = word_hash(kind, data, bytes);
    if (!filter_holds(table, header, h)) return NULL;
    for (uint64_t i = h & header->mask, tried = 0; tried <= header->mask; i = (i + 1) & header->mask, tried++) {
        memcpy(slot, table + sizeof(Header) + i * sizeof(Slot), sizeof(Slot));
        if (slot->hash == 0) return NULL;
        if (slot->hash == h && slot->kind == kind && slot->bytes == bytes &&
            slot->word_at + (uint64_t)bytes <= header->size && same_bytes(table + slot->word_at, data, (size_t)bytes))
            return table + slot->word_at;
    }
    return NULL;
}

static inline const unsigned char *find_word(const unsigned char *table, const Header *header, PyObject *token,
                                             Slot *slot) {
    const int kind = PyUnicode_KIND(token);
    return find_bytes(table, header, kind, PyUnicode_DATA(token), PyUnicode_GET_LENGTH(token) * kind, slot);
}

/* The header of a table given as ``object`` (bytes), checked: its parts lie within it. -1 with
 * an exception set when it is no table. */
static int read_header(PyObject *object, const unsigned char **table, Header *header) {
    if (!PyBytes_CheckExact(object) || PyBytes_GET_SIZE(object) < (Py_ssize_t)sizeof(Header)) {
        PyErr_SetString(PyExc_TypeError, "a word table is the bytes word_table() makes");
        return -1;
    }
    *table = (const unsigned char *)PyBytes_AS_STRING(object);
    memcpy(header, *table, sizeof(Header));
    const uint64_t size = (uint64_t)PyBytes_GET_SIZE(object), slots = header->mask + 1;
    if (header->size != size || slots == 0 || (slots & header->mask) != 0 || slots > size / sizeof(Slot) ||
        sizeof(Header) + slots * sizeof(Slot) > header->filter_at || header->filter_mask < 63 ||
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
    Slot slot;
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
    const unsigned char *table = open->table;
    const Header header = open->header;
    Slot slot;
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
    if (find_bytes(table, &header, narrow, word, (size + 1) * narrow, &slot) == NULL) return -1;
    for (Py_ssize_t k = 0; k < slot.numbers; k++) {
        uint16_t number;
        const uint64_t at = header.numbers_at + 2 * ((uint64_t)slot.numbers_at + (uint64_t)k);
        if (at + 2 > header.size) {
            PyErr_SetString(PyExc_ValueError, "a word table is the bytes word_table() makes");
            return -2;
        }
        memcpy(&number, table + at, 2);
        numbers[k] = number;
    }
    return slot.numbers;
}

/* Whether the table ``open`` (word_table_open) holds the token: 1 or 0 (block_counts' title
 * words: the header read once a block, not once a token). */
int open_table_holds(const OpenTable *open, const Word *token) {
    Slot slot;
    return find_bytes(open->table, &open->header, token->kind, token->data, token->length * token->kind, &slot) != NULL;
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
    const uint64_t filter_at = sizeof(Header) + slots * sizeof(Slot);
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
        Slot slot = {word_hash(kind, data, bytes), (uint32_t)word_at, (uint32_t)number, (uint16_t)bytes,
                     (uint8_t)kind, (uint8_t)(found != NULL ? PyTuple_GET_SIZE(found) : 0)};
        Slot there;
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
        while (memcpy(&there, table + sizeof(Header) + at * sizeof(Slot), sizeof(Slot)), there.hash != 0)
            at = (at + 1) & header.mask;
        memcpy(table + sizeof(Header) + at * sizeof(Slot), &slot, sizeof(Slot));
        for (int second = 0; second < 2; second++) {
            const uint64_t bit = filter_bit(slot.hash, &header, second);
            table[filter_at + (bit >> 3)] |= (unsigned char)(1u << (bit & 7));
        }
        word_at += (uint64_t)bytes;
        number += slot.numbers;
    }
    return out;
}

/* stop_counts(lists, stop[, table]): per block's tokens (a list, or a marked str: _ctokens_words.h),
 * its tokens in the set ``stop``, found in ``table`` (word_table of the set's words) when it is
 * given. */
PyObject *stop_counts(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if ((nargs != 2 && nargs != 3) || !PyList_CheckExact(args[0]) || !PyAnySet_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "stop_counts() takes a list of lists, a set and a word table");
        return NULL;
    }
    PyObject *lists = args[0], *stop = args[1];
    const unsigned char *table = NULL;
    Header header;
    if (nargs == 3 && read_header(args[2], &table, &header)) return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lists);
    PyObject *out = PyList_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *toks = PyList_GET_ITEM(lists, i);
        if (!is_tokens(toks)) {
            PyErr_SetString(PyExc_TypeError, "stop_counts() takes a list of lists");
            Py_DECREF(out);
            return NULL;
        }
        Py_ssize_t found = 0, at = 0;
        Word word;
        int more;
        while (PySet_GET_SIZE(stop) && (more = next_word(toks, &at, &word)) != 0) {
            Slot slot;
            int in = -1;
            if (more > 0 && table != NULL) {
                in = find_bytes(table, &header, word.kind, word.data, word.length * word.kind, &slot) != NULL;
            } else if (more > 0) {
                PyObject *token = word_object(&word);
                if (token != NULL) in = PySet_Contains(stop, token);
                Py_XDECREF(token);
            }
            if (in < 0) {
                Py_DECREF(out);
                return NULL;
            }
            found += in;
        }
        PyObject *count = PyLong_FromSsize_t(found);
        if (count == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, count);
    }
    return out;
}

/* _language.language_hits: per language number below ``n``, the tokens of the lists the
 * iterable gives that ``index`` (a dict: a token -> a tuple of language numbers) gives it, read
 * as _language.count_tokens reads them: up to and with the list that brings the tokens seen
 * to ``limit`` (the iterable is read no further). A count a language where the reference
 * counts each token, then adds each one's count to its languages: the same sums, with no
 * dict written. With ``table`` (word_table of the index's words and numbers), each token is
 * found there instead. */
PyObject *language_hits(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if ((nargs != 4 && nargs != 5) || !PyLong_Check(args[1]) || !PyDict_CheckExact(args[2]) ||
        !PyLong_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "language_hits() takes an iterable of lists, an int, a dict, an int and a word table");
        return NULL;
    }
    PyObject *index = args[2];
    const unsigned char *table = NULL;
    Header header;
    if (nargs == 5 && read_header(args[4], &table, &header)) return NULL;
    const Py_ssize_t limit = PyLong_AsSsize_t(args[1]);
    if (limit == -1 && PyErr_Occurred()) return NULL;
    const Py_ssize_t n = PyLong_AsSsize_t(args[3]);
    if (n == -1 && PyErr_Occurred()) return NULL;
    if (n < 0 || n > 4096) {
        PyErr_SetString(PyExc_ValueError, "language_hits(): the languages' number is out of range");
        return NULL;
    }
    Py_ssize_t *hits = PyMem_Calloc(n + 1, sizeof *hits);
    if (hits == NULL) return PyErr_NoMemory();
    PyObject *out = NULL, *toks = NULL, *it = PyObject_GetIter(args[0]);
    if (it == NULL) goto done;
    Py_ssize_t seen = 0;
    while ((toks = PyIter_Next(it)) != NULL) {
        if (!is_tokens(toks)) {
            PyErr_SetString(PyExc_TypeError, "language_hits() takes an iterable of lists");
            goto done;
        }
        Py_ssize_t count = 0, at = 0;
        Word word;
        int more;
        while ((more = next_word(toks, &at, &word)) != 0) {
            if (more < 0) goto done;
            count++;
            if (table != NULL) {
                Slot slot;
                if (find_bytes(table, &header, word.kind, word.data, word.length * word.kind, &slot) == NULL) continue;
                for (Py_ssize_t k = 0; k < slot.numbers; k++) {
                    uint16_t number;
                    const uint64_t at = header.numbers_at + 2 * ((uint64_t)slot.numbers_at + (uint64_t)k);
                    if (at + 2 > header.size) break;
                    memcpy(&number, table + at, 2);
                    if (number >= n) {
                        PyErr_SetString(PyExc_ValueError, "language_hits(): a language number is out of range");
                        goto done;
                    }
                    hits[number]++;
                }
                continue;
            }
            PyObject *token = word_object(&word);
            if (token == NULL) goto done;
            PyObject *numbers = PyDict_GetItemWithError(index, token); /* borrowed */
            Py_DECREF(token); /* (the dict's key holds its equal) */
            if (numbers == NULL) {
                if (PyErr_Occurred()) goto done;
                continue;
            }
            if (!PyTuple_CheckExact(numbers)) {
                PyErr_SetString(PyExc_TypeError, "language_hits(): an index entry is not a tuple");
                goto done;
            }
            for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(numbers); k++) {
                const Py_ssize_t number = PyLong_AsSsize_t(PyTuple_GET_ITEM(numbers, k));
                if (number < 0 || number >= n) {
                    if (!PyErr_Occurred())
                        PyErr_SetString(PyExc_ValueError, "language_hits(): a language number is out of range");
                    goto done;
                }
                hits[number]++;
            }
        }
        Py_CLEAR(toks);
        seen += count;
        if (seen >= limit) break;
    }
    if (PyErr_Occurred()) goto done;
    out = ssize_list(hits, n);
done:
    Py_XDECREF(toks);
    Py_XDECREF(it);
    PyMem_Free(hits);
    return out;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
