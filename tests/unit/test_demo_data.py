"""The synthetic demo data: deterministic, complete, broken where intended, and informative."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from client_intelligence.demo_data import LANGUAGES, generate


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    generate(folder, clients=600, seed=3)
    return folder


def test_same_seed_gives_identical_files(small: Path, tmp_path: Path):
    generate(tmp_path, clients=600, seed=3)
    for name in ("notes.csv", "transactions.csv"):
        assert (tmp_path / name).read_bytes() == (small / name).read_bytes()


def test_other_seed_gives_other_data(small: Path, tmp_path: Path):
    generate(tmp_path, clients=600, seed=4)
    assert (tmp_path / "notes.csv").read_bytes() != (small / "notes.csv").read_bytes()


def test_scale_languages_and_synthetic_markers(small: Path):
    notes = pd.read_csv(small / "notes.csv", dtype=str, keep_default_na=False)
    assert notes["client_id"].nunique() == 600
    assert len(notes) >= 3 * 600
    codes = notes["Language"].str.lower().str[:2]
    assert {code for code in codes if code in LANGUAGES} == set(LANGUAGES)
    assert notes["client_id"].str.startswith("SYN-").all()
    assert "SYNTHETIC" in (small / "README.md").read_text()


def test_bad_rows_at_the_requested_rate(tmp_path: Path):
    generate(tmp_path, clients=1000, seed=1, bad_row_rate=0.01)
    notes = pd.read_csv(tmp_path / "notes.csv", dtype=str, keep_default_na=False)
    broken = (
        (notes["Transcription"] == "")
        | notes["Date"].isin(["31/02/2025", "unknown"])
        | (notes["Language"] == "XX")
        | notes["ID"].duplicated()
    )
    assert 0.005 * len(notes) <= broken.sum() <= 0.012 * len(notes)


def test_notes_with_purchase_intent_precede_purchases(small: Path):
    """The signal the models learn: intent notes are followed by purchases more often."""
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    intent_concepts = pd.read_csv(seeds / "concepts.csv").query("bucket == 'intent'")
    aliases = pd.read_csv(seeds / "concept_aliases.csv")
    intent_words = set(aliases[aliases["concept_id"].isin(intent_concepts["concept_id"])]["alias"])
    notes = pd.read_csv(small / "notes.csv", dtype=str, keep_default_na=False)
    notes["date"] = pd.to_datetime(notes["Date"], errors="coerce", format="mixed", dayfirst=True)
    notes["intent"] = notes["Transcription"].map(lambda text: any(w in text for w in intent_words))
    sales = pd.read_csv(small / "transactions.csv", dtype=str)
    sales["date"] = pd.to_datetime(sales["transaction_date"], errors="coerce")
    merged = notes.merge(
        sales[["client_id", "date"]], on="client_id", how="left", suffixes=("", "_sale")
    )
    merged["bought_after"] = (merged["date_sale"] > merged["date"]) & (
        merged["date_sale"] <= merged["date"] + pd.Timedelta(days=90)
    )
    bought = merged.groupby("ID").agg(intent=("intent", "first"), bought=("bought_after", "any"))
    rates = bought.groupby("intent")["bought"].mean()
    assert rates[True] > rates[False] + 0.1, rates
