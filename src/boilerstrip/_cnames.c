/* The names of the limits scan's C stack (the compiled build): every name of the tables
 * (_open_elements.C_TABLES and _limits' raw text starts) gets an id and its sets as bits, read
 * from the Python tables into a Names that is only read once built (the module's own, see
 * _cscan.c: no global state); a tag's name is looked up by its lowered ASCII bytes. */
#include "_cstack.h"
#include <string.h>

unsigned long hash_bytes(const char *bytes, Py_ssize_t length) {
    unsigned long h = HASH_START;
    for (Py_ssize_t i = 0; i < length; i++) h = HASH_STEP(h, bytes[i]);
    return h;
}

/* The id of the ASCII name bytes[:length], or -1. */
static int find_id(const Names *N, const char *bytes, Py_ssize_t length) {
    if (length > NAME_BYTES || length == 0) return -1;
    char key[NAME_BYTES] = {0};
    memcpy(key, bytes, (size_t)length);
    return find_key(N, key, length, hash_bytes(bytes, length));
}

/* The id of `name` (a str of the tables), made if new; -1 on error. */
static int add_name(Names *N, PyObject *name) {
    Py_ssize_t length;
    const char *bytes = PyUnicode_Check(name) ? PyUnicode_AsUTF8AndSize(name, &length) : NULL;
    if (bytes == NULL || length == 0 || length > NAME_BYTES || !PyUnicode_IS_ASCII(name)) {
        if (!PyErr_Occurred()) PyErr_Format(PyExc_ValueError, "_cscan: table name %R", name);
        return -1;
    }
    int id = find_id(N, bytes, length);
    if (id >= 0) return id;
    if (N->count >= NAME_SLOTS / 4) {
        PyErr_SetString(PyExc_ValueError, "_cscan: too many table names");
        return -1;
    }
    unsigned long i = hash_bytes(bytes, length) % NAME_SLOTS;
    while (N->hash[i].length) i = (i + 1) % NAME_SLOTS;
    id = N->count++;
    N->hash[i].length = (unsigned char)length;
    N->hash[i].id = (short)id;
    memcpy(N->hash[i].bytes, bytes, (size_t)length);
    N->flags[id] = 0;
    N->slot[id] = -1;
    N->str[id] = Py_NewRef(name);
    return id;
}

/* Every name of `set` gets `flag`. */
static int flag_all(Names *N, PyObject *set, unsigned long flag) {
    PyObject *iterator = PyObject_GetIter(set), *item;
    if (iterator == NULL) return -1;
    while ((item = PyIter_Next(iterator)) != NULL) {
        int id = add_name(N, item);
        Py_DECREF(item);
        if (id < 0) break;
        N->flags[id] |= flag;
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

static int id_of(const Names *N, const char *text) {
    int id = find_id(N, text, (Py_ssize_t)strlen(text));
    if (id < 0) PyErr_Format(PyExc_ValueError, "_cscan: the tables lack %s", text);
    return id;
}

int names_built_from(const Names *N, PyObject *stack_tables, PyObject *text_starts, PyObject *body_names) {
    /* The tables' KIND is a Final dict: the same object at each call, where the compiled
     * build may make the tuples anew. */
    return PyTuple_Check(stack_tables) && PyTuple_GET_SIZE(stack_tables) > 0 &&
           PyTuple_GET_ITEM(stack_tables, 0) == N->tables && text_starts == N->text_starts &&
           body_names == N->body_names;
}

void names_free(Names *N) {
    if (N == NULL) return;
    for (int id = 0; id < N->count; id++) Py_XDECREF(N->str[id]);
    Py_XDECREF(N->tables);
    Py_XDECREF(N->text_starts);
    Py_XDECREF(N->body_names);
    PyMem_Free(N);
}

static int names_fill(Names *N, PyObject *stack_tables, PyObject *text_starts, PyObject *body_names) {
    PyObject *kinds, *sets;
    long bits[5];
    if (!PyArg_ParseTuple(stack_tables, "O!(lllll)O!nn:C_TABLES", &PyDict_Type, &kinds, &bits[0], &bits[1], &bits[2],
                          &bits[3], &bits[4], &PyTuple_Type, &sets, &N->search_depth, &N->noahs_ark))
        return -1;
    /* The order of C_TABLES' sets: the flags from F_IGNORED up. */
    if (PyTuple_GET_SIZE(sets) != 15) {
        PyErr_SetString(PyExc_ValueError, "_cscan: C_TABLES holds 15 sets");
        return -1;
    }
    for (Py_ssize_t i = 0; i < 15; i++)
        if (flag_all(N, PyTuple_GET_ITEM(sets, i), F_IGNORED << i) < 0) return -1;
    if (flag_all(N, text_starts, F_TEXT_START) < 0 || flag_all(N, body_names, F_BODY) < 0) return -1;
    PyObject *key, *value;
    Py_ssize_t position = 0;
    N->tracked = 0;
    while (PyDict_Next(kinds, &position, &key, &value)) {
        int id = add_name(N, key);
        long kind = PyLong_AsLong(value);
        if (id < 0 || (kind == -1 && PyErr_Occurred())) return -1;
        for (int b = 0; b < 5; b++)
            if (kind & bits[b]) N->flags[id] |= 1UL << b;
        if (kind & bits[0]) N->slot[id] = N->tracked++;
    }
    struct {
        int *id;
        const char *text;
    } named[] = {
        {&N->a, "a"},         {&N->nobr, "nobr"},       {&N->button, "button"},     {&N->li, "li"},
        {&N->dd, "dd"},       {&N->dt, "dt"},           {&N->p, "p"},               {&N->option, "option"},
        {&N->optgroup, "optgroup"}, {&N->table, "table"}, {&N->td, "td"},           {&N->th, "th"},
        {&N->caption, "caption"}, {&N->tr, "tr"},       {&N->tbody, "tbody"},       {&N->thead, "thead"},
        {&N->tfoot, "tfoot"}, {&N->template_, "template"}, {&N->select, "select"},  {&N->frameset, "frameset"},
        {&N->form, "form"},   {&N->br, "br"},           {&N->ul, "ul"},             {&N->ol, "ol"},
        {&N->script, "script"}, {&N->plaintext, "plaintext"}, {&N->headings[0], "h1"}, {&N->headings[1], "h2"},
        {&N->headings[2], "h3"}, {&N->headings[3], "h4"}, {&N->headings[4], "h5"}, {&N->headings[5], "h6"},
        {&N->svg, "svg"},     {&N->noscript, "noscript"}, {&N->annotation_xml, "annotation-xml"},
        {&N->col, "col"},     {&N->colgroup, "colgroup"}, {&N->frame, "frame"},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if ((*named[i].id = id_of(N, named[i].text)) < 0) return -1;
    N->tables = Py_NewRef(kinds);
    N->text_starts = Py_NewRef(text_starts);
    N->body_names = Py_NewRef(body_names);
    return 0;
}

Names *names_new(PyObject *stack_tables, PyObject *text_starts, PyObject *body_names) {
    Names *N = PyMem_Calloc(1, sizeof(Names));
    if (N == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    if (names_fill(N, stack_tables, text_starts, body_names) < 0) {
        names_free(N);
        return NULL;
    }
    return N;
}

/* name_of's other names: not ASCII, longer than NAME_BYTES, or none of the tables'. */
int name_of_other(const Names *N, const Text *t, Py_ssize_t start, Py_ssize_t end, Name *name) {
    /* One with a non-ASCII character, which str.lower() may make a table's name (the Kelvin
     * sign's is "k"). */
    if ((name->str = lower_name(t, start, end)) == NULL) return -1;
    name->id = -1;
    if (PyUnicode_IS_ASCII(name->str)) {
        int id = find_id(N, (const char *)PyUnicode_1BYTE_DATA(name->str), PyUnicode_GET_LENGTH(name->str));
        if (id >= 0) {
            Py_CLEAR(name->str);
            name->id = id;
        }
    }
    return 0;
}

PyObject *name_str(const Names *N, const Name *name) { return name->id >= 0 ? N->str[name->id] : name->str; }
int name_is(const Names *N, const Name *name, const char *which) {
    int id = strcmp(which, "script") == 0 ? N->script : N->plaintext;
    return name->id >= 0 && name->id == id;
}

