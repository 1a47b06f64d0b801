/* The _cscan extension's module: its methods (the limits scan's loop, _cscan.c, and helpers of
 * the segment stage: _cscan_helpers.c, _cscan_elements.c, _cscan_blocks.c, ..., so that the
 * compiled build loads one extension of its own for them, not two) and its state. */
#include "_cstack.h" /* (and _cscan.h) */

/* The module's state: the names' table of the tables the first call hands in, built by that
 * call and never changed after (freed with the module), so that calls from any thread only
 * read it. Where there is no GIL (free-threaded Python) a mutex guards the pointer, never held
 * while a table is built (which calls Python). */
typedef struct {
    Names *names;
    PyObject *frombytes; /* the name of array's method (record_links), made when the module is */
#ifdef Py_GIL_DISABLED
    PyMutex lock;
#endif
} State;

#ifdef Py_GIL_DISABLED
#define LOCK(state) PyMutex_Lock(&(state)->lock)
#define UNLOCK(state) PyMutex_Unlock(&(state)->lock)
#else
#define LOCK(state) ((void)0)
#define UNLOCK(state) ((void)0)
#endif

/* The names' table of these tables: the module's, or for other tables (a second copy of the
 * Python modules, as tests load) one made for this call alone, returned in *own for the
 * caller to free. NULL on an error. */
const Names *names_for(PyObject *module, PyObject *stack_tables, PyObject *text_starts, PyObject *body_names,
                       Names **own) {
    State *state = PyModule_GetState(module);
    *own = NULL;
    if (state == NULL) return NULL;
    LOCK(state);
    const Names *names = state->names;
    UNLOCK(state);
    if (names == NULL) { /* the first call: build, then keep whichever table was set first */
        Names *built = names_new(stack_tables, text_starts, body_names);
        if (built == NULL) return NULL;
        LOCK(state);
        if (state->names == NULL) {
            state->names = built;
            built = NULL;
        }
        names = state->names;
        UNLOCK(state);
        names_free(built);
    }
    if (names_built_from(names, stack_tables, text_starts, body_names)) return names;
    return *own = names_new(stack_tables, text_starts, body_names);
}

static PyMethodDef methods[] = {
    {"scan", limits_scan, METH_VARARGS,
     "scan(text, node_limit, depth_limit, attribute_limit, volume_limit, work_limit, total_limit, tables, bodies=None, "
     "runaways=None) -> (elements, depth, "
     "depth_sum, cut, limit): the loop of _limits.scan_python"},
    {"utf8_spans", (PyCFunction)(void (*)(void))utf8_spans, METH_FASTCALL,
     "utf8_spans(text, keep) -> bytes | None: see _bodies._utf8"},
    {"holds_frameset", holds_frameset, METH_O, "holds_frameset(text) -> bool: see _bodies._has_frameset"},
    {"odd_characters", (PyCFunction)(void (*)(void))odd_characters, METH_FASTCALL,
     "odd_characters(text, chars) -> (odd, length): see _parse.looks_binary"},
    {"has_control", has_control, METH_O, "has_control(text) -> bool: see _segment_blocks._HAS_CONTROL"},
    {"collapse", collapse, METH_O, "collapse(text) -> str: see _segment_blocks._collapse"},
    {"new_tuple", (PyCFunction)(void (*)(void))new_tuple, METH_FASTCALL,
     "new_tuple(cls, fields) -> tuple.__new__(cls, fields), for a subclass of tuple and a tuple"},
    {"elements", (PyCFunction)(void (*)(void))elements, METH_FASTCALL,
     "elements(cls, strings, numbers, block_numbers, layout, max_shared) -> tuple: see "
     "_segmented._elements_python"},
    {"block_columns", (PyCFunction)(void (*)(void))block_columns, METH_FASTCALL,
     "block_columns(columns_cls, markup_cls, link_cls, texts, roles, numbers, markups, spans, hrefs, layout) -> "
     "columns_cls: see _segmented._block_columns_python"},
    {"block_text", (PyCFunction)(void (*)(void))block_text, METH_FASTCALL,
     "block_text(pieces, breaks, pre) -> str: see _segment_blocks._block_text_python"},
    {"record_steps", (PyCFunction)(void (*)(void))record_steps, METH_FASTCALL,
     "record_steps(elements, stack, strings, steps, frames) -> None: see _segment_blocks._record_steps_python"},
    {"join_words", join_words, METH_O, "join_words(text) -> str: see _markup._collapse_python"},
    {"record_links", (PyCFunction)(void (*)(void))record_links, METH_FASTCALL,
     "record_links(text, pieces, closed, anchors, pre, spans, hrefs) -> int: see _markup.record_links_python"},
    {NULL, NULL, 0, NULL},
};

static void free_module(void *module) {
    State *state = PyModule_GetState((PyObject *)module);
    if (state != NULL) {
        names_free(state->names);
        state->names = NULL;
        Py_CLEAR(state->frombytes);
    }
}

static int exec_module(PyObject *module) {
    State *state = PyModule_GetState(module);
    state->frombytes = PyUnicode_InternFromString("frombytes");
    return state->frombytes == NULL ? -1 : 0;
}

PyObject *frombytes_name(PyObject *module) {
    State *state = PyModule_GetState(module);
    if (state != NULL && state->frombytes == NULL) PyErr_SetString(PyExc_SystemError, "_cscan: no module state");
    return state != NULL ? state->frombytes : NULL;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED}, /* no C global: the state above, the arguments */
#endif
    {0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT,
    .m_name = "boilerstrip._cscan",
    .m_doc = "The limits scan's loop in C, and helpers of the segment stage (the compiled build).",
    .m_size = sizeof(State),
    .m_methods = methods,
    .m_slots = slots,
    .m_free = free_module,
};

PyMODINIT_FUNC PyInit__cscan(void) { return PyModuleDef_Init(&definition); }
