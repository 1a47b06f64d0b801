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
                TRY(push_name(s, name, foreign_kind(s, name, start, end)));
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
