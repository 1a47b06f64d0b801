/* A growable array of Py_ssize_t, the shared start of two byte strings and the check of a list of
 * locators: what the card tree and slots (_ctokens_decision.c) and the locator marks
 * (_ctokens_locators.c) use. */
#ifndef BOILERSTRIP_CTOKENS_COLUMNS_H
#define BOILERSTRIP_CTOKENS_COLUMNS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* A growable array of Py_ssize_t. */
typedef struct {
    Py_ssize_t *items;
    Py_ssize_t size, room;
} Column;

static inline int column_push(Column *column, Py_ssize_t value) {
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

/* How many leading bytes ``a`` and ``b`` share, of the first ``n``: eight at a time where the
 * machine is little-endian (consecutive locators share most of their start). */
static inline Py_ssize_t common_start(const char *a, const char *b, Py_ssize_t n) {
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

/* Whether every item of the list ``locators`` is an ASCII str: 1; 0 when one is a str that is
 * not ASCII (the caller leaves the page to Python); -1 with a TypeError naming ``function`` when
 * one is not a str. */
static inline int ascii_locators(PyObject *locators, const char *function) {
    const Py_ssize_t count = PyList_GET_SIZE(locators);
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *loc = PyList_GET_ITEM(locators, i);
        if (!PyUnicode_Check(loc)) {
            PyErr_Format(PyExc_TypeError, "%s() takes a list of str", function);
            return -1;
        }
        if (!PyUnicode_IS_ASCII(loc)) return 0;
    }
    return 1;
}

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
