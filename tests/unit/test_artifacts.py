"""Artifacts: atomic versions, verification before unpickling, selection order."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sklearn.dummy import DummyClassifier, DummyRegressor

from client_intelligence import artifacts
from client_intelligence.artifacts import (
    ArtifactError,
    NoTrainedModelsError,
    load_artifact,
    select_artifact_dir,
    write_artifact,
)
from client_intelligence.features import FeatureMismatchError

FEATURES = ["note_count", "recency_days"]


def tiny_artifact(root: Path, tier: str, when: dt.datetime) -> Path:
    classifier = DummyClassifier(strategy="prior").fit([[0, 0], [1, 1]], [0, 1])
    regressor = DummyRegressor().fit([[0, 0], [1, 1]], [0.0, 10.0])
    metadata = {
        "feature_names": FEATURES,
        "thresholds": {"purchase": 0.5, "churn": 0.5},
        "library_versions": {"scikit-learn": artifacts.sklearn.__version__},
    }
    estimators = {"purchase": classifier, "churn": classifier, "clv": regressor}
    return write_artifact(tier, estimators, metadata, root=root, now=when)


T0 = dt.datetime(2026, 1, 1, 12, 0, 0)


def test_written_artifact_loads_and_describes_itself(tmp_path: Path):
    directory = tiny_artifact(tmp_path, "fast", T0)
    assert directory == tmp_path / "fast" / "v_20260101_120000"
    loaded = load_artifact(directory, FEATURES)
    assert loaded.tier == "fast" and loaded.version == "v_20260101_120000"
    assert set(loaded.estimators) == {"purchase", "churn", "clv"}
    assert not list((tmp_path / "fast").glob(".incomplete-*"))


def test_two_versions_in_the_same_second_are_distinct(tmp_path: Path):
    first = tiny_artifact(tmp_path, "continuous", T0)
    second = tiny_artifact(tmp_path, "continuous", T0)
    assert first != second
    assert json.loads((second / "metadata.json").read_text())["version"] == second.name


@pytest.mark.parametrize("victim", ["purchase.joblib", "metadata.json"])
def test_tampered_file_is_refused_before_unpickling(tmp_path: Path, victim: str, monkeypatch):
    directory = tiny_artifact(tmp_path, "fast", T0)
    with (directory / victim).open("ab") as handle:
        handle.write(b" ")
    monkeypatch.setattr(
        artifacts.joblib, "load", lambda *_: pytest.fail("unpickled a tampered artifact")
    )
    with pytest.raises(ArtifactError, match="does not match its sha256"):
        load_artifact(directory, FEATURES)


def test_swapped_in_unlisted_file_is_refused(tmp_path: Path):
    directory = tiny_artifact(tmp_path, "fast", T0)
    (directory / "extra.joblib").write_bytes(b"not a model")
    with pytest.raises(ArtifactError, match="not covered"):
        load_artifact(directory, FEATURES)


def test_missing_checksums_are_refused(tmp_path: Path):
    directory = tiny_artifact(tmp_path, "fast", T0)
    (directory / "SHA256SUMS").unlink()
    with pytest.raises(ArtifactError, match="unverified"):
        load_artifact(directory, FEATURES)


def test_feature_mismatch_names_missing_and_extra(tmp_path: Path):
    directory = tiny_artifact(tmp_path, "fast", T0)
    with pytest.raises(FeatureMismatchError) as raised:
        load_artifact(directory, ["note_count", "brand_new_feature"])
    message = str(raised.value)
    assert "missing from the data: recency_days" in message
    assert "not known to the model: brand_new_feature" in message


def test_other_sklearn_version_is_a_clear_error(tmp_path: Path):
    directory = tiny_artifact(tmp_path, "fast", T0)
    metadata = json.loads((directory / "metadata.json").read_text())
    metadata["library_versions"]["scikit-learn"] = "0.24.2"
    (directory / "metadata.json").write_text(json.dumps(metadata))
    artifacts._write_checksums(directory)  # a re-signed, consistent artifact
    with pytest.raises(ArtifactError, match="trained with scikit-learn 0.24.2"):
        load_artifact(directory, FEATURES)


def test_selection_order_continuous_then_elite_then_fast(tmp_path: Path):
    with pytest.raises(NoTrainedModelsError, match="python scripts/train.py --tier fast"):
        select_artifact_dir(root=tmp_path)
    old_fast = tiny_artifact(tmp_path, "fast", T0)
    new_fast = tiny_artifact(tmp_path, "fast", T0 + dt.timedelta(days=1))
    assert select_artifact_dir(root=tmp_path) == new_fast
    elite = tiny_artifact(tmp_path, "elite", T0)
    assert select_artifact_dir(root=tmp_path) == elite
    continuous = tiny_artifact(tmp_path, "continuous", T0)
    assert select_artifact_dir(root=tmp_path) == elite  # no champion recorded yet
    (tmp_path / "registry.json").write_text(
        json.dumps({"champion": continuous.name, "versions": []})
    )
    assert select_artifact_dir(root=tmp_path) == continuous
    assert select_artifact_dir(old_fast, root=tmp_path) == old_fast
    shutil.rmtree(continuous)
    with pytest.raises(ArtifactError, match="names .* as champion but .* does not exist"):
        select_artifact_dir(root=tmp_path)


def test_pinned_directory_that_does_not_exist_is_an_error(tmp_path: Path):
    with pytest.raises(ArtifactError, match="does not exist"):
        select_artifact_dir(tmp_path / "nowhere", root=tmp_path)


def test_metadata_pointing_outside_the_version_is_refused(tmp_path: Path, monkeypatch):
    directory = tiny_artifact(tmp_path / "ml_artifacts", "fast", T0)
    (tmp_path / "evil.joblib").write_bytes(b"anything")
    metadata = json.loads((directory / "metadata.json").read_text())
    metadata["files"]["clv"] = "../../../evil.joblib"
    (directory / "metadata.json").write_text(json.dumps(metadata))
    artifacts._write_checksums(directory)  # consistent hashes: only the path gives it away
    monkeypatch.setattr(
        artifacts.joblib, "load", lambda *_: pytest.fail("unpickled a file outside the version")
    )
    with pytest.raises(ArtifactError, match="not a verified file"):
        load_artifact(directory, FEATURES)
