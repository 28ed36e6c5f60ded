"""Redaction on the identifier corpus (tests/fixtures/pii_corpus): one warehouse built over the
corpus and the notes with no personal data, scanned in every text column of every table and
view and in the dashboard exports; recall per type and language, and what redaction costs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from client_intelligence.dashboard import export_dashboard
from client_intelligence.redaction.evaluation import (
    concept_matches_lost,
    load_identifiers,
    measure_recall,
    warehouse_text,
)
from client_intelligence.redaction.measure import corpus_dir, write_corpus_raw
from tests.support import Warehouse, build_warehouse

pytestmark = pytest.mark.integration

CLEAN_NOTE_PREFIX = "K-"


@pytest.fixture(scope="module")
def corpus(trained_warehouse: Warehouse, tmp_path_factory) -> tuple[Warehouse, Path]:
    """The corpus warehouse with predictions, actions and the graph, and its dashboard export."""
    tmp = tmp_path_factory.mktemp("pii_corpus")
    raw = write_corpus_raw(tmp / "raw")
    warehouse = build_warehouse(tmp / "wh", raw)
    (model_dir,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    warehouse.dbt("build", "--select", "predictions+", variables={"model_dir": str(model_dir)})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ML_ARTIFACTS_DIR", str(tmp / "none"))
        export_dashboard(warehouse.database, tmp / "dashboard")
    return warehouse, tmp / "dashboard"


@pytest.fixture(scope="module")
def unredacted(corpus: tuple[Warehouse, Path], tmp_path_factory) -> Warehouse:
    """The same notes with redaction off, up to the concept matches: the over-redaction baseline."""
    warehouse, _ = corpus
    baseline = Warehouse(
        tmp_path_factory.mktemp("pii_off") / "warehouse.duckdb",
        warehouse.raw_data_dir,
        warehouse.target_path.parent / "target_off",
        warehouse.artifacts_dir,
    )
    baseline.dbt(
        "build",
        "--select",
        "+note_concepts",
        "+int_note_budgets_extracted",
        "--exclude-resource-type",
        "test",
        variables={"redact_pii": False, "enable_ml_predictions": False},
    )
    return baseline


def _json_strings(value) -> list[str]:
    """Every key and string value of a JSON document: where text can leak. (Its numbers are
    scores and counts, and an identifier's digits can occur in them by chance.)"""
    if isinstance(value, dict):
        return [*value, *(text for item in value.values() for text in _json_strings(item))]
    if isinstance(value, list):
        return [text for item in value for text in _json_strings(item)]
    return [value] if isinstance(value, str) else []


def test_recall_on_the_corpus_meets_the_targets(corpus: tuple[Warehouse, Path]):
    warehouse, dashboard = corpus
    haystack = warehouse_text(warehouse.database)
    assert "montre" in haystack and "[NATIONAL_ID]" in haystack  # the scan reads note text
    for name in ("data.json", "knowledge_graph.json"):
        document = json.loads((dashboard / name).read_text(encoding="utf-8"))
        haystack += "\n".join(_json_strings(document))
    report = measure_recall(load_identifiers(corpus_dir() / "identifiers.csv"), haystack)
    summary = "\n".join(report.lines())
    print(summary)
    assert report.total >= 250
    assert set(report.recall_by("language")) == {
        "fr", "en", "it", "es", "de", "pt", "nl", "ru", "ar", "zh", "ja", "ko"
    }  # fmt: skip
    assert report.recall >= 0.98, summary
    assert min(report.recall_by("type").values()) >= 0.95, summary


def test_audit_counts_every_type(corpus: tuple[Warehouse, Path]):
    warehouse, _ = corpus
    counts = dict(
        warehouse.query(
            "select identifier_type, sum(identifiers_redacted)::int from redaction_audit group by 1"
        )
    )
    assert set(counts) == {"email", "iban", "card", "phone", "national_id", "passport", "dob",
                           "address", "postcode", "name"}  # fmt: skip
    assert all(count > 0 for count in counts.values()), counts


def test_notes_without_personal_data_keep_their_budgets_and_concepts(
    corpus: tuple[Warehouse, Path], unredacted: Warehouse
):
    warehouse, _ = corpus
    clean_ids = {
        note_id
        for (note_id,) in warehouse.query(
            f"select note_id from stg_notes where note_id like '{CLEAN_NOTE_PREFIX}%'"
        )
    }
    assert len(clean_ids) >= 50
    budgets = (
        "select note_id, budget_min_eur, budget_max_eur from int_note_budgets_extracted"
        f" where note_id like '{CLEAN_NOTE_PREFIX}%' order by 1"
    )
    assert warehouse.query(budgets) == unredacted.query(budgets)
    texts = " ".join(t for (t,) in warehouse.query("select note_text from stg_notes"))
    for budget in ("Budget 3-4K", "€1500", "10-20K", "4500123456", "12/03/2026", "45 ans"):
        assert budget in texts
    lost = concept_matches_lost(warehouse.database, unredacted.database, clean_ids)
    assert lost <= 0.01
