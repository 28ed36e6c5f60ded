"""Continuous training: champion/challenger on a frozen holdout, the registry, --incremental."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from client_intelligence import retraining
from client_intelligence.artifacts import write_artifact
from client_intelligence.features import TARGETS
from client_intelligence.project import label_horizons
from client_intelligence.registry import (
    RegistryError,
    read_registry,
    record_version,
    write_registry,
)
from client_intelligence.retrain_cli import main as retrain_main
from client_intelligence.retraining import retrain
from client_intelligence.training import load_training_data, train_artifact
from tests.support import Warehouse


@pytest.fixture(scope="module")
def training_data(demo_warehouse: Warehouse) -> tuple[pd.DataFrame, pd.DataFrame]:
    return load_training_data(demo_warehouse.database)


def misleading_labels(examples: pd.DataFrame) -> pd.DataFrame:
    """Every label turned upside down (purchase <-> none, churn <-> stay, the biggest spender
    <-> the smallest), except at each target's latest labelled cutoff (the holdout). A model
    fitted on them learns the opposite of the truth, and beats BG/NBD on the equally reversed
    validation cutoffs, so the artifact keeps it: judged on the true holdout, it is clearly
    worse than the truth, whatever the seed or the machine. (Shuffled labels are not: the
    artifact may then keep the baseline, which is no weak champion.)"""
    reversed_labels = examples.copy()
    for target in TARGETS:
        labelled = reversed_labels[target.label].notna()
        holdout = reversed_labels.loc[labelled, "cutoff_date"].max()
        rows = labelled & (reversed_labels["cutoff_date"] != holdout)
        values = reversed_labels.loc[rows, target.label]
        top = 1 if target.is_classification else values.max()
        reversed_labels.loc[rows, target.label] = top - values
    return reversed_labels


def install_champion(root: Path, examples: pd.DataFrame, transactions: pd.DataFrame) -> str:
    """A continuous champion trained on `examples`, recorded in the registry as scoring today."""
    trained = train_artifact(examples, transactions, "fast", label_horizons())
    directory = write_artifact("continuous", trained.estimators, trained.metadata, root)
    entry = {"version": directory.name, "status": "champion", "reason": "test set-up"}
    write_registry(root, record_version(read_registry(root), entry))
    return directory.name


def test_better_candidate_is_promoted_and_the_next_scoring_run_uses_it(
    tmp_path: Path, trained_warehouse: Warehouse, training_data, capsys
):
    # a warehouse `dbt build` has scored once, as an analyst's is before re-scoring
    examples, transactions = training_data
    root = tmp_path / "ml_artifacts"
    weak = install_champion(root, misleading_labels(examples), transactions)
    database = tmp_path / "warehouse.duckdb"
    shutil.copy(trained_warehouse.database, database)
    arguments = ["--family", "fast", "--database", str(database), "--artifacts-dir", str(root)]

    assert retrain_main(arguments) == 0

    printed = capsys.readouterr().out
    assert "Frozen holdout" in printed and f"continuous/{weak}" in printed
    registry = read_registry(root)
    candidate = registry["versions"][-1]
    assert registry["champion"] == candidate["version"] != weak
    assert (
        candidate["decision"] == "promoted" and candidate["compared_with"] == f"continuous/{weak}"
    )
    assert registry["versions"][0]["status"] == "retired"
    for name, holdout in candidate["holdout"].items():
        assert candidate["metrics"][name]["rows"] == holdout["rows"]
        assert candidate["champion_metrics_on_holdout"][name]["rows"] == holdout["rows"]
    # churn: the test warehouse's purchase holdout is below the minimum-data gate (both versions
    # keep BG/NBD for it)
    assert candidate["metrics"]["churn"]["roc_auc"] > 0.6
    assert candidate["champion_metrics_on_holdout"]["churn"]["roc_auc"] < 0.5

    scoring = Warehouse(database, trained_warehouse.raw_data_dir, tmp_path / "target", root)
    scoring.dbt("run", "--select", "predictions")
    assert scoring.query(
        "select distinct model_tier, model_version from client_profiles_with_predictions"
    ) == [("continuous", candidate["version"])]


def test_worse_candidate_stays_a_challenger(tmp_path: Path, training_data, monkeypatch):
    examples, transactions = training_data
    root = tmp_path / "ml_artifacts"
    champion = install_champion(root, examples, transactions)
    real_train = retraining.train_artifact
    monkeypatch.setattr(
        retraining,
        "train_artifact",
        lambda examples, *args: real_train(misleading_labels(examples), *args),
    )

    result = retrain(examples, transactions, label_horizons(), root, family="fast")

    assert not result.decision.promote
    registry = read_registry(root)
    assert registry["champion"] == champion
    challenger = registry["versions"][-1]
    assert challenger["status"] == "challenger" and challenger["decision"] == "refused"
    assert "churn roc_auc -" in challenger["reason"]
    assert (root / "continuous" / challenger["version"]).is_dir()


def test_dry_run_writes_nothing(tmp_path: Path, training_data):
    examples, transactions = training_data
    root = tmp_path / "ml_artifacts"
    install_champion(root, misleading_labels(examples), transactions)
    before = sorted(str(p) for p in root.rglob("*"))
    registry_before = (root / "registry.json").read_bytes()

    result = retrain(examples, transactions, label_horizons(), root, family="fast", dry_run=True)

    assert result.decision.promote and result.directory is None
    assert sorted(str(p) for p in root.rglob("*")) == before
    assert (root / "registry.json").read_bytes() == registry_before


def test_damaged_registry_is_never_overwritten(tmp_path: Path, demo_warehouse: Warehouse, capsys):
    root = tmp_path / "ml_artifacts"
    root.mkdir()
    (root / "registry.json").write_text('{"champion": "v_1", "versions": [')
    arguments = ["--family", "fast", "--database", str(demo_warehouse.database)]

    assert retrain_main([*arguments, "--artifacts-dir", str(root)]) == 1

    assert "registry.json is not valid JSON" in capsys.readouterr().err
    assert (root / "registry.json").read_text() == '{"champion": "v_1", "versions": ['
    assert not (root / "continuous").exists()
    with pytest.raises(RegistryError):
        read_registry(root)


def test_incremental_does_nothing_without_new_outcomes(tmp_path: Path, training_data, capsys):
    examples, transactions = training_data
    root = tmp_path / "ml_artifacts"
    install_champion(root, examples, transactions)
    registry_before = (root / "registry.json").read_bytes()

    with pytest.raises(retraining.NothingNewError, match="nothing to retrain"):
        retrain(examples, transactions, label_horizons(), root, mode="incremental")
    assert (root / "registry.json").read_bytes() == registry_before
    assert len(list((root / "continuous").iterdir())) == 1


def test_incremental_slides_the_champions_window_over_new_outcomes(tmp_path: Path, training_data):
    examples, transactions = training_data
    root = tmp_path / "ml_artifacts"
    cutoffs = sorted(examples["cutoff_date"].astype(str).unique())
    earlier = examples[examples["cutoff_date"].astype(str) < cutoffs[-2]]
    # What the champion saw: the data as it was two cutoffs ago, labels known by then.
    install_champion(root, earlier, transactions)
    champion = json.loads(
        next((root / "continuous").iterdir()).joinpath("metadata.json").read_text()
    )

    result = retrain(examples, transactions, label_horizons(), root, mode="incremental")

    metadata = result.candidate.metadata
    assert metadata["model_family"] == "fast"  # the champion's settings, not the default
    for name, window in champion["cutoffs"].items():
        assert len(metadata["cutoffs"][name]["fit"]) == len(window["fit"])
    purchase_before, purchase_now = champion["cutoffs"]["purchase"], metadata["cutoffs"]["purchase"]
    assert purchase_now["holdout"] > purchase_before["holdout"]
    assert purchase_now["fit"][-1] > purchase_before["fit"][-1]
    assert purchase_now["fit"][0] > purchase_before["fit"][0]  # slid, not grown
    assert read_registry(root)["versions"][-1]["mode"] == "incremental"


def test_incremental_without_any_model_says_to_run_full(tmp_path: Path, training_data):
    examples, transactions = training_data
    with pytest.raises(retraining.RetrainError, match="--full"):
        retrain(examples, transactions, label_horizons(), tmp_path, mode="incremental")


def test_two_versions_in_the_same_second_are_distinct(tmp_path: Path, training_data):
    import datetime as dt

    examples, transactions = training_data
    trained = train_artifact(examples, transactions, "fast", label_horizons())
    moment = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.UTC)
    first = write_artifact("continuous", trained.estimators, trained.metadata, tmp_path, moment)
    second = write_artifact("continuous", trained.estimators, trained.metadata, tmp_path, moment)
    assert first != second and first.is_dir() and second.is_dir()
