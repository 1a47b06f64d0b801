/* The limits scan's loop in C, for the compiled build (see _limits.py, whose Python loop
 * this follows step by step and which stays the fallback and the reference).
 *
 * The tokenizer (what _scan_patterns.TOKEN matches, read by hand) is in _cscan_tokens.c; the stack
 * of open elements with the tree builder's steps (_open_elements.py's OpenElements, _tree_steps.py's start_tag
 * and end_tag) in _cstack.c and _ctags.c; the raw text ends are found here too. Only a raw
 * text end where a non-ASCII character may fold into its name calls Python (_limits' pattern). tests/test_cscan.py and tests/test_cstack.py
 * check that both loops give the same Scan on hand-made, generated and hostile inputs.
 *
 * The module (its methods and state, the names' table names_for gives) is in _cscan_module.c.
 */
#include "_cstack.h" /* (and _cscan.h): the stack's inline accessors */
#include <string.h>

/* raw_end[name].search(text, from).start(), or -1 (the regex, where raw_end() cannot decide);
 * -2 on error. */
static Py_ssize_t search_raw_end(PyObject *raw_end, PyObject *name, PyObject *text, Py_ssize_t from) {
    PyObject *pattern = PyDict_GetItemWithError(raw_end, name); /* borrowed */
    if (pattern == NULL) {
        if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, name);
        return -2;
    }
    PyObject *at_from = PyLong_FromSsize_t(from);
    if (at_from == NULL) return -2;
    PyObject *close = PyObject_CallMethod(pattern, "search", "OO", text, at_from);
    Py_DECREF(at_from);
    if (close == NULL) return -2;
    if (close == Py_None) {
        Py_DECREF(close);
        return -1;
    }
    PyObject *offset = PyObject_CallMethod(close, "start", NULL);
    Py_DECREF(close);
    if (offset == NULL) return -2;
    Py_ssize_t found = PyLong_AsSsize_t(offset);
    Py_DECREF(offset);
    return found == -1 && PyErr_Occurred() ? -2 : found;
}

/* The span text[start:end] appended to `bodies` (the raw text without_bodies drops). */
static int add_span(PyObject *bodies, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t span[2] = {start, end};
    for (int k = 0; k < 2; k++) {
        PyObject *number = PyLong_FromSsize_t(span[k]);
        if (number == NULL) return -1;
        int failed = PyList_Append(bodies, number);
        Py_DECREF(number);
        if (failed) return -1;
    }
    return 0;
}

/* Whether an element named noscript is open. */
static int holds_noscript(const Stack *stack, const Names *names) {
    for (Py_ssize_t i = 0; i < stack_size(stack); i++)
        if (is_id(&stack->e[i], names->noscript)) return 1;
    return 0;
}

/* The limit on counts that the elements or the depth sum are past ("" for none), checked after
 * each tag that adds elements: a start tag, or a stray end tag that makes one. */
static inline const char *count_limit(long long elements, long long volume, long long node_limit,
                                      long long volume_limit) {
    if (elements > node_limit) return "max_nodes";
    if (volume > volume_limit) return "max_depth_sum";
    return "";
}

#define CHECK(x) \
    do { \
        if ((x) < 0) goto error; \
    } while (0)

PyObject *limits_scan(PyObject *module, PyObject *args) {
    PyObject *str, *tables, *bodies = Py_None, *runaways = Py_None;
    long long node_limit, depth_limit, attribute_limit, volume_limit, work_limit, total_limit;
    if (!PyArg_ParseTuple(args, "OLLLLLLO!|OO:scan", &str, &node_limit, &depth_limit, &attribute_limit, &volume_limit,
                          &work_limit, &total_limit, &PyTuple_Type, &tables, &bodies, &runaways))
        return NULL;
    if (!PyUnicode_Check(str) && !PyBytes_Check(str)) {
        PyErr_SetString(PyExc_TypeError, "scan: text must be str or bytes");
        return NULL;
    }
    if ((bodies != Py_None && !PyList_Check(bodies)) || (runaways != Py_None && !PyList_Check(runaways))) {
        PyErr_SetString(PyExc_TypeError, "scan: bodies and runaways must be lists or None");
        return NULL;
    }
    PyObject *stack_tables, *text_starts, *body_names, *raw_end_patterns, *lexbor_names[4];
    Py_ssize_t base_depth, long_tag, option_shift, run_shift, walk_shift;
    if (!PyArg_ParseTuple(tables, "O!O!O!O!nnnnnO!O!O!O!:tables", &PyTuple_Type, &stack_tables, &PyFrozenSet_Type,
                          &text_starts, &PyFrozenSet_Type, &body_names, &PyDict_Type, &raw_end_patterns, &base_depth,
                          &long_tag, &option_shift, &run_shift, &walk_shift, &PyTuple_Type, &lexbor_names[0],
                          &PyTuple_Type, &lexbor_names[1], &PyTuple_Type, &lexbor_names[2], &PyTuple_Type,
                          &lexbor_names[3]))
        return NULL;
    if (option_shift < 0 || option_shift > 62 || run_shift < 0 || run_shift > 62 || walk_shift < 0 ||
        walk_shift > 62) {
        PyErr_SetString(PyExc_ValueError, "scan: the option, text run and end walk shifts must be from 0 to 62");
        return NULL;
    }
    Names *own;
    const Names *names = names_for(module, stack_tables, text_starts, body_names, &own);
    if (names == NULL) return NULL;
    Text t = PyBytes_Check(str) ? (Text){str, PyBytes_AS_STRING(str), PyUnicode_1BYTE_KIND, PyBytes_GET_SIZE(str), 1}
                                : (Text){str, PyUnicode_DATA(str), PyUnicode_KIND(str), PyUnicode_GET_LENGTH(str), 0};
    Stack *stack = stack_new(&t, names);
    NameWork *work = stack == NULL ? NULL : namework_new(lexbor_names);
    if (work == NULL) { /* (Lexbor's names: _name_work.LEXBOR_NAMES, in _limits.TABLES) */
        stack_free(stack);
        names_free(own);
        return NULL;
    }
    PyObject *result = NULL;
    Name name = {-1, NULL};
    long long elements = 0, depth = 0, volume = 0;
    Py_ssize_t added, cut = -1, pos = 0, previous_end = 0, n = t.n;
    const char *limit = "";
    int had_text = 0;
    Py_ssize_t svg_at = -1, svg_end = -1; /* an svg opened outside svg and math: its place on the stack, its start tag's end */
    long long options = 0;                /* the options of the select opened last, up to this tag */
    PyObject *merged_names[2] = {NULL, NULL}; /* the attribute names merged onto html and body */
    PyObject *record = bodies; /* where bodies go: Py_None once a script may hide its end tag (hides_its_end) */
    Runs runs = {0, 0, 0, -1, -1, 0}; /* the text nodes Lexbor appends to (_text_runs) */
    Token tok;
    while (pos < n) {
        Py_ssize_t resume = -1, from = pos;
        while (next_token(&t, from, &tok)) {
            Py_ssize_t start = tok.start, end = tok.end;
            from = end;
            if (start > previous_end) { /* text, which Lexbor may append to the node before (_text_runs) */
                had_text = 1;
                volume += run_units(&runs, &t, previous_end, start, stack, names, elements, run_shift);
                if (volume > volume_limit) {
                    cut = start;
                    limit = "max_depth_sum";
                    goto done;
                }
            }
            previous_end = end;
            if (tok.name_start < 0) { /* a comment, a doctype, a processing instruction or "</" junk */
                if (start + 3 < n && (at(&t, start + 1) == '?' || (at(&t, start + 1) == '!' &&
                                                                    at(&t, start + 2) == '-' && at(&t, start + 3) == '-')))
                    runs.depth = -1; /* a comment: the next piece in the flow starts a node */
                if (makes_comment(&t, start) && elements > --node_limit) { /* a node: one element fewer */
                    cut = start;
                    limit = "max_nodes";
                    goto done;
                }
                continue;
            }
            int known; /* 1: the name is ASCII and the tables' (name_of), which the name work may know static */
            CHECK(known = name_of(names, &t, tok.name_start, tok.name_end, &name));
            long long name_work = namework_tag(work, &t, known ? name.id : -1, &tok);
            /* (a cut tag's too) */
            CHECK(name_work);
            if (name_work > work_limit || namework_attributes(work) > total_limit) {
                cut = start;
                limit = name_work > work_limit ? "max_name_work" : "max_total_attributes";
                goto done;
            }
            if (at(&t, end - 1) != '>') goto done; /* a tag cut by the end: dropped */
            if (end - start >= long_tag) {
                if (count_attributes(&t, start + 2, end) > attribute_limit) {
                    cut = start;
                    limit = "max_attributes";
                    goto done;
                }
            }
            if (had_text && stack_detached(stack)) { /* text re-creates the detached formatting elements */
                CHECK(added = stack_reconstruct(stack));
                elements += added;
                volume += (long long)added * stack_size(stack);
            }
            had_text = 0;
            if (svg_at >= 0 && (stack_size(stack) <= svg_at || !is_id(&stack->e[svg_at], names->svg)))
                svg_at = -1; /* closed, or left for HTML, by an earlier tag */
            /* a tag the parser may ignore: the text runs go on (_text_runs.KEEPS) */
            int keeps = (name.id >= 0 && (name.id == names->col || name.id == names->frame ||
                                          name.id == names->frameset)) ||
                        where_has(stack, names->frameset);
            if (at(&t, start + 1) == '/') {
                /* its own end tag closes it, with nothing open in it (see _limits.scan_python) */
                if (svg_at >= 0 && svg_at == stack_size(stack) - 1 && name.id == names->svg && record != Py_None &&
                    svg_droppable(&t, svg_end, start))
                    CHECK(add_span(record, svg_end, start));
                if (!(stack_size(stack) && is(&stack->e[stack_size(stack) - 1], &name))) {
                    volume += stack_size(stack) >> walk_shift; /* Lexbor looks down its stack for it */
                    if (volume > volume_limit) {
                        cut = start;
                        limit = "max_depth_sum";
                        goto done;
                    }
                }
                CHECK(added = stack_end_tag(stack, &name));
                Py_CLEAR(name.str);
                if (added) { /* a stray </p> or </br> makes an element (see _limits.scan_python) */
                    elements += added;
                    volume += (long long)added * (stack_size(stack) + base_depth);
                    if ((limit = count_limit(elements, volume, node_limit, volume_limit))[0]) {
                        cut = start;
                        goto done;
                    }
                }
                if (keeps) {
                    runs.depth = stack_size(stack);
                    runs.elements = elements;
                }
                continue;
            }
            unsigned long flags = name_flags(names, &name);
            if (flags & F_IGNORED) { /* html, head, body: html's and body's attributes merge (_merged_attributes) */
                int past = merges_past(names, &name, &t, tok.name_end, end, attribute_limit, merged_names);
                Py_CLEAR(name.str);
                CHECK(past);
                if (past) {
                    cut = start;
                    limit = "max_attributes";
                    goto done;
                }
                continue;
            }
            /* Raw text only where the parser inserts the element (see _limits.py). */
            int follows = 0; /* 1: raw text up to the element's end tag; 2: the rest is text */
            if ((flags & F_TEXT_START) && !(stack_foreign(stack) && stack_in_foreign(stack, name.id))) {
                if (name_is(names, &name, "plaintext"))
                    follows = 2;
                else if (name_is(names, &name, "script") || !stack_has(stack, "frameset"))
                    follows = 1;
            }
            int opens_svg = name.id >= 0 && name.id == names->svg && !stack_foreign(stack);
            CHECK(added = stack_start_tag(stack, &name, start, end));
            elements += added;
            volume += (long long)added * (stack_size(stack) + base_depth);
            if (keeps) {
                runs.depth = stack_size(stack);
                runs.elements = elements;
            }
            /* A select's options, counted up and added to the work (see _limits.scan_python). */
            if (name.id >= 0 && name.id == names->option) {
                if (stack_has(stack, "select")) volume += ++options >> option_shift;
            } else if (name.id >= 0 && name.id == names->select) {
                options = 0;
            }
            /* A start tag ending in "/>" is never read as opening a body: Lexbor closes an
             * <svg .../> at once, and the scan's stack keeps it open where unsure. */
            if (opens_svg && at(&t, end - 2) != '/' && stack_size(stack) > 0 &&
                is_id(&stack->e[stack_size(stack) - 1], names->svg)) {
                svg_at = stack_size(stack) - 1;
                svg_end = end;
            }
            if (follows == 1) {
                PyObject *raw = name_str(names, &name); /* a name of the tables: ASCII */
                int comment;
                Py_ssize_t undecided, close = raw_end(&t, (const char *)PyUnicode_1BYTE_DATA(raw),
                                                      PyUnicode_GET_LENGTH(raw), end, &undecided, &comment);
                if (undecided >= 0) {
                    if ((close = search_raw_end(raw_end_patterns, raw, str, undecided)) == -2) goto error;
                    comment = -1; /* the text past `undecided` unread */
                }
                resume = close < 0 ? n : close;
                /* A script or style sheet outside svg and math, closed by its end tag, whose
                   text may go: recorded for without_bodies (see _limits.scan). */
                if (close >= 0 && record != Py_None && !stack_foreign(stack) && (flags & F_BODY)) {
                    if (droppable(&t, start, end, close, comment))
                        CHECK(add_span(record, end, resume));
                    else if (comment != 0 && name_is(names, &name, "script") && hides_its_end(&t, end, close))
                        record = Py_None; /* what follows is not sure: no later body recorded */
                }
            } else if (follows == 2) {
                resume = n;
            }
            /* A raw text opened in a noscript that runs past the noscript's end tag: recorded,
               and read on from that end tag, as a browser reads it (see _limits.scan). */
            if (follows && runaways != Py_None && !(flags & F_BODY) && holds_noscript(stack, names)) {
                Py_ssize_t noscript_end = find_word(&t, end, resume, "</noscript");
                if (noscript_end >= 0) {
                    CHECK(add_span(runaways, start, noscript_end));
                    resume = noscript_end;
                }
            }
            Py_CLEAR(name.str);
            if (stack_size(stack) > depth) {
                depth = stack_size(stack);
                if (depth > depth_limit) {
                    cut = start;
                    limit = "max_depth";
                    goto done;
                }
            }
            if ((limit = count_limit(elements, volume, node_limit, volume_limit))[0]) {
                cut = start;
                goto done;
            }
            if (resume >= 0) break;
        }
        if (resume < 0) break;
        pos = previous_end = resume;
    }
done:
    if (cut < 0)
        result = Py_BuildValue("LLLOs", elements, depth + base_depth, volume, Py_None, limit);
    else
        result = Py_BuildValue("LLLns", elements, depth + base_depth, volume, cut, limit);
error:
    Py_XDECREF(name.str);
    merged_free(merged_names);
    namework_free(work);
    stack_free(stack);
    names_free(own);
    return result;
}
