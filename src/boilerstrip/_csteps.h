/* The CSS steps of an open block-level element and of its block-level ancestors that have none
 * yet (_segment_blocks._record_steps_python), in C: one loop for _cscan.record_steps (the frames
 * as tuples) and the C walk (_cwalk_block.c: its Blocks, no tuple made). Compiled into both
 * extensions (each its own hidden copy). */
#ifndef BOILERSTRIP_CSTEPS_H
#define BOILERSTRIP_CSTEPS_H
#include <Python.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

/* What the steps are read from and written to: the walk's element strings (a list, _STRINGS a
 * row), its stack of open elements (lists [tag, :nth-of-type index, ...]), the page's interned
 * strings (a dict) and the one-step memo (a dict: tag -> {nth: step}). */
/* The C walk's one-step memo (in place of the dicts of `steps`): (tag, :nth-of-type index) -> the
 * page's str for its step, in STEP_MEMO slots by both (a slot in use where `used` has its bit: only
 * those are read and released, so that a walk's set-up clears 32 bytes). A slot holds its tag
 * and step. Two dict look-ups a step took about 120 instructions. */
#define STEP_MEMO 256
typedef struct {
    PyObject *tag, *step;
    Py_ssize_t nth;
} StepSlot;
typedef struct {
    uint64_t used[STEP_MEMO / 64];
    StepSlot slots[STEP_MEMO];
} StepMemo;

typedef struct {
    PyObject *elements, *stack, *strings, *steps;
    StepMemo *memo; /* NULL: the dicts of `steps` */
} Steps;

/* An open block-level element's element index (stack 0) or stack position (stack 1), k counted
 * from the outermost: >= 0, or -1 with an error set. */
typedef Py_ssize_t (*FrameField)(const void *frames, Py_ssize_t k, int stack);

/* The steps of the `count` open block-level elements' innermost and its ancestors without one:
 * 0, or -1 with an error set. */
int record_open_steps(const Steps *at, Py_ssize_t count, FrameField field, const void *frames);
/* The memo's references released. */
void steps_memo_free(StepMemo *memo);
/* Slice bounds as x[a:b] reads them (negative from the end, clamped). */
void slice_bounds(Py_ssize_t n, Py_ssize_t *a, Py_ssize_t *b);

#pragma GCC visibility pop

#endif
