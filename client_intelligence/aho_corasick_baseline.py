"""The method concept matching is measured against: one Aho-Corasick pass in plain Python.

The project matches concepts in SQL (models/marts/note_concepts.sql) because that was meant to
be faster than the classic approach of running every note through an Aho-Corasick automaton of
all aliases. This module is that classic approach, kept honest so the comparison means
something: the same match keys as the SQL (lexicon aliases and their generated word forms,
read from int_alias_keys), the same folding (case and accents, CJK runs only lower-cased), whole
words outside CJK, the short-alias rule, and longest-match overlap resolution. It is
single-threaded pyahocorasick, as such a pipeline would run it. It applies no context,
blocking or negation rules: it yields the plain alias matches the SQL finds before those rules.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick
import regex

# The character classes of macros/text.sql (cjk_class, word_class): kept equal by a unit test.
CJK_CLASS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}ー々"
WORD_CLASS = r"\p{Latin}\p{Cyrillic}\p{Arabic}\p{Greek}\p{N}\p{M}"

_CJK = regex.compile(f"[{CJK_CLASS}]")
_WORD = regex.compile(f"[{WORD_CLASS}]")
SEPARATOR, CJK, WORD = 0, 1, 2


class FoldTable(dict[int, str]):
    """`str.translate` table built lazily, one entry per distinct character: CJK characters
    stay (lower-cased), word characters are accent-stripped and lower-cased as DuckDB's
    `lower(strip_accents(...))` does, everything else becomes a space (a word boundary)."""

    def __init__(self) -> None:
        super().__init__()
        self.cjk: set[str] = set()

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if _CJK.fullmatch(char):
            folded = char.lower()
            self.cjk.add(folded)
        elif _WORD.fullmatch(char):
            decomposed = unicodedata.normalize("NFD", char)
            folded = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
        else:
            folded = " "
        self[code] = folded
        return folded

    def char_class(self, char: str) -> int:
        if char == " ":
            return SEPARATOR
        return CJK if char in self.cjk else WORD


@dataclass(frozen=True)
class AliasKey:
    """One match key: `key` is the folded alias, its words joined by single spaces."""

    key: str
    concept_id: str
    alias_language: str
    alias: str
    is_cjk: bool


@dataclass
class Entry:
    length: int
    is_cjk: bool
    first_class: int
    last_class: int
    senses: list[tuple[str, str, bool]]  # (concept_id, alias_language, is_short)


def build_automaton(
    keys: Iterable[AliasKey], table: FoldTable, short_alias_max_chars: int
) -> ahocorasick.Automaton:
    """One automaton of every key; a key shared by several concepts or languages holds them all."""
    entries: dict[str, Entry] = {}
    for item in keys:
        # the note side folds through the same table, so the keys' characters are registered
        key = item.key.translate(table)
        entry = entries.get(key)
        if entry is None:
            entry = Entry(
                len(key), item.is_cjk, table.char_class(key[0]), table.char_class(key[-1]), []
            )
            entries[key] = entry
        is_short = not item.is_cjk and len(item.alias) <= short_alias_max_chars
        entry.senses.append((item.concept_id, item.alias_language, is_short))
    automaton = ahocorasick.Automaton()
    for key, entry in entries.items():
        automaton.add_word(key, entry)
    automaton.make_automaton()
    return automaton


def fold_note(text: str, table: FoldTable) -> str:
    """Folded text with every run of separators reduced to one space, as word sequences are
    matched across any separator in SQL."""
    return " ".join(text.translate(table).split())


def match_note(
    text: str, language: str, automaton: ahocorasick.Automaton, table: FoldTable
) -> set[str]:
    """The concepts of one note's plain alias matches, after longest-match resolution."""
    folded = fold_note(text, table)
    last = len(folded) - 1
    spans: set[tuple[int, int, str]] = set()
    for end, entry in automaton.iter(folded):
        start = end - entry.length + 1
        if not entry.is_cjk and (
            (start > 0 and table.char_class(folded[start - 1]) == entry.first_class)
            or (end < last and table.char_class(folded[end + 1]) == entry.last_class)
        ):
            continue  # inside a longer word
        for concept_id, alias_language, is_short in entry.senses:
            if not is_short or alias_language == language:
                spans.add((start, end + 1, concept_id))
    return {span[2] for span in longest_matches(spans)}


def longest_matches(spans: set[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The SQL's rule: a match loses to any overlapping match that is longer, or as long and
    starting earlier; matches on the same span (several concepts) all stay."""
    kept = []
    for start, end, concept in spans:
        length = end - start
        beaten = any(
            other_start < end
            and start < other_end
            and (
                other_end - other_start > length
                or (other_end - other_start == length and other_start < start)
            )
            for other_start, other_end, _ in spans
        )
        if not beaten:
            kept.append((start, end, concept))
    return kept


@dataclass
class BaselineRun:
    pairs: set[tuple[str, str]]  # (note_id, concept_id)
    automaton_seconds: float
    match_seconds: float

    @property
    def seconds(self) -> float:
        return round(self.automaton_seconds + self.match_seconds, 2)


def run_baseline(
    notes: Sequence[tuple[str, str, str]],
    keys: Iterable[AliasKey],
    short_alias_max_chars: int,
) -> BaselineRun:
    """Match every (note_id, language, note_text): the automaton build and the pass, timed."""
    table = FoldTable()
    started = time.perf_counter()
    automaton = build_automaton(keys, table, short_alias_max_chars)
    built = time.perf_counter()
    pairs = {
        (note_id, concept_id)
        for note_id, language, text in notes
        for concept_id in match_note(text, language, automaton, table)
    }
    finished = time.perf_counter()
    return BaselineRun(pairs, round(built - started, 2), round(finished - built, 2))
