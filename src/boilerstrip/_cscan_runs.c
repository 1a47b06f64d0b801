/* The text nodes Lexbor appends to, counted for the limits scan's C loop: see _text_runs.py's
 * TextRuns, which this follows (tests/test_text_runs.py checks that the loops agree). */
#include "_cstack.h"

/* _text_runs.may_take_memory: an "=", a "<!" or a "<?" in the tokens t[start:end). */
static int may_take_memory(const Text *t, Py_ssize_t start, Py_ssize_t end) {
    for (Py_ssize_t i = start; i < end; i++) {
        const Py_UCS4 c = at(t, i);
        if (c == '=' || (c == '<' && i + 1 < end && (at(t, i + 1) == '!' || at(t, i + 1) == '?'))) return 1;
    }
    return 0;
}

long long run_units(Runs *r, const Text *t, Py_ssize_t start, Py_ssize_t end, const Stack *s, const Names *N,
                    long long elements, Py_ssize_t shift) {
    Py_ssize_t size = stack_size(s);
    const Entry *top = size > 0 ? &s->e[size - 1] : NULL;
    int foster = top != NULL && (is_id(top, N->table) || is_id(top, N->tbody) || is_id(top, N->thead) ||
                                 is_id(top, N->tfoot) || is_id(top, N->tr) || is_id(top, N->colgroup) ||
                                 is_id(top, N->template_));
    if (foster) { /* visible text only: white space goes into the table */
        foster = 0;
        for (Py_ssize_t i = start; i < end && !foster; i++) foster = !is_space(at(t, i));
    }
    long long work;
    if (foster) {
        work = r->foster;
        r->foster += end - start;
        r->taken = -1; /* (the fostered text's own node may be the memory's last) */
    } else {
        if (r->depth != size || r->elements != elements) {
            r->flow = 0;
            r->depth = size;
            r->elements = elements;
        }
        /* grown in place unless the tokens since the last piece may have taken memory */
        const int taken = r->flow > 0 && (r->taken < 0 || may_take_memory(t, r->taken, start));
        work = taken ? r->flow : 0;
        r->flow += end - start;
        r->taken = end;
    }
    r->carry += work;
    long long units = r->carry >> shift;
    r->carry &= (1LL << shift) - 1;
    return units;
}
