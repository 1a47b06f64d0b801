"""A class/id name's words as the compiled build reads them: the sieve of the words that can
matter to a name's bits (:func:`sieve`, :func:`sifted_words`), a name's words
(:func:`spaced_words`), and the one word table that ``_ctokens.name_bits`` finds the words'
bits in (:func:`name_table`). :mod:`._name_verdicts` builds its tables with them; the tests
read them as the reference of ``_ctokens.name_words``."""

from __future__ import annotations

from typing import Final

from ._compiled import WordTable
from ._rules import _KEY_PREFIX

# What the compiled build gives in place of a word the sieve rules out: no table holds it
# (a name's words are letters and digits), and it is shorter than _KEY_PREFIX.
_OTHER_WORD: Final = "#"
_SIEVE_BYTES: Final = 1024  # 8,192 slots: 238 are set, so few words pass by chance
_MAX_LENGTH: Final = 15  # a word's length in its slot, at most
_NAME_KEY_CHARS: Final = 62  # a key of the word table, tagged: at most _ctokens_verdicts.c's NAME_KEY_BYTES


def name_table(
    word_table: WordTable | None,
    words: dict[str, int],
    prefix: dict[str, int],
    phrases: dict[str, int],
    exact: dict[str, int],
) -> bytes | None:
    """The four dicts that ``_ctokens.name_bits`` reads as one ``word_table`` (None without
    one): each key tagged by its dict's letter ("w", "s", "p", "e"), each value as its four
    16-bit parts, lowest first. There a word's bits are found from its bytes: no str is made
    for it and none hashed (a dict look-up a word made one and hashed it)."""
    if word_table is None:
        return None
    keys: list[str] = []
    values: list[tuple[int, ...]] = []
    for tag, table in (("w", words), ("s", prefix), ("p", phrases), ("e", exact)):
        for key, bits in table.items():
            if not (key.isascii() and len(key) < _NAME_KEY_CHARS and 0 <= bits < 1 << 64):
                raise ValueError(f"name_table(): not an ASCII key of a 64-bit value: {key!r}")
            keys.append(tag + key)
            values.append(tuple([(bits >> shift) & 0xFFFF for shift in (0, 16, 32, 48)]))
    return word_table(keys, values)


def sieve_slot(word: str) -> int:
    """A non-empty ASCII word's slot in a sieve (``_ctokens.name_words`` computes the same):
    its first _KEY_PREFIX characters and its length, up to _MAX_LENGTH."""
    slot = 0
    for char in word[:_KEY_PREFIX]:
        slot = slot * 31 + ord(char)
    return (slot * 31 + min(len(word), _MAX_LENGTH)) % (_SIEVE_BYTES * 8)


def sieve(words: dict[str, int], phrases: dict[str, int], prefixes: list[str]) -> bytes:
    """The slots of every word that :func:`spaced_bits` can read bits from: the words' keys,
    every word of a spelling of several words, and any word of _KEY_PREFIX letters or more
    that starts with a key prefix or a stem's (the prefix at each length)."""
    slots = {sieve_slot(word) for word in words if word}
    slots |= {sieve_slot(word) for phrase in phrases for word in phrase.split(" ") if word}
    for prefix in prefixes:
        assert len(prefix) == _KEY_PREFIX <= _MAX_LENGTH
        slots |= {
            sieve_slot(prefix + "x" * (length - _KEY_PREFIX))
            for length in range(_KEY_PREFIX, _MAX_LENGTH + 1)
        }
    assert _OTHER_WORD not in words and _OTHER_WORD not in phrases and len(_OTHER_WORD) < _KEY_PREFIX
    bits = bytearray(_SIEVE_BYTES)
    for slot in slots:
        bits[slot >> 3] |= 1 << (slot & 7)
    return bytes(bits)


def sifted_words(words: list[str] | None, sieve: bytes) -> list[str] | None:
    """``words`` (:func:`spaced_words`) with each word whose slot is not in ``sieve`` given as
    _OTHER_WORD (the reference of ``_ctokens.name_words``' words): :func:`spaced_bits` reads
    the same bits from both, as such a word is no key, starts no key prefix or stem (those
    words' slots are all set), and is no word of a spelling."""
    if words is None:
        return None
    out: list[str] = []
    for word in words:
        slot = sieve_slot(word) if word else -1
        out.append(word if slot < 0 or sieve[slot >> 3] >> (slot & 7) & 1 else _OTHER_WORD)
    return out


def spaced_words(name: str) -> list[str] | None:
    """``name``'s words when it is ASCII letters, digits and spaces (given an ASCII name:
    its runs of ``\\w``, with empty strings where spaces meet), else None."""
    words = name.split(" ")
    for word in words:
        if word and not word.isalnum():
            return None
    return words
