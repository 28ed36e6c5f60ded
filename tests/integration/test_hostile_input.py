"""Hostile and broken input (property-based): nothing crashes, every row is kept or rejected."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from client_intelligence.csv_scoring_cli import main as score_main
from tests.support import Warehouse, build_warehouse

csv.field_size_limit(1 << 30)  # the 1 MB notes

hostile_text = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=200),
    st.sampled_from([
        "'; drop table stg_notes; --", "budget 3-4K'); select 1; --", "\\x00\\n\\r\\t",
        "Budget 99999999999999999999K", "€-1500", "10-20K-30K", "1,2,3,4,5,6,7,8,9,0",
        "\u202egift\u202c", "\u0000".replace("\u0000", "\u200b") * 50, "😀" * 100,
        "x" * 1_000_000,
    ]),
)  # fmt: skip
hostile_date = st.one_of(
    st.sampled_from(["2026-02-30", "31/13/2025", "", "9999-99-99", "2025-01-01T25:00", "0"]),
    st.dates().map(str),
)
note_rows = st.lists(
    st.tuples(hostile_text, hostile_date, st.sampled_from(["EN", "FR", "", "xx", "日本語"])),
    min_size=1,
    max_size=12,
)
# Each example is a whole dbt build: few examples, no shrinking (a failure prints its input).
hypothesis_settings = settings(
    max_examples=4,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


# Several files go through one build (daily drops of the same source), so each build tests
# several hostile exports.
note_files = st.lists(note_rows, min_size=3, max_size=4)


@settings(hypothesis_settings, max_examples=2)
@given(files=note_files)
def test_staging_matching_and_budgets_survive_hostile_notes(files):
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        (raw / "notes").mkdir(parents=True)
        for number, rows in enumerate(files):
            with (raw / "notes" / f"{number:02}.csv").open("w", newline="", encoding="utf-8") as f:
                # quoted as CRM exports are: DuckDB reads a bare carriage return as a line end
                writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL)
                writer.writerow(["ID", "Date", "Duration", "Language", "Length", "Transcription"])
                for index, (text, date, language) in enumerate(rows):
                    writer.writerow([f"H{number}-{index}", date, "x min", language, "huge", text])
        warehouse = build_warehouse(Path(folder), raw)  # dbt tests included: spans, counts
        per_file = warehouse.query(
            "select source_file, rows_read, rows_kept + rows_rejected from source_load_report"
            " where source_name = 'notes' order by source_file"
        )
        assert [(Path(name).name, read, accounted) for name, read, accounted in per_file] == [
            (f"{number:02}.csv", len(rows), len(rows)) for number, rows in enumerate(files)
        ]
        kept = warehouse.scalar("select count(*) from stg_notes")
        rejected = warehouse.scalar("select count(*) from stg_notes_rejected")
        assert kept + rejected == sum(len(rows) for rows in files)
        assert (
            warehouse.scalar("select count(*) from stg_notes_rejected where reject_reason is null")
            == 0
        )


@hypothesis_settings
@given(texts=st.lists(hostile_text, min_size=1, max_size=8))
@example(texts=["a carriage return\rinside a cell", "", "after it"])
def test_csv_scorer_survives_hostile_text(trained_warehouse: Warehouse, texts):
    (model_dir,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            # Every cell quoted, as CRM exports do: with "\n" line ends, csv.writer would leave a
            # bare CR unquoted, which is a malformed line (quarantined, test_raw_ingestion).
            writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL)
            writer.writerow(["notes", "keep"])
            writer.writerows([text, str(index)] for index, text in enumerate(texts))
        assert score_main([str(path), "--text-column", "notes", "--model-dir", str(model_dir)]) == 0
        with (Path(folder) / "in_with_predictions.csv").open(encoding="utf-8", newline="") as out:
            rows = list(csv.DictReader(out))
        assert [row["keep"] for row in rows] == [str(i) for i in range(len(texts))]
