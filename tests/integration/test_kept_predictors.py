"""An 18-month purchase log with no notes, through dbt, training with default settings and
scoring: kept predictors, calibration bounds, CLV intervals and their coverage."""

import json

import numpy as np
import pytest

from client_intelligence.purchase_log_simulation import simulate, write_purchase_log
from client_intelligence.train_cli import main as train
from tests.support import Warehouse, build_warehouse


@pytest.fixture(scope="module")
def purchase_log_warehouse(tmp_path_factory) -> Warehouse:
    raw = tmp_path_factory.mktemp("purchase_log_raw")
    write_purchase_log(raw, simulate(customers=6000, months=18, seed=3))
    warehouse = build_warehouse(tmp_path_factory.mktemp("purchase_log_wh"), raw)
    arguments = ["--database", str(warehouse.database), "--artifacts-dir"]
    assert train(["--tier", "elite", *arguments, str(warehouse.artifacts_dir)]) == 0
    warehouse.dbt("build", "--select", "predictions+")
    return warehouse


def metadata_of(warehouse: Warehouse) -> dict:
    (version,) = (warehouse.artifacts_dir / "elite").glob("v_*")
    return json.loads((version / "metadata.json").read_text())


def test_eighteen_months_train_every_target_with_default_settings(purchase_log_warehouse):
    metadata = metadata_of(purchase_log_warehouse)
    step = purchase_log_warehouse.scalar("select max(cutoff_step_days) from int_snapshot_dates")
    assert 14 <= step < 45  # the default step, narrowed to fit 18 months
    clv_cutoffs = purchase_log_warehouse.scalar(
        "select count(distinct cutoff_date) from ml_training_examples"
        " where label_clv_eur is not null"
    )
    assert clv_cutoffs >= 3
    assert set(metadata["predictors"]) == {"purchase", "churn", "clv"}
    for target in ("purchase", "churn"):
        assert metadata["predictors"][target]["reason"].startswith("on 3 validation cutoff(s)")
    assert "clv" in metadata["holdout_metrics"]  # trained or baseline, it is judged on holdout


def test_no_probability_is_zero_or_one_and_percentiles_are_fine(purchase_log_warehouse):
    low, high, distinct, clients = purchase_log_warehouse.query(
        """select min(least(purchase_probability, churn_risk)),
                  max(greatest(purchase_probability, churn_risk)),
                  count(distinct purchase_percentile), count(*)
           from client_profiles_with_predictions"""
    )[0]
    assert low > 0 and high < 1
    assert distinct > clients * 0.5
    metadata = metadata_of(purchase_log_warehouse)
    for target in ("purchase", "churn"):
        report = metadata["predictors"][target]
        assert len(report["holdout_reliability"]["bins"]) == 10
        assert 0 <= report["holdout_reliability"]["ece"] < 0.1


def test_clv_interval_columns_and_coverage(purchase_log_warehouse):
    rows = purchase_log_warehouse.query(
        "select predicted_clv_low, predicted_clv, predicted_clv_high"
        " from client_profiles_with_predictions"
    )
    values = np.array(rows, dtype=float)
    assert not np.isnan(values).any()
    assert (values[:, 0] <= values[:, 1] + 0.01).all() and (
        values[:, 1] <= values[:, 2] + 0.01
    ).all()
    assert (values[:, 2] > values[:, 0]).mean() > 0.5  # a real interval for most clients
    interval = metadata_of(purchase_log_warehouse)["predictors"]["clv"]["interval"]
    # At least the nominal 80% less noise. Above it, because clients who spend nothing (most of
    # them) sit inside [0, high] whatever the margin: the conformal step can widen, not narrow,
    # the interval below the zero-spend share (measured: 90.7% on this log, 84.4% on the demo).
    assert 0.75 <= interval["holdout_coverage"] <= 0.95
