"""Redaction, special-category flags and erasure: no original value reaches a model or export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from client_intelligence.dashboard import export_dashboard
from client_intelligence.erasure import client_hash, record_erasure
from client_intelligence.redaction.evaluation import warehouse_text as text_values
from tests.support import FIXTURES, Warehouse, build_warehouse

# Every identifier written in tests/fixtures/pii_notes/notes.csv (invented, not real people).
ORIGINAL_VALUES = [
    "Zorblat", "zorblat.test@example.com", "06 12 34 56 78", "12 rue de la Paix", "75008",
    "Quendrix", "+44 20 7946 0958", "4111 1111 1111 1111", "SW1A 1AA",
    "Testmann", "DE89 3704 0044 0532 0130 00", "Hauptstraße 5", "030 1234 5678",
    "Testavila", "Calle Mayor Test 10", "Тестова", "+7 912 345 67 89",
    "تستر", "tester.ar@example.org", "王先生", "+86 138 0013 8000", "テスター",
    "김테스트", "kim.test@example.kr", "Testhof", "Damstraat 1", "1012 AB",
    "Provetti", "Via Roma Test 10", "+39 06 1234 5678",
]  # fmt: skip


@pytest.fixture(scope="module")
def pii_warehouse(trained_warehouse: Warehouse, tmp_path_factory) -> Warehouse:
    (model_dir,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    warehouse = build_warehouse(tmp_path_factory.mktemp("pii"), FIXTURES / "pii_notes")
    warehouse.dbt("build", "--select", "predictions+", variables={"model_dir": str(model_dir)})
    return warehouse


def test_identifiers_are_replaced_by_typed_placeholders(pii_warehouse: Warehouse):
    texts = dict(pii_warehouse.query("select note_id, note_text from stg_notes"))
    assert texts["P1"].startswith("Mme [NAME] cherche un cadeau")
    for placeholder in ("[EMAIL]", "[PHONE]", "[ADDRESS]", "[POSTCODE]"):
        assert placeholder in texts["P1"]
    assert "[CARD]" in texts["P2"] and "[IBAN]" in texts["P3"]
    assert texts["P5"].startswith("госпожа [NAME]")
    assert texts["P6"].startswith("السيدة [NAME]")
    assert texts["P7"].startswith("[NAME]先生") and texts["P8"].startswith("[NAME]様")
    assert texts["P9"].startswith("[NAME]님")


def test_no_original_value_reaches_the_warehouse(pii_warehouse: Warehouse):
    everything = text_values(pii_warehouse.database)
    leaked = [value for value in ORIGINAL_VALUES if value in everything]
    assert leaked == []
    assert "cadeau" in everything  # the scan does read the note text


def test_no_original_value_reaches_the_dashboard(pii_warehouse: Warehouse, tmp_path: Path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ML_ARTIFACTS_DIR", str(tmp_path / "none"))
        export_dashboard(pii_warehouse.database, tmp_path)
    page = (tmp_path / "index.html").read_text()
    exported = (tmp_path / "data.json").read_text() + page[: page.index('id="plotly-js"')]
    exported += (tmp_path / "knowledge_graph.json").read_text()
    assert [value for value in ORIGINAL_VALUES if value in exported] == []


def test_audit_counts_each_type_without_values(pii_warehouse: Warehouse):
    counts = dict(
        pii_warehouse.query(
            "select identifier_type, sum(identifiers_redacted)::int from redaction_audit group by 1"
        )
    )
    assert counts == {"email": 3, "iban": 1, "card": 1, "phone": 6, "address": 5,
                      "postcode": 3, "name": 11, "national_id": 0, "passport": 0,
                      "dob": 0}  # fmt: skip


def test_special_categories_are_flagged(pii_warehouse: Warehouse):
    flags = dict(pii_warehouse.query("select note_id, sensitive_flags from advisor_notes"))
    assert flags["P4"] == "health"  # nickel allergy
    assert flags["P10"] == "religion"  # halal
    assert flags["P1"] == ""


def test_redaction_can_be_switched_off(tmp_path: Path):
    warehouse = build_warehouse(tmp_path, FIXTURES / "pii_notes", variables={"redact_pii": False})
    assert "Zorblat" in warehouse.scalar("select note_text from stg_notes where note_id = 'P1'")


def test_erased_client_is_nowhere(
    demo_warehouse: Warehouse, trained_warehouse: Warehouse, tmp_path: Path
):
    client_id = demo_warehouse.scalar(
        "select client_id from client_profiles where purchase_count > 0 order by client_id limit 1"
    )
    erasures = tmp_path / "erased_clients.csv"
    assert record_erasure(client_id, erasures) is True
    assert record_erasure(client_id, erasures) is False  # recorded once
    assert client_id not in erasures.read_text() and client_hash(client_id) in erasures.read_text()
    raw = tmp_path / "raw"
    shutil.copytree(demo_warehouse.raw_data_dir, raw)
    erased = {"erased_clients_file": str(erasures)}
    warehouse = build_warehouse(tmp_path / "wh", raw, variables=erased)
    (model_dir,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    warehouse.dbt(
        "build", "--select", "predictions+", variables={**erased, "model_dir": str(model_dir)}
    )
    export_dashboard(warehouse.database, tmp_path / "dashboard")
    assert client_id not in text_values(warehouse.database)
    assert client_id not in (tmp_path / "dashboard" / "data.json").read_text()
    assert client_id not in (tmp_path / "dashboard" / "knowledge_graph.json").read_text()
    erased_rows = warehouse.scalar(
        "select count(*) from stg_notes_rejected where reject_reason = 'erased_client'"
    )
    assert erased_rows > 0  # counted, with no values
    assert (
        warehouse.scalar(
            "select count(*) from stg_notes_rejected where reject_reason = 'erased_client'"
            " and coalesce(note_id, client_id, note_text) is not null"
        )
        == 0
    )
