"""The monitoring checks on hand-made scoring runs and histories (no dbt)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from client_intelligence import drift, monitoring

CONTEXT = monitoring.RunContext("fast", "v_1", dt.date(2026, 6, 30), dt.datetime(2026, 7, 1))


def test_artifact_without_reference_gets_a_warning_row_not_a_crash():
    rows = monitoring.drift_rows({"version": "v_1"}, pd.DataFrame({"x": [1.0]}), CONTEXT)
    assert len(rows) == 1 and rows[0]["status"] == "warning"
    assert "no feature reference" in rows[0]["detail"] and rows[0]["value"] is None


def test_feature_missing_from_scoring_data_is_an_alert():
    reference = drift.feature_reference(pd.DataFrame({"x": [1.0, 2.0, 3.0]}), ["x"])
    rows = monitoring.drift_rows(
        {"feature_reference": reference}, pd.DataFrame({"y": [1.0]}), CONTEXT
    )
    assert [row["status"] for row in rows] == ["alert"]


def test_unknown_status_is_refused():
    with pytest.raises(ValueError, match="Unknown status"):
        monitoring._row(CONTEXT, "drift", "x", "fine", "detail")


def _history_with_outcomes(as_of: dt.date, clients: int = 200):
    """Past buyers whose predicted probability is their true chance of buying after as_of, with
    the labels prediction_outcomes gives them (churned: did not buy again)."""
    rng = np.random.default_rng(1)
    probabilities = rng.uniform(0, 1, clients)
    bought = rng.uniform(0, 1, clients) < probabilities
    history = pd.DataFrame(
        {
            "client_id": [f"c{i}" for i in range(clients)],
            "as_of_date": as_of,
            "model_tier": "fast",
            "model_version": "v_1",
            "purchase_probability": probabilities,
            "churn_risk": 1 - probabilities,
            "purchase_window_complete": True,  # as prediction_outcomes says once elapsed
            "churn_window_complete": True,
            "label_purchased": bought.astype(int),
            "label_churned": (~bought).astype(int),
        }
    )
    return history, bought


def test_no_outcomes_yet_is_said_never_computed():
    history, _ = _history_with_outcomes(dt.date(2026, 6, 1))
    unknown = history.assign(
        label_purchased=None,
        label_churned=None,
        purchase_window_complete=False,
        churn_window_complete=False,
    )
    rows = monitoring.realized_rows(
        unknown, dt.date(2026, 6, 30), {"purchase": 90, "churn": 180}, {}, CONTEXT
    )
    assert {row["subject"] for row in rows} == {"purchase_outcomes", "churn_outcomes"}
    assert all(row["value"] is None and row["status"] == "ok" for row in rows)
    assert all("no outcomes yet" in row["detail"] for row in rows)


def test_realized_auc_and_calibration_once_the_horizon_has_elapsed():
    as_of = dt.date(2026, 1, 1)
    history, bought = _history_with_outcomes(as_of)
    rows = monitoring.realized_rows(
        history,
        dt.date(2026, 6, 30),
        {"purchase": 90, "churn": 180},
        {"v_1": {"purchase": 0.95, "churn": None}},
        CONTEXT,
    )
    by_subject = {row["subject"]: row for row in rows}
    auc = by_subject["purchase_roc_auc"]
    assert 0.7 < auc["value"] <= 1  # probabilities are the true chances: real signal
    # Far below its holdout AUC of 0.95: warning, with the relative threshold.
    assert auc["status"] == "warning" and auc["threshold"] == pytest.approx(0.90)
    assert by_subject["purchase_observed_rate"]["value"] == pytest.approx(bought.mean())
    assert by_subject["purchase_calibration_error"]["status"] == "ok"
    assert by_subject["churn_roc_auc"]["value"] == pytest.approx(auc["value"])


def test_calibration_error_separates_calibrated_from_miscalibrated():
    rng = np.random.default_rng(2)
    probabilities = rng.uniform(0, 1, 20000)
    labels = (rng.uniform(0, 1, 20000) < probabilities).astype(float)
    assert monitoring.expected_calibration_error(labels, probabilities) < 0.03
    overconfident = np.clip(probabilities + 0.3, 0, 1)
    assert monitoring.expected_calibration_error(labels, overconfident) > 0.2


def test_unknown_artifact_and_running_horizons_are_said_not_crashed(tmp_path: Path):
    scoring = pd.DataFrame(
        {
            "client_id": ["a", "b"],
            "as_of_date": pd.to_datetime(["2026-06-30"] * 2),
            "model_tier": "fast",
            "model_version": "v_gone",
            "note_count": [1, 2],
        }
    )
    history = scoring[["client_id", "as_of_date", "model_tier", "model_version"]].assign(
        purchase_probability=0.5,
        churn_risk=0.5,
        purchase_window_complete=False,
        churn_window_complete=False,
        label_purchased=None,
        label_churned=None,
    )
    table = monitoring.monitoring_table(
        scoring, history, None, {"purchase": 90, "churn": 180}, root=tmp_path
    ).to_pylist()
    assert table[0]["subject"] == "artifact" and table[0]["status"] == "warning"
    assert "was not found" in table[0]["detail"]
    realized = [row for row in table if row["check_type"] == "realized_performance"]
    assert len(realized) == 2 and all(row["value"] is None for row in realized)
    assert all("no outcomes yet" in row["detail"] for row in realized)
    empty = monitoring.monitoring_table(
        scoring.iloc[0:0], history.iloc[0:0], None, {"purchase": 90, "churn": 180}
    ).to_pylist()
    assert [row["detail"] for row in empty] == ["no clients were scored"]


def test_realized_churn_covers_past_buyers_only():
    """Prospects were scored with no churn risk and have no churn label: purchase is measured on
    every client, churn on the past buyers alone."""
    as_of = dt.date(2026, 1, 1)
    buyers, _ = _history_with_outcomes(as_of)
    prospects = buyers.head(50).assign(
        client_id=lambda frame: "p" + frame["client_id"], churn_risk=None, label_churned=None
    )
    history = pd.concat([buyers, prospects], ignore_index=True)
    rows = monitoring.realized_rows(
        history, dt.date(2026, 6, 30), {"purchase": 90, "churn": 180}, {}, CONTEXT
    )
    by_subject = {row["subject"]: row for row in rows}
    assert by_subject["purchase_roc_auc"]["rows_evaluated"] == len(history)
    assert by_subject["churn_roc_auc"]["rows_evaluated"] == len(buyers)
    assert "over 200 past buyers" in by_subject["churn_observed_rate"]["detail"]
