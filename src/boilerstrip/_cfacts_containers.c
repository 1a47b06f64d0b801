/* The enclosing containers (_element_facts.enclosing_containers) in C, for the compiled build:
 * see _cfacts.h. Each element's container is its parent's object where its values are the
 * parent's, else the one made for its values (a page has a few distinct ones), as the Python
 * code shares them; its fields are kept in C arrays beside (no attribute read a parent). */
#include "_cfacts.h"

/* A container's values, and its object (borrowed: the output list or `made` holds it). */
typedef struct {
    PyObject *kind; /* a str (borrowed from the tables, the memo's verdicts or a parent) */
    double strength;
    char hint, in_scope;
    PyObject *object;
} Values;

/* Whether two kinds (strs) are equal; -1 with an exception set. */
static inline int same_kind(PyObject *a, PyObject *b) {
    return a == b ? 1 : PyObject_RichCompareBool(a, b, Py_EQ);
}

/* Whether a and b hold the same values (kind, strength, hint, in_scope); -1 on an error. */
static int same_values(const Values *a, const Values *b) {
    if (a->strength != b->strength || a->hint != b->hint || a->in_scope != b->in_scope) return 0;
    return same_kind(a->kind, b->kind);
}

/* A Container's fields' names. */
static const char *const field_spelled[4] = {"kind", "strength", "content_hint", "in_scope"};

/* make(*fields) for the frozen dataclass Container: its blank object, each field set as its
 * generated __init__ sets it (object.__setattr__), without that __init__, which the compiled
 * build runs in the interpreter (about 6,000 instructions a Container). names: the fields'
 * names, interned (so that the type's attribute cache finds them). */
static PyObject *new_container(PyObject *make, PyObject *const names[4], PyObject *const fields[4]) {
    PyTypeObject *type = (PyTypeObject *)make;
    PyObject *empty = PyTuple_New(0), *made = empty != NULL ? type->tp_new(type, empty, NULL) : NULL;
    Py_XDECREF(empty);
    for (int k = 0; k < 4 && made != NULL; k++)
        if (PyObject_GenericSetAttr(made, names[k], fields[k]) < 0) Py_CLEAR(made);
    return made;
}

/* (kinds: tag -> chrome kind, role -> chrome kind, the content roles) */
typedef struct {
    PyObject *tag_kinds, *role_kinds, *content_roles;
} Tables;

/* containers(elements, above_region, tag_flags, bits, tables, memo, reader, make, none,
 * strengths) -> list: _element_facts.enclosing_containers. bits: (SCOPE_TAG, _CHROME_TAG,
 * _SCOPED_CHROME_TAG, PAGE_TAG); tables: (_CHROME_TAG_KINDS, _CHROME_ROLE_KINDS, CONTENT_ROLES);
 * memo and reader: the NameVerdicts' memo and c_reader() (see NameReader); make: Container;
 * none: the Container of no kind, a root's parent; strengths: (_TAG_STRENGTH, _NAME_STRENGTH). */
PyObject *containers(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 10 || !PyDict_Check(args[2]) || !PyTuple_Check(args[3]) || PyTuple_GET_SIZE(args[3]) != 4 ||
        !PyTuple_Check(args[4]) || PyTuple_GET_SIZE(args[4]) != 3 ||
        !PyTuple_Check(args[9]) || PyTuple_GET_SIZE(args[9]) != 2) {
        PyErr_SetString(PyExc_TypeError, "containers() takes (elements, above_region, tag_flags, bits, tables, "
                                         "memo, reader, make, none, strengths)");
        return NULL;
    }
    NameReader reader;
    if (read_name_reader(args[5], args[6], &reader, "containers") < 0) return NULL;
    long bit[4];
    for (int k = 0; k < 4; k++) {
        bit[k] = PyLong_AsLong(PyTuple_GET_ITEM(args[3], k));
        if (bit[k] == -1 && PyErr_Occurred()) return NULL;
    }
    const double tag_strength = PyFloat_AsDouble(PyTuple_GET_ITEM(args[9], 0));
    const double name_strength = PyFloat_AsDouble(PyTuple_GET_ITEM(args[9], 1));
    if (PyErr_Occurred()) return NULL;
    const Tables t = {PyTuple_GET_ITEM(args[4], 0), PyTuple_GET_ITEM(args[4], 1), PyTuple_GET_ITEM(args[4], 2)};
    /* none's values, read once (a root's parent) */
    Values none = {NULL, 0.0, 0, 0, args[8]};
    PyObject *fields[4] = {NULL, NULL, NULL, NULL};
    int none_hint = -1, none_scope = -1, got = 0;
    PyTypeObject *make = PyType_Check(args[7]) ? (PyTypeObject *)args[7] : NULL;
    if (make == NULL || make->tp_new == NULL || !PyObject_TypeCheck(args[8], make)) {
        PyErr_SetString(PyExc_TypeError, "containers(): make is not the type of none");
        return NULL;
    }
    /* The fields' names: the dataclass's own (interned) strs, as its __match_args__ holds them (a
     * name made for each read missed the type's attribute cache, about 900 instructions a read). */
    PyObject *field_names[4] = {NULL, NULL, NULL, NULL};
    PyObject *match_args = match_args_name(self); /* interned once (a str made here cost 1,000 a call) */
    if (match_args == NULL) return NULL;
    PyObject *spelled = PyObject_GetAttr(args[7], match_args);
    int named = spelled != NULL && PyTuple_Check(spelled) && PyTuple_GET_SIZE(spelled) == 4;
    for (int k = 0; k < 4 && named; k++) {
        field_names[k] = PyTuple_GET_ITEM(spelled, k);
        named = PyUnicode_Check(field_names[k]) &&
                PyUnicode_CompareWithASCIIString(field_names[k], field_spelled[k]) == 0;
        Py_INCREF(field_names[k]);
    }
    Py_XDECREF(spelled);
    if (!named) {
        for (int k = 0; k < 4; k++) Py_XDECREF(field_names[k]);
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "containers(): make is no Container");
        return NULL;
    }
    while (got < 4 && (fields[got] = PyObject_GetAttr(args[8], field_names[got])) != NULL) got++;
    if (got == 4) {
        none.kind = fields[0];
        none.strength = PyFloat_AsDouble(fields[1]);
        none_hint = PyObject_IsTrue(fields[2]);
        none_scope = PyObject_IsTrue(fields[3]);
    }
    if (PyErr_Occurred() || none_hint < 0 || none_scope < 0) {
        for (int k = 0; k < 4; k++) Py_XDECREF(fields[k]), Py_DECREF(field_names[k]);
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "containers(): none is no Container");
        return NULL;
    }
    none.hint = (char)none_hint;
    none.in_scope = (char)none_scope;
    long long *parents = NULL;
    PyObject *fast = read_elements(args[0], &parents), *above = NULL, *out = NULL, *made = NULL, *found = NULL;
    Values *values = NULL, *distinct = NULL;
    Py_ssize_t n = 0, n_distinct = 0;
    if (fast == NULL) goto fail;
    n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    if ((above = PySequence_Fast(args[1], "containers(): above_region is not a sequence")) == NULL) goto fail;
    if (PySequence_Fast_GET_SIZE(above) < n) {
        PyErr_SetString(PyExc_IndexError, "containers(): above_region is shorter than the elements");
        goto fail;
    }
    values = PyMem_Malloc(sizeof(Values) * ((size_t)n + 1));
    distinct = PyMem_Malloc(sizeof(Values) * ((size_t)n + 1));
    if (values == NULL || distinct == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    if ((out = PyList_New(n)) == NULL || (made = PyList_New(0)) == NULL) goto fail;
    PyObject *last_tag = NULL;
    long flags = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *e = items[i], *tag = PyTuple_GET_ITEM(e, E_TAG), *role = PyTuple_GET_ITEM(e, E_ARIA);
        const Values *parent = parents[i] >= 0 ? &values[parents[i]] : &none;
        if (tag != last_tag) {
            PyObject *f = PyDict_GetItemWithError(args[2], tag);
            if (f == NULL && PyErr_Occurred()) goto fail;
            flags = f == NULL ? 0 : PyLong_AsLong(f);
            if (flags == -1 && PyErr_Occurred()) goto fail;
            last_tag = tag;
        }
        const int has_role = truth(role);
        if (has_role < 0) goto fail;
        Values v = {NULL, 0.0, (flags & bit[0]) != 0, parent->in_scope || (flags & bit[0]) != 0, NULL};
        if (!v.hint && has_role) {
            const int content_role = PySet_Contains(t.content_roles, role);
            if (content_role < 0) goto fail;
            v.hint = (char)content_role;
        }
        PyObject *role_kind = NULL;
        if ((flags & bit[1]) != 0 && !(parent->in_scope && (flags & bit[2]) != 0)) {
            if ((v.kind = PyDict_GetItemWithError(t.tag_kinds, tag)) == NULL) {
                if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, tag);
                goto fail;
            }
            v.strength = tag_strength;
        } else if (has_role && ((role_kind = PyDict_GetItemWithError(t.role_kinds, role)) != NULL || PyErr_Occurred())) {
            if (role_kind == NULL) goto fail;
            v.kind = role_kind;
            v.strength = tag_strength;
        } else if ((flags & bit[3]) == 0) {
            PyObject *names = PyTuple_GET_ITEM(e, E_NAMES);
            const int named = truth(names);
            if (named < 0) goto fail;
            if (named) {
                if ((found = name_verdict(&reader, names)) == NULL) goto fail;
                const int kind_named = truth(PyTuple_GET_ITEM(found, 0));
                if (kind_named < 0) goto fail;
                if (kind_named) {
                    /* kept alive with the call's containers (the memo keeps it too) */
                    if (PyList_Append(made, found) < 0) goto fail;
                    v.kind = PyTuple_GET_ITEM(found, 0);
                    v.strength = name_strength;
                } else if (!v.hint) {
                    const int content = truth(PyTuple_GET_ITEM(found, 1));
                    if (content < 0) goto fail;
                    v.hint = (char)content;
                }
                Py_CLEAR(found);
            }
        }
        int up = v.kind == NULL;
        if (!up) {
            if ((up = truth(v.kind)) < 0) goto fail;
            up = !up;
        }
        if (!up && (up = truth(PySequence_Fast_GET_ITEM(above, i))) < 0) goto fail;
        if (up) {
            v.kind = parent->kind;
            v.strength = parent->strength;
        }
        v.hint = v.hint || parent->hint;
        int same = same_values(&v, parent);
        if (same < 0) goto fail;
        if (same) {
            v.object = parent->object;
        } else {
            for (Py_ssize_t k = 0; k < n_distinct && v.object == NULL; k++) {
                if ((same = same_values(&v, &distinct[k])) < 0) goto fail;
                if (same) v.object = distinct[k].object;
            }
            if (v.object == NULL) {
                PyObject *strength = PyFloat_FromDouble(v.strength);
                if (strength == NULL) goto fail;
                PyObject *fields_of[4] = {v.kind, strength, v.hint ? Py_True : Py_False,
                                          v.in_scope ? Py_True : Py_False};
                PyObject *made_one = new_container(args[7], field_names, fields_of);
                Py_DECREF(strength);
                if (made_one == NULL) goto fail;
                const int kept = PyList_Append(made, made_one); /* alive until the list holds it */
                Py_DECREF(made_one);
                if (kept < 0) goto fail;
                v.object = made_one;
                distinct[n_distinct++] = v;
            }
        }
        values[i] = v;
        PyList_SET_ITEM(out, i, Py_NewRef(v.object));
    }
    goto done;
fail:
    Py_CLEAR(out);
    Py_XDECREF(found);
done:
    Py_XDECREF(made);
    PyMem_Free(distinct);
    PyMem_Free(values);
    PyMem_Free(parents);
    Py_XDECREF(above);
    Py_XDECREF(fast);
    for (int k = 0; k < 4; k++) Py_XDECREF(fields[k]), Py_DECREF(field_names[k]);
    return out;
}
