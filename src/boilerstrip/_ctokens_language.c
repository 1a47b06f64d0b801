/* The stopword loops of the features stage in C, for the _ctokens extension (_ctokens.c lists
 * them): stop_counts and language_hits (moved from _ctokens_words.c, which makes and reads the
 * word tables), and language_counts with stop_column, which give both in one look-up a token
 * of the blocks that detection reads: tests/test_ctokens_words.py checks each against its
 * Python reference. Hidden, as _cscan's shared functions are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_ctokens_words.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

PyObject *ssize_list(const Py_ssize_t *values, Py_ssize_t n); /* in _ctokens_rows.c */

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
            WordSlot slot;
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
                WordSlot slot;
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

/* What language_counts keeps for stop_column: the blocks' number and the stopwords found, then
 * per block the first and the end of its stopwords' places (-1 and -1: detection did not read
 * it), then per stopword found the bits of the languages whose stoplists hold it. */
typedef struct {
    int64_t blocks, found;
} Kept;

#define MAX_LANGUAGES 64 /* a stopword's languages are one uint64's bits */

/* The language numbers of the word in ``slot`` (a table of the stopword index) as bits, each
 * below ``n``: -1 with a ValueError set when one is not. */
static int slot_bits(const unsigned char *table, const Header *header, const WordSlot *slot, Py_ssize_t n,
                     uint64_t *bits) {
    *bits = 0;
    for (Py_ssize_t k = 0; k < slot->numbers; k++) {
        uint16_t number;
        const uint64_t at = header->numbers_at + 2 * ((uint64_t)slot->numbers_at + (uint64_t)k);
        if (at + 2 > header->size) break;
        memcpy(&number, table + at, 2);
        if (number >= n) {
            PyErr_SetString(PyExc_ValueError, "language_counts(): a language number is out of range");
            return -1;
        }
        *bits |= (uint64_t)1 << number;
    }
    return 0;
}

/* A word language_counts has looked up in this call, in a slot by its hash: its characters
 * (in the lists, which the call holds), whether the index holds it, its languages' bits and
 * how many times it was met since it took the slot (added to the languages' hits when it
 * leaves the slot or the call ends: the same sums). A page says "the", "of" and "and" many
 * times: each found again here, not in the index (its filter, its slot, its bytes compared and
 * its numbers read, each a cache miss in 1.2 MB), and counted with one add. */
typedef struct {
    const unsigned char *data;
    uint64_t languages;
    Py_ssize_t count;
    uint32_t hash;
    uint16_t bytes;
    uint8_t kind, found;
} Memo;

#define MEMO_SLOTS 256 /* a power of two, and at most 256 (a slot's place is a byte) */

/* ``count`` added to the hits of each language of ``languages``. */
static inline void add_hits(Py_ssize_t *hits, uint64_t languages, Py_ssize_t count) {
    for (uint64_t rest = languages; rest; rest &= rest - 1) hits[__builtin_ctzll(rest)] += count;
}

/* language_counts(lists, order, limit, n, table) -> (hits, kept) or None: language_hits of the
 * lists in ``order`` (a list of their places) with the stopword index's ``table``, and what
 * stop_column needs to give each block's stopwords in any one language without looking the
 * tokens detection read up again: per block read, the languages of each of its tokens that the
 * index holds (as bits: None when ``n`` is above 64). The lists detection does not read are
 * left to stop_column's look-ups. */
PyObject *language_counts(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyList_CheckExact(args[0]) || !PyList_CheckExact(args[1]) || !PyLong_Check(args[2]) ||
        !PyLong_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "language_counts() takes a list of lists, a list of ints, two ints and a word table");
        return NULL;
    }
    PyObject *lists = args[0], *order = args[1];
    const unsigned char *table;
    Header header;
    if (read_header(args[4], &table, &header)) return NULL;
    const Py_ssize_t limit = PyLong_AsSsize_t(args[2]);
    if (limit == -1 && PyErr_Occurred()) return NULL;
    const Py_ssize_t n = PyLong_AsSsize_t(args[3]);
    if (n == -1 && PyErr_Occurred()) return NULL;
    if (n < 0 || n > MAX_LANGUAGES) Py_RETURN_NONE;
    const Py_ssize_t blocks = PyList_GET_SIZE(lists);
    Py_ssize_t hits[MAX_LANGUAGES] = {0}, found = 0, room = 256, seen = 0;
    /* The memo's slots, left unwritten until taken (a small page takes a few: none is cleared),
     * a bit each for those taken, and their places in the order taken. */
    Memo memos[MEMO_SLOTS];
    uint64_t taken[MEMO_SLOTS / 64] = {0};
    unsigned char places_taken[MEMO_SLOTS];
    int slots_taken = 0;
    int64_t *places = PyMem_Malloc(2 * (size_t)(blocks ? blocks : 1) * sizeof *places);
    uint64_t *bits = PyMem_Malloc((size_t)room * sizeof *bits);
    PyObject *out = NULL;
    if (places == NULL || bits == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < 2 * blocks; i++) places[i] = -1;
    for (Py_ssize_t p = 0; p < PyList_GET_SIZE(order); p++) {
        const Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(order, p));
        if (i == -1 && PyErr_Occurred()) goto done;
        if (i < 0 || i >= blocks || places[2 * i] >= 0) {
            PyErr_SetString(PyExc_ValueError, "language_counts(): the order holds each list's place once");
            goto done;
        }
        PyObject *toks = PyList_GET_ITEM(lists, i);
        if (!is_tokens(toks)) {
            PyErr_SetString(PyExc_TypeError, "language_counts() takes a list of lists");
            goto done;
        }
        places[2 * i] = found;
        Py_ssize_t at = 0;
        Word word;
        int more;
        while ((more = next_word(toks, &at, &word)) != 0) {
            if (more < 0) goto done;
            seen++;
            const Py_ssize_t bytes = word.length * word.kind;
            const uint32_t hash = word_hash(word.kind, word.data, bytes);
            const unsigned place = hash & (MEMO_SLOTS - 1);
            Memo *memo = &memos[place];
            const int in_memo = (int)(taken[place >> 6] >> (place & 63) & 1);
            uint64_t languages;
            if (in_memo && memo->hash == hash && memo->kind == word.kind && memo->bytes == bytes &&
                same_bytes(memo->data, word.data, (size_t)bytes)) {
                if (!memo->found) continue;
                languages = memo->languages;
                memo->count++;
            } else {
                WordSlot slot;
                const int held = find_hashed(table, &header, hash, word.kind, word.data, bytes, &slot) != NULL;
                languages = 0;
                if (held && slot_bits(table, &header, &slot, n, &languages)) goto done;
                if (bytes <= 0xFFFF) {
                    if (in_memo) {
                        add_hits(hits, memo->languages, memo->count); /* (the word that leaves the slot) */
                    } else {
                        taken[place >> 6] |= (uint64_t)1 << (place & 63);
                        places_taken[slots_taken++] = (unsigned char)place;
                    }
                    *memo = (Memo){word.data, languages, held, hash, (uint16_t)bytes, (uint8_t)word.kind, (uint8_t)held};
                } else {
                    add_hits(hits, languages, held);
                }
                if (!held) continue;
            }
            if (found == room) {
                uint64_t *more_bits = PyMem_Realloc(bits, 2 * (size_t)room * sizeof *bits);
                if (more_bits == NULL) {
                    PyErr_NoMemory();
                    goto done;
                }
                bits = more_bits, room *= 2;
            }
            bits[found++] = languages;
        }
        places[2 * i + 1] = found;
        if (seen >= limit) break; /* (the list that reaches the limit is read whole) */
    }
    for (int m = 0; m < slots_taken; m++) add_hits(hits, memos[places_taken[m]].languages, memos[places_taken[m]].count);
    const Kept kept = {blocks, found};
    const size_t size = sizeof kept + 2 * (size_t)blocks * sizeof *places + (size_t)found * sizeof *bits;
    PyObject *counts = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)size);
    if (counts == NULL) goto done;
    char *into = PyBytes_AS_STRING(counts);
    memcpy(into, &kept, sizeof kept);
    memcpy(into + sizeof kept, places, 2 * (size_t)blocks * sizeof *places);
    memcpy(into + sizeof kept + 2 * (size_t)blocks * sizeof *places, bits, (size_t)found * sizeof *bits);
    PyObject *counted = ssize_list(hits, n);
    if (counted != NULL) out = PyTuple_Pack(2, counted, counts);
    Py_XDECREF(counted);
    Py_DECREF(counts);
done:
    PyMem_Free(places);
    PyMem_Free(bits);
    return out;
}

/* stop_column(kept, number, lists, table) -> list[int]: per list, its tokens in the stoplist of
 * language ``number`` (stop_counts with that stoplist's ``table``): for a list language_counts
 * read (``kept``, made of these lists), its stopwords found there whose bits hold the language;
 * any other list's tokens looked up in ``table``. */
PyObject *stop_column(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyBytes_CheckExact(args[0]) || !PyLong_Check(args[1]) || !PyList_CheckExact(args[2])) {
        PyErr_SetString(PyExc_TypeError, "stop_column() takes bytes, an int, a list of lists and a word table");
        return NULL;
    }
    PyObject *lists = args[2];
    const unsigned char *table;
    Header header;
    if (read_header(args[3], &table, &header)) return NULL;
    const Py_ssize_t number = PyLong_AsSsize_t(args[1]);
    if (number == -1 && PyErr_Occurred()) return NULL;
    Kept kept;
    const Py_ssize_t size = PyBytes_GET_SIZE(args[0]);
    const char *data = PyBytes_AS_STRING(args[0]);
    if (size >= (Py_ssize_t)sizeof kept) memcpy(&kept, data, sizeof kept);
    const Py_ssize_t blocks = PyList_GET_SIZE(lists);
    if (number < 0 || number >= MAX_LANGUAGES || size < (Py_ssize_t)sizeof kept || kept.blocks != blocks ||
        kept.found < 0 ||
        (uint64_t)size != sizeof kept + 2 * (uint64_t)blocks * sizeof(int64_t) + (uint64_t)kept.found * sizeof(uint64_t)) {
        PyErr_SetString(PyExc_ValueError, "stop_column() takes what language_counts() kept of these lists");
        return NULL;
    }
    const char *places = data + sizeof kept, *bits = places + 2 * (size_t)blocks * sizeof(int64_t);
    PyObject *out = PyList_New(blocks);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < blocks; i++) {
        int64_t from, to;
        memcpy(&from, places + 2 * (size_t)i * sizeof from, sizeof from);
        memcpy(&to, places + (2 * (size_t)i + 1) * sizeof to, sizeof to);
        Py_ssize_t count = 0;
        if (from >= 0 && from <= to && to <= kept.found) {
            for (int64_t k = from; k < to; k++) {
                uint64_t languages;
                memcpy(&languages, bits + (size_t)k * sizeof languages, sizeof languages);
                count += (Py_ssize_t)((languages >> number) & 1);
            }
        } else {
            PyObject *toks = PyList_GET_ITEM(lists, i);
            if (!is_tokens(toks)) {
                PyErr_SetString(PyExc_TypeError, "stop_column() takes a list of lists");
                Py_DECREF(out);
                return NULL;
            }
            Py_ssize_t at = 0;
            Word word;
            int more;
            while ((more = next_word(toks, &at, &word)) != 0) {
                WordSlot slot;
                if (more < 0) {
                    Py_DECREF(out);
                    return NULL;
                }
                count += find_bytes(table, &header, word.kind, word.data, word.length * word.kind, &slot) != NULL;
            }
        }
        PyObject *value = PyLong_FromSsize_t(count);
        if (value == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, value);
    }
    return out;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
