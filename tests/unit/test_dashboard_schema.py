"""The documented schema of dashboard/data.json (no dbt)."""

from __future__ import annotations

import jsonschema
import pytest

from client_intelligence.dashboard import SCHEMA


def test_schema_rejects_a_broken_export():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"generated_at": "now", "clients": []}, SCHEMA)
