"""Training on the demo warehouse and scoring inside dbt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from client_intelligence.features import PURCHASE_HISTORY_COLUMNS
from client_intelligence.project import DbtCommandError
from tests.support import Warehouse


def test_every_profile_is_scored_with_its_model_version(trained_warehouse: Warehouse):
    wh = trained_warehouse
    assert wh.scalar("select count(*) from client_profiles_with_predictions") == wh.scalar(
        "select count(*) from client_profiles"
    )
    tiers = wh.query(
        "select distinct model_tier, model_version from client_profiles_with_predictions"
    )
    assert len(tiers) == 1 and tiers[0][0] == "fast"
    assert wh.scalar("select min(predicted_clv) from client_profiles_with_predictions") >= 0
    assert (
        wh.scalar("select count(*) from client_profiles_with_predictions where top_drivers = ''")
        == 0
    )


def test_artifact_records_holdout_and_baseline_metrics(trained_warehouse: Warehouse):
    (version,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    metadata = json.loads((version / "metadata.json").read_text())
    for target in ("purchase", "churn"):
        metrics = metadata["holdout_metrics"][target]
        assert {"roc_auc", "pr_auc", "brier", "log_loss", "accuracy"} <= set(metrics)
        assert 0 < metadata["thresholds"][target] < 1
        assert metadata["cutoffs"][target]["holdout"] > max(metadata["cutoffs"][target]["fit"])
    assert {"r2", "mae", "spearman"} <= set(metadata["holdout_metrics"]["clv"])
    assert set(metadata["baseline"]["holdout_metrics"]) == {"purchase", "churn", "clv"}
    # The notes carry signal: the model ranks future buyers better than chance.
    assert metadata["holdout_metrics"]["purchase"]["roc_auc"] > 0.6


NOTE_FEATURES = (
    "praise_mentions",
    "complaint_mentions",
    "hesitation_mentions",
    "recent_complaint_mentions",
    "days_since_last_intent",
    "days_since_last_occasion",
)


def test_note_features_reach_training_and_scoring(trained_warehouse: Warehouse):
    (version,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    metadata = json.loads((version / "metadata.json").read_text())
    names = metadata["feature_names"]
    assert set(NOTE_FEATURES) <= set(names) and "sentiment_mentions" not in names
    concepts = metadata["concept_features"]["concepts"]
    assert concepts and all(f"concept_{concept}_mentions" in names for concept in concepts)
    # every concept kept is mentioned for enough examples
    support = trained_warehouse.query(
        "select concept.concept_id, count(*) from ml_training_examples,"
        " unnest(concept_mention_counts) as t(concept) group by 1"
    )
    by_concept = dict(support)
    minimum = metadata["concept_features"]["min_support_examples"]
    assert all(by_concept[concept] >= minimum for concept in concepts)
    # the purchase-history groups name real SQL columns, and the notes-only family has none
    columns = {row[0] for row in trained_warehouse.query("describe ml_training_examples")}
    assert columns >= PURCHASE_HISTORY_COLUMNS
    assert not set(metadata["notes_only"]["feature_names"]) & PURCHASE_HISTORY_COLUMNS
    # scoring builds the same columns: the profiles carry the SQL ones
    scored = trained_warehouse.query(
        f"select {', '.join(NOTE_FEATURES)}, history from client_profiles_with_predictions"
    )
    assert {row[-1] for row in scored} == {"supplied"}
    assert sum(row[1] for row in scored) > 0  # complaints are counted


def test_ablation_is_in_the_metadata(trained_warehouse: Warehouse):
    (version,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    metadata = json.loads((version / "metadata.json").read_text())
    variants = {"all features", "without note features", "without purchase-history features"}
    measured = 0
    for target, metric in (("purchase", "roc_auc"), ("churn", "roc_auc"), ("clv", "spearman")):
        ablation = metadata["ablation"][target]
        if metadata["predictors"][target]["kept"] == "baseline" and "not measured" in ablation:
            # a target the gates left to the baseline has no trained model to ablate: it says why
            assert ablation["not measured"] == metadata["predictors"][target]["reason"]
            continue
        assert set(ablation) == variants
        assert len({round(v[metric], 6) for v in ablation.values()}) == 3
        measured += 1
    assert measured >= 2


def test_report_view_has_every_section(trained_warehouse: Warehouse):
    sections = {
        row[0] for row in trained_warehouse.query("select section from ml_predictions_report")
    }
    assert sections == {
        "OVERVIEW",
        "PURCHASE PREDICTIONS",
        "CHURN PREDICTIONS",
        "CLV PREDICTIONS",
        "Value Segments",
        "MONITORING",
        "DATA LOADED",
    }
    clients = trained_warehouse.scalar(
        "select value from ml_predictions_report where metric = 'Total clients'"
    )
    assert clients == trained_warehouse.scalar("select count(*) from client_profiles")


def test_prospects_get_no_churn_risk_and_the_prospect_segment(trained_warehouse: Warehouse):
    wh = trained_warehouse
    prospects = wh.scalar("select count(*) from client_profiles where purchase_count = 0")
    assert 0 < prospects < wh.scalar("select count(*) from client_profiles")
    rows = wh.query(
        """
        select purchase_count = 0 as never_bought, risk_segment = 'Prospect' as is_prospect,
            count(*), count(churn_risk), count(will_churn), count(purchase_probability),
            count(predicted_clv)
        from client_profiles_with_predictions group by all
        """
    )
    for never_bought, is_prospect, clients, churn, will_churn, purchase, clv in rows:
        assert never_bought == is_prospect
        assert (purchase, clv) == (clients, clients)  # prospects keep these scores
        assert (churn, will_churn) == ((0, 0) if is_prospect else (clients, clients))
    # The report counts them apart and averages churn over past buyers only.
    report = dict(wh.query("select metric, value from ml_predictions_report"))
    assert report["Prospects (never bought)"] == prospects
    assert report["Past buyers (churn scored)"] + prospects == report["Total clients"]
    assert report["Average churn risk (past buyers)"] == pytest.approx(
        wh.scalar(
            "select avg(churn_risk) from client_profiles_with_predictions where purchase_count > 0"
        )
    )
    bands = ("Critical (>80%)", "At Risk (60-80%)", "Monitor (30-60%)", "Safe (<30%)")
    assert sum(report[band] for band in bands) == report["Past buyers (churn scored)"]
    # The graph has the segment they are members of.
    assert (
        wh.scalar(
            "select count(*) from knowledge_graph_edges where target = 'segment:risk:Prospect'"
        )
        == prospects
    )


def test_run_select_predictions_rescores(trained_warehouse: Warehouse):
    before = trained_warehouse.scalar("select max(scored_at) from client_profiles_with_predictions")
    trained_warehouse.dbt("run", "--select", "predictions")
    after = trained_warehouse.scalar("select max(scored_at) from client_profiles_with_predictions")
    assert after > before


def test_model_dir_var_pins_an_artifact(trained_warehouse: Warehouse, tmp_path: Path):
    (version,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    pinned = tmp_path / "pinned" / "v_19990101_000000"
    shutil.copytree(version, pinned)
    trained_warehouse.dbt("run", "--select", "predictions", variables={"model_dir": str(pinned)})
    assert (
        trained_warehouse.scalar(
            "select distinct model_version from client_profiles_with_predictions"
        )
        == version.name
    )  # metadata names the version; the pinned copy scored
    trained_warehouse.dbt("run", "--select", "predictions")


def test_tampered_artifact_fails_the_run(trained_warehouse: Warehouse, tmp_path: Path):
    (version,) = list((trained_warehouse.artifacts_dir / "fast").glob("v_*"))
    tampered = tmp_path / "v_tampered"
    shutil.copytree(version, tampered)
    (tampered / "clv.joblib").write_bytes(b"malicious")
    with pytest.raises(DbtCommandError, match="does not match its sha256"):
        trained_warehouse.dbt(
            "run", "--select", "predictions", variables={"model_dir": str(tampered)}
        )


def test_no_models_error_names_the_train_command(demo_warehouse: Warehouse, tmp_path: Path):
    empty = Warehouse(
        demo_warehouse.database,
        demo_warehouse.raw_data_dir,
        tmp_path / "target",
        tmp_path / "no_artifacts",
    )
    with pytest.raises(DbtCommandError, match=r"No trained models found.*scripts/train.py"):
        empty.dbt("run", "--select", "predictions")


def test_predictions_before_build_say_to_run_build(tmp_path: Path, demo_raw_dir: Path):
    fresh = Warehouse(
        tmp_path / "empty.duckdb", demo_raw_dir, tmp_path / "target", tmp_path / "ml_artifacts"
    )
    with pytest.raises(DbtCommandError, match="run `dbt build` first"):
        fresh.dbt("run", "--select", "predictions")


def test_disabling_predictions_skips_model_and_report(notes_only_warehouse: Warehouse):
    # conftest builds with enable_ml_predictions false, as `make run` does before training
    tables = {
        row[0]
        for row in notes_only_warehouse.query("select table_name from information_schema.tables")
    }
    assert "client_profiles" in tables
    assert "client_profiles_with_predictions" not in tables
    assert "ml_predictions_report" not in tables


def test_purchase_and_churn_drivers_come_from_their_own_models(trained_warehouse: Warehouse):
    rows = trained_warehouse.query(
        "select top_drivers, churn_drivers, risk_segment from client_profiles_with_predictions"
    )
    buyers = [(top, churn) for top, churn, segment in rows if segment != "Prospect"]
    assert buyers and all(top and churn for top, churn in buyers)
    # each explains its own score: the two lists differ for nearly every client
    assert sum(top != churn for top, churn in buyers) >= 0.9 * len(buyers)
    # a prospect has no churn score, so nothing explains one
    assert all(churn is None for _, churn, segment in rows if segment == "Prospect")
