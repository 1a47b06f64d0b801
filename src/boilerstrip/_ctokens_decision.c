/* The decision's card tree and card slots in C, for the _ctokens extension (_ctokens.c lists
 * them): card_tree and slot_numbers (_card_slots). Hidden, as _cscan's shared functions are.
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
#include <string.h>

#include "_ctokens_words.h"
#include "_ctokens_columns.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

enum { MIN_CARDS = 3, MIN_CARD_BLOCKS = 2 }; /* _card_slots._MIN_CARDS, _MIN_CARD_BLOCKS */

/* Open addressing over keys that are strings (``text`` of ``length`` bytes, in a locator that
 * outlives the table), 64-bit ints (``text`` NULL) or both; a slot's value is its number. */
/* 32 bytes: the 50 MB page's card tables hold millions of slots (with 64-bit length and value,
 * 40 bytes, its peak was 16 MB higher). */
typedef struct {
    uint64_t hash;
    uint64_t key;
    const char *text;
    int32_t length;
    int32_t value; /* -1: an empty slot */
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
 * ``fresh`` (and ``*made`` set) when it is new; -1 on a memory error, or for a text or a number
 * past a slot's 32 bits (no page within memory comes near). */
static Py_ssize_t table_number(Table *table, const char *text, Py_ssize_t length, uint64_t key,
                               Py_ssize_t fresh, int *made) {
    if (length > INT32_MAX || fresh > INT32_MAX) return -1;
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
    slot->length = (int32_t)length;
    slot->value = (int32_t)fresh;
    *made = 1;
    if (2 * ++table->used > (Py_ssize_t)table->mask && table_grow(table) < 0) return -1;
    return fresh;
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
    const int ascii = ascii_locators(locators, "card_tree");
    if (ascii <= 0) return ascii < 0 ? NULL : Py_NewRef(Py_None);
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
    const int ascii = ascii_locators(locators, "slot_numbers");
    if (ascii <= 0) return ascii < 0 ? NULL : Py_NewRef(Py_None);
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

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
