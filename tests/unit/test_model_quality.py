"""The scoring artifact's metadata.json as ml_model_quality rows (no dbt)."""

from __future__ import annotations

import json

import pytest

from client_intelligence import artifacts
from client_intelligence.model_quality import SCHEMA, model_quality_table, quality_rows

METADATA = {
    "tier": "fast",
    "version": "v_1",
    "training_window": {"first_cutoff": "2025-01-01 00:00:00", "last_cutoff": "2025-06-01"},
    "holdout_metrics": {"purchase": {"roc_auc": 0.71, "rows": 500}, "clv": {"spearman": 0.4}},
    "baseline": {"holdout_metrics": {"purchase": {"roc_auc": 0.6, "rows": 500}}},
    "predictors": {
        "purchase": {
            "kept": "blend",
            "reason": "weight 0.75 beats the baseline",
            "model_weight": 0.75,
            "calibration_method": "isotonic",
            "holdout_reliability": {
                "ece": 0.02,
                "bins": [
                    {"mean_predicted": 0.1, "observed_rate": 0.12, "rows": 250},
                    {"mean_predicted": 0.5, "observed_rate": 0.45, "rows": 250},
                ],
            },
        },
        "clv": {"kept": "baseline", "reason": "too little history", "holdout_coverage": 0.8},
    },
    "ablation": {
        "purchase": {"all features": {"roc_auc": 0.7}, "without note features": {"roc_auc": 0.68}},
        "clv": {"not measured": "too little history"},
    },
    "cutoffs": {
        "purchase": {
            "fit": ["2025-01-01", "2025-02-15"],
            "validation": "2025-04-01",
            "holdout": "2025-05-15",
            "fit_rows": 900,
            "holdout_rows": 500,
        }
    },
    "horizons_days": {"purchase": 90},
    "thresholds": {"purchase": 0.3},
}


def _facts(rows, **keys):
    return [row for row in rows if all(row[key] == value for key, value in keys.items())]


def test_every_metadata_fact_becomes_one_typed_row():
    rows = quality_rows(METADATA)
    assert {(row["model_tier"], row["model_version"]) for row in rows} == {("fast", "v_1")}
    (model_auc,) = _facts(rows, section="holdout", target="purchase", variant="model")[:1]
    assert model_auc["metric"] == "roc_auc" and model_auc["value"] == 0.71
    (baseline_auc,) = _facts(rows, section="holdout", variant="baseline", metric="roc_auc")
    assert baseline_auc["value"] == 0.6 and baseline_auc["text_value"] is None
    (kept,) = _facts(rows, section="predictor", target="purchase", metric="kept")
    assert kept["text_value"] == "blend" and kept["value"] is None
    (coverage,) = _facts(rows, section="predictor", target="clv", metric="holdout_coverage")
    assert coverage["value"] == 0.8
    assert all(row["value"] is None or row["text_value"] is None for row in rows)


def test_reliability_curve_keeps_its_bins_in_order():
    rows = _facts(quality_rows(METADATA), section="reliability", target="purchase")
    curve = {(row["position"], row["metric"]): row["value"] for row in rows}
    assert len(rows) == 6  # two bins x (mean_predicted, observed_rate, rows)
    assert curve[(1, "mean_predicted")] == 0.1 and curve[(2, "observed_rate")] == 0.45
    assert curve[(2, "rows")] == 250
    (ece,) = _facts(quality_rows(METADATA), section="predictor", metric="ece")
    assert ece["value"] == 0.02


def test_ablation_and_cutoffs_and_a_target_that_was_not_measured():
    rows = quality_rows(METADATA)
    ablation = _facts(rows, section="ablation", target="purchase")
    assert {(row["variant"], row["value"]) for row in ablation} == {
        ("all features", 0.7),
        ("without note features", 0.68),
    }
    (not_measured,) = _facts(rows, section="ablation", target="clv")
    assert not_measured["metric"] == "not_measured"
    assert not_measured["text_value"] == "too little history"
    cutoffs = {row["metric"]: row for row in _facts(rows, section="cutoffs", target="purchase")}
    assert cutoffs["fit_cutoffs"]["value"] == 2
    assert cutoffs["first_fit_cutoff"]["text_value"] == "2025-01-01"
    assert cutoffs["last_fit_cutoff"]["text_value"] == "2025-02-15"
    assert cutoffs["holdout"]["text_value"] == "2025-05-15"
    assert cutoffs["horizon_days"]["value"] == 90 and cutoffs["decision_threshold"]["value"] == 0.3
    window = {row["metric"]: row for row in _facts(rows, section="training_window")}
    assert window["first_cutoff"]["text_value"] == "2025-01-01 00:00:00"
    assert window["first_cutoff"]["target"] is None


def _write_artifact(root, metadata):
    directory = root / metadata["tier"] / metadata["version"]
    directory.mkdir(parents=True)
    metadata_file = directory / artifacts.METADATA_FILE
    metadata_file.write_text(json.dumps(metadata))
    checksum = f"{artifacts.sha256_of(metadata_file)}  {artifacts.METADATA_FILE}\n"
    (directory / artifacts.CHECKSUM_FILE).write_text(checksum)
    return directory


def test_table_reads_the_verified_artifact_that_scored(tmp_path):
    directory = _write_artifact(tmp_path, METADATA)
    table = model_quality_table([("fast", "v_1")], None, root=tmp_path)
    assert table.schema == SCHEMA and table.num_rows == len(quality_rows(METADATA))
    assert model_quality_table([("fast", "v_2")], None, root=tmp_path).num_rows == 0
    (directory / artifacts.METADATA_FILE).write_text(json.dumps({**METADATA, "tier": "elite"}))
    with pytest.raises(artifacts.ArtifactError, match="sha256"):  # tampered: never read
        model_quality_table([("fast", "v_1")], None, root=tmp_path)
