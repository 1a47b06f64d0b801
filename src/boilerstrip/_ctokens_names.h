/* What _ctokens_names.c (a name's normalising and words) and _ctokens_verdicts.c (its bits and
 * verdict) share, for the _ctokens extension: the words' sieve, the characters of \w left in a
 * normalised name, the normalising pass and the str of a buffer. Hidden, as _cscan's shared
 * functions are. */
#ifndef BOILERSTRIP_CTOKENS_NAMES_H
#define BOILERSTRIP_CTOKENS_NAMES_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* The sieve of _name_verdicts (its _Tables.sieve, the reference): a bit per
 * _name_sieve.sieve_slot of a word; a word whose bit is 0 can neither be nor start a key
 * word, a stem or a spelling, and is given as ``other`` (one shared str) instead of its own
 * str. No sieve (``other`` NULL): every word is its own str. */
typedef struct {
    const unsigned char *bits;
    Py_ssize_t size; /* bytes: a power of two */
    PyObject *other;
} Sieve;

/* _name_sieve.sieve_slot: the word's first five characters (_KEY_PREFIX) and its length
 * (at most 15, _MAX_LENGTH), in unsigned arithmetic (the same slot: the size is a power of 2). */
static inline int sifted(const Sieve *sieve, const Py_UCS1 *word, Py_ssize_t length) {
    if (sieve->other == NULL || length == 0) return 1; /* "" (two spaces) stays itself */
    size_t slot = 0;
    for (Py_ssize_t i = 0; i < length && i < 5; i++) slot = slot * 31 + word[i];
    slot = (slot * 31 + (size_t)(length < 15 ? length : 15)) & ((size_t)sieve->size * 8 - 1);
    return (sieve->bits[slot >> 3] >> (slot & 7)) & 1;
}

/* [a-z0-9]: after the first pass below, the only characters of \w left in a name. */
static inline int lower_alnum(Py_UCS1 c) {
    return (unsigned)(c - 'a') < 26u || (unsigned)(c - '0') < 10u;
}

Py_ssize_t ascii_normalised(const Py_UCS1 *p, Py_ssize_t n, Py_UCS1 *spaced, int *plain, Py_ssize_t *spaces);
PyObject *ascii_str(const Py_UCS1 *data, Py_ssize_t size);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
