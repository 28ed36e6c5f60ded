"""Model monitoring: PSI drift against the training reference, realized performance, the report."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import numpy as np
import pandas as pd
import pytest

from client_intelligence import monitoring
from client_intelligence.artifacts import ArtifactError
from client_intelligence.dashboard import SCHEMA, export_dashboard
from client_intelligence.report import write_report
from tests.support import Warehouse

CONTEXT = monitoring.RunContext("fast", "v_1", dt.date(2026, 6, 30), dt.datetime(2026, 7, 1))
MONEY_FEATURES = ("monetary_total_eur", "monetary_avg_eur", "spend_last_365d_eur")


# ---------------------------------------------------------------- PSI and the reference


def test_psi_is_zero_for_identical_and_large_for_shifted_distributions():
    rng = np.random.default_rng(0)
    training = pd.DataFrame({"amount": rng.lognormal(7, 1, 5000)})
    summary = monitoring.feature_reference(training, ["amount"])["features"]["amount"]
    same = monitoring.bin_proportions(rng.lognormal(7, 1, 5000), summary["edges"])
    shifted = monitoring.bin_proportions(rng.lognormal(8, 1, 5000), summary["edges"])
    expected = np.asarray(summary["proportions"])
    assert monitoring.population_stability_index(expected, expected) == pytest.approx(0)
    assert monitoring.population_stability_index(expected, same) < monitoring.PSI_WARNING
    psi_shifted = monitoring.population_stability_index(expected, shifted)
    assert psi_shifted > monitoring.PSI_ALERT
    assert monitoring.psi_status(psi_shifted) == "alert"
    with pytest.raises(ValueError, match="same bins"):
        monitoring.population_stability_index(expected, shifted[:-1])


def test_reference_merges_repeated_deciles_and_counts_missing_values():
    counts = pd.DataFrame({"visits": [0] * 70 + [1] * 20 + [5] * 5 + [None] * 5})
    summary = monitoring.feature_reference(counts, ["visits"])["features"]["visits"]
    assert summary["edges"] == sorted(set(summary["edges"]))  # deciles 0,0,...,1 merged
    assert summary["edges"][0] == 0
    assert sum(summary["proportions"]) == pytest.approx(1)
    assert summary["proportions"][-1] == pytest.approx(0.05)  # the missing-value bin
    assert summary["proportions"][0] == pytest.approx(0.70)  # values <= 0
    # Today every value is missing: the missing bin carries the change.
    today = monitoring.bin_proportions(np.array([np.nan] * 10), summary["edges"])
    psi = monitoring.population_stability_index(np.asarray(summary["proportions"]), today)
    assert monitoring.psi_status(psi) == "alert"


def test_artifact_without_reference_gets_a_warning_row_not_a_crash():
    rows = monitoring.drift_rows({"version": "v_1"}, pd.DataFrame({"x": [1.0]}), CONTEXT)
    assert len(rows) == 1 and rows[0]["status"] == "warning"
    assert "no feature reference" in rows[0]["detail"] and rows[0]["value"] is None


def test_feature_missing_from_scoring_data_is_an_alert():
    reference = monitoring.feature_reference(pd.DataFrame({"x": [1.0, 2.0, 3.0]}), ["x"])
    rows = monitoring.drift_rows(
        {"feature_reference": reference}, pd.DataFrame({"y": [1.0]}), CONTEXT
    )
    assert [row["status"] for row in rows] == ["alert"]


def test_unknown_status_is_refused():
    with pytest.raises(ValueError, match="Unknown status"):
        monitoring._row(CONTEXT, "drift", "x", "fine", "detail")


# ---------------------------------------------------------------- realized performance


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
            "label_purchased": bought.astype(int),
            "label_churned": (~bought).astype(int),
        }
    )
    return history, bought


def test_no_outcomes_yet_is_said_never_computed():
    history, _ = _history_with_outcomes(dt.date(2026, 6, 1))
    unknown = history.assign(label_purchased=None, label_churned=None)
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


# ---------------------------------------------------------------- the dbt model, end to end


def _multiply_amounts(source: Path, target: Path, factor: float) -> None:
    shutil.copytree(source, target)
    path = target / "transactions.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        # The demo's deliberately bad amounts ("n/a") stay bad, and rejected.
        with contextlib.suppress(ValueError):
            row["amount_eur"] = f"{float(row['amount_eur']) * factor:.2f}"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def shifted_warehouse(trained_warehouse: Warehouse, tmp_path_factory) -> Warehouse:
    """The demo data with every transaction amount x5, scored by the demo's trained model:
    first as of 120 days before the end of the data, then as of the end."""
    tmp = tmp_path_factory.mktemp("shifted")
    _multiply_amounts(trained_warehouse.raw_data_dir, tmp / "raw", 5.0)
    (model_dir,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    warehouse = Warehouse(tmp / "wh.duckdb", tmp / "raw", tmp / "target", tmp / "ml_artifacts")
    latest = trained_warehouse.scalar("select max(as_of_date) from client_profiles")
    earlier = (latest - dt.timedelta(days=120)).isoformat()
    pinned = {"model_dir": str(model_dir)}
    warehouse.dbt("build", variables={**pinned, "as_of_date": earlier})
    warehouse.dbt("build", variables=pinned)
    warehouse.dbt("run", "--select", "predictions", variables=pinned)  # re-score the same day
    return warehouse


def _drift(warehouse: Warehouse) -> dict[str, tuple[float, str]]:
    rows = warehouse.query(
        "select subject, value, status from ml_model_monitoring where check_type = 'drift'"
    )
    return {subject: (value, status) for subject, value, status in rows}


def test_drift_shows_up_when_the_scoring_data_is_shifted(
    trained_warehouse: Warehouse, shifted_warehouse: Warehouse, tmp_path: Path
):
    baseline, shifted = _drift(trained_warehouse), _drift(shifted_warehouse)
    assert set(shifted) == set(baseline) and len(shifted) > 20  # every numeric feature
    for feature in MONEY_FEATURES:
        assert baseline[feature][1] == "ok", (feature, baseline[feature])
        assert shifted[feature][0] > monitoring.PSI_ALERT and shifted[feature][1] == "alert"
    # Note features are untouched by the shift: same PSI as in the unshifted warehouse.
    assert shifted["note_count"][0] == pytest.approx(baseline["note_count"][0])
    report_lines = shifted_warehouse.query(
        "select metric, detail from ml_predictions_report where section = 'MONITORING'"
    )
    alerts = [detail for metric, detail in report_lines if metric == "ALERT"]
    assert any("monetary_avg_eur" in detail for detail in alerts)
    text = write_report(shifted_warehouse.database, tmp_path / "report.txt")
    assert "ALERT: PSI" in text and "monetary_total_eur" in text
    assert "All checks ok" not in text


def test_realized_metrics_of_an_earlier_scoring_run(shifted_warehouse: Warehouse):
    runs = shifted_warehouse.query(
        "select as_of_date, count(*), count(distinct prediction_id) from prediction_history"
        " group by as_of_date order by as_of_date"
    )
    assert len(runs) == 2 and all(count == distinct for _, count, distinct in runs)
    earlier, latest = runs[0][0], runs[1][0]
    realized = {
        (as_of, subject): (value, status, detail)
        for as_of, subject, value, status, detail in shifted_warehouse.query(
            "select as_of_date, subject, value, status, detail from ml_model_monitoring"
            " where check_type = 'realized_performance'"
        )
    }
    auc = realized[(earlier, "purchase_roc_auc")][0]
    assert auc is not None and 0 <= auc <= 1 and not np.isnan(auc)
    assert 0 <= realized[(earlier, "purchase_calibration_error")][0] <= 1
    # The latest run's horizon has not elapsed: said, not computed.
    assert realized[(latest, "purchase_outcomes")][0] is None
    assert "no outcomes yet" in realized[(latest, "purchase_outcomes")][2]
    # Churn needs 180 days; the earlier run is only 120 days old.
    assert "no outcomes yet" in realized[(earlier, "churn_outcomes")][2]
    # --full-refresh must not wipe the record of past predictions.
    shifted_warehouse.dbt("run", "--select", "prediction_history", "--full-refresh")
    assert (
        shifted_warehouse.query(
            "select as_of_date, count(*), count(distinct prediction_id) from prediction_history"
            " group by as_of_date order by as_of_date"
        )
        == runs
    )


def test_report_lists_every_problem_or_says_all_ok(trained_warehouse: Warehouse):
    problems = trained_warehouse.scalar(
        "select count(*) from ml_model_monitoring where status in ('warning', 'alert')"
    )
    lines = trained_warehouse.query(
        "select metric, value, detail from ml_predictions_report where section = 'MONITORING'"
    )
    metrics = [metric for metric, _, _ in lines]
    assert sum(metric in ("WARNING", "ALERT") for metric in metrics) == problems
    assert ("All checks ok" in metrics) == (problems == 0)
    checks = trained_warehouse.scalar("select count(*) from ml_model_monitoring")
    assert lines[metrics.index("Checks")][1] == checks


def test_tampered_artifact_metadata_is_refused(trained_warehouse: Warehouse, tmp_path: Path):
    (version,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    copy = tmp_path / "fast" / version.name
    shutil.copytree(version, copy)
    metadata = json.loads((copy / "metadata.json").read_text())
    assert metadata["feature_reference"]["features"]  # written at training time
    metadata["feature_reference"] = {}
    (copy / "metadata.json").write_text(json.dumps(metadata))
    with pytest.raises(ArtifactError, match="sha256"):
        monitoring.load_version_metadata("fast", version.name, None, root=tmp_path)


def test_dashboard_shows_a_monitoring_banner_for_shifted_data(
    shifted_warehouse: Warehouse, tmp_path: Path
):
    data = export_dashboard(shifted_warehouse.database, tmp_path, max_clients=50)
    jsonschema.validate(data, SCHEMA)
    monitoring_data = data["monitoring"]
    assert monitoring_data["status"] == "alert" and monitoring_data["counts"]["alert"] >= 3
    assert len(monitoring_data["warnings"]) == (
        monitoring_data["counts"]["warning"] + monitoring_data["counts"]["alert"]
    )
    assert any(w["subject"] == "monetary_total_eur" for w in monitoring_data["warnings"])
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("chromium is not installed: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.goto((tmp_path / "index.html").as_uri())
        banner = page.locator("#monitoring-banner")
        banner.wait_for(state="visible")
        text = banner.inner_text()
        browser.close()
    assert "Model monitoring:" in text and "ALERT: PSI" in text and "monetary_total_eur" in text


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
        purchase_probability=0.5, churn_risk=0.5, label_purchased=None, label_churned=None
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
