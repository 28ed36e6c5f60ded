"""Precision and recall of concept tags against hand-annotated notes.

The annotated notes live in tests/fixtures/concept_eval/<set>/<language>.txt, one note a line:
`id | note text | concept: evidence ; !concept: evidence`, where `!` marks a concept the note
mentions under a negation (a dislike). The notes go through the real dbt models (staging, then
note_concepts) in a temporary warehouse, so the figures describe exactly what the pipeline tags.

A tag is a (note, concept, polarity) triple: an interest and a dislike of the same concept are
different tags, so tagging "no leather" as leather interest is both a false positive and a miss.
"""

from __future__ import annotations

import csv
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from client_intelligence.project import project_root, run_dbt

EVAL_FOLDER = Path("tests") / "fixtures" / "concept_eval"
NEGATED_MARK = "!"
# A specific concept implies a generic one: a predicted `gift` in a note annotated with a gift
# for someone, or `budget_mentioned` next to a budget kind, is neither a hit nor a false positive
# (annotators tag the specific concept; whether the generic one is tagged too is a convention).
IMPLIED_BY = {
    "gift": {
        "gift_for_partner",
        "gift_for_child",
        "gift_for_parent",
        "gift_for_friend",
        "gift_for_sibling",
        "gift_for_grandchild",
        "corporate_gift",
    },
    "budget_mentioned": {"budget_flexible", "budget_cap", "high_budget", "low_budget"},
}


@dataclass(frozen=True)
class Tag:
    note_id: str
    concept_id: str
    negated: bool


@dataclass
class AnnotatedNote:
    note_id: str
    language: str
    text: str
    tags: dict[Tag, str] = field(default_factory=dict)  # tag -> evidence span


@dataclass
class Counts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class EvaluationReport:
    overall: Counts
    by_language: dict[str, Counts]
    by_bucket: dict[str, Counts]
    by_concept: dict[str, Counts]
    false_positives: Counter[tuple[str, bool]]
    misses: Counter[tuple[str, bool]]
    examples: dict[tuple[str, str, bool], list[str]]  # (kind, concept, negated) -> note ids
    negated_gold: int
    negated_counted_as_interest: int
    notes: int

    @property
    def negated_as_interest_share(self) -> float:
        return self.negated_counted_as_interest / self.negated_gold if self.negated_gold else 0.0


def parse_annotation_file(path: Path) -> list[AnnotatedNote]:
    """Read one language file; a malformed line is an error naming the file and line."""
    language = path.stem
    notes: list[AnnotatedNote] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split(" | ")]
        if len(parts) != 3:
            raise ValueError(f"{path.name}:{number}: expected 'id | text | tags', got {line!r}")
        note_id, text, tag_list = parts
        note = AnnotatedNote(note_id, language, text)
        for item in filter(None, (piece.strip() for piece in tag_list.split(";"))):
            concept, _, evidence = item.partition(":")
            concept = concept.strip()
            negated = concept.startswith(NEGATED_MARK)
            concept_id = concept.removeprefix(NEGATED_MARK)
            if not evidence.strip():
                raise ValueError(f"{path.name}:{number}: tag {concept!r} has no evidence span")
            note.tags[Tag(note_id, concept_id, negated)] = evidence.strip()
        notes.append(note)
    return notes


def load_set(name: str, root: Path | None = None) -> list[AnnotatedNote]:
    folder = (root or project_root() / EVAL_FOLDER) / name
    notes = [note for path in sorted(folder.glob("*.txt")) for note in parse_annotation_file(path)]
    if not notes:
        raise FileNotFoundError(f"no annotated notes in {folder}")
    return notes


def check_concepts_exist(notes: Iterable[AnnotatedNote], concept_buckets: dict[str, str]) -> None:
    unknown = sorted(
        {f"{tag.note_id}:{tag.concept_id}" for note in notes for tag in note.tags}
        - {
            f"{tag.note_id}:{tag.concept_id}"
            for note in notes
            for tag in note.tags
            if tag.concept_id in concept_buckets
        }
    )
    if unknown:
        raise ValueError(f"annotations use concepts missing from seeds/concepts.csv: {unknown}")


def read_concept_buckets() -> dict[str, str]:
    with (project_root() / "seeds" / "concepts.csv").open(encoding="utf-8") as handle:
        return {row["concept_id"]: row["bucket"] for row in csv.DictReader(handle)}


def write_notes_csv(notes: list[AnnotatedNote], folder: Path) -> None:
    """The notes as an advisors' export that stg_notes reads (one client per note)."""
    with (folder / "notes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["ID", "Date", "Duration", "Language", "Length", "Transcription", "client_id"]
        )
        for index, note in enumerate(notes):
            writer.writerow(
                [
                    note.note_id,
                    "2026-01-15",
                    "30",
                    note.language.upper(),
                    "short",
                    note.text,
                    f"EVAL-C{index:05d}",
                ]
            )


def tag_notes(notes: list[AnnotatedNote], work_dir: Path) -> set[Tag]:
    """Build staging and note_concepts over the notes; return the predicted tags."""
    raw_dir = work_dir / "raw"
    raw_dir.mkdir()
    write_notes_csv(notes, raw_dir)
    database = work_dir / "eval.duckdb"
    run_dbt(
        ["build", "--select", "+note_concepts", "--resource-type", "model", "seed"],
        variables={"raw_data_dir": str(raw_dir), "enable_ml_predictions": False},
        database=database,
        target_path=work_dir / "target",
        quiet=True,
    )
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.sql(
            "select distinct note_id, concept_id, is_negated from note_concepts"
        ).fetchall()
    return {Tag(note_id, concept_id, bool(negated)) for note_id, concept_id, negated in rows}


def score(
    notes: list[AnnotatedNote], predicted: set[Tag], concept_buckets: dict[str, str]
) -> EvaluationReport:
    gold = {tag for note in notes for tag in note.tags}
    language_of = {note.note_id: note.language for note in notes}
    overall = Counts()
    by_language: dict[str, Counts] = defaultdict(Counts)
    by_bucket: dict[str, Counts] = defaultdict(Counts)
    by_concept: dict[str, Counts] = defaultdict(Counts)
    false_positives: Counter[tuple[str, bool]] = Counter()
    misses: Counter[tuple[str, bool]] = Counter()
    examples: dict[tuple[str, str, bool], list[str]] = defaultdict(list)
    predicted = {tag for tag in predicted if tag.note_id in language_of and not _implied(tag, gold)}
    for tag in gold | predicted:
        groups = (
            overall,
            by_language[language_of[tag.note_id]],
            by_bucket[concept_buckets.get(tag.concept_id, "?")],
            by_concept[tag.concept_id],
        )
        if tag in gold and tag in predicted:
            field_name = "true_positives"
        elif tag in predicted:
            field_name = "false_positives"
            false_positives[(tag.concept_id, tag.negated)] += 1
            examples[("fp", tag.concept_id, tag.negated)].append(tag.note_id)
        else:
            field_name = "false_negatives"
            misses[(tag.concept_id, tag.negated)] += 1
            examples[("miss", tag.concept_id, tag.negated)].append(tag.note_id)
        for group in groups:
            setattr(group, field_name, getattr(group, field_name) + 1)
    negated_gold = [tag for tag in gold if tag.negated]
    counted_as_interest = sum(
        Tag(tag.note_id, tag.concept_id, False) in predicted for tag in negated_gold
    )
    return EvaluationReport(
        overall,
        dict(by_language),
        dict(by_bucket),
        dict(by_concept),
        false_positives,
        misses,
        dict(examples),
        len(negated_gold),
        counted_as_interest,
        len(notes),
    )


def _implied(tag: Tag, gold: set[Tag]) -> bool:
    """A predicted generic tag that a gold specific tag of the same note implies."""
    return tag not in gold and any(
        Tag(tag.note_id, specific, False) in gold for specific in IMPLIED_BY.get(tag.concept_id, ())
    )


def evaluate(set_name: str) -> EvaluationReport:
    notes = load_set(set_name)
    buckets = read_concept_buckets()
    check_concepts_exist(notes, buckets)
    with tempfile.TemporaryDirectory(prefix="concept_eval_") as work_dir:
        predicted = tag_notes(notes, Path(work_dir))
    return score(notes, predicted, buckets)


def _row(name: str, counts: Counts) -> str:
    support = counts.true_positives + counts.false_negatives
    return (
        f"  {name:<24} P {counts.precision:.3f}  R {counts.recall:.3f}  F1 {counts.f1:.3f}"
        f"  (tp {counts.true_positives}, fp {counts.false_positives}, fn {counts.false_negatives},"
        f" gold {support})"
    )


def _label(concept_id: str, negated: bool) -> str:
    return f"{NEGATED_MARK if negated else ''}{concept_id}"


def format_report(set_name: str, report: EvaluationReport, worst: int = 15) -> str:
    lines = [
        f"Concept evaluation: set '{set_name}', {report.notes} notes",
        _row("overall", report.overall),
        f"  negated mentions counted as interest: {report.negated_counted_as_interest}"
        f" / {report.negated_gold} ({report.negated_as_interest_share:.1%})",
        "by language:",
        *(_row(name, counts) for name, counts in sorted(report.by_language.items())),
        "by bucket:",
        *(_row(name, counts) for name, counts in sorted(report.by_bucket.items())),
        "by concept (gold or predicted):",
        *(_row(name, counts) for name, counts in sorted(report.by_concept.items())),
        f"worst false positives (top {worst}):",
    ]
    for kind, counter in (("fp", report.false_positives), ("miss", report.misses)):
        if kind == "miss":
            lines.append(f"worst misses (top {worst}):")
        for (concept_id, negated), count in counter.most_common(worst):
            notes = ", ".join(report.examples[(kind, concept_id, negated)][:6])
            lines.append(f"  {count:>3}  {_label(concept_id, negated):<28} {notes}")
    return "\n".join(lines)
