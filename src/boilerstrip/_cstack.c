/* The stack of open elements of the limits scan in C (the compiled build): _open_elements.py's
 * OpenElements, step by step, on C arrays (its start_tag and end_tag are in _ctags.c). The Python module stays the
 * reference and the path of a pure install; tests/test_cscan.py and tests/test_cstack.py check
 * that the C loop gives the same Scan on hand-made, generated and hostile inputs.
 *
 * Names (_cnames.c): every name of the tables has an id and its sets as bits; a tag's name
 * the tables do not hold is kept as its str. A name "#x" of the Python stack (retired: counted, no longer
 * findable) is an entry of x with `retired` set: no name equals it.
 * Keys: a formatting element's raw start tag, kept as its offsets in the text; the detached
 * counts (Noah's ark) are an open-addressing table keyed by the tag's characters.
 * No recursion; memory grows with the open and detached elements, as the Python stack's.
 */
#include "_cstack.h"
#include <string.h>

int grow(void **items, Py_ssize_t *capacity, Py_ssize_t need, size_t item) {
    if (need <= *capacity) return 0;
    Py_ssize_t capacity_ = *capacity ? *capacity : 16;
    while (capacity_ < need) capacity_ *= 2;
    void *grown = PyMem_Realloc(*items, (size_t)capacity_ * item);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *items = grown;
    *capacity = capacity_;
    return 0;
}

Stack *stack_new(const Text *t, const Names *names) {
    Stack *s = PyMem_Calloc(1, sizeof(Stack));
    if (s == NULL || (s->where = PyMem_Calloc((size_t)names->tracked + 1, sizeof(Ints))) == NULL) {
        PyMem_Free(s);
        PyErr_NoMemory();
        return NULL;
    }
    s->t = t;
    s->names = names;
    return s;
}

void stack_free(Stack *s) {
    if (s == NULL) return;
    for (Py_ssize_t i = 0; i < s->size; i++) Py_XDECREF(s->e[i].str);
    for (int i = 0; i < s->names->tracked; i++) PyMem_Free(s->where[i].items);
    PyMem_Free(s->where);
    PyMem_Free(s->bounds.items);
    PyMem_Free(s->special.items);
    PyMem_Free(s->foreign.items);
    PyMem_Free(s->spaces.items);
    PyMem_Free(s->markers.items);
    PyMem_Free(s->detached);
    PyMem_Free(s->counts);
    PyMem_Free(s->e);
    PyMem_Free(s);
}


int stack_has(const Stack *s, const char *which) {
    return where_has(s, strcmp(which, "select") == 0 ? s->names->select : s->names->frameset);
}

/* Whether entry e is named `name` (never when retired). */

/* ---- detached counts: keys compared by their characters ---- */

static int same_key(const Text *t, Py_ssize_t a, Py_ssize_t a_end, Py_ssize_t b, Py_ssize_t b_end) {
    if (a_end - a != b_end - b) return 0;
    const char *data = t->data;
    return memcmp(data + a * t->kind, data + b * t->kind, (size_t)(a_end - a) * (size_t)t->kind) == 0;
}

Py_hash_t key_hash(const Text *t, Py_ssize_t start, Py_ssize_t end) {
    const unsigned char *data = (const unsigned char *)t->data + start * t->kind;
    Py_hash_t h = (Py_hash_t)hash_bytes((const char *)data, (end - start) * t->kind);
    return h == -1 ? -2 : h; /* -1: not made yet */
}

/* The count slot of entry e's key, or NULL when it has none. */
static Count *count_find(const Stack *s, const Entry *e) {
    if (!s->counts_capacity) return NULL;
    for (Py_ssize_t j = (Py_ssize_t)((size_t)e->key_hash % (size_t)s->counts_capacity);; j = (j + 1) % s->counts_capacity) {
        Count *c = &s->counts[j];
        if (!c->end) return NULL;
        if (c->hash == e->key_hash && same_key(s->t, c->start, c->end, e->key_start, e->key_end)) return c;
    }
}

/* The count slot of entry e's key, made with 0 if new; NULL on error. */
static Count *count_add(Stack *s, const Entry *e) {
    Count *found = count_find(s, e);
    if (found != NULL) return found;
    if (2 * (s->counts_used + 1) > s->counts_capacity) { /* at most half full */
        Py_ssize_t capacity = s->counts_capacity ? 2 * s->counts_capacity : 64;
        Count *counts = PyMem_Calloc((size_t)capacity, sizeof(Count));
        if (counts == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        for (Py_ssize_t i = 0; i < s->counts_capacity; i++) {
            Count *old = &s->counts[i];
            if (!old->end) continue;
            Py_ssize_t j = (Py_ssize_t)((size_t)old->hash % (size_t)capacity);
            while (counts[j].end) j = (j + 1) % capacity;
            counts[j] = *old;
        }
        PyMem_Free(s->counts);
        s->counts = counts;
        s->counts_capacity = capacity;
    }
    Py_ssize_t j = (Py_ssize_t)((size_t)e->key_hash % (size_t)s->counts_capacity);
    while (s->counts[j].end) j = (j + 1) % s->counts_capacity;
    s->counts[j] = (Count){e->key_start, e->key_end, e->key_hash, 0};
    s->counts_used++;
    return &s->counts[j];
}

/* detached_count[key] -= 1 (every detached key has its slot). */
static void count_down(Stack *s, const Entry *e) {
    Count *c = count_find(s, e);
    if (c != NULL) c->count--;
}

/* ---- OpenElements' methods ---- */

int open_foreign(Stack *s, Py_ssize_t position, int space) {
    return ints_push(&s->foreign, position) < 0 || ints_push(&s->spaces, space) < 0 ? -1 : 0;
}

int push_name(Stack *s, const Name *name, int foreign) {
    Entry entry = {name->id, 0, name->str, 0, 0, 0};
    return push(s, &entry, foreign);
}

int push_id(Stack *s, int id) {
    Entry entry = {id, 0, NULL, 0, 0, 0};
    return push(s, &entry, 0);
}

void clear_to(Stack *s, Py_ssize_t length) {
    for (Py_ssize_t i = length; i < s->detached_size; i++) count_down(s, &s->detached[i]);
    if (length < s->detached_size) s->detached_size = length;
}

/* pop_to's step for a popped formatting element e (its key): detached, unless Noah's ark holds
 * enough of its key. */
int detach(Stack *s, Entry *e) {
    if (e->key_hash == -1) e->key_hash = key_hash(s->t, e->key_start, e->key_end);
    Count *c = count_add(s, e);
    if (c == NULL) return -1;
    if (c->count < s->names->noahs_ark) {
        if (grow((void **)&s->detached, &s->detached_capacity, s->detached_size + 1, sizeof(Entry)) < 0) return -1;
        e->str = NULL;
        s->detached[s->detached_size++] = *e;
        c->count++;
    }
    return 0;
}

Py_ssize_t stack_reconstruct(Stack *s) {
    Py_ssize_t start = ints_last(&s->markers, 0), end = s->detached_size;
    if (start >= end) return 0;
    clear_to(s, start); /* the entries stay in the array, past its size */
    for (Py_ssize_t i = start; i < end; i++) {
        Entry entry = s->detached[i];
        if (push(s, &entry, 0) < 0) return -1;
    }
    return end - start;
}

void forget(Stack *s, int id) {
    Py_ssize_t start = ints_last(&s->markers, 0);
    if (s->detached_size - s->names->search_depth > start) start = s->detached_size - s->names->search_depth;
    for (Py_ssize_t index = s->detached_size - 1; index >= start; index--) {
        if (is_id(&s->detached[index], id)) {
            count_down(s, &s->detached[index]);
            memmove(&s->detached[index], &s->detached[index + 1], (size_t)(s->detached_size - index - 1) * sizeof(Entry));
            s->detached_size--;
            return;
        }
    }
}

void retire(Stack *s, Py_ssize_t position) {
    Entry *e = &s->e[position];
    if (!e->retired && e->id >= 0 && (s->names->flags[e->id] & F_TRACKED)) ints_pop(&s->where[s->names->slot[e->id]]);
    e->retired = 1;
}

static Py_ssize_t formatting_above(const Stack *s, Py_ssize_t position) {
    Py_ssize_t count = 0, stop = s->size - s->names->search_depth - 1;
    if (position > stop) stop = position;
    for (Py_ssize_t index = s->size - 1; index > stop; index--) {
        count += s->e[index].key_end != 0;
        if (count == 3) break;
    }
    return s->size - position <= s->names->search_depth ? count : 3;
}

Py_ssize_t adopt(Stack *s, Py_ssize_t position) {
    int id = s->e[position].id;
    retire(s, position);
    Py_ssize_t clones = formatting_above(s, position);
    Entry entry = {id, 1, NULL, 0, 0, 0}; /* "#" + name, one level deeper */
    if (push(s, &entry, 0) < 0) return -1;
    return 1 + clones;
}

Py_ssize_t last_untracked(const Stack *s, const Name *name) {
    Py_ssize_t stop = s->size - s->names->search_depth;
    if (stop < 0) stop = 0;
    for (Py_ssize_t position = s->size - 1; position >= stop; position--)
        if (is(&s->e[position], name)) return position;
    return -1;
}


/* in_scope(name, *extra): extra as ids, -1 ending them. */
Py_ssize_t in_scope(const Stack *s, const Name *name, int extra1, int extra2) {
    Py_ssize_t position = last(s, name);
    if (position < 0) return -1;
    Py_ssize_t above = ints_last(&s->bounds, -1);
    if (extra1 >= 0) above = MAX(above, last_id(s, extra1));
    if (extra2 >= 0) above = MAX(above, last_id(s, extra2));
    return above <= position ? position : -1;
}

Py_ssize_t in_table_scope(const Stack *s, int id) {
    Py_ssize_t position = last_id(s, id);
    if (position < 0 || id == s->names->table) return last_id(s, s->names->template_) <= position ? position : -1;
    return MAX(last_id(s, s->names->table), last_id(s, s->names->template_)) < position ? position : -1;
}

int no_special_above(const Stack *s, Py_ssize_t position, unsigned long allowed) {
    if (position < 0) return 0;
    for (Py_ssize_t steps = 0, i = s->special.size - 1; i >= 0; i--, steps++) {
        Py_ssize_t above = s->special.items[i];
        if (above <= position) return 1;
        if (!(flags_of(s, &s->e[above]) & allowed) || steps >= s->names->search_depth) return 0;
    }
    return 1;
}

int stack_in_foreign(const Stack *s, int id) {
    if (!s->foreign.size || s->foreign.items[s->foreign.size - 1] != s->size - 1) return 0;
    Py_ssize_t space = s->spaces.items[s->spaces.size - 1];
    if (space & SPACE_HTML_POINT) return 0;
    if (space & SPACE_TEXT_POINT) return id >= 0 && (s->names->flags[id] & F_GLYPH);
    return !((space & SPACE_ANNOTATION) && id >= 0 && id == s->names->svg);
}

/* The svg and math elements above the last HTML element or integration point close. */
int leave_foreign(Stack *s) {
    Py_ssize_t run = s->foreign.size - 1;
    while (run > 0 && s->foreign.items[run - 1] == s->foreign.items[run] - 1 &&
           !(s->spaces.items[run - 1] & (SPACE_HTML_POINT | SPACE_TEXT_POINT)))
        run--;
    return pop_to(s, s->foreign.items[run], -1);
}

/* ---- foreign elements: what each is (out of the loop's way: rare) ---- */

/* _tree_steps._referred and its _REFERENCE: the character reference at text[i] ("&") that can
 * spell an encoding (numeric, &sol; or &plus;), as the character it gives (U+FFFD past ASCII),
 * with *next past it; -1 for none ("&" read as itself). */
static Py_UCS4 referred(const Text *t, Py_ssize_t i, Py_ssize_t end, Py_ssize_t *next) {
    static const char *const signs[] = {"sol;", "plus;"};
    for (int k = 0; k < 2; k++) {
        Py_ssize_t length = (Py_ssize_t)strlen(signs[k]), j = 0;
        while (j < length && i + 1 + j < end && at(t, i + 1 + j) == (Py_UCS4)signs[k][j]) j++;
        if (j == length) {
            *next = i + 1 + length;
            return k ? '+' : '/';
        }
    }
    if (i + 1 >= end || at(t, i + 1) != '#') return (Py_UCS4)-1;
    Py_ssize_t j = i + 2;
    int hex = j < end && (at(t, j) == 'x' || at(t, j) == 'X');
    j += hex;
    Py_ssize_t digits = j;
    unsigned long code = 0;
    for (; j < end; j++) {
        Py_UCS4 c = at(t, j), value;
        if (c >= '0' && c <= '9')
            value = c - '0';
        else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            value = (c | 0x20) - 'a' + 10;
        else
            break;
        code = code * (hex ? 16 : 10) + value;
        if (code > 0x10FFFF) code = 0x110000; /* past Unicode: the same as any too large */
    }
    if (j == digits) return (Py_UCS4)-1;
    *next = j < end && at(t, j) == ';' ? j + 1 : j;
    return code > 0 && code < 128 ? (Py_UCS4)code : 0xFFFD;
}

/* _tree_steps._encoding_is_html: whether the value text[start:end] of an encoding attribute,
 * its character references read, is text/html or application/xhtml+xml (ASCII case-insensitively). */
static int html_encoding(const Text *t, Py_ssize_t start, Py_ssize_t end) {
    static const char *const encodings[] = {"text/html", "application/xhtml+xml"};
    for (int k = 0; k < 2; k++) {
        const char *e = encodings[k];
        Py_ssize_t i = start, length = (Py_ssize_t)strlen(e), n = 0;
        for (; i < end && n < length; n++) {
            Py_UCS4 c = at(t, i);
            Py_ssize_t next = i + 1;
            if (c == '&') {
                Py_UCS4 r = referred(t, i, end, &next);
                if (r != (Py_UCS4)-1) c = r;
            }
            if (c > 127 || (Py_UCS4)(c | (Py_UCS4)((c - 'A' < 26u) << 5)) != (Py_UCS4)e[n]) break;
            i = next;
        }
        if (i == end && n == length) return 1;
    }
    return 0;
}

/* _tree_steps._encoding_is_html: the first encoding attribute of the tag whose attributes are
 * text[i:end] (">" excluded) read as the tokenizer reads them. */
static int encoding_is_html(const Text *t, Py_ssize_t i, Py_ssize_t end) {
    static const char name_[] = "encoding";
    while (i < end) {
        while (i < end && (is_space(at(t, i)) || at(t, i) == '/')) i++;
        if (i >= end) break;
        Py_ssize_t name_start = i++; /* the first character may be "=" */
        while (i < end && !is_space(at(t, i)) && at(t, i) != '/' && at(t, i) != '=' && at(t, i) != '>') i++;
        int is_encoding = i - name_start == 8;
        for (Py_ssize_t k = 0; is_encoding && k < 8; k++) {
            Py_UCS4 c = at(t, name_start + k);
            is_encoding = c < 128 && (Py_UCS4)(c | (Py_UCS4)((c - 'A' < 26u) << 5)) == (Py_UCS4)name_[k];
        }
        Py_ssize_t j = i, value_start = -1, value_end = -1;
        while (j < end && is_space(at(t, j))) j++;
        if (j < end && at(t, j) == '=') {
            j++;
            while (j < end && is_space(at(t, j))) j++;
            Py_UCS4 quote = j < end ? at(t, j) : 0;
            Py_ssize_t close = j + 1;
            if (quote == '"' || quote == '\'') {
                while (close < end && at(t, close) != quote) close++;
            }
            if ((quote == '"' || quote == '\'') && close < end) {
                value_start = j + 1;
                value_end = close;
                i = close + 1;
            } else {
                value_start = j;
                while (j < end && !is_space(at(t, j)) && at(t, j) != '>') j++;
                value_end = i = j;
            }
        }
        if (is_encoding) return value_start >= 0 && html_encoding(t, value_start, value_end);
    }
    return 0;
}

int foreign_kind(const Stack *s, const Name *name, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t current = s->spaces.items[s->spaces.size - 1];
    unsigned long flags = name_flags(s->names, name);
    if (current & SPACE_SVG) return flags & F_SVG_POINT ? SPACE_SVG | SPACE_HTML_POINT : SPACE_SVG;
    if (flags & F_MATH_POINT) return SPACE_MATH | SPACE_TEXT_POINT;
    if (name->id >= 0 && name->id == s->names->annotation_xml)
        return SPACE_MATH | (encoding_is_html(s->t, start + 15, end - 1) ? SPACE_HTML_POINT : SPACE_ANNOTATION);
    return SPACE_MATH;
}
