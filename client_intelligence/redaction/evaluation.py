"""How well redaction works, measured on built warehouses: recall of planted identifiers and
the price paid in over-redaction. Used by scripts/measure_redaction.py and the corpus test.

Recall: an identifier counts as removed when its exact string appears nowhere in any text
column of any table or view (and in the exports passed in). Over-redaction: the share of note
characters replaced by placeholders, and the share of concept matches found with redaction off
that are missing with it on.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

PLACEHOLDER = re.compile(
    r"\[(?:EMAIL|IBAN|CARD|PHONE|NATIONAL_ID|PASSPORT|DOB|ADDRESS|POSTCODE|NAME)\]"
)


@dataclass(frozen=True)
class Identifier:
    note_id: str
    language: str
    identifier_type: str
    value: str


def _counts() -> defaultdict[str, list[int]]:
    return defaultdict(lambda: [0, 0])


@dataclass
class RecallReport:
    """Identifiers removed, overall and by type, language and corpus batch (the note ID's
    prefix: C = the notes the detectors were developed on, H = held out, written after)."""

    total: int = 0
    removed: int = 0
    groups: dict[str, defaultdict[str, list[int]]] = field(
        default_factory=lambda: {"type": _counts(), "language": _counts(), "batch": _counts()}
    )
    leaked: list[Identifier] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.removed / self.total if self.total else 1.0

    def recall_by(self, key: str) -> dict[str, float]:
        return {name: removed / total for name, (removed, total) in self.groups[key].items()}

    def add(self, identifier: Identifier, removed: bool) -> None:
        self.total += 1
        self.removed += removed
        keys = {
            "type": identifier.identifier_type,
            "language": identifier.language,
            "batch": identifier.note_id.split("-", 1)[0],
        }
        for key, value in keys.items():
            self.groups[key][value][0] += removed
            self.groups[key][value][1] += 1
        if not removed:
            self.leaked.append(identifier)

    def lines(self) -> list[str]:
        out = [f"overall recall: {self.recall:.1%} ({self.removed}/{self.total} identifiers)"]
        for key, counts in self.groups.items():
            out.append(f"recall by {key}:")
            out += [
                f"  {name:<12} {removed / total:6.1%}  ({removed}/{total})"
                for name, (removed, total) in sorted(counts.items())
            ]
        return out


def load_identifiers(path: Path) -> list[Identifier]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Identifier(**row) for row in csv.DictReader(handle)]


def warehouse_text(database: Path) -> str:
    """Every value of every text column of every table and view, joined (small warehouses)."""
    with duckdb.connect(str(database), read_only=True) as connection:
        columns = connection.sql(
            "select table_name, column_name from information_schema.columns"
            " where data_type = 'VARCHAR'"
        ).fetchall()
        values = [
            connection.execute(f'select string_agg("{column}", \' | \') from "{table}"').fetchone()
            for table, column in columns
        ]
    return " | ".join(str(value[0]) for value in values if value[0] is not None)


def measure_recall(identifiers: list[Identifier], haystack: str) -> RecallReport:
    report = RecallReport()
    for identifier in identifiers:
        report.add(identifier, identifier.value not in haystack)
    return report


def note_texts(database: Path) -> dict[str, str]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return dict(connection.sql("select note_id, note_text from stg_notes").fetchall())


def redacted_character_share(original: dict[str, str], redacted: dict[str, str]) -> float:
    """Characters of the original notes that redaction replaced, as a share of all characters.

    A placeholder stands for the characters it replaced: removed = original length minus the
    redacted text's length without its (new) placeholders.
    """
    total = removed = 0
    for note_id, text in original.items():
        after = redacted.get(note_id, text)
        new_placeholders = len(PLACEHOLDER.findall(after)) - len(PLACEHOLDER.findall(text))
        placeholder_chars = sum(len(p) for p in PLACEHOLDER.findall(after)) - sum(
            len(p) for p in PLACEHOLDER.findall(text)
        )
        kept = len(after) - placeholder_chars if new_placeholders else len(after)
        total += len(text)
        removed += max(0, len(text) - kept)
    return removed / total if total else 0.0


def concept_matches(database: Path) -> set[tuple[str, str]]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return set(connection.sql("select note_id, concept_id from note_concepts").fetchall())


def concept_matches_lost(redacted_db: Path, unredacted_db: Path, note_ids: set[str]) -> float:
    """Share of the (note, concept) matches found without redaction that redaction loses."""
    baseline = {match for match in concept_matches(unredacted_db) if match[0] in note_ids}
    kept = concept_matches(redacted_db)
    return len(baseline - kept) / len(baseline) if baseline else 0.0
