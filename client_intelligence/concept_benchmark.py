"""note_concepts against the Aho-Corasick baseline, on the notes of a warehouse just built.

Both sides get the same redacted notes (stg_notes) and the same match keys (the analysis
concept_match_keys: lexicon aliases and generated word forms). The SQL side is the model's own
compiled SQL, run in DuckDB with every rule, and the shared tokenization it reads
(int_note_tokens) is timed apart; the baseline is aho_corasick_baseline, single-threaded. On
this shared machine a single timing is noise, so each side runs `repeats` times, alternating,
and the best run counts. The agreement compares (note, concept) pairs of plain alias matches:
note_concepts compiled with `apply_concept_rules: false` against the baseline's pairs.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from client_intelligence.aho_corasick_baseline import (
    AliasKey,
    BaselineRun,
    FoldTable,
    fold_note,
    run_baseline,
)
from client_intelligence.project import project_vars, run_dbt

COMPILED = Path("compiled") / "client_intelligence"
NOTE_CONCEPTS_SQL = COMPILED / "models" / "marts" / "note_concepts.sql"
NOTE_TOKENS_SQL = COMPILED / "models" / "intermediate" / "int_note_tokens.sql"
MATCH_KEYS_SQL = COMPILED / "analyses" / "concept_match_keys.sql"


@dataclass
class ConceptComparison:
    notes: int
    match_keys: int
    aho_corasick_seconds: float
    note_concepts_seconds: float
    note_tokens_seconds: float
    pairs_both: int
    pairs_sql_only: int
    pairs_aho_corasick_only: int
    disagreements: dict[str, int] = field(default_factory=dict)

    @property
    def speedup(self) -> float:
        """How many times faster note_concepts is than the baseline."""
        return round(self.aho_corasick_seconds / self.note_concepts_seconds, 2)

    @property
    def agreement(self) -> float:
        """Pairs found by both, over pairs found by either."""
        union = self.pairs_both + self.pairs_sql_only + self.pairs_aho_corasick_only
        return round(self.pairs_both / union, 5) if union else 1.0


def compile_sql(
    database: Path, variables: dict[str, Any], build_target: Path, workdir: Path
) -> dict[str, str]:
    """The SQL of note_concepts and int_note_tokens as the build ran it (its target folder),
    and of note_concepts without rules and the match keys, compiled once more."""
    plain_target = workdir / "target_plain"
    run_dbt(
        ["compile", "--select", "note_concepts", "concept_match_keys"],
        variables={**variables, "apply_concept_rules": False},
        database=database,
        target_path=plain_target,
        quiet=True,
    )
    return {
        "note_concepts_rules": (build_target / NOTE_CONCEPTS_SQL).read_text(),
        "note_tokens": (build_target / NOTE_TOKENS_SQL).read_text(),
        "note_concepts_plain": (plain_target / NOTE_CONCEPTS_SQL).read_text(),
        "match_keys": (plain_target / MATCH_KEYS_SQL).read_text(),
    }


def _timed_sql(connection: duckdb.DuckDBPyConnection, sql: str, table: str) -> float:
    started = time.perf_counter()
    connection.execute(f"create or replace temp table {table} as {sql}")
    return time.perf_counter() - started


def best_of(repeats: int, *runs: Callable[[], float]) -> list[float]:
    """Each run `repeats` times, interleaved (a busy spell hits both sides alike): the best."""
    best = [float("inf")] * len(runs)
    for _ in range(repeats):
        for index, run in enumerate(runs):
            best[index] = min(best[index], run())
    return [round(seconds, 2) for seconds in best]


def compare_concept_matching(
    database: Path,
    variables: dict[str, Any],
    build_target: Path,
    workdir: Path,
    repeats: int = 2,
) -> ConceptComparison:
    """Time both sides on the warehouse `dbt build` wrote (with `build_target` its target
    folder) and compare their plain alias matches."""
    sql = compile_sql(database, variables, build_target, workdir)
    connection = duckdb.connect(str(database), read_only=True)
    try:
        keys = [AliasKey(*row) for row in connection.execute(sql["match_keys"]).fetchall()]
        notes = connection.execute("select note_id, language, note_text from stg_notes").fetchall()
        short_chars = int(
            variables.get("short_alias_max_chars", project_vars()["short_alias_max_chars"])
        )
        baseline: list[BaselineRun] = []

        def run_aho_corasick() -> float:
            baseline.append(run_baseline(notes, keys, short_chars))
            return baseline[-1].seconds

        ac_seconds, concepts_seconds, tokens_seconds = best_of(
            repeats,
            run_aho_corasick,
            lambda: _timed_sql(connection, sql["note_concepts_rules"], "timed_note_concepts"),
            lambda: _timed_sql(connection, sql["note_tokens"], "timed_note_tokens"),
        )
        _timed_sql(connection, sql["note_concepts_plain"], "plain_note_concepts")
        sql_pairs = set(
            connection.execute(
                "select distinct note_id, concept_id from plain_note_concepts"
            ).fetchall()
        )
        ac_pairs = baseline[-1].pairs
        disagreements = classify_disagreements(connection, sql_pairs, ac_pairs)
    finally:
        connection.close()
    return ConceptComparison(
        notes=len(notes),
        match_keys=len(keys),
        aho_corasick_seconds=ac_seconds,
        note_concepts_seconds=concepts_seconds,
        note_tokens_seconds=tokens_seconds,
        pairs_both=len(sql_pairs & ac_pairs),
        pairs_sql_only=len(sql_pairs - ac_pairs),
        pairs_aho_corasick_only=len(ac_pairs - sql_pairs),
        disagreements=disagreements,
    )


FOLDING = "folding differs"
SPANS = "overlap resolved differently"


def classify_disagreements(
    connection: duckdb.DuckDBPyConnection,
    sql_pairs: set[tuple[str, str]],
    ac_pairs: set[tuple[str, str]],
) -> dict[str, int]:
    """Disagreeing pairs per side and cause (docs/speed.md explains both causes): the note's
    text folds differently in Python than its SQL tokens (Unicode tables of DuckDB and Python
    disagree on a character), or it folds the same and the longest-match rule chose otherwise
    (the baseline measures lengths on text with separator runs reduced to one space)."""
    sides = {"SQL only": sql_pairs - ac_pairs, "Aho-Corasick only": ac_pairs - sql_pairs}
    note_ids = sorted({note_id for pairs in sides.values() for note_id, _ in pairs})
    if not note_ids:
        return {}
    rows = connection.execute(
        """
        select notes.note_id, notes.note_text, tokens.tokens
        from stg_notes as notes
        inner join int_note_tokens as tokens on notes.note_id = tokens.note_id
        where list_contains(?, notes.note_id)
        """,
        [note_ids],
    ).fetchall()
    table = FoldTable()
    folds_alike = {
        note_id: fold_note(text, table) == " ".join(tokens) for note_id, text, tokens in rows
    }
    counts: Counter[str] = Counter()
    for side, pairs in sides.items():
        for note_id, _ in pairs:
            counts[f"{side}, {SPANS if folds_alike.get(note_id) else FOLDING}"] += 1
    return dict(sorted(counts.items()))
