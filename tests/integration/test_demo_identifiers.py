"""The invented identifiers the demo generator plants in notes do not survive redaction."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from client_intelligence.demo_data import PLANTED_IDENTIFIERS
from client_intelligence.redaction.evaluation import load_identifiers
from tests.support import Warehouse


def test_no_planted_identifier_survives_in_stg_notes(demo_warehouse: Warehouse, demo_raw_dir: Path):
    planted = load_identifiers(demo_raw_dir / PLANTED_IDENTIFIERS)
    texts: defaultdict[str, list[str]] = defaultdict(list)
    for note_id, text in demo_warehouse.query("select note_id, note_text from stg_notes"):
        texts[note_id].append(text or "")
    checked = [identifier for identifier in planted if identifier.note_id in texts]
    # every kind is planted and reaches staging, so the test cannot pass on an empty set
    assert {identifier.identifier_type for identifier in checked} == {
        "name",
        "phone",
        "email",
        "address",
    }
    assert len(checked) > 0.9 * len(planted)
    leaks = [
        f"{identifier.note_id} {identifier.language} {identifier.identifier_type}"
        f" {identifier.value!r}: {text}"
        for identifier in checked
        for text in texts[identifier.note_id]
        if identifier.value in text
    ]
    assert not leaks, f"{len(leaks)} of {len(checked)} planted identifiers survive:\n" + "\n".join(
        leaks
    )
