"""Advisors' prose for the SYNTHETIC demo notes: turns what the story says about a note (intent,
occasion, trouble, affluence, a budget) into a note in the client's language.

Why not the lexicon's aliases in a template: concept coverage would be 100% by construction, so
any figure about what notes add, or what lexicon_candidates finds, would be inflated. Here the
words come from hand-written phrase banks (demo_phrases), written as advisors write; many of
their mentions are paraphrases the lexicon does not hold, and lexicon aliases fill part of the
product mentions. Notes carry small talk with no concept, typos, abbreviations, English product
words, and in a share of notes invented identifiers (names, phone numbers, e-mails, street
addresses) for the redaction to remove.

What each note was meant to say is returned with it (the planted concepts, labelled "alias" when
the lexicon holds the words they are written in and "paraphrase" otherwise, and the planted
identifiers) so that tests and scripts/measure_demo_notes.py can compare it with what the
pipeline tags and redacts. Budget phrases are not planted concepts (int_note_budgets_extracted
reads them). A chunk of notes draws only from the generators it is given, in a fixed order, so
the same seed gives the same notes however the chunks are scheduled.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from client_intelligence.demo_phrases import (
    ADDRESSES,
    BANKS,
    MAIL_DOMAINS,
    MAIL_NAMES,
    PEOPLE,
    PHONES,
)

CJK_LANGUAGES = frozenset({"zh", "ja"})
# languages whose script has no letter case or whose notes take no typo we could fake well
NO_TYPOS = frozenset({"zh", "ja", "ko"})
SEPARATORS: dict[str, tuple[str, ...]] = {
    "zh": ("，", "。", "；"),
    "ja": ("。", "、"),
    "ko": (", ", ". "),
    "ar": ("، ", ". ", " - "),
}
LATIN_SEPARATORS = (", ", ". ", " - ", "; ", ", ", " / ")
ENDINGS: dict[str, tuple[str, ...]] = {"zh": ("。", ""), "ja": ("。", "")}
# Abbreviations advisors use, applied to a share of notes on top of those in the phrase banks.
ABBREVIATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("rendez-vous", "rdv"), ("quelque chose", "qqch"), ("avec", "av."), ("semaine", "sem.")),
    "en": (("with", "w/"), ("meeting", "mtg"), ("appointment", "appt"), ("please", "pls")),
    "it": (("appuntamento", "app."), ("settimana", "sett."), ("prossima", "pross.")),
    "es": (("semana", "sem."), ("que", "q"), ("por favor", "xfa")),
    "de": (("Samstag", "Sa."), ("Donnerstag", "Do."), ("nächste", "nä."), ("Woche", "Wo.")),
    "pt": (("semana", "sem."), ("que", "q"), ("telemóvel", "tlm")),
    "nl": (("volgende", "vlg"), ("zaterdag", "za."), ("donderdag", "do.")),
    "ru": (("следующей", "след."), ("минут", "мин"), ("субботы", "сб.")),
    "ar": (),
    "zh": (),
    "ja": (),
    "ko": (),
}

ROLES = (
    "open",
    "named",
    "intent",
    "occasion",
    "frame",
    "product",
    "high",
    "taste",
    "negative",
    "positive",
    "action",
    "small_talk",
    "phone",
    "email",
    "address",
)

# the roles a planted mention is recorded under in planted_concepts.csv
ROLE_LABELS = (
    "opening",
    "small_talk",
    "occasion",
    "intent",
    "negative",
    "product",
    "taste",
    "positive",
    "noise",
    "action",
)
CONTENT_SLOTS = (
    "talk_early",
    "occasion",
    "intent",
    "negative",
    "budget_early",
    "product",
    "negative_2",
    "taste",
    "positive",
    "noise",
    "action",
    "talk_late",
    "budget_late",
)
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff\u3130-\u318fー々"
CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
WORD_RUN = re.compile(f"[^\\W_{CJK_CHARS}]+")
INFLECTION_SLACK = 3  # suffix letters an inflected form may add to an alias (sac -> sacs)


@dataclass
class Table:
    """One role's phrases for every language, flattened so that picks are array lookups.

    Phrase `k` of language `i` is row `offsets[i] + k`; its planted concepts are rows
    `start[row]` to `start[row] + count[row]` of the writer's mention arrays.
    """

    texts: np.ndarray
    offsets: np.ndarray
    sizes: np.ndarray
    start: np.ndarray
    count: np.ndarray

    def pick(self, rng: np.random.Generator, language: np.ndarray) -> np.ndarray:
        """A row per note: a uniform choice among its language's phrases."""
        sizes = self.sizes[language]
        return self.offsets[language] + (rng.random(len(language)) * sizes).astype(np.int64)


@dataclass
class Mentions:
    """The planted concepts, a row each: the mention arrays every Table points into."""

    concepts: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def add(self, concepts: Iterable[tuple[str, str]]) -> tuple[int, int]:
        start = len(self.concepts)
        for concept, written in concepts:
            self.concepts.append(concept)
            self.written.append(written)
        return start, len(self.concepts) - start


@dataclass
class RenderedNotes:
    """A chunk of notes and what they were meant to say (for measuring, never the pipeline).

    The planted mentions are parallel arrays, a row each, in note order: the note's index in
    the chunk, the role it was planted for (`ROLE_LABELS`) and a row of `NoteWriter.concepts`
    / `NoteWriter.written`. Small talk is a row of its own with no concept. `identifiers` holds
    (note index, kind, the text redaction must remove).
    """

    texts: list[str]
    mention_note: np.ndarray
    mention_role: np.ndarray
    mention_row: np.ndarray
    identifiers: list[tuple[int, str, str]]


def fold(text: str) -> str:
    """Lower case without accents, as the concept matcher folds words (CJK kept as written)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    )


class AliasIndex:
    """Which concepts the lexicon would find in a phrase: an approximation of note_concepts
    (whole folded words with a little inflection slack, CJK on characters), used only to label
    a planted mention as aliased or paraphrased. The warehouse measurement is the real test."""

    def __init__(self, aliases: dict[tuple[str, str], list[str]]) -> None:
        self._words: dict[str, list[tuple[str, ...]]] = {}
        self._cjk: dict[str, list[str]] = {}
        for (concept, _language), names in aliases.items():
            for alias in names:
                if CJK_RUN.fullmatch(alias.replace(" ", "")):
                    self._cjk.setdefault(concept, []).append(alias.replace(" ", ""))
                else:
                    words = tuple(WORD_RUN.findall(fold(alias)))
                    if words:
                        self._words.setdefault(concept, []).append(words)

    def mentions(self, concept: str, text: str) -> bool:
        if any(alias in text for alias in self._cjk.get(concept, ())):
            return True
        words = WORD_RUN.findall(fold(text))
        return any(_contains(words, alias) for alias in self._words.get(concept, ()))


def _word_matches(word: str, alias_word: str) -> bool:
    if word == alias_word:
        return True
    stem = alias_word[:-1] if len(alias_word) > 4 else alias_word
    return (
        len(stem) >= 3 and word.startswith(stem) and len(word) - len(alias_word) <= INFLECTION_SLACK
    )


def _contains(words: list[str], alias: tuple[str, ...]) -> bool:
    return any(
        all(_word_matches(words[start + k], alias[k]) for k in range(len(alias)))
        for start in range(len(words) - len(alias) + 1)
    )


def parse_bank(block: str) -> list[tuple[str, tuple[str, ...]]]:
    """`text | concept,concept` lines (or bare text) -> (text, concepts)."""
    rows = []
    for line in block.strip().splitlines():
        text, _, concepts = line.strip().partition(" | ")
        rows.append((text.strip(), tuple(c.strip() for c in concepts.split(",") if c.strip())))
    return rows


def bank_concepts() -> set[str]:
    """Every concept the phrase banks plant (tests check each one exists in the lexicon)."""
    return {
        concept
        for bank in BANKS.values()
        for block in bank.values()
        for _, concepts in parse_bank(block)
        for concept in concepts
    }


def _take(texts: np.ndarray, rows: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """texts[rows] where mask, "" elsewhere (indexing only the notes that use the slot)."""
    out = np.full(len(rows), "", dtype=object)
    where = np.flatnonzero(mask)
    out[where] = texts[rows[where]]
    return out


class NoteWriter:
    """Renders notes for one lexicon, in chunks, each from its own NumPy generator and
    `random.Random` (for the few notes that need a name, a number, a typo).

    The rates below are shares of notes; they keep concept coverage high but below 100%, put
    small talk in about a third of the notes and an identifier in about one in six.
    """

    ALIAS_PRODUCT_SHARE = 0.35  # product mentions written with a lexicon alias
    SMALL_TALK_ONLY = 0.06
    SMALL_TALK = 0.3
    TYPO = 0.12
    ABBREVIATE = 0.2
    IDENTIFIER_CUTS = (("name", 0.07), ("phone", 0.11), ("email", 0.14), ("address", 0.17))

    def __init__(
        self,
        aliases: dict[tuple[str, str], list[str]],
        languages: Sequence[str],
    ) -> None:
        self._languages = tuple(languages)
        self._rng = np.random.default_rng(0)
        self._chooser = random.Random(0)
        self._mentions = Mentions()
        index = AliasIndex(aliases)
        parsed = {
            code: {role: parse_bank(BANKS[code][role]) for role in ROLES} for code in languages
        }
        self._tables = {
            role: self._table([parsed[code][role] for code in languages], index) for role in ROLES
        }
        for role in ("product", "high"):
            self._tables[f"alias_{role}"] = self._alias_table(
                [parsed[code][role] for code in languages], aliases
            )
        self._frame_parts = {
            role: self._split(self._tables[role].texts, "{" + slot + "}")
            for role, slot in (("frame", "p"), ("named", "name"))
        }
        self._separators = self._flat(
            [SEPARATORS.get(code, LATIN_SEPARATORS) for code in languages]
        )
        self._endings = self._flat([ENDINGS.get(code, (".", "", ".")) for code in languages])
        self._abbreviations = [
            [(re.compile(rf"\b{re.escape(long)}\b"), short) for long, short in ABBREVIATIONS[code]]
            for code in languages
        ]
        self._identifier_frames = {
            (code, kind): [text for text, _ in parse_bank(BANKS[code][kind])]
            for code in languages
            for kind in ("phone", "email", "address")
        }
        # the mention rows, and one last row for small talk (no concept)
        self.concepts: list[str] = self._mentions.concepts + [""]
        self.written: list[str] = self._mentions.written + ["none"]

    @staticmethod
    def _flat(groups: list[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        sizes = np.array([len(g) for g in groups], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        return np.array([x for g in groups for x in g], dtype=object), offsets, sizes

    @staticmethod
    def _split(texts: np.ndarray, slot: str) -> tuple[np.ndarray, np.ndarray]:
        before = np.array([t.partition(slot)[0] for t in texts], dtype=object)
        after = np.array([t.partition(slot)[2] for t in texts], dtype=object)
        return before, after

    def _table(
        self,
        groups: list[list[tuple[str, tuple[str, ...]]]],
        index: AliasIndex | None,
    ) -> Table:
        """Flatten the phrases; label each planted concept "alias" when the lexicon holds the
        words it is written in (always, without an index) and "paraphrase" otherwise."""
        texts, starts, counts = [], [], []
        for rows in groups:
            for text, concepts in rows:
                start, count = self._mentions.add(
                    (c, "alias" if index is None or index.mentions(c, text) else "paraphrase")
                    for c in concepts
                )
                texts.append(text)
                starts.append(start)
                counts.append(count)
        _, offsets, sizes = self._flat(groups)
        return Table(
            np.array(texts, dtype=object),
            offsets,
            sizes,
            np.array(starts, dtype=np.int64),
            np.array(counts, dtype=np.int64),
        )

    def _alias_table(self, groups: list[list[tuple[str, tuple[str, ...]]]], aliases: dict) -> Table:
        """Product fillers written with the lexicon's own aliases (up to three per concept),
        in the note's language: the part of the mentions the lexicon is sure to find."""
        alias_groups = []
        for code, rows in zip(self._languages, groups, strict=True):
            concepts = dict.fromkeys(concepts[0] for _, concepts in rows if concepts)
            alias_groups.append(
                [(alias, (c,)) for c in concepts for alias in aliases.get((c, code), [])[:3]]
                or [(aliases[(c, "en")][0], (c,)) for c in concepts if (c, "en") in aliases]
                or rows
            )
        return self._table(alias_groups, None)

    def render(
        self,
        rng: np.random.Generator,
        chooser: random.Random,
        language: np.ndarray,
        intent: np.ndarray,
        occasion: np.ndarray,
        negative: np.ndarray,
        affluent: np.ndarray,
        budget_eur: np.ndarray,
    ) -> RenderedNotes:
        """A chunk of notes: an opening, what the story says, colour, maybe small talk, a
        budget, an identifier; punctuated as one advisor would, with the odd typo and
        abbreviation. `language` holds indices into the writer's languages; `budget_eur` the
        budget to state, NaN for none. The text is put together with Arrow's string kernels;
        All draws come from `rng` and `chooser` (one pair per chunk, so that chunks can be
        rendered in any order, in parallel, with the same result)."""
        self._rng, self._chooser = rng, chooser
        tables = self._tables
        count = len(language)
        quiet = ~(intent | occasion | negative)
        talk_only = quiet & (rng.random(count) < self.SMALL_TALK_ONLY)
        talking = rng.random(count) < self.SMALL_TALK
        identifier_draw = rng.random(count)
        kind = np.zeros(count, dtype=np.int8)  # 0: none, then IDENTIFIER_CUTS in order
        for number, (_, cut) in reversed(list(enumerate(self.IDENTIFIER_CUTS, start=1))):
            kind[identifier_draw < cut] = number
        active: dict[str, np.ndarray] = {
            "occasion": occasion,
            "intent": intent & (~occasion | (rng.random(count) < 0.5)),
            "negative": negative,
            "product": rng.random(count) < 0.85,
            "taste": rng.random(count) < 0.6,
            "positive": ~negative & (rng.random(count) < 0.1),
            "noise": rng.random(count) < 0.15,
            "negative_2": negative & (rng.random(count) < 0.4),
            "action": rng.random(count) < np.where(intent, 0.85, 0.15),
        }
        for role in active:
            active[role] = active[role] & ~talk_only
        early_talk = rng.random(count) < 0.5
        active["talk_early"] = talk_only | (talking & early_talk & ~talk_only)
        active["talk_late"] = talking & ~early_talk & ~talk_only
        has_budget = ~np.isnan(budget_eur) & ~talk_only
        early_budget = rng.random(count) < 0.5

        slots: dict[str, np.ndarray] = {}
        picks: list[tuple[str, np.ndarray, np.ndarray, Table]] = []

        def plain(slot: str, role: str) -> None:
            rows = tables[role].pick(rng, language)
            slots[slot] = _take(tables[role].texts, rows, active[slot])
            picks.append((slot, active[slot], rows, tables[role]))

        # the opening: a plain one, none, or one with an invented name in it (see _identifiers)
        opening_rows = tables["open"].pick(rng, language)
        has_opening = rng.random(count) < 0.9
        slots["opening"] = _take(tables["open"].texts, opening_rows, has_opening)
        plain("talk_early", "small_talk")
        plain("occasion", "occasion")
        plain("intent", "intent")
        plain("negative", "negative")
        budgets = budget_phrases(rng, self._languages, language, budget_eur, has_budget)
        slots["budget_early"] = np.where(early_budget, budgets, "")
        slots["product"] = self._products(language, affluent, active["product"], picks)
        plain("negative_2", "negative")
        plain("taste", "taste")
        plain("positive", "positive")
        slots["noise"] = self._combined(
            ("taste", "positive", "intent", "action"), "noise", language, active["noise"], picks
        )
        plain("action", "action")
        plain("talk_late", "small_talk")
        slots["budget_late"] = np.where(early_budget, "", budgets)

        identifiers = self._identifiers(language, kind, slots)
        texts = self._assemble(language, slots)
        return RenderedNotes(texts, *self._planted(picks), identifiers)

    def _combined(
        self,
        roles: tuple[str, ...],
        slot: str,
        language: np.ndarray,
        mask: np.ndarray,
        picks: list,
        draw: np.ndarray | None = None,
    ) -> np.ndarray:
        """One phrase per note from one of several tables (chosen by `draw`, uniformly by
        default), null where not `mask`."""
        rng = self._rng
        count = len(language)
        which = rng.integers(0, len(roles), count) if draw is None else draw
        texts = np.concatenate([self._tables[role].texts for role in roles])
        bases = np.cumsum([0] + [len(self._tables[role].texts) for role in roles])
        at = np.zeros(count, dtype=np.int64)
        for number, role in enumerate(roles):
            rows = self._tables[role].pick(rng, language)
            chosen = which == number
            at = np.where(chosen, bases[number] + rows, at)
            picks.append((slot, mask & chosen, rows, self._tables[role]))
        return _take(texts, at, mask)

    def _products(
        self, language: np.ndarray, affluent: np.ndarray, mask: np.ndarray, picks: list
    ) -> np.ndarray:
        """A frame ("a essayé {p}") around a product: everyday or high-end (most often for
        affluent clients), hand-written or, for a share, a lexicon alias."""
        rng = self._rng
        count = len(language)
        high = affluent & (rng.random(count) < 0.6)
        lexical = rng.random(count) < self.ALIAS_PRODUCT_SHARE
        draw = (high.astype(np.int64)) + 2 * lexical.astype(np.int64)
        filler = self._combined(
            ("product", "high", "alias_product", "alias_high"),
            "product",
            language,
            mask,
            picks,
            draw,
        )
        frame_rows = self._tables["frame"].pick(rng, language)
        before, after = self._frame_parts["frame"]
        where = np.flatnonzero(mask)
        out = np.full(count, "", dtype=object)
        out[where] = before[frame_rows[where]] + filler[where] + after[frame_rows[where]]
        return out

    def _identifiers(
        self, language: np.ndarray, kind: np.ndarray, slots: dict[str, np.ndarray]
    ) -> list[tuple[int, str, str]]:
        """Invented names (in the opening) and phone numbers, e-mails, addresses (at the end)
        for the notes drawn to hold one; the texts redaction must remove."""
        found = []
        named_before, named_after = self._frame_parts["named"]
        named = self._tables["named"]
        kinds = [name for name, _ in self.IDENTIFIER_CUTS]
        slots["identifier"] = np.full(len(kind), "", dtype=object)
        for position in np.flatnonzero(kind).tolist():
            code = self._languages[language[position]]
            what = kinds[kind[position] - 1]
            if what == "name":
                written, value = self._name(code)
                row = int(named.offsets[language[position]]) + self._below(
                    int(named.sizes[language[position]])
                )
                slots["opening"][position] = named_before[row] + written + named_after[row]
            else:
                value = self._value(what, code)
                frame = self._pick(self._identifier_frames[(code, what)])
                slots["identifier"][position] = frame.replace("{" + what + "}", value)
            found.append((position, what, value))
        return found

    def _below(self, size: int) -> int:
        return int(self._chooser.random() * size)

    def _pick(self, items: Sequence[str]) -> str:
        return items[self._below(len(items))]

    def _digits(self, pattern: str) -> str:
        """`#` -> random digits, the first of them not a 0 (no "05 rue ...")."""
        holes = pattern.count("#")
        low = 10 ** (holes - 1)
        digits = str(low + self._below(9 * low))
        return pattern.replace("#", "{}").format(*digits)

    def _name(self, language: str) -> tuple[str, str]:
        """(as written, the identifier to remove): after an honorific or bare."""
        people = PEOPLE[language]
        surname, given = self._pick(people["surnames"]), self._pick(people["given"])
        honoured = self._chooser.random() < 0.6
        if "after" in people:
            full = surname if honoured and language == "ja" else f"{surname}{given}"
            spacer = " " if language == "ko" else ""
            return (f"{full}{spacer}{self._pick(people['after'])}" if honoured else full), full
        if honoured:
            return f"{self._pick(people['before'])} {surname}", surname
        return f"{given} {surname}", f"{given} {surname}"

    def _value(self, kind: str, language: str) -> str:
        if kind == "phone":
            return self._digits(self._pick(PHONES[language]))
        if kind == "email":
            number = "" if self._chooser.random() < 0.5 else str(10 + self._below(90))
            return f"{self._pick(MAIL_NAMES)}{number}@{self._pick(MAIL_DOMAINS)}"
        return self._digits(self._pick(ADDRESSES[language]))

    def _typo(self, clause: str) -> str:
        """One slip of the keyboard: two letters swapped, one dropped or one doubled."""
        words = clause.split(" ")
        candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        if not candidates:
            return clause
        i = candidates[self._below(len(candidates))]
        word = words[i]
        k = 1 + self._below(len(word) - 2)
        slip = self._chooser.random()
        if slip < 0.4:
            word = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
        elif slip < 0.7:
            word = word[:k] + word[k + 1 :]
        else:
            word = word[:k] + word[k] + word[k:]
        words[i] = word
        return " ".join(words)

    def _assemble(self, language: np.ndarray, slots: dict[str, np.ndarray]) -> list[str]:
        """Join the slots with the note's separator, then edit the few notes that take an
        abbreviation, a typo or capitals."""
        rng = self._rng
        count = len(language)
        separators, sep_offsets, sep_sizes = self._separators
        separator = separators[
            sep_offsets[language] + (rng.random(count) * sep_sizes[language]).astype(np.int64)
        ]
        endings, end_offsets, end_sizes = self._endings
        ending = endings[
            end_offsets[language] + (rng.random(count) * end_sizes[language]).astype(np.int64)
        ]
        cjk = np.isin(language, [self._languages.index(c) for c in CJK_LANGUAGES])
        typo_free = [self._languages.index(c) for c in NO_TYPOS if c in self._languages]
        typo = (rng.random(count) < self.TYPO) & ~np.isin(language, typo_free)
        abbreviate = rng.random(count) < self.ABBREVIATE
        rule = rng.random(count)
        separators_list = separator.tolist()
        content = [
            between.join(filter(None, pieces))
            for between, pieces in zip(
                separators_list,
                zip(*(slots[name].tolist() for name in CONTENT_SLOTS), strict=True),
                strict=True,
            )
        ]
        has_rules = np.array([bool(self._abbreviations[i]) for i in range(len(self._languages))])
        for position in np.flatnonzero((abbreviate & has_rules[language]) | typo).tolist():
            text = content[position]
            if not text:
                continue
            rules = self._abbreviations[language[position]]
            if abbreviate[position] and rules:
                pattern, replacement = rules[int(rule[position] * len(rules))]
                text = pattern.sub(replacement, text)
            if typo[position]:
                text = self._typo(text)
            content[position] = text
        texts = [
            between.join(filter(None, (opening, body, identifier))) + end
            for between, opening, body, identifier, end in zip(
                separators_list,
                slots["opening"].tolist(),
                content,
                slots["identifier"].tolist(),
                ending.tolist(),
                strict=True,
            )
        ]
        for position in np.flatnonzero((separator == ". ") & ~cjk).tolist():
            texts[position] = ". ".join(
                piece[:1].upper() + piece[1:] for piece in texts[position].split(". ")
            )
        return texts

    def _planted(
        self, picks: list[tuple[str, np.ndarray, np.ndarray, Table]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The planted mentions of the chunk as (note, role, mention row) arrays, in note
        order."""
        notes, roles, rows_at = [], [], []
        talk_row = len(self.concepts) - 1
        for slot, mask, rows, table in picks:
            where = np.flatnonzero(mask)
            chosen = rows[where]
            talk = slot.startswith("talk")
            counts = np.ones(len(chosen), dtype=np.int64) if talk else table.count[chosen]
            starts = np.full(len(chosen), talk_row) if talk else table.start[chosen]
            total = int(counts.sum())
            first = np.repeat(np.cumsum(counts) - counts, counts)
            rows_at.append(np.repeat(starts, counts) + np.arange(total) - first)
            notes.append(np.repeat(where, counts))
            label = "small_talk" if talk else "negative" if slot == "negative_2" else slot
            roles.append(np.full(total, ROLE_LABELS.index(label), dtype=np.int8))
        note = np.concatenate(notes)
        order = np.argsort(note, kind="stable")
        return note[order], np.concatenate(roles)[order], np.concatenate(rows_at)[order]


AROUND = {
    "en": "around",
    "fr": "environ",
    "it": "circa",
    "es": "alrededor de",
    "de": "um",
    "pt": "cerca de",
    "nl": "rond",
    "ru": "около",
    "ar": "حوالي",
    "zh": "约",
    "ja": "約",
    "ko": "약",
}
BUDGET_WORDS = {
    "en": "Budget",
    "fr": "Budget",
    "it": "Budget",
    "es": "Presupuesto",
    "de": "Budget",
    "pt": "Orçamento",
    "nl": "Budget",
    "ru": "Бюджет",
    "ar": "الميزانية",
    "zh": "预算",
    "ja": "予算",
    "ko": "예산",
}
FLEXIBLE = {
    "en": "flexible",
    "fr": "flexible",
    "it": "flessibile",
    "es": "flexible",
    "de": "flexibel",
    "pt": "flexível",
    "nl": "flexibel",
    "ru": "гибкий",
    "ar": "مرن",
    "zh": "可调整",
    "ja": "柔軟",
    "ko": "유연",
}


def budget_phrases(
    rng: np.random.Generator,
    languages: Sequence[str],
    language: np.ndarray,
    amount_eur: np.ndarray,
    mask: np.ndarray,
) -> np.ndarray:
    """One of the forms advisors write a budget in ("Budget 3-4K", "Budget around 2K", "€1500",
    "Budget 3-4K flexible", "10-20K"), for amounts near the client's typical basket, where
    `mask` ("" elsewhere): the forms int_note_budgets_extracted parses."""
    count = len(language)
    amount = np.nan_to_num(amount_eur)
    low_k = np.maximum(1, np.round(amount / 1000)).astype(np.int64)
    high_k = low_k + 1 + (rng.random(count) * np.maximum(1, low_k // 2 + 1)).astype(np.int64)
    form = rng.integers(0, 5, count)
    out = np.full(count, "", dtype=object)
    lows, highs, shapes = low_k.tolist(), high_k.tolist(), form.tolist()
    hundreds = np.round(amount, -2).astype(np.int64).tolist()
    for position in np.flatnonzero(mask).tolist():
        code = languages[language[position]]
        word, low, high = BUDGET_WORDS[code], lows[position], highs[position]
        shape = shapes[position]
        if shape == 0:
            out[position] = f"{word} {low}-{high}K"
        elif shape == 1:
            out[position] = f"{word} {AROUND[code]} {low}K"
        elif shape == 2:
            out[position] = f"€{hundreds[position]}"
        elif shape == 3:
            out[position] = f"{word} {low}-{high}K {FLEXIBLE[code]}"
        else:
            out[position] = f"{low * 5}-{high * 5}K" if low >= 2 else f"{word} {low}K"
    return out
