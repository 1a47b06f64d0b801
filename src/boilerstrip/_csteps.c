/* The CSS steps of the open block-level elements (see _csteps.h): _cscan_record.c's record_steps
 * and the C walk's blocks (_cwalk_block.c) share this loop. */
#include <string.h>

#include "_csteps.h"

enum { STRINGS = 4, STEP = 3 }; /* _segmented's */

void slice_bounds(Py_ssize_t n, Py_ssize_t *a, Py_ssize_t *b) {
    PySlice_AdjustIndices(n, a, b, 1);
    if (*b < *a) *b = *a;
}

/* A stack entry's tag and :nth-of-type index (borrowed), or -1 with an error set. */
static int entry_at(PyObject *stack, Py_ssize_t index, PyObject **tag, PyObject **nth) {
    PyObject *entry = PyList_GetItem(stack, index);
    if (entry == NULL) return -1;
    if (!PyList_Check(entry) || PyList_GET_SIZE(entry) < 2) {
        PyErr_SetString(PyExc_TypeError, "record_steps(): a stack entry is not a list [tag, nth, ...]");
        return -1;
    }
    *tag = PyList_GET_ITEM(entry, 0);
    *nth = PyList_GET_ITEM(entry, 1);
    return 0;
}

/* f">{tag}:nth-of-type({nth})" for a str tag and an int nth: a new str. */
static PyObject *one_step(PyObject *tag, PyObject *nth) {
    if (!PyUnicode_Check(tag) || !PyLong_CheckExact(nth)) return PyUnicode_FromFormat(">%S:nth-of-type(%S)", tag, nth);
    const long long number = PyLong_AsLongLong(nth);
    if (number == -1 && PyErr_Occurred()) {
        PyErr_Clear(); /* past a long long: as Python writes it */
        return PyUnicode_FromFormat(">%S:nth-of-type(%S)", tag, nth);
    }
    char digits[24]; /* its decimal digits and ")", written from the end (snprintf took 350 instructions) */
    int written = 0;
    digits[sizeof digits - ++written] = ')';
    unsigned long long left = number < 0 ? 0ULL - (unsigned long long)number : (unsigned long long)number;
    do {
        digits[sizeof digits - ++written] = (char)('0' + left % 10);
        left /= 10;
    } while (left);
    if (number < 0) digits[sizeof digits - ++written] = '-';
    const char *first = digits + sizeof digits - written;
    const Py_ssize_t length = PyUnicode_GET_LENGTH(tag), size = 1 + length + 13 + written;
    PyObject *step = PyUnicode_New(size, PyUnicode_MAX_CHAR_VALUE(tag));
    if (step == NULL) return NULL;
    const int kind = PyUnicode_KIND(step);
    void *data = PyUnicode_DATA(step);
    PyUnicode_WRITE(kind, data, 0, '>');
    if (PyUnicode_CopyCharacters(step, 1, tag, 0, length) < 0) {
        Py_DECREF(step);
        return NULL;
    }
    static const char middle[] = ":nth-of-type(";
    for (Py_ssize_t i = 0; i < 13; i++) PyUnicode_WRITE(kind, data, 1 + length + i, middle[i]);
    for (int i = 0; i < written; i++) PyUnicode_WRITE(kind, data, 1 + length + 13 + i, first[i]);
    return step;
}

/* The steps of the stack's entries first to end (included), joined after `head`; a new str. */
static PyObject *steps_of(PyObject *stack, PyObject *head, Py_ssize_t first, Py_ssize_t end) {
    Py_ssize_t a = first, b = end + 1;
    slice_bounds(PyList_GET_SIZE(stack), &a, &b);
    PyObject *parts = PyList_New(0), *tag, *nth;
    if (parts == NULL || (head != NULL && PyList_Append(parts, head) < 0)) goto error;
    for (Py_ssize_t i = a; i < b; i++) {
        if (entry_at(stack, i, &tag, &nth) < 0) goto error;
        PyObject *step = one_step(tag, nth);
        if (step == NULL) goto error;
        int failed = PyList_Append(parts, step);
        Py_DECREF(step);
        if (failed) goto error;
    }
    PyObject *empty = PyUnicode_New(0, 0), *joined = empty != NULL ? PyUnicode_Join(empty, parts) : NULL;
    Py_XDECREF(empty);
    Py_DECREF(parts);
    return joined;
error:
    Py_XDECREF(parts);
    return NULL;
}

/* _record_steps_python(elements, stack, strings, steps, frames), the frames read by `field`. */
int record_open_steps(const Steps *on, Py_ssize_t count, FrameField field, const void *frames) {
    PyObject *elements = on->elements, *stack = on->stack, *strings = on->strings, *steps = on->steps;
    for (Py_ssize_t k = count - 1; k >= 0; k--) {
        Py_ssize_t element = field(frames, k, 0), end = field(frames, k, 1);
        if (element < 0 || end < 0) return -1;
        Py_ssize_t at = element * STRINGS + STEP;
        PyObject *now = PyList_GetItem(elements, at), *step = NULL, *tag, *nth;
        if (now == NULL) return -1;
        int done = PyObject_IsTrue(now);
        if (done) {
            if (done < 0) return -1;
            break; /* its ancestors have theirs too */
        }
        Py_ssize_t above = k ? field(frames, k - 1, 1) : 0;
        if (above < 0) return -1;
        if (!k) { /* the outermost: the root's step is its bare tag */
            if (entry_at(stack, 0, &tag, &nth) < 0) return -1;
            step = steps_of(stack, tag, 1, end);
        } else if (above + 1 == end) { /* its parent is its block-level parent: one step, made once */
            if (entry_at(stack, end, &tag, &nth) < 0) return -1;
            const Py_ssize_t index = on->memo != NULL && PyLong_CheckExact(nth) ? PyLong_AsSsize_t(nth) : -1;
            if (index == -1 && PyErr_Occurred()) PyErr_Clear(); /* (past a Py_ssize_t: the dicts) */
            if (index >= 0) {
                const size_t k = (((uintptr_t)tag >> 4) * 31 + (size_t)index) % STEP_MEMO;
                StepSlot *slot = &on->memo->slots[k];
                const uint64_t bit = (uint64_t)1 << (k % 64);
                if (!(on->memo->used[k / 64] & bit)) slot->step = slot->tag = NULL, on->memo->used[k / 64] |= bit;
                if (slot->step == NULL || slot->tag != tag || slot->nth != index) {
                    if ((step = one_step(tag, nth)) == NULL) return -1;
                    PyObject *found = PyDict_SetDefault(strings, step, step);
                    Py_DECREF(step);
                    if (found == NULL) return -1;
                    Py_XSETREF(slot->step, Py_NewRef(found));
                    Py_XSETREF(slot->tag, Py_NewRef(tag));
                    slot->nth = index;
                }
                if (PyList_SetItem(elements, at, Py_NewRef(slot->step)) < 0) return -1;
                continue;
            }
            PyObject *by_nth = PyDict_GetItemWithError(steps, tag); /* borrowed */
            if (by_nth == NULL) {
                if (PyErr_Occurred() || (by_nth = PyDict_New()) == NULL) return -1;
                int failed = PyDict_SetItem(steps, tag, by_nth);
                Py_DECREF(by_nth);
                if (failed) return -1;
            }
            PyObject *found = PyDict_GetItemWithError(by_nth, nth);
            if (found == NULL) {
                if (PyErr_Occurred() || (step = one_step(tag, nth)) == NULL) return -1;
                found = PyDict_SetDefault(strings, step, step);
                Py_DECREF(step);
                if (found == NULL || PyDict_SetItem(by_nth, nth, found) < 0) return -1;
            }
            if (PyList_SetItem(elements, at, Py_NewRef(found)) < 0) return -1;
            continue;
        } else {
            step = steps_of(stack, NULL, above + 1, end);
        }
        if (step == NULL) return -1;
        PyObject *kept = PyDict_SetDefault(strings, step, step);
        Py_DECREF(step);
        if (kept == NULL || PyList_SetItem(elements, at, Py_NewRef(kept)) < 0) return -1;
    }
    return 0;
}

void steps_memo_free(StepMemo *memo) {
    for (int w = 0; w < STEP_MEMO / 64; w++)
        for (uint64_t bits = memo->used[w]; bits; bits &= bits - 1) {
            StepSlot *slot = &memo->slots[w * 64 + __builtin_ctzll(bits)];
            Py_CLEAR(slot->step);
            Py_CLEAR(slot->tag);
        }
    memset(memo->used, 0, sizeof memo->used);
}
