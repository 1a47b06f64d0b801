"""What a phrase row's pattern says about its matches, read from the pattern's own text.

A small reader of the syntax the tables use (``_phrase_table``): the top-level branches
of a pattern, what every match of it must consume (``needs``: a digit, a non-ASCII
sign), and whether it finds the same matches in an ASCII text under IGNORECASE as
without IGNORECASE in the text lowercased (``reads_alike_lowered``). ``_phrases`` builds
its gates and its lowercased forms from these answers when the tables are first used,
so they stay exact when a row changes. The reader may only under-claim: what it does
not know counts as not required, and as not alike.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Final

import regex

from ._case_folds import FOLDS_APART


@functools.cache
def _syntax(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.VERSION0)


@functools.cache
def _folded(pattern: str) -> regex.Pattern[str]:
    """``pattern`` compiled as the rows are (``_phrase_match._compiled``: version 0 given)."""
    return regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)


def top_level_branches(pattern: str) -> list[str]:
    """``pattern`` split at the ``|`` that are outside groups and classes."""
    branches, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*branches, pattern[start:]]


# What every match of a pattern must consume, read from the pattern's own text: a small
# reader of the syntax the tables use. It may only under-claim: whatever it does not know
# (a quantifier it cannot read, an atomic group, a lookaround) counts as not required.
_ATOM_ESCAPE = r"\\[pPN]\{[^}]*\}|\\."
_REPEAT = r"(?:[?*+]|\{(\d*)(?:,\d*)?\})[?+]?"
_GROUP_BODY = r"\((?:\?-?i?:|(?!\?))"  # the opening of a consuming group: (...), (?:...), (?i:...), (?-i:...)
_VERBOSE = r"\(\?[-a-zA-Z]*x"
_ASCII_CHARS: Final = "".join(map(chr, range(128)))


def _closing(pattern: str, start: int) -> int | None:
    """The index just past the class or group that opens at ``start``; None if unclosed."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif in_class:
            if c == "]":
                in_class = False
                if depth == 0:
                    return i + 1
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


@functools.cache
def _atoms(branch: str) -> tuple[tuple[str, int], ...] | None:
    """A branch (no top-level ``|``) as its atoms, each with the least number of times
    it repeats (0 when optional); None when it holds syntax this reader does not know.
    Read once per process and branch: each fact of a row (its first characters, digits,
    literals, starts) walks the same branches' atoms, for ASCII texts and for any text."""
    atoms: list[tuple[str, int]] = []
    i = 0
    while i < len(branch):
        c = branch[i]
        if c == "\\":
            escape = _syntax(_ATOM_ESCAPE).match(branch, i)
            end: int | None = escape.end() if escape else None
        elif c == "[":
            # "[]...]", "[^]...]" and nested sets ("[[:alpha:]]") are read otherwise by regex
            end = None if branch.startswith(("[]", "[^]"), i) else _closing(branch, i)
            if end is not None and "[" in branch[i + 1 : end]:
                end = None
        elif c == "(":
            end = _closing(branch, i)
        elif c in ")|?*+{}":
            end = None  # a stray closer or quantifier: not read
        else:
            end = i + 1
        if end is None:
            return None
        atom, least = branch[i:end], 1
        repeat = _syntax(_REPEAT).match(branch, end)
        if repeat:
            count = repeat.group(1)
            least = int(count) if count else (1 if repeat.group().startswith("+") else 0)
            end = repeat.end()
        elif branch.startswith("{", end):
            return None  # a brace that is no quantifier: not read
        atoms.append((atom, least))
        i = end
    return tuple(atoms)


def needs(pattern: str, required: Callable[[str], bool]) -> bool:
    """Whether every match of ``pattern`` consumes a character through an atom (an
    escape, a class or one character) for which ``required`` is true."""
    if _syntax(_VERBOSE).search(pattern):
        return False  # spaces and "#" comments would not be what they seem
    return all(_branch_needs(branch, required) for branch in top_level_branches(pattern))


def _branch_needs(branch: str, required: Callable[[str], bool]) -> bool:
    atoms = _atoms(branch)
    if atoms is None:
        return False
    for atom, least in atoms:
        if least < 1:
            continue
        if atom.startswith("("):
            opening = _syntax(_GROUP_BODY).match(atom)
            if opening and needs(atom[opening.end() : -1], required):
                return True  # lookarounds and other groups consume nothing known
        elif required(atom):
            return True
    return False


def is_digit(atom: str) -> bool:
    return atom == r"\d"


def is_wide(atom: str) -> bool:
    """One literal non-ASCII character that matches no ASCII one under the rows'
    IGNORECASE (not the Kelvin sign, which matches "k")."""
    if len(atom) != 1 or atom.isascii():
        return False
    return _folded(regex.escape(atom)).search(_ASCII_CHARS) is None


# ASCII texts (nine blocks in ten) are searched lowercased, without IGNORECASE, by every
# pattern that finds the same matches there: regex's case-insensitive scans look up each
# character's other cases (a third of the phrase time in the compiled build).
_ZERO_WIDTH = frozenset({r"\b", r"\B", "^", "$"})
_LOOKING_GROUP = r"\((?:\?(?::|=|!|<=|<!)|(?!\?))"  # (...), (?:...) and lookarounds: no flags
_ONE_CHARACTER = r"\\(?:[dDwWsS]|[pP]\{[^}]*\}|[^A-Za-z0-9])|\[.*\]|[^\\^$]"


def reads_alike_lowered(pattern: str) -> bool:
    """Whether ``pattern`` finds a match under IGNORECASE in an ASCII text exactly when it
    finds one without IGNORECASE in the text lowercased (``str.lower``: the same length,
    each character in its place). So it does when each atom that takes one character
    accepts every ASCII character under IGNORECASE exactly when it accepts its lower case
    without (checked on all 128), the assertions are ``\\b``, ``\\B``, ``^`` and ``$`` (their
    \\w is alike), and no group sets flags (``(?-i:...)``) or refers back."""
    return all(_branch_alike(branch) for branch in top_level_branches(pattern))


def _branch_alike(branch: str) -> bool:
    atoms = _atoms(branch)
    if atoms is None:
        return False
    for atom, _ in atoms:
        if atom.startswith("("):
            opening = _syntax(_LOOKING_GROUP).match(atom)
            if opening is None or not reads_alike_lowered(atom[opening.end() : -1]):
                return False
        elif atom not in _ZERO_WIDTH and not _character_alike(atom):
            return False
    return True


@functools.cache
def _character_alike(atom: str) -> bool:
    if not _syntax(_ONE_CHARACTER).fullmatch(atom):
        return False
    folded, plain = _folded(atom), regex.compile(atom, regex.VERSION0)
    return all((folded.fullmatch(c) is None) == (plain.fullmatch(c.lower()) is None) for c in _ASCII_CHARS)


@functools.cache
def _literal_atoms(branch: str) -> tuple[tuple[str, int, bool], ...] | None:
    """The atoms of ``branch`` as the literal readers below take them: each with the least
    number of times it occurs and whether a quantifier follows it; None for a verbose
    pattern or syntax :func:`_atoms` does not know."""
    if _syntax(_VERBOSE).search(branch):
        return None
    atoms = _atoms(branch)
    if atoms is None:
        return None
    out: list[tuple[str, int, bool]] = []
    at = 0
    for atom, least in atoms:
        at += len(atom)
        repeat = _syntax(_REPEAT).match(branch, at)
        if repeat:
            at = repeat.end()
        out.append((atom, least, repeat is not None))
    return tuple(out)


# Literal strings let a text be ruled out by ``str.__contains__`` before any regex call:
# most blocks that hold a row's key word hold none of its phrases.
def branch_literals(branch: str, *, ascii_text: bool) -> tuple[str, ...]:
    """Strings one of which every match of ``branch`` (no top-level ``|``) consumes in a
    row, lowercased; () when the reader finds none. A text the branch matches holds one of
    them in its lowercased form: with ``ascii_text``, an ASCII text (each of their
    characters takes under IGNORECASE exactly the ASCII characters whose lower case is
    its own, checked on all 128; a non-ASCII one takes none); else any text (each takes
    only characters whose lower case is its own, whatever follows them). The best of the
    branch's runs of literal characters and its groups' strings: the one whose shortest
    string is longest. An atom that is optional, repeats, asserts or is not one literal
    character ends a run (one that repeats, after its first time)."""
    options = literal_options(branch, ascii_text=ascii_text)
    return max(options, key=lambda strings: min(map(len, strings)), default=())


def literal_options(branch: str, *, ascii_text: bool) -> list[tuple[str, ...]]:
    """Every run of literal characters and every required group's strings that
    :func:`branch_literals` chooses from, in the branch's order: every match of ``branch``
    holds one string of each (``_match_facts.branch_facts`` asks for all of them)."""
    atoms = _literal_atoms(branch)
    if atoms is None:
        return []
    usable = _lowers_alike if ascii_text else _lowers_alike_anywhere
    options: list[tuple[str, ...]] = []
    run = ""
    for atom, least, repeats in atoms:
        char = _literal(atom)
        if char is not None and least >= 1 and usable(char):
            run += char.lower()
            if not repeats:
                continue
        elif least >= 1 and atom.startswith("("):
            opening = _syntax(_GROUP_BODY).match(atom)
            inner = required_literals(atom[opening.end() : -1], ascii_text=ascii_text) if opening else None
            if inner:
                options.append(inner)
        if run:
            options.append((run,))
        run = ""
    if run:
        options.append((run,))
    return options


_ZERO_WIDTH_GROUP = r"\(\?<?[=!]"  # a lookaround: consumes nothing


def branch_prefixes(branch: str, *, ascii_text: bool, anchored: bool) -> tuple[str, ...]:
    """Strings (as :func:`branch_literals` gives them) one of which every match of
    ``branch`` starts with, when it can match only at the text's start (it starts with
    ``^``, or ``anchored``: a fullmatch); () when the reader finds none. Read from the
    first atoms that consume: a run of literal characters, or a group each of whose
    branches has prefixes."""
    atoms = _literal_atoms(branch)
    if atoms is None:
        return ()
    usable = _lowers_alike if ascii_text else _lowers_alike_anywhere
    run = ""
    for atom, least, repeats in atoms:
        if not run and atom == "^" and not repeats:
            anchored = True
            continue
        if not run and (atom in (r"\b", r"\B") or _syntax(_ZERO_WIDTH_GROUP).match(atom)) and not repeats:
            continue  # zero-width: the next atom still starts the match
        if not anchored:
            return ()
        char = _literal(atom)
        if char is not None and least >= 1 and usable(char):
            run += char.lower()
            if not repeats:
                continue
            return (run,)
        if not run and least >= 1 and atom.startswith("("):
            opening = _syntax(_GROUP_BODY).match(atom)
            if opening is None:
                return ()
            found: list[str] = []
            for inner in top_level_branches(atom[opening.end() : -1]):
                strings = branch_prefixes(inner, ascii_text=ascii_text, anchored=True)
                if not strings:
                    return ()
                found += strings
            return tuple(dict.fromkeys(found))
        break
    return (run,) if run and anchored else ()


def required_literals(pattern: str, *, ascii_text: bool) -> tuple[str, ...] | None:
    """The :func:`branch_literals` of all of ``pattern``'s top-level branches; None when
    some branch has none."""
    found: list[str] = []
    for branch in top_level_branches(pattern):
        strings = branch_literals(branch, ascii_text=ascii_text)
        if not strings:
            return None
        found += strings
    return tuple(dict.fromkeys(found))


def _literal(atom: str) -> str | None:
    """The character an atom stands for when it is one literal character ("a", "\\."),
    else None."""
    if len(atom) == 1 and atom not in ".^$":
        return atom
    if len(atom) == 2 and atom[0] == "\\" and atom[1].isascii() and not atom[1].isalnum():
        return atom[1]
    return None


@functools.cache
def _lowers_alike(char: str) -> bool:
    """Whether ``char`` takes under IGNORECASE exactly the ASCII characters whose lower
    case is its lower case."""
    folded = _folded(regex.escape(char))
    lowered = char.lower()
    return all((folded.fullmatch(c) is not None) == (c.lower() == lowered) for c in _ASCII_CHARS)


@functools.cache
def _lowers_alike_anywhere(char: str) -> bool:
    """Whether every character ``char`` takes under IGNORECASE has its lower case, one
    character that ``str.lower`` gives whatever follows: it takes none of FOLDS_APART."""
    return len(char.lower()) == 1 and _folded(regex.escape(char)).search(_folds_apart()) is None


@functools.cache
def _folds_apart() -> str:
    return "".join(chr(code) for first, last in FOLDS_APART for code in range(first, last + 1))


# What spellings() reads as one literal character.
_SPELLED: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 ")


def spellings(alternative: str) -> list[str] | None:
    """Every string that ``alternative`` (of a class/id name rule, _rules) matches, with
    ``\\w*`` written "*": its syntax is lower-case letters, digits, spaces, ``(?:...|...)``
    groups without groups inside, and ``?``; None when it holds anything else."""
    out = [""]
    i = 0
    while i < len(alternative):
        if alternative[i] in _SPELLED:
            pieces: list[str] = [alternative[i]]
            i += 1
        elif alternative.startswith(r"\w*", i):
            pieces, i = ["*"], i + 3
        elif alternative.startswith("(?:", i):
            end = alternative.find(")", i)
            inner = alternative[i + 3 : end]
            if end < 0 or "(" in inner:
                return None
            pieces = []
            for branch in top_level_branches(inner):
                spelled = spellings(branch)
                if spelled is None:
                    return None
                pieces += spelled
            i = end + 1
        else:
            return None
        if alternative.startswith("?", i):
            pieces, i = [*pieces, ""], i + 1
        elif i < len(alternative) and alternative[i] in "*+{":
            return None
        out = [head + piece for head in out for piece in pieces]
    return out
