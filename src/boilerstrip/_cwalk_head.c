/* _head_marks.HeadMarks' search of the head in C (the compiled build; see _cwalk_reads.c):
 * head_marks(head) -> (entries, metas): the entries of `head.css(_HEAD_SELECTOR)` ('meta,
 * link[rel*="canonical" i], title') in document order, each (tag, attributes, a title's text or
 * ""), as HeadMarks.__init__ makes them from the selector's nodes, and the metas among them; None
 * where a name or a rel is read otherwise than here (a prefix, a name in other cases, a rel
 * without a value or repeated). No selector's query parsed, no node made per match. */
#include <string.h>

#include "_cwalk.h"

/* Whether value[:n] holds "canonical" in any ASCII case (the selector's `*= ... i`). */
static int holds_canonical(const unsigned char *value, size_t n) {
    static const char word[] = "canonical";
    const size_t m = sizeof word - 1;
    for (size_t i = 0; i + m <= n; i++) {
        size_t k = 0;
        while (k < m && (value[i + k] >= 'A' && value[i + k] <= 'Z' ? value[i + k] | 0x20 : value[i + k]) ==
                            (unsigned char)word[k])
            k++;
        if (k == m) return 1;
    }
    return 0;
}

static PyObject *entry(const char *tag, PyObject *attrs, PyObject *text) {
    PyObject *name = attrs != NULL && text != NULL ? PyUnicode_FromString(tag) : NULL;
    PyObject *made = name != NULL ? PyTuple_Pack(3, name, attrs, text) : NULL;
    Py_XDECREF(name);
    Py_XDECREF(attrs);
    Py_XDECREF(text);
    return made;
}

PyObject *head_marks(PyObject *self, PyObject *arg) {
    Node *top = node_at(arg);
    if (top == NULL) return NULL;
    Slot slots[64];
    clear_kinds(slots);
    PyObject *entries = PyList_New(0);
    Py_ssize_t metas = 0;
    for (Node *at = next_below(top, top); entries != NULL && at != NULL; at = next_below(at, top)) {
        const TextNode *fields = (const TextNode *)at;
        if (fields->type != TYPE_ELEMENT) continue;
        const int kind = fields->prefix != 0 ? -1 : element_kind(slots, at);
        if (kind == KIND_OTHER || kind == KIND_SCRIPT || kind == KIND_TIME || kind == (KIND_SCRIPT | KIND_FOLDED) ||
            kind == (KIND_TIME | KIND_FOLDED))
            continue;
        if (kind < 0 || (kind & KIND_FOLDED)) { /* (read otherwise: the selector's) */
            Py_DECREF(entries);
            Py_RETURN_NONE;
        }
        PyObject *made = NULL;
        if (kind == KIND_LINK) {
            const unsigned char *rel = NULL;
            size_t n = 0;
            int count = 0;
            if (!attribute_named(at, "rel", &rel, &n, &count)) continue;
            if (rel == NULL || count > 1) {
                Py_DECREF(entries);
                Py_RETURN_NONE;
            }
            if (!holds_canonical(rel, n)) continue;
            made = entry("link", attributes_of(at, NULL), PyUnicode_FromString(""));
        } else if (kind == KIND_META) {
            metas++;
            made = entry("meta", attributes_of(at, NULL), PyUnicode_FromString(""));
        } else {
            made = entry("title", attributes_of(at, NULL), deep_text(at));
        }
        if (made == NULL || PyList_Append(entries, made) < 0) Py_CLEAR(entries);
        Py_XDECREF(made);
    }
    if (entries == NULL) return NULL;
    PyObject *pair = Py_BuildValue("(Nn)", entries, metas);
    return pair;
}

