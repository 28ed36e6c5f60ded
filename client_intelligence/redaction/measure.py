"""Recall and over-redaction figures, printed: the body of scripts/measure_redaction.py.

Builds the project (without predictions) over the identifier corpus plus the notes with no
personal data (tests/fixtures/pii_corpus), and over demo data, each with redaction on and off.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from client_intelligence.demo_data import PLANTED_IDENTIFIERS, generate
from client_intelligence.project import project_root, run_dbt
from client_intelligence.redaction.evaluation import (
    RecallReport,
    concept_matches_lost,
    load_identifiers,
    measure_recall,
    note_texts,
    redacted_character_share,
    warehouse_text,
)


def corpus_dir() -> Path:
    """tests/fixtures/pii_corpus of the project the command runs in."""
    return project_root() / "tests" / "fixtures" / "pii_corpus"


@dataclass
class OverRedaction:
    notes: int
    characters_redacted: float
    concept_matches_lost: float

    def line(self, label: str) -> str:
        return (
            f"{label}: {self.notes} notes, {self.characters_redacted:.2%} of characters redacted,"
            f" {self.concept_matches_lost:.2%} of concept matches lost vs redact_pii=false"
        )


def write_corpus_raw(folder: Path) -> Path:
    """The corpus notes and the notes with no personal data, as one advisors' export."""
    folder.mkdir(parents=True, exist_ok=True)
    frames = [
        pd.read_csv(corpus_dir() / name, dtype=str, keep_default_na=False)
        for name in ("notes.csv", "clean_notes.csv")
    ]
    pd.concat(frames).to_csv(folder / "notes.csv", index=False, quoting=1)
    return folder


def build(workdir: Path, raw: Path, redact: bool, select: list[str] | None = None) -> Path:
    database = workdir / f"warehouse_{'on' if redact else 'off'}.duckdb"
    run_dbt(
        ["build", *(["--select", *select] if select else []), "--exclude-resource-type", "test"],
        variables={"raw_data_dir": str(raw), "enable_ml_predictions": False, "redact_pii": redact},
        database=database,
        target_path=workdir / f"target_{'on' if redact else 'off'}",
        artifacts_dir=workdir / "ml_artifacts",
        quiet=True,
    )
    return database


def over_redaction(redacted_db: Path, unredacted_db: Path, note_ids: set[str]) -> OverRedaction:
    original = {k: v for k, v in note_texts(unredacted_db).items() if k in note_ids}
    redacted = note_texts(redacted_db)
    return OverRedaction(
        len(original),
        redacted_character_share(original, redacted),
        concept_matches_lost(redacted_db, unredacted_db, note_ids),
    )


def measure_corpus(workdir: Path) -> tuple[RecallReport, OverRedaction]:
    raw = write_corpus_raw(workdir / "raw")
    on, off = build(workdir / "on", raw, True), build(workdir / "off", raw, False)
    report = measure_recall(load_identifiers(corpus_dir() / "identifiers.csv"), warehouse_text(on))
    clean_ids = set(pd.read_csv(corpus_dir() / "clean_notes.csv", dtype=str)["ID"])
    return report, over_redaction(on, off, clean_ids)


def measure_demo(workdir: Path, clients: int) -> OverRedaction:
    raw = workdir / "raw"
    generate(raw, clients=clients, seed=7)
    select = ["+note_concepts"]
    on, off = build(workdir / "on", raw, True, select), build(workdir / "off", raw, False, select)
    # the demo plants invented identifiers in some notes: over-redaction is measured on the rest
    planted = {identifier.note_id for identifier in load_identifiers(raw / PLANTED_IDENTIFIERS)}
    return over_redaction(on, off, set(note_texts(off)) - planted)


def run(workdir: Path, demo_clients: int) -> None:
    for sub in ("corpus", "demo"):
        shutil.rmtree(workdir / sub, ignore_errors=True)
    report, clean = measure_corpus(workdir / "corpus")
    print("\n".join(report.lines()))
    for leak in report.leaked:
        print(f"  leaked: {leak.note_id} {leak.identifier_type} ({len(leak.value)} chars)")
    print(clean.line("notes with no personal data"))
    label = f"demo notes without planted identifiers ({demo_clients} clients)"
    print(measure_demo(workdir / "demo", demo_clients).line(label))
