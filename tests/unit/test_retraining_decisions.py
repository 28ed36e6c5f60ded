"""The champion/challenger decision and the registry's safety (no dbt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from client_intelligence import files
from client_intelligence.registry import (
    read_registry,
    record_version,
    registry_lock,
    write_registry,
)
from client_intelligence.retraining import decide


def metrics(purchase: float, churn: float, clv: float, brier: float = 0.2) -> dict:
    classification = {"pr_auc": 0.4, "brier": brier, "log_loss": 0.6}
    return {
        "purchase": {"roc_auc": purchase, **classification},
        "churn": {"roc_auc": churn, **classification},
        "clv": {"spearman": clv, "r2": 0.1, "mae": 1000.0},
    }


def test_decision_needs_every_primary_metric_to_beat_the_margin():
    champion = metrics(0.70, 0.65, 0.40)
    assert decide(metrics(0.72, 0.67, 0.43), champion).promote
    tie = decide(metrics(0.70, 0.65, 0.40), champion)
    assert not tie.promote and "purchase roc_auc +0.0000 (needs +0.0050)" in tie.reason
    one_short = decide(metrics(0.72, 0.652, 0.43), champion)
    assert not one_short.promote and "churn" in one_short.reason
    assert "purchase" not in one_short.reason
    worse = decide(metrics(0.60, 0.55, 0.30), champion)
    assert not worse.promote


def test_better_primary_but_clearly_worse_calibration_is_refused():
    decision = decide(metrics(0.72, 0.67, 0.43, brier=0.25), metrics(0.70, 0.65, 0.40, brier=0.2))
    assert not decision.promote
    assert "clearly worse on purchase brier, churn brier" in decision.reason


def test_a_target_both_leave_to_the_baseline_need_not_improve():
    champion = metrics(0.70, 0.65, 0.40)
    candidate = metrics(0.70, 0.67, 0.43)
    assert not decide(candidate, champion).promote
    decision = decide(candidate, champion, frozenset({"purchase"}))
    assert decision.promote and "purchase roc_auc +0.0000 (both keep BG/NBD)" in decision.reason
    clearly_worse = metrics(0.70, 0.67, 0.43, brier=0.25)
    assert not decide(clearly_worse, metrics(0.70, 0.65, 0.40, brier=0.2), {"purchase"}).promote


def test_without_a_champion_the_candidate_is_promoted():
    assert decide(metrics(0.6, 0.6, 0.3), None).promote


def test_registry_survives_an_interrupted_write(tmp_path: Path, monkeypatch):
    root = tmp_path / "ml_artifacts"
    write_registry(
        root, record_version(read_registry(root), {"version": "v_1", "status": "champion"})
    )
    before = (root / "registry.json").read_bytes()

    def crash(*_args):
        raise KeyboardInterrupt("power cut during the rename")

    monkeypatch.setattr(files.os, "replace", crash)
    registry = record_version(read_registry(root), {"version": "v_2", "status": "champion"})
    with pytest.raises(KeyboardInterrupt):
        write_registry(root, registry)

    assert (root / "registry.json").read_bytes() == before
    assert read_registry(root)["champion"] == "v_1"
    assert [p.name for p in root.iterdir() if p.name.startswith(".registry.json")] == []


def test_registry_lock_is_exclusive(tmp_path: Path):
    import fcntl

    with (
        registry_lock(tmp_path),
        (tmp_path / ".registry.lock").open("w") as other,
        pytest.raises(BlockingIOError),
    ):
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
