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
import pytest

from client_intelligence import drift, monitoring
from client_intelligence.artifacts import ArtifactError
from client_intelligence.dashboard import SCHEMA, export_dashboard
from client_intelligence.report import write_report
from tests.support import Warehouse

MONEY_FEATURES = ("monetary_total_eur", "monetary_avg_eur", "spend_last_365d_eur")


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
    first as of 200 days before the end of the data (both horizons elapse), then as of the end."""
    tmp = tmp_path_factory.mktemp("shifted")
    _multiply_amounts(trained_warehouse.raw_data_dir, tmp / "raw", 5.0)
    (model_dir,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    warehouse = Warehouse(tmp / "wh.duckdb", tmp / "raw", tmp / "target", tmp / "ml_artifacts")
    latest = trained_warehouse.scalar("select max(as_of_date) from client_profiles")
    earlier = (latest - dt.timedelta(days=200)).isoformat()
    pinned = {"model_dir": str(model_dir)}
    warehouse.dbt("build", variables={**pinned, "as_of_date": earlier})
    warehouse.dbt("build", variables=pinned)
    warehouse.dbt("run", "--select", "predictions+", variables=pinned)  # re-score the same day
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
        assert shifted[feature][0] > drift.PSI_ALERT and shifted[feature][1] == "alert"
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
    assert "no outcomes yet" in realized[(latest, "churn_outcomes")][2]
    # Churn is judged on the past buyers of the earlier run only: prospects have no churn risk
    # and no churn label.
    scored, buyers, labelled, scored_prospects = shifted_warehouse.query(
        f"""
        select count(*), count(churn_risk), count(label_churned),
            count(*) filter (where churn_risk is null and label_churned is not null)
        from prediction_outcomes where as_of_date = '{earlier}'
        """
    )[0]
    assert 0 < buyers < scored and labelled == buyers and scored_prospects == 0
    churn = shifted_warehouse.scalar(
        "select rows_evaluated from ml_model_monitoring"
        f" where as_of_date = '{earlier}' and subject = 'churn_observed_rate'"
    )
    assert churn == buyers
    assert "past buyers" in realized[(earlier, "churn_observed_rate")][2]
    assert realized[(earlier, "churn_roc_auc")][0] is not None
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
