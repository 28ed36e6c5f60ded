"""The benchmark harness runs end to end at a small size (no timing asserts)."""

from __future__ import annotations

import json
from pathlib import Path

from client_intelligence.benchmark import run_benchmark, scaling_exponents
from tests.support import Warehouse


def test_harness_writes_results_and_table(trained_warehouse: Warehouse, tmp_path: Path):
    (model_dir,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    output = tmp_path / "out" / "results.json"
    results = run_benchmark([250, 500], output, tmp_path, csv_rows=300, model_dir=str(model_dir))
    data = json.loads(output.read_text())
    assert [r["clients"] for r in data["results"]] == [250, 500]
    first = data["results"][0]
    assert first["notes"] > 250 and first["csv_rows"] == 300
    assert "note_concepts" in first["model_seconds"]
    assert data["machine"]["cores"] >= 1
    concepts = first["concepts"]
    assert concepts["pairs_both"] > 0 and concepts["aho_corasick_seconds"] > 0
    # the baseline follows the SQL's rules: on the demo notes they find the same pairs
    assert results[0].concepts.agreement >= 0.995
    table = (output.parent / "RESULTS.md").read_text()
    assert "| 500 |" in table and "Scaling exponent" in table
    assert "Aho-Corasick" in table and "Seconds per model" in table
    assert len(scaling_exponents(results, "build_seconds")) == 1
