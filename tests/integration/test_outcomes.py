"""The optional CRM outcomes export: staged, validated, every row kept or rejected with a reason."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support import FIXTURES, Warehouse, build_warehouse

OUTCOMES = """client_id,observed_at,purchased,churned,revenue_eur
SYN-F001,2026-01-20,1,,1500.00
SYN-F002,2026-01-21,yes,,
SYN-F003,2026-01-22,,TRUE,
,2026-01-22,1,,
SYN-F004,2026-02-30,1,,
SYN-F004,2026-02-01,maybe,,
SYN-F005,2026-02-01,,2,
SYN-F006,2026-02-01,,,abc
SYN-F006,2026-02-02,,,-5
SYN-F007,2026-02-01,,,
SYN-F001,2026-01-20,0,,
"""


def test_outcome_rows_are_kept_or_rejected_with_a_reason(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(FIXTURES / "notes_export" / "notes.csv", raw / "notes.csv")
    (raw / "outcomes.csv").write_text(OUTCOMES, encoding="utf-8")

    warehouse: Warehouse = build_warehouse(tmp_path, raw)  # also runs rows-in = kept + rejected

    kept = warehouse.query(
        "select client_id, purchased, churned, revenue_eur::double from stg_outcomes order by 1"
    )
    assert kept == [
        ("SYN-F001", 1, None, 1500.0),
        ("SYN-F002", 1, None, None),
        ("SYN-F003", None, 1, None),
    ]
    rejected = warehouse.query(
        "select source_row_number, reject_reason from stg_outcomes_rejected order by 1"
    )
    assert rejected == [
        (4, "missing_client_id"),
        (5, "unparseable_date"),
        (6, "invalid_purchased"),
        (7, "invalid_churned"),
        (8, "invalid_revenue"),
        (9, "negative_revenue"),
        (10, "nothing_observed"),
        (11, "duplicate_observation"),
    ]
