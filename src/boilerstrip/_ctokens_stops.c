/* The page language and every block's stopwords in one C call (language_stops), for the _ctokens
 * extension (_ctokens.c lists it): _language.detect_with_stops in the compiled build, whose
 * references are _language.detect_language and _token_stats.stop_counts
 * (tests/test_ctokens_stops.py checks that it gives what they give). Hidden, as _cscan's shared
 * functions are. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "_ctokens_words.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

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
            PyErr_SetString(PyExc_ValueError, "language_stops(): a language number is out of range");
            return -1;
        }
        *bits |= (uint64_t)1 << number;
    }
    return 0;
}

/* A word language_stops has looked up, in a slot by its hash: its characters (in the lists),
 * whether the index holds it, its languages' bits and its meetings since it took the slot (added
 * to the hits when it leaves the slot or detection ends: the same sums). "the", "of" and "and"
 * are found again here, not in the 1.2 MB index (a cache miss each), and counted with one add. */
typedef struct {
    const unsigned char *data;
    uint64_t languages;
    Py_ssize_t count;
    uint32_t hash;
    uint16_t bytes;
    uint8_t kind, found;
} Memo;

#define MEMO_SLOTS 256 /* a power of two, and at most 256 (a slot's place is a byte) */

/* The memo's slots, left unwritten until taken (a small page takes a few: none is cleared), a
 * bit each for those taken, and their places in the order taken. */
typedef struct {
    Memo memos[MEMO_SLOTS];
    uint64_t taken[MEMO_SLOTS / 64];
    unsigned char places[MEMO_SLOTS];
    int used;
} Memos;

/* ``count`` added to the hits of each language of ``languages``. */
static inline void add_hits(Py_ssize_t *hits, uint64_t languages, Py_ssize_t count) {
    for (uint64_t rest = languages; rest; rest &= rest - 1) hits[__builtin_ctzll(rest)] += count;
}

/* The languages (bits below ``n``) of ``word`` in the stopword index's ``table``, from the memo or
 * looked up there and remembered, the meeting counted when ``counting`` (``hits``: a word's
 * meetings are added there when it leaves its slot, or at once when it is too long for one).
 * 1 when the index holds the word, 0 when not, -1 with an exception set. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* (two callers: a call a token cost a fifth more) */
#endif
static inline int word_languages(Memos *m, const unsigned char *table, const Header *header, Py_ssize_t n,
                          const Word *word, Py_ssize_t *hits, int counting, uint64_t *languages) {
    const Py_ssize_t bytes = word->length * word->kind;
    const uint32_t hash = word_hash(word->kind, word->data, bytes);
    const unsigned place = hash & (MEMO_SLOTS - 1);
    Memo *memo = &m->memos[place];
    const int in_memo = (int)(m->taken[place >> 6] >> (place & 63) & 1);
    if (in_memo && memo->hash == hash && memo->kind == word->kind && memo->bytes == bytes &&
        same_bytes(memo->data, word->data, (size_t)bytes)) {
        *languages = memo->languages;
        memo->count += counting && memo->found;
        return memo->found;
    }
    WordSlot slot;
    const int held = find_hashed(table, header, hash, word->kind, word->data, bytes, &slot) != NULL;
    *languages = 0;
    if (held && slot_bits(table, header, &slot, n, languages)) return -1;
    if (bytes > 0xFFFF) {
        if (counting) add_hits(hits, *languages, held);
        return held;
    }
    if (in_memo) {
        if (counting) add_hits(hits, memo->languages, memo->count); /* (the word that leaves the slot) */
    } else {
        m->taken[place >> 6] |= (uint64_t)1 << (place & 63);
        m->places[m->used++] = (unsigned char)place;
    }
    *memo = (Memo){word->data, *languages, counting && held, hash, (uint16_t)bytes, (uint8_t)word->kind,
                   (uint8_t)held};
    return held;
}

/* A block's place and its tokens' number, sorted by the number, most first, then by place
 * (Python's stable sort of the places by their numbers, reversed). */
typedef struct {
    Py_ssize_t count, place;
} Counted;

static int most_first(const void *a, const void *b) {
    const Counted *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return (x->place > y->place) - (x->place < y->place);
}

/* ``order`` (the blocks in place order) sorted by most_first: counted (a table of each count's
 * first place, one pass to fill it and one to place the blocks) where the largest count,
 * ``most``, is within a few times the blocks' number, else by qsort. -1 with an exception set. */
static int longest_first(Counted *order, Py_ssize_t blocks, Py_ssize_t most) {
    if (most > 8 * blocks + 1024) {
        qsort(order, (size_t)blocks, sizeof *order, most_first);
        return 0;
    }
    Py_ssize_t *starts = PyMem_Calloc((size_t)most + 1, sizeof *starts);
    Counted *sorted = PyMem_Malloc((size_t)(blocks ? blocks : 1) * sizeof *sorted);
    if (starts != NULL && sorted != NULL) {
        for (Py_ssize_t i = 0; i < blocks; i++) starts[order[i].count]++;
        for (Py_ssize_t count = most, at = 0; count >= 0; count--) {
            const Py_ssize_t these = starts[count];
            starts[count] = at, at += these;
        }
        for (Py_ssize_t i = 0; i < blocks; i++) sorted[starts[order[i].count]++] = order[i];
        memcpy(order, sorted, (size_t)blocks * sizeof *order);
    }
    const int failed = starts == NULL || sorted == NULL;
    PyMem_Free(starts);
    PyMem_Free(sorted);
    if (failed) PyErr_NoMemory();
    return failed ? -1 : 0;
}

/* _language._chosen of ``hits`` (per language number below ``n``): the number of the most hits,
 * ``mine``'s (the declared language's number, or -1) multiplied by ``bonus``; of equals, the
 * first; ``mine`` when no language has hits (-1: none). */
static Py_ssize_t chosen(const Py_ssize_t *hits, Py_ssize_t n, Py_ssize_t mine, double bonus) {
    Py_ssize_t best = -1, most = 0; /* the first of the most hits among the languages not declared */
    for (Py_ssize_t at = 0; at < n; at++)
        if (hits[at] > most && at != mine) best = at, most = hits[at];
    if (mine >= 0 && hits[mine] > 0) {
        const double value = (double)hits[mine] * bonus;
        if (best < 0 || value > (double)most || (value == (double)most && mine < best)) return mine;
    }
    return best < 0 ? mine : best;
}

#define STACK_BLOCKS 128 /* blocks whose places and order are kept on the stack */
#define STACK_FOUND 512  /* stopwords whose languages are kept on the stack */

/* language_stops(lists, counts, limit, n, table, mine, bonus) -> (number, stops) or None:
 * _language.detect_with_stops in one call. The lists are read longest first (``counts``: each
 * one's tokens; a stable sort, most first: in list order when the page has no more than
 * ``limit`` tokens, as all are then read) as language_hits reads them (up to and with the list
 * that brings the tokens seen to ``limit``), each token looked up once in the stopword index's
 * ``table`` (word_table of _language._stopword_index: per word, the numbers of the ``n``
 * languages whose stoplists hold it), its languages kept for the lists read; the language of
 * the most hits is chosen as _language._chosen chooses it (``mine``: the declared language's
 * number or -1, its hits multiplied by ``bonus``); ``stops`` gives per list its tokens in that
 * language's stoplist (stop_counts: a word is in it when the index gives the word its number),
 * from the languages kept, or looked up for a list not read. ``number`` is -1 (and every list's
 * stops 0) when no language is chosen; None when ``n`` is above 64. */
PyObject *language_stops(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 7 || !PyList_CheckExact(args[0]) || !PyList_CheckExact(args[1]) || !PyLong_Check(args[2]) ||
        !PyLong_Check(args[3]) || !PyLong_Check(args[5]) || !PyFloat_Check(args[6]) ||
        PyList_GET_SIZE(args[0]) != PyList_GET_SIZE(args[1])) {
        PyErr_SetString(PyExc_TypeError, "language_stops() takes a list of lists, a list of ints of its length, two "
                                         "ints, a word table, an int and a float");
        return NULL;
    }
    PyObject *lists = args[0], *counts = args[1];
    const unsigned char *table;
    Header header;
    if (read_header(args[4], &table, &header)) return NULL;
    const Py_ssize_t limit = PyLong_AsSsize_t(args[2]), n = PyLong_AsSsize_t(args[3]);
    const Py_ssize_t mine = PyLong_AsSsize_t(args[5]);
    if ((limit == -1 || n == -1 || mine == -1) && PyErr_Occurred()) return NULL;
    if (n < 0 || n > MAX_LANGUAGES) Py_RETURN_NONE;
    if (mine < -1 || mine >= n) {
        PyErr_SetString(PyExc_ValueError, "language_stops(): the declared language's number is out of range");
        return NULL;
    }
    const double bonus = PyFloat_AS_DOUBLE(args[6]);
    const Py_ssize_t blocks = PyList_GET_SIZE(lists);
    Py_ssize_t hits[MAX_LANGUAGES] = {0}, found = 0, room = STACK_FOUND, seen = 0, total = 0, most = 0;
    Memos memos;
    memos.used = 0;
    memset(memos.taken, 0, sizeof memos.taken);
    /* per list: the first and the end of its stopwords' places in ``bits`` (-1: not read), and
     * the lists in the order read; on the stack for most pages */
    int64_t stack_places[2 * STACK_BLOCKS];
    Counted stack_order[STACK_BLOCKS];
    uint64_t stack_bits[STACK_FOUND];
    int64_t *places = blocks <= STACK_BLOCKS ? stack_places : PyMem_Malloc(2 * (size_t)blocks * sizeof *places);
    Counted *order = blocks <= STACK_BLOCKS ? stack_order : PyMem_Malloc((size_t)blocks * sizeof *order);
    uint64_t *bits = stack_bits;
    PyObject *out = NULL, *stops = NULL;
    if (places == NULL || order == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < blocks; i++) {
        const Py_ssize_t count = PyLong_AsSsize_t(PyList_GET_ITEM(counts, i));
        if (count == -1 && PyErr_Occurred()) goto done;
        if (count < 0 || !is_tokens(PyList_GET_ITEM(lists, i))) {
            PyErr_SetString(PyExc_ValueError, "language_stops() takes lists of tokens and their counts");
            goto done;
        }
        order[i] = (Counted){count, i};
        places[2 * i] = places[2 * i + 1] = -1;
        total += count;
        most = count > most ? count : most;
    }
    if (total > limit && longest_first(order, blocks, most)) goto done;
    for (Py_ssize_t p = 0; p < blocks; p++) {
        const Py_ssize_t i = order[p].place;
        places[2 * i] = found;
        Py_ssize_t at = 0;
        Word word;
        for (int more; (more = next_word(PyList_GET_ITEM(lists, i), &at, &word)) != 0;) {
            uint64_t languages;
            const int held = more < 0 ? -1 : word_languages(&memos, table, &header, n, &word, hits, 1, &languages);
            if (held < 0) goto done;
            seen++;
            if (!held) continue;
            if (found == room) {
                uint64_t *more_bits = bits == stack_bits ? PyMem_Malloc(2 * (size_t)room * sizeof *bits)
                                                         : PyMem_Realloc(bits, 2 * (size_t)room * sizeof *bits);
                if (more_bits == NULL) {
                    PyErr_NoMemory();
                    goto done;
                }
                if (bits == stack_bits) memcpy(more_bits, stack_bits, sizeof stack_bits);
                bits = more_bits, room *= 2;
            }
            bits[found++] = languages;
        }
        places[2 * i + 1] = found;
        if (seen >= limit) break; /* (the list that reaches the limit is read whole) */
    }
    for (int m = 0; m < memos.used; m++) {
        Memo *memo = &memos.memos[memos.places[m]];
        add_hits(hits, memo->languages, memo->count);
        memo->count = 0;
    }
    const Py_ssize_t number = chosen(hits, n, mine, bonus);
    stops = PyList_New(blocks);
    if (stops == NULL) goto done;
    for (Py_ssize_t i = 0; i < blocks; i++) {
        Py_ssize_t count = 0;
        if (number >= 0 && places[2 * i] >= 0) {
            for (int64_t k = places[2 * i]; k < places[2 * i + 1]; k++) count += (Py_ssize_t)(bits[k] >> number & 1);
        } else if (number >= 0) {
            Py_ssize_t at = 0;
            Word word;
            for (int more; (more = next_word(PyList_GET_ITEM(lists, i), &at, &word)) != 0;) {
                uint64_t languages;
                const int held = more < 0 ? -1 : word_languages(&memos, table, &header, n, &word, hits, 0, &languages);
                if (held < 0) goto done;
                count += (Py_ssize_t)(languages >> number & 1);
            }
        }
        PyObject *value = PyLong_FromSsize_t(count);
        if (value == NULL) goto done;
        PyList_SET_ITEM(stops, i, value);
    }
    PyObject *place = PyLong_FromSsize_t(number);
    if (place != NULL) out = PyTuple_Pack(2, place, stops);
    Py_XDECREF(place);
done:
    Py_XDECREF(stops); /* (a list left part-filled holds NULL items, which list_dealloc skips) */
    if (places != stack_places) PyMem_Free(places);
    if (order != stack_order) PyMem_Free(order);
    if (bits != stack_bits) PyMem_Free(bits);
    return out;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
