/* The module's functions written in its other files (each under its file's name), for
 * _ctokens.c's method table and its own calls. */
#ifndef BOILERSTRIP_CTOKENS_H
#define BOILERSTRIP_CTOKENS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* _ctokens_rows.c */
PyObject *phrase_rows(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *pair_rows(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
/* _ctokens_names.c, _ctokens_verdicts.c */
PyObject *name_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *name_bits(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
/* _ctokens_sieve.c */
PyObject *sieve_passes(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *facts_may_match(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
/* _ctokens_phrase.c */
PyObject *phrase_candidates(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
/* _ctokens_language.c */
PyObject *stop_counts(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *language_hits(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
/* _ctokens_stops.c */
PyObject *language_stops(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
/* _ctokens_words.c */
PyObject *word_table(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *token_set(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
/* _ctokens_copies.c */
PyObject *copy_key(PyObject *self, PyObject *text);
PyObject *copy_hash(PyObject *self, PyObject *text);
PyObject *lower(PyObject *self, PyObject *text);
/* _ctokens_decision.c */
PyObject *card_tree(PyObject *self, PyObject *locators);
PyObject *slot_numbers(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
/* _ctokens_locators.c */
PyObject *locator_marks(PyObject *self, PyObject *const *args, Py_ssize_t nargs);

#endif
