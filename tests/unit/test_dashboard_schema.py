"""The documented schema of dashboard/data.json (no dbt)."""

from __future__ import annotations

import jsonschema
import pytest

from client_intelligence.dashboard import SCHEMA

ACTION = {
    "rank": 1,
    "action_id": "gift_occasion_follow_up",
    "title": "Gift follow-up",
    "channel": "Phone call",
    "priority": "High",
    "score": 0.4,
    "reason": "Notes mention Gift",
    "rationale": "Note of 2026-03-02 mentions Gift.",
    "evidence_concept": "Gift",
    "evidence_note_date": "2026-03-02",
}


def test_schema_rejects_a_broken_export():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"generated_at": "now", "clients": []}, SCHEMA)


def _action_schema():
    return SCHEMA["properties"]["clients"]["items"]["properties"]["actions"]["items"]


def test_an_action_with_note_text_is_not_an_export():
    jsonschema.validate(ACTION, _action_schema())
    for note_field in ("evidence_excerpt", "evidence_matched_text"):
        with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
            jsonschema.validate({**ACTION, note_field: "cherche un cadeau"}, _action_schema())


def test_a_client_carries_only_the_documented_fields():
    client = SCHEMA["properties"]["clients"]["items"]
    assert client["additionalProperties"] is False
    assert "note_text" not in client["properties"]
    timeline = client["properties"]["concept_timeline"]["items"]
    assert set(timeline["properties"]) == {"calendar_month", "bucket", "mentions", "concepts"}
