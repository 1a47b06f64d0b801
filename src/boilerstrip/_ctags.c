/* start_tag and end_tag of _tree_steps.py in C, on the C stack (_cstack.c): the tree
 * builder's implied ends, scopes, tables, foreign content and formatting elements, step by
 * step as the Python functions take them (the reference; see _cstack.c). */
#include "_cstack.h"


/* _tree_steps._self_closing: whether the tag text[start:end] ends in a "/>" that closes it. */
static int self_closing(const Text *t, Py_ssize_t start, Py_ssize_t end) {
    if (at(t, end - 2) != '/') return 0;
    Py_ssize_t before = end - 3;
    while (before > start && is_space(at(t, before))) before--;
    Py_UCS4 mark = at(t, before);
    if (mark == '"' || mark == '\'') { /* the end of a quoted value, if its opening quote follows an "=" */
        Py_ssize_t opening = before - 1;
        while (opening >= start && at(t, opening) != mark) opening--;
        if (opening <= start) return 0;
        Py_ssize_t j = opening - 1; /* text[start:opening].rstrip().endswith("=") */
        while (j >= start && Py_UNICODE_ISSPACE(at(t, j))) j--;
        return j >= start && at(t, j) == '=';
    }
    while (before > start && !is_space(at(t, before)) && at(t, before) != '=') before--;
    return at(t, before) != '=';
}

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

/* _tree_steps._foreign_kind: what the foreign element `name` (its start tag text[start:end])
 * opened in a foreign element of code `current` is. */
static int foreign_kind(const Stack *s, Py_ssize_t current, const Name *name, Py_ssize_t start, Py_ssize_t end) {
    unsigned long flags = name_flags(s->names, name);
    if (current & SPACE_SVG) return flags & F_SVG_POINT ? SPACE_SVG | SPACE_HTML_POINT : SPACE_SVG;
    if (flags & F_MATH_POINT) return SPACE_MATH | SPACE_TEXT_POINT;
    if (name->id >= 0 && name->id == s->names->annotation_xml)
        return SPACE_MATH | (encoding_is_html(s->t, start + 15, end - 1) ? SPACE_HTML_POINT : SPACE_ANNOTATION);
    return SPACE_MATH;
}

static Py_ssize_t table_part(Stack *s, int id, Py_ssize_t table) {
    const Names *n = s->names;
    if (id != n->td && id != n->th && id != n->tr) return pop_to(s, table + 1, -1);
    Py_ssize_t added = 0;
    if (id != n->tr) {
        Py_ssize_t cell = MAX(in_table_scope(s, n->td), in_table_scope(s, n->th));
        if (cell >= 0) TRY(pop_to(s, cell, -1));
    }
    Py_ssize_t row = in_table_scope(s, n->tr);
    if (id == n->tr && row >= 0) {
        TRY(pop_to(s, row, -1));
    } else if (row < 0) {
        if (MAX(MAX(last_id(s, n->tbody), last_id(s, n->thead)), last_id(s, n->tfoot)) < table) {
            TRY(pop_to(s, table + 1, -1));
            TRY(push_id(s, n->tbody));
            added++;
        }
        if (id != n->tr) {
            TRY(push_id(s, n->tr));
            added++;
        }
    }
    return added;
}

Py_ssize_t stack_start_tag(Stack *s, const Name *name, Py_ssize_t start, Py_ssize_t end) {
    const Names *n = s->names;
    unsigned long flags = name_flags(n, name);
    int id = name->id;
    if (s->foreign.size && stack_in_foreign(s, id)) {
        if (!(flags & F_BREAKOUT)) {
            if (!self_closing(s->t, start, end))
                TRY(push_name(s, name, foreign_kind(s, s->spaces.items[s->spaces.size - 1], name, start, end)));
            return 1;
        }
        TRY(leave_foreign(s));
    }
    Py_ssize_t added = 1, more;
    if (s->detached_size && !(flags & F_NO_RECONSTRUCT) && id != n->a && id != n->button) {
        TRY(more = stack_reconstruct(s));
        added += more;
    }
    if (!(flags & F_ACTIVE) || where_has(s, n->frameset)) {
        TRY(push_name(s, name, 0));
        return added;
    }
    if (id == n->li || id == n->dd || id == n->dt) {
        Py_ssize_t at_;
        unsigned long allowed;
        if (id == n->li) {
            at_ = last_id(s, n->li);
            allowed = F_ABOVE_LI;
        } else {
            at_ = MAX(last_id(s, n->dd), last_id(s, n->dt));
            allowed = F_ABOVE_DD;
        }
        if (no_special_above(s, at_, allowed)) TRY(pop_to(s, at_, -1));
    }
    if (flags & F_CLOSES_P) {
        Py_ssize_t p = in_scope_id(s, n->p, n->button, -1);
        if (p >= 0) TRY(pop_to(s, p, -1));
        if ((flags & F_HEADING) && s->size && (flags_of(s, &s->e[s->size - 1]) & F_HEADING)) TRY(pop_to(s, s->size - 1, -1));
    } else if (id == n->option || id == n->optgroup) {
        if (s->size && is_id(&s->e[s->size - 1], n->option)) TRY(pop_to(s, s->size - 1, -1));
    } else if (id == n->a || id == n->nobr || id == n->button) {
        Py_ssize_t at_ = in_scope(s, name, -1, -1);
        if (at_ >= 0 && (id == n->button || no_special_above(s, at_, 0))) {
            TRY(pop_to(s, at_, id));
        } else if (at_ >= 0) {
            TRY(more = adopt(s, at_));
            added += more;
        }
        if (s->detached_size) {
            TRY(more = stack_reconstruct(s));
            added += more;
        }
    } else if (id == n->table) {
        Py_ssize_t table = last_id(s, n->table);
        if (table > MAX(MAX(last_id(s, n->td), last_id(s, n->th)), last_id(s, n->caption))) TRY(pop_to(s, table, -1));
        Py_ssize_t p = in_scope_id(s, n->p, n->button, -1);
        if (p >= 0) retire(s, p); /* closed unless the page is in quirks mode */
    } else if (flags & F_TABLE_PART) {
        Py_ssize_t table = last_id(s, n->table);
        if (table < 0) return added - 1; /* outside a table the parser ignores it */
        TRY(more = table_part(s, id, table));
        added += more;
    }
    if (!(flags & F_VOID)) {
        Entry entry = {id, 0, name->str, 0, 0, 0};
        if (flags & F_FORMATTING) {
            entry.key_start = start;
            entry.key_end = end;
            entry.key_hash = -1; /* made when the key is first detached (most never are) */
        }
        TRY(push(s, &entry, 0));
    }
    return added;
}

Py_ssize_t stack_end_tag(Stack *s, const Name *name) {
    const Names *n = s->names;
    unsigned long flags = name_flags(n, name);
    int id = name->id;
    if (s->size && is(&s->e[s->size - 1], name)) return pop_to(s, s->size - 1, id);
    if (id >= 0 && id == n->br) { /* read as <br> */
        Py_ssize_t more = 0;
        if (s->detached_size) TRY(more = stack_reconstruct(s));
        return 1 + more;
    }
    if ((flags & F_IGNORED) || where_has(s, n->frameset)) return 0; /* a frameset ignores the end tags but its own */
    Py_ssize_t at_;
    if (flags & F_HEADING) { /* any open heading, whatever its level */
        at_ = -1;
        for (int h = 0; h < 6; h++) at_ = MAX(at_, in_scope_id(s, n->headings[h], -1, -1));
    } else if (id == n->p) {
        at_ = in_scope_id(s, n->p, n->button, -1);
    } else if (id == n->li) {
        at_ = in_scope_id(s, n->li, n->ul, n->ol);
    } else if ((flags & F_TABLE_PART) || id == n->table) {
        at_ = in_table_scope(s, id);
    } else if (id == n->select) {
        at_ = in_scope_id(s, n->select, -1, -1);
    } else if (id == n->template_) {
        at_ = last_id(s, n->template_); /* closes it from anywhere */
    } else if (id == n->form || id == n->frameset) {
        return 0; /* what is above stays open */
    } else if (flags & F_SCOPED_END) {
        at_ = in_scope(s, name, -1, -1);
    } else {
        at_ = last(s, name);
        if (!no_special_above(s, at_, 0)) {
            if (flags & F_FORMATTING) {
                if (at_ >= 0) return adopt(s, at_);
                forget(s, id);
            }
            return 0;
        }
    }
    if (at_ >= 0) return pop_to(s, at_, id);
    return id >= 0 && id == n->p ? 1 : 0;
}
