/* The decision's copy keys and card tree in C, for the _ctokens extension (_ctokens.c lists
 * them). Hidden, as _cscan's shared functions are.
 *
 * The card tree: _card_slots.card_tree's elements and cards read from the blocks' locators
 * (_card_slots._Elements, the reference). An element is a locator's segment path from its first segment: (its parent element, its
 * segment) as _Elements keys it, numbered as they are first met. Each locator is read from
 * where it leaves the previous one (the segments both hold are the same elements), and the
 * rest is looked up in tables of C structs (no str slice, int key or list item a segment):
 * the same elements, segments, tags and groups, first met in the same order, as _Elements
 * makes by its own shortcut (a segment it skips was met in the previous locator). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "_ctokens_words.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* " ".join(text.split()).lower(): the words (runs of characters str.split does not split at,
 * Py_UNICODE_ISSPACE) one space apart, lowered. An ASCII text is lowered here (A-Z). Any
 * other is lowered here too, a character at a time by its simple lower case (Unicode's
 * one-character mapping, which str.lower gives every character but two), unless it holds one
 * of those two: then it is joined here and lowered by str.lower (U+0130 "İ" lowers to two
 * characters, U+03A3 "Σ" to a final sigma at a word's end). tests/test_ctokens_rows.py checks
 * every code point against str.lower. (str.lower here cost 9,300 instructions a text.) */
static PyObject *joined_words(int kind, const void *data, Py_ssize_t n, int lower) {
    Py_UCS4 *buffer = PyMem_Malloc((n ? n : 1) * sizeof(Py_UCS4));
    if (buffer == NULL) return PyErr_NoMemory();
    Py_ssize_t used = 0;
    for (Py_ssize_t i = 0; i < n;) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(c)) {
            i++;
            continue;
        }
        if (used) buffer[used++] = ' ';
        while (i < n && !Py_UNICODE_ISSPACE(c = PyUnicode_READ(kind, data, i))) {
            if (lower) {
                if (c == 0x130 || c == 0x3A3) { /* str.lower's own cases: all of it lowered there */
                    PyMem_Free(buffer);
                    return Py_NewRef(Py_None);
                }
                c = c < 128 ? (c >= 'A' && c <= 'Z' ? c + 0x20 : c) : Py_UNICODE_TOLOWER(c); /* ASCII here: no call */
            }
            buffer[used++] = c;
            i++;
        }
    }
    PyObject *out = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, used);
    PyMem_Free(buffer);
    return out;
}

/* The copy key of an ASCII text (``n`` bytes at ``p``) written to ``out`` (``n`` bytes at least);
 * its length. Eight bytes at a time where the machine is little-endian and they need no more
 * than lowering (no byte under a space, no two spaces side by side, none first or last, a first
 * one only after a word): the case-folded word copied whole (its A-Z made a-z); the others a
 * byte at a time, a run of spacing made one space between words. */
static Py_ssize_t ascii_key(const Py_UCS1 *p, Py_ssize_t n, Py_UCS1 *out) {
    Py_ssize_t used = 0, i = 0;
    int pending = 0; /* spacing read after a word: a space before the next one */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        const uint64_t below = (x - 0x20 * ones) & ~x & highs;            /* some byte < 0x20 */
        const uint64_t spaces = ((x ^ 0x20 * ones) - ones) & ~(x ^ 0x20 * ones) & highs; /* (and some above one) */
        const int fast = !below && !(spaces & (spaces >> 8)) && !(spaces >> 63) &&
                         (!(spaces & 0x80) || (used && !pending));
        if (fast) {
            if (pending) {
                out[used++] = ' ';
                pending = 0;
            }
            const uint64_t upper = (x + 0x3f * ones) & ~(x + 0x25 * ones) & highs; /* A-Z (ASCII bytes) */
            x |= upper >> 2;
            memcpy(out + used, &x, 8);
            used += 8;
            continue;
        }
        for (Py_ssize_t k = i; k < i + 8; k++) {
            const Py_UCS1 c = p[k];
            if (Py_UNICODE_ISSPACE(c)) {
                pending = used > 0;
                continue;
            }
            if (pending) {
                out[used++] = ' ';
                pending = 0;
            }
            out[used++] = c >= 'A' && c <= 'Z' ? c + 0x20 : c;
        }
    }
#endif
    for (; i < n; i++) {
        const Py_UCS1 c = p[i];
        if (Py_UNICODE_ISSPACE(c)) {
            pending = used > 0;
            continue;
        }
        if (pending) {
            out[used++] = ' ';
            pending = 0;
        }
        out[used++] = c >= 'A' && c <= 'Z' ? c + 0x20 : c;
    }
    return used;
}

PyObject *copy_key(PyObject *self, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "copy_key() takes a str");
        return NULL;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (PyUnicode_IS_ASCII(text)) { /* a byte a character */
        Py_UCS1 *bytes = PyMem_Malloc(n ? n : 1);
        if (bytes == NULL) return PyErr_NoMemory();
        const Py_ssize_t used = ascii_key(data, n, bytes);
        PyObject *out = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, bytes, used);
        PyMem_Free(bytes);
        return out;
    }
    PyObject *lowered = joined_words(kind, data, n, 1);
    if (lowered != Py_None) return lowered;
    Py_DECREF(lowered);
    PyObject *joined = joined_words(kind, data, n, 0);
    if (joined == NULL) return NULL;
    PyObject *out = PyObject_CallMethod(joined, "lower", NULL);
    Py_DECREF(joined);
    return out;
}

/* A hash of an ASCII key's bytes: eight at a time, each product's high half folded into its low;
 * the last word holds the count of the last bytes in its top byte. */
static uint64_t key_hash(const Py_UCS1 *key, Py_ssize_t n) {
    uint64_t hash = 0x9e3779b97f4a7c15ULL, word;
    Py_ssize_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&word, key + i, 8);
        hash = (hash ^ word) * 0xff51afd7ed558ccdULL;
        hash ^= hash >> 32;
    }
    word = 0;
    memcpy(&word, key + i, (size_t)(n - i));
    word |= (uint64_t)(n - i) << 56;
    hash = (hash ^ word) * 0xc4ceb9fe1a85ec53ULL;
    return hash ^ (hash >> 29);
}

/* copy_hash(text) -> int: a hash of copy_key(text), in [0, 2**62) (a small int to the compiled
 * build): of an ASCII text read in one pass without making the key; of any other, of the key
 * copy_key makes. A key is hashed by its str's bytes (of its one kind, the narrowest that holds
 * its characters) however it was made (a Kelvin sign lowers to "k"): one key, one hash. */
PyObject *copy_hash(PyObject *self, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "copy_hash() takes a str");
        return NULL;
    }
    uint64_t hash;
    if (PyUnicode_IS_ASCII(text)) {
        const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        Py_UCS1 small[512];
        Py_UCS1 *bytes = n <= (Py_ssize_t)sizeof small ? small : PyMem_Malloc((size_t)n);
        if (bytes == NULL) return PyErr_NoMemory();
        hash = key_hash(bytes, ascii_key(PyUnicode_1BYTE_DATA(text), n, bytes));
        if (bytes != small) PyMem_Free(bytes);
    } else {
        PyObject *key = copy_key(self, text);
        if (key == NULL) return NULL;
        hash = key_hash(PyUnicode_DATA(key), PyUnicode_GET_LENGTH(key) * PyUnicode_KIND(key));
        Py_DECREF(key);
    }
    return PyLong_FromUnsignedLongLong(hash >> 2);
}

enum { MIN_CARDS = 3, MIN_CARD_BLOCKS = 2 }; /* _card_slots._MIN_CARDS, _MIN_CARD_BLOCKS */

/* A growable array of Py_ssize_t. */
typedef struct {
    Py_ssize_t *items;
    Py_ssize_t size, room;
} Column;

static int column_push(Column *column, Py_ssize_t value) {
    if (column->size == column->room) {
        const Py_ssize_t room = column->room ? 2 * column->room : 64;
        Py_ssize_t *items = PyMem_Realloc(column->items, (size_t)room * sizeof *items);
        if (items == NULL) return -1;
        column->items = items;
        column->room = room;
    }
    column->items[column->size++] = value;
    return 0;
}

/* Open addressing over keys that are strings (``text`` of ``length`` bytes, in a locator that
 * outlives the table), 64-bit ints (``text`` NULL) or both; a slot's value is its number. */
typedef struct {
    uint64_t hash;
    uint64_t key;
    const char *text;
    Py_ssize_t length;
    Py_ssize_t value; /* -1: an empty slot */
} Slot;

typedef struct {
    Slot *slots;
    size_t mask; /* slots - 1, a power of two less one */
    Py_ssize_t used;
} Table;

static int table_init(Table *table) {
    table->mask = 63;
    table->used = 0;
    table->slots = PyMem_Malloc(64 * sizeof(Slot));
    if (table->slots == NULL) return -1;
    for (size_t i = 0; i < 64; i++) table->slots[i].value = -1;
    return 0;
}

/* FNV-1a's steps eight bytes at a time, each product's high half folded into its low one (a
 * slot is read from the low bits), then the last bytes one at a time. */
static uint64_t text_hash(const char *text, Py_ssize_t length) {
    uint64_t hash = 1469598103934665603ULL;
    Py_ssize_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word;
        memcpy(&word, text + i, 8);
        hash = (hash ^ word) * 1099511628211ULL;
        hash ^= hash >> 32;
    }
    for (; i < length; i++) hash = (hash ^ (unsigned char)text[i]) * 1099511628211ULL;
    return hash;
}

static uint64_t int_hash(uint64_t key) { /* a 64-bit mix (splitmix64's finaliser) */
    key ^= key >> 30;
    key *= 0xbf58476d1ce4e5b9ULL;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebULL;
    return key ^ (key >> 31);
}

static int table_grow(Table *table) {
    const size_t size = 2 * (table->mask + 1);
    Slot *slots = PyMem_Malloc(size * sizeof(Slot));
    if (slots == NULL) return -1;
    for (size_t i = 0; i < size; i++) slots[i].value = -1;
    for (size_t i = 0; i <= table->mask; i++) {
        const Slot *old = &table->slots[i];
        if (old->value < 0) continue;
        size_t at = old->hash & (size - 1);
        while (slots[at].value >= 0) at = (at + 1) & (size - 1);
        slots[at] = *old;
    }
    PyMem_Free(table->slots);
    table->slots = slots;
    table->mask = size - 1;
    return 0;
}

/* The number of the key (``text``/``length`` and ``key``; ``text`` NULL: ``key`` alone), given
 * ``fresh`` (and ``*made`` set) when it is new; -1 on a memory error. */
static Py_ssize_t table_number(Table *table, const char *text, Py_ssize_t length, uint64_t key,
                               Py_ssize_t fresh, int *made) {
    const uint64_t hash = text ? text_hash(text, length) ^ int_hash(key) : int_hash(key); /* int_hash(0) is 0 */
    size_t at = hash & table->mask;
    for (;; at = (at + 1) & table->mask) {
        Slot *slot = &table->slots[at];
        if (slot->value < 0) break;
        if (slot->hash != hash || slot->key != key) continue;
        if (!text || (slot->length == length && memcmp(slot->text, text, (size_t)length) == 0)) return slot->value;
    }
    Slot *slot = &table->slots[at];
    slot->hash = hash;
    slot->key = key;
    slot->text = text;
    slot->length = length;
    slot->value = fresh;
    *made = 1;
    if (2 * ++table->used > (Py_ssize_t)table->mask && table_grow(table) < 0) return -1;
    return fresh;
}

/* How many leading bytes ``a`` and ``b`` share, of the first ``n``: eight at a time where the
 * machine is little-endian (consecutive locators share most of their start). */
static Py_ssize_t common_start(const char *a, const char *b, Py_ssize_t n) {
    Py_ssize_t i = 0;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y) return i + (Py_ssize_t)(__builtin_ctzll(x ^ y) >> 3);
    }
#endif
    while (i < n && a[i] == b[i]) i++;
    return i;
}

PyObject *ssize_list(const Py_ssize_t *values, Py_ssize_t n); /* in _ctokens_rows.c */

/* card_tree(locators) -> (parents, tags, ends, cards) or None: _card_slots.CardTree's fields
 * (see there); None when a locator is not ASCII (left to Python). */
PyObject *card_tree(PyObject *self, PyObject *locators) {
    if (!PyList_CheckExact(locators)) {
        PyErr_SetString(PyExc_TypeError, "card_tree() takes a list of str");
        return NULL;
    }
    const Py_ssize_t count = PyList_GET_SIZE(locators);
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *loc = PyList_GET_ITEM(locators, i);
        if (!PyUnicode_Check(loc)) {
            PyErr_SetString(PyExc_TypeError, "card_tree() takes a list of str");
            return NULL;
        }
        if (!PyUnicode_IS_ASCII(loc)) Py_RETURN_NONE;
    }
    PyObject *out = NULL;
    Column parents = {0}, tags = {0}, ends = {0}, groups = {0}, blocks_in = {0}, sizes = {0};
    Column segment_tags = {0}, chain = {0}, leaves = {0};
    Table segments = {0}, tag_ids = {0}, ids = {0}, group_ids = {0};
    if (table_init(&segments) < 0 || table_init(&tag_ids) < 0 || table_init(&ids) < 0 ||
        table_init(&group_ids) < 0)
        goto memory;
    /* The tables point into the locators' strs: the caller's list holds them (no Python code
     * runs here until the tables are read no more). */
    const char *last = "";
    Py_ssize_t last_length = 0;
    for (Py_ssize_t b = 0; b < count; b++) {
        PyObject *item = PyList_GET_ITEM(locators, b);
        const char *loc = (const char *)PyUnicode_1BYTE_DATA(item);
        const Py_ssize_t length = PyUnicode_GET_LENGTH(item);
        /* The previous locator's segments this one holds: those ending within their common
         * start where this one ends or goes on with ">" there too. */
        const Py_ssize_t common = common_start(loc, last, length < last_length ? length : last_length);
        Py_ssize_t shared = 0;
        while (shared < chain.size) {
            const Py_ssize_t end = ends.items[chain.items[shared]];
            if (end > common || (end < length && loc[end] != '>')) break;
            shared++;
        }
        chain.size = shared;
        Py_ssize_t node = shared ? chain.items[shared - 1] : -1;
        Py_ssize_t start = shared ? ends.items[node] + 1 : 0;
        /* The rest, split at each ">" as str.split does (empty segments too). */
        while (start <= length) {
            Py_ssize_t stop = start;
            while (stop < length && loc[stop] != '>') stop++;
            int made = 0;
            const Py_ssize_t number =
                table_number(&segments, loc + start, stop - start, 0, segment_tags.size, &made);
            if (number < 0) goto memory;
            if (made) {
                Py_ssize_t colon = start;
                while (colon < stop && loc[colon] != ':') colon++;
                int new_tag = 0;
                const Py_ssize_t tag = table_number(&tag_ids, loc + start, colon - start, 0, tag_ids.used, &new_tag);
                if (tag < 0 || column_push(&segment_tags, tag) < 0) goto memory;
            }
            made = 0;
            const uint64_t key = ((uint64_t)(node + 1) << 32) + (uint64_t)number;
            const Py_ssize_t child = table_number(&ids, NULL, 0, key, parents.size, &made);
            if (child < 0) goto memory;
            if (made) {
                const Py_ssize_t tag = node >= 0 ? segment_tags.items[number] : -1;
                Py_ssize_t group = -1;
                if (node >= 0) {
                    int new_group = 0;
                    const uint64_t group_key = ((uint64_t)(node + 1) << 32) + (uint64_t)tag;
                    group = table_number(&group_ids, NULL, 0, group_key, sizes.size, &new_group);
                    if (group < 0 || (new_group && column_push(&sizes, 0) < 0)) goto memory;
                    sizes.items[group]++;
                }
                if (column_push(&parents, node) < 0 || column_push(&tags, tag) < 0 ||
                    column_push(&ends, stop) < 0 || column_push(&groups, group) < 0 ||
                    column_push(&blocks_in, 0) < 0)
                    goto memory;
            }
            node = child;
            if (column_push(&chain, node) < 0) goto memory;
            start = stop + 1;
        }
        last = loc;
        last_length = length;
        blocks_in.items[node]++;
        if (column_push(&leaves, node) < 0) goto memory;
    }
    /* A block is inside every element on its path; then each element's innermost card at
     * or above it (parents are made before their children). */
    for (Py_ssize_t node = parents.size - 1; node >= 0; node--)
        if (parents.items[node] >= 0) blocks_in.items[parents.items[node]] += blocks_in.items[node];
    for (Py_ssize_t node = 0; node < parents.size; node++) {
        const Py_ssize_t parent = parents.items[node];
        Py_ssize_t card = -1;
        if (parent >= 0) {
            const int is_card = sizes.items[groups.items[node]] >= MIN_CARDS && blocks_in.items[node] >= MIN_CARD_BLOCKS;
            card = is_card ? node : groups.items[parent]; /* the parent's card: written over its group */
        }
        groups.items[node] = card; /* an element's group is read no more once its card is known */
    }
    for (Py_ssize_t b = 0; b < leaves.size; b++) leaves.items[b] = groups.items[leaves.items[b]];
    PyObject *lists[4] = {ssize_list(parents.items, parents.size), ssize_list(tags.items, tags.size),
                          ssize_list(ends.items, ends.size), ssize_list(leaves.items, leaves.size)};
    if (lists[0] && lists[1] && lists[2] && lists[3]) out = PyTuple_Pack(4, lists[0], lists[1], lists[2], lists[3]);
    for (int i = 0; i < 4; i++) Py_XDECREF(lists[i]);
    goto done;
memory:
    PyErr_NoMemory();
done:
    PyMem_Free(parents.items), PyMem_Free(tags.items), PyMem_Free(ends.items), PyMem_Free(groups.items);
    PyMem_Free(blocks_in.items), PyMem_Free(sizes.items), PyMem_Free(segment_tags.items);
    PyMem_Free(chain.items), PyMem_Free(leaves.items);
    PyMem_Free(segments.slots), PyMem_Free(tag_ids.slots), PyMem_Free(ids.slots), PyMem_Free(group_ids.slots);
    return out;
}

/* The item of a list of ints at ``i`` (the caller checked ``i``); -1 with an error set when it
 * is not an int. */
static Py_ssize_t int_item(PyObject *list, Py_ssize_t i) { return PyLong_AsSsize_t(PyList_GET_ITEM(list, i)); }

/* slot_numbers(locators, tree) -> (numbers, count) or None: _card_slots.slot_numbers of the
 * blocks at ``locators`` and their CardTree ``tree`` (parents, tags, ends, cards), the reference
 * in Python there: a slot is (its card's parent and tag, the locator's rest from its card's end),
 * numbered as first met, here in a table of C structs (no str slice, dict or int object a block).
 * None when a locator is not ASCII (left to Python). */
PyObject *slot_numbers(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyList_CheckExact(args[0]) || !PyTuple_Check(args[1]) || PyTuple_GET_SIZE(args[1]) != 4) {
        PyErr_SetString(PyExc_TypeError, "slot_numbers() takes a list of str and a card tree");
        return NULL;
    }
    PyObject *locators = args[0];
    PyObject *parents = PyTuple_GET_ITEM(args[1], 0), *tags = PyTuple_GET_ITEM(args[1], 1);
    PyObject *ends = PyTuple_GET_ITEM(args[1], 2), *cards = PyTuple_GET_ITEM(args[1], 3);
    if (!PyList_CheckExact(parents) || !PyList_CheckExact(tags) || !PyList_CheckExact(ends) || !PyList_CheckExact(cards)) {
        PyErr_SetString(PyExc_TypeError, "slot_numbers() takes a card tree of lists");
        return NULL;
    }
    const Py_ssize_t count = PyList_GET_SIZE(locators), elements = PyList_GET_SIZE(parents);
    if (PyList_GET_SIZE(cards) != count || PyList_GET_SIZE(tags) != elements || PyList_GET_SIZE(ends) != elements) {
        PyErr_SetString(PyExc_ValueError, "slot_numbers(): the card tree is not the locators'");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *loc = PyList_GET_ITEM(locators, i);
        if (!PyUnicode_Check(loc)) {
            PyErr_SetString(PyExc_TypeError, "slot_numbers() takes a list of str");
            return NULL;
        }
        if (!PyUnicode_IS_ASCII(loc)) Py_RETURN_NONE;
    }
    Table slots = {0};
    Py_ssize_t *numbers = PyMem_Malloc((count ? count : 1) * sizeof(Py_ssize_t));
    if (numbers == NULL || table_init(&slots) < 0) {
        PyMem_Free(numbers);
        return PyErr_NoMemory();
    }
    PyObject *out = NULL;
    Py_ssize_t made_count = 0;
    for (Py_ssize_t b = 0; b < count; b++) {
        const Py_ssize_t card = int_item(cards, b);
        if (card == -1 && PyErr_Occurred()) goto done;
        if (card < 0) {
            numbers[b] = -1;
            continue;
        }
        if (card >= elements) {
            PyErr_SetString(PyExc_ValueError, "slot_numbers(): a card out of the tree");
            goto done;
        }
        const Py_ssize_t parent = int_item(parents, card), tag = int_item(tags, card);
        Py_ssize_t end = int_item(ends, card);
        if (PyErr_Occurred()) goto done;
        if (end < 0) { /* a slice's start from the end, as loc[end:] reads it */
            PyErr_SetString(PyExc_ValueError, "slot_numbers(): a card's end before its locator");
            goto done;
        }
        PyObject *item = PyList_GET_ITEM(locators, b);
        const char *loc = (const char *)PyUnicode_1BYTE_DATA(item);
        const Py_ssize_t length = PyUnicode_GET_LENGTH(item);
        if (end > length) end = length;
        /* ((parent + 1) << 32) + tag as _card_slots' key: one int a (parent, tag) in range. */
        const uint64_t key = ((uint64_t)(parent + 1) << 32) + (uint64_t)tag;
        int made = 0;
        const Py_ssize_t number = table_number(&slots, loc + end, length - end, key, made_count, &made);
        if (number < 0) {
            PyErr_NoMemory();
            goto done;
        }
        made_count += made;
        numbers[b] = number;
    }
    PyObject *list = ssize_list(numbers, count);
    if (list != NULL) {
        out = Py_BuildValue("(Nn)", list, made_count);
    }
done:
    PyMem_Free(numbers);
    PyMem_Free(slots.slots);
    return out;
}

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
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *loc = PyList_GET_ITEM(locators, i);
        if (!PyUnicode_Check(loc)) {
            PyErr_SetString(PyExc_TypeError, "locator_marks() takes a list of str");
            return NULL;
        }
        if (!PyUnicode_IS_ASCII(loc)) Py_RETURN_NONE;
    }
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

/* A Latin-1 character or a separator lowered (str.lower of it, one character). */
static inline Py_UCS4 lower_one(Py_UCS4 c) {
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ? c + 0x20 : c;
}

/* lower(text) -> str: ``text.lower()``. A text of Latin-1 characters and separators (those
 * block_counts splits) is lowered here a character at a time, each to one (none of them has a
 * context rule or a longer lower case): mypyc's str.lower makes a four-byte buffer and calls
 * Unicode's full mapping a character for any text past ASCII (typographic quotes put most
 * English texts there). Any other text is lowered by str.lower. */
PyObject *lower(PyObject *self, PyObject *text) {
    if (!PyUnicode_CheckExact(text)) {
        PyErr_SetString(PyExc_TypeError, "lower() takes a str");
        return NULL;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        /* Latin-1 lowers within Latin-1, ASCII to ASCII: as ASCII as the text (one pass). */
        PyObject *out = PyUnicode_New(n, PyUnicode_IS_ASCII(text) ? 0x7F : 0xFF);
        if (out == NULL) return NULL;
        const Py_UCS1 *in = data;
        Py_UCS1 *to = PyUnicode_1BYTE_DATA(out);
        for (Py_ssize_t i = 0; i < n; i++) to[i] = (Py_UCS1)lower_one(in[i]);
        return out;
    }
    Py_UCS4 top = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c > 0xFF && !separator(c)) return PyObject_CallMethod(text, "lower", NULL);
        const Py_UCS4 low = lower_one(c);
        if (low > top) top = low;
    }
    PyObject *out = PyUnicode_New(n, top);
    if (out == NULL) return NULL;
    if (kind == PyUnicode_2BYTE_KIND && PyUnicode_KIND(out) == PyUnicode_2BYTE_KIND) { /* (its separators stay) */
        const Py_UCS2 *in = data;
        Py_UCS2 *to = PyUnicode_2BYTE_DATA(out);
        for (Py_ssize_t i = 0; i < n; i++) to[i] = (Py_UCS2)lower_one(in[i]);
        return out;
    }
    const int out_kind = PyUnicode_KIND(out);
    void *out_data = PyUnicode_DATA(out);
    for (Py_ssize_t i = 0; i < n; i++) PyUnicode_WRITE(out_kind, out_data, i, lower_one(PyUnicode_READ(kind, data, i)));
    return out;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
