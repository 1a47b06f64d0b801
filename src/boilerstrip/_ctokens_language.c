/* The stopword loops of the features stage in C, for the _ctokens extension (_ctokens.c lists
 * them): stop_counts and language_hits (moved from _ctokens_words.c, which makes and reads the
 * word tables; _ctokens_stops.c's language_stops gives both in one call a page):
 * tests/test_ctokens_words.py checks each against its Python reference. Hidden, as _cscan's
 * shared functions are. */
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

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
