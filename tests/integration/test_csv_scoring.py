"""scripts/add_predictions_to_csv.py on the kinds of CSV people actually have."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from client_intelligence.csv_scoring import OUTPUT_COLUMNS, CsvScoringError, read_any_csv
from client_intelligence.csv_scoring_cli import main as score_main
from tests.support import Warehouse


@pytest.fixture(scope="module")
def model_dir(trained_warehouse: Warehouse) -> str:
    (version,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    return str(version)


def run(args: list[str], model_dir: str) -> int:
    return score_main([*args, "--model-dir", model_dir])


def test_notes_export_is_scored_row_for_row(model_dir: str, tmp_path: Path, demo_raw_dir: Path):
    source = pd.read_csv(demo_raw_dir / "notes.csv", dtype=str, keep_default_na=False).head(300)
    path = tmp_path / "export.csv"
    source.to_csv(path, index=False)
    assert (
        run(
            [
                str(path),
                "--text-column",
                "Transcription",
                "--id-column",
                "client_id",
                "--date-column",
                "Date",
                "--language-column",
                "Language",
            ],
            model_dir,
        )
        == 0
    )
    output = pd.read_csv(tmp_path / "export_with_predictions.csv", dtype=str, keep_default_na=False)
    assert list(output.columns) == [*source.columns, *OUTPUT_COLUMNS]
    pd.testing.assert_frame_equal(output[list(source.columns)], source)
    scored = output[output["purchase_probability"] != ""]
    assert len(scored) >= 0.95 * len(output)
    # Rows of one client carry that client's scores.
    per_client = scored.groupby("client_id")["purchase_probability"].nunique()
    assert (per_client == 1).all()
    # no sales supplied: the notes-only family scored, and says so; flags are integers
    assert set(scored["history"]) == {"not supplied"}
    assert set(output["will_purchase"]) <= {"0", "1", ""}
    assert set(scored["will_churn"]) <= {"0", "1"}
    # A CSV supplies no purchase history: no purchase is unknown, not a prospect.
    assert (scored["churn_risk"] != "").all() and "Prospect" not in set(scored["risk_segment"])


def test_sales_supplied_use_the_full_model(model_dir: str, tmp_path: Path, demo_raw_dir: Path):
    notes = pd.read_csv(demo_raw_dir / "notes.csv", dtype=str, keep_default_na=False).head(300)
    sales = pd.read_csv(demo_raw_dir / "transactions.csv", dtype=str, keep_default_na=False)
    sales = sales[sales["client_id"].isin(notes["client_id"])]
    notes_path, sales_path = tmp_path / "notes.csv", tmp_path / "sales.csv"
    notes.to_csv(notes_path, index=False)
    sales.to_csv(sales_path, index=False)
    arguments = [str(notes_path), "--text-column", "Transcription", "--date-column", "Date"]
    assert run([*arguments, "--transactions", str(sales_path)], model_dir) == 2  # no ID column
    arguments += ["--id-column", "client_id", "--transactions", str(sales_path)]
    assert run([*arguments, "--output", str(tmp_path / "full.csv")], model_dir) == 0
    full = pd.read_csv(tmp_path / "full.csv", dtype=str, keep_default_na=False)
    scored = full[full["purchase_probability"] != ""]
    assert set(scored["history"]) == {"supplied"}
    # the sales reach the profiles: a client with a valid sale before the profile date has a
    # churn risk, and one with none in the file is a prospect (no churn risk)
    per_client = scored.drop_duplicates("client_id").set_index("client_id")
    valid = pd.to_numeric(sales["amount_eur"], errors="coerce").notna()
    buyers = set(sales.loc[valid, "client_id"])
    without_sales = per_client[~per_client.index.isin(set(sales["client_id"]))]
    assert len(without_sales) and (without_sales["risk_segment"] == "Prospect").all()
    assert (without_sales["churn_risk"] == "").all()
    with_sales = per_client[per_client.index.isin(buyers)]
    assert len(with_sales) and (with_sales["risk_segment"] != "Prospect").mean() > 0.9


def test_text_only_semicolon_latin1_csv(model_dir: str, tmp_path: Path):
    path = tmp_path / "crm.csv"
    rows = [
        "Customer Notes;Store",
        '"Cherche un cadeau d\'anniversaire; budget 3-4K, très pressée";Paris',
        '"Looking for a watch for her husband\'s 50th\nwants it engraved";London',
        ";Milan",
        '"Sucht ein Geschenk für seine Frau, Budget 5K";München',
    ]
    path.write_bytes("\n".join(rows).encode("latin-1", errors="replace"))
    output_path = tmp_path / "out.csv"
    assert (
        run([str(path), "--text-column", "Customer Notes", "--output", str(output_path)], model_dir)
        == 0
    )
    output = pd.read_csv(output_path, sep=";", dtype=str, keep_default_na=False)
    assert len(output) == 4
    assert list(output["Store"]) == ["Paris", "London", "Milan", "München"]
    assert output.loc[1, "Customer Notes"].startswith("Looking for a watch")
    assert "\n" in output.loc[1, "Customer Notes"]
    assert output.loc[2, "purchase_probability"] == ""  # empty text: kept, not scored
    assert (output.drop(index=2)["purchase_probability"] != "").all()


def test_repeating_ids_are_one_client(model_dir: str, tmp_path: Path):
    path = tmp_path / "repeat.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["CustomerID", "Notes"])
        writer.writerow(["A", "Looking for a gift for her birthday, budget 10K"])
        writer.writerow(["B", "Complained about the delivery delay"])
        writer.writerow(["A", "Wants to reserve the bag, will call back"])
    assert run([str(path), "--text-column", "Notes", "--id-column", "CustomerID"], model_dir) == 0
    output = pd.read_csv(tmp_path / "repeat_with_predictions.csv", dtype=str)
    assert list(output["CustomerID"]) == ["A", "B", "A"]
    assert output.loc[0, OUTPUT_COLUMNS[0]] == output.loc[2, OUTPUT_COLUMNS[0]]
    assert output.loc[0, "predicted_clv"] == output.loc[2, "predicted_clv"]


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"", ["--text-column", "Notes"], "is empty"),
        (b"Notes,Store\n", ["--text-column", "Notes"], "no rows"),
        (b"Comments,Store\nhello,Paris\n", ["--text-column", "Notes"], "'Comments', 'Store'"),
        (b"Notes\nhello\n", ["--text-column", "Notes", "--id-column", "Client"], "No ID column"),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(
    model_dir: str, tmp_path: Path, capsys, content: bytes, args: list[str], message: str
):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    assert run([str(path), *args], model_dir) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "bad_with_predictions.csv").exists()


def test_unreadable_file_is_a_clear_error(tmp_path: Path, capsys, model_dir: str):
    assert run([str(tmp_path / "missing.csv"), "--text-column", "Notes"], model_dir) == 2
    assert "Cannot read" in capsys.readouterr().err


def test_no_trained_models_is_a_clear_error(tmp_path: Path, capsys, monkeypatch):

    path = tmp_path / "notes.csv"
    path.write_text("Notes\nhello\n")
    monkeypatch.setenv("ML_ARTIFACTS_DIR", str(tmp_path / "none"))
    assert score_main([str(path), "--text-column", "Notes"]) == 2
    assert "No trained models found" in capsys.readouterr().err
    assert not (tmp_path / "notes_with_predictions.csv").exists()


def test_reader_keeps_values_as_written(tmp_path: Path):
    path = tmp_path / "values.csv"
    path.write_bytes("\ufeffid,text\n007,NA\n".encode())
    frame = read_any_csv(path).frame
    assert list(frame.columns) == ["id", "text"]
    assert frame.loc[0, "id"] == "007" and frame.loc[0, "text"] == "NA"

    with pytest.raises(CsvScoringError):
        read_any_csv(tmp_path / "absent.csv")
