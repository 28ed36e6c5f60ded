"""Trained-model artifacts: one verified, self-describing directory per version.

Layout: ml_artifacts/<tier>/<version>/ holding one joblib file per target, metadata.json and
SHA256SUMS (the sha256 of every other file). A version is written to a hidden temporary
directory and renamed into place, so a half-written version is never visible. Nothing is
unpickled before its hash, the metadata and the feature list check out: joblib files can run
code when loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import sklearn

from client_intelligence.features import check_feature_columns
from client_intelligence.project import artifacts_root, project_path
from client_intelligence.registry import champion_version, read_registry

TIERS = ("continuous", "elite", "fast")
CHECKSUM_FILE = "SHA256SUMS"
METADATA_FILE = "metadata.json"
TRAIN_COMMAND = "python scripts/train.py --tier fast"


class ArtifactError(RuntimeError):
    """An artifact is missing, tampered with, or incompatible with this installation."""


class NoTrainedModelsError(ArtifactError):
    """No artifact to score with."""


@dataclass
class LoadedArtifact:
    """A verified artifact: its directory, metadata and fitted estimators by target name."""

    directory: Path
    metadata: dict[str, Any]
    estimators: dict[str, Any]

    @property
    def tier(self) -> str:
        return self.metadata["tier"]

    @property
    def version(self) -> str:
        return self.metadata["version"]

    @property
    def feature_names(self) -> list[str]:
        return list(self.metadata["feature_names"])


# A second model family kept in the same version: the notes-only one, for scoring without sales.
NOTES_ONLY_FAMILY = "notes_only"


def family_estimator_name(family: str, target: str) -> str:
    return f"{family}_{target}"


def notes_only_view(artifact: LoadedArtifact) -> LoadedArtifact:
    """The artifact as its notes-only family: that family's estimators and thresholds in place of
    the full model's, for rows whose purchase history is not supplied."""
    family = artifact.metadata.get(NOTES_ONLY_FAMILY)
    if family is None:
        raise ArtifactError(
            f"{artifact.directory} has no notes-only model family (trained before it existed): "
            "retrain with `python scripts/train.py --tier fast`, or supply the sales history"
        )
    estimators = dict(artifact.estimators)
    for target in family["predictors"]:
        estimators[target] = artifact.estimators[family_estimator_name(NOTES_ONLY_FAMILY, target)]
    metadata = {**artifact.metadata, **{key: family[key] for key in ("thresholds", "predictors")}}
    return LoadedArtifact(artifact.directory, metadata, estimators)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def new_version_name(now: dt.datetime | None = None) -> str:
    moment = now or dt.datetime.now(dt.UTC)
    return moment.strftime("v_%Y%m%d_%H%M%S")


def write_artifact(
    tier: str,
    estimators: dict[str, Any],
    metadata: dict[str, Any],
    root: Path | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Write a new version atomically and return its directory.

    Two versions written in the same second get distinct names (a numeric suffix): a version,
    once written, is never overwritten.
    """
    if tier not in TIERS:
        raise ValueError(f"Unknown tier {tier!r}; expected one of {', '.join(TIERS)}")
    tier_dir = (root or artifacts_root()) / tier
    tier_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".incomplete-", dir=tier_dir))
    try:
        for target, estimator in estimators.items():
            joblib.dump(estimator, staging / f"{target}.joblib", compress=3)
        base_version = new_version_name(now)
        final_dir, version = _claim_version_dir(tier_dir, base_version)
        full_metadata = {
            **metadata,
            "tier": tier,
            "version": version,
            "files": {target: f"{target}.joblib" for target in estimators},
        }
        (staging / METADATA_FILE).write_text(json.dumps(full_metadata, indent=2, default=str))
        _write_checksums(staging)
        os.replace(staging, final_dir)
        return final_dir
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _claim_version_dir(tier_dir: Path, base_version: str) -> tuple[Path, str]:
    """Reserve a version name by creating its (empty) directory; os.replace fills it."""
    suffix = 1
    while True:
        version = base_version if suffix == 1 else f"{base_version}_{suffix}"
        candidate = tier_dir / version
        try:
            candidate.mkdir()
            return candidate, version
        except FileExistsError:
            suffix += 1


def _write_checksums(directory: Path) -> None:
    lines = [
        f"{sha256_of(path)}  {path.name}"
        for path in sorted(directory.iterdir())
        if path.is_file() and path.name != CHECKSUM_FILE
    ]
    (directory / CHECKSUM_FILE).write_text("\n".join(lines) + "\n")


def _listed_files(directory: Path) -> dict[str, str]:
    """File name -> sha256, from the version's SHA256SUMS."""
    checksum_path = directory / CHECKSUM_FILE
    if not checksum_path.is_file():
        raise ArtifactError(
            f"{directory}: no {CHECKSUM_FILE}; refusing to load an unverified model"
        )
    expected: dict[str, str] = {}
    for line in checksum_path.read_text().splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            expected[name.strip()] = digest
    return expected


def verify_checksums(directory: Path) -> None:
    """Every file listed must match its sha256, and every file present must be listed."""
    expected = _listed_files(directory)
    present = {p.name for p in directory.iterdir() if p.is_file() and p.name != CHECKSUM_FILE}
    unlisted = sorted(present - set(expected))
    if unlisted:
        raise ArtifactError(f"{directory}: files not covered by {CHECKSUM_FILE}: {unlisted}")
    for name, digest in expected.items():
        path = directory / name
        if Path(name).name != name or not path.is_file():
            raise ArtifactError(f"{directory}: {name} is listed in {CHECKSUM_FILE} but missing")
        if sha256_of(path) != digest:
            raise ArtifactError(
                f"{directory}: {name} does not match its sha256 (edited or swapped); refusing "
                "to load it. Retrain, or restore the original file."
            )


def read_metadata(directory: Path) -> dict[str, Any]:
    verify_checksums(directory)
    return json.loads((directory / METADATA_FILE).read_text())


def check_library_versions(metadata: dict[str, Any]) -> None:
    trained_with = metadata.get("library_versions", {}).get("scikit-learn")
    if trained_with != sklearn.__version__:
        raise ArtifactError(
            f"{metadata.get('tier')}/{metadata.get('version')} was trained with scikit-learn "
            f"{trained_with}, this environment has {sklearn.__version__}: unpickling across "
            f"versions is unsafe. Retrain with `{TRAIN_COMMAND}` (or install the version it "
            "was trained with)."
        )


def load_artifact(directory: Path, scoring_features: list[str] | None = None) -> LoadedArtifact:
    """Verify hashes, library versions and features, and only then unpickle."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ArtifactError(f"Model directory {directory} does not exist")
    metadata = read_metadata(directory)
    check_library_versions(metadata)
    if scoring_features is not None:
        # derived features (purchase_history) are computed at scoring, not read from the data
        derived = list(metadata.get("derived_features", []))
        check_feature_columns(list(metadata["feature_names"]), [*scoring_features, *derived])
    listed = _listed_files(directory)
    for file_name in metadata["files"].values():
        if Path(file_name).name != file_name or file_name not in listed:
            raise ArtifactError(
                f"{directory}: metadata names {file_name!r}, which is not a verified file of this "
                "version; refusing to load it"
            )
    estimators = {
        target: joblib.load(directory / file_name)
        for target, file_name in metadata["files"].items()
    }
    return LoadedArtifact(directory, metadata, estimators)


def list_versions(tier: str, root: Path | None = None) -> list[Path]:
    """Complete versions of a tier, oldest first (names are timestamps)."""
    tier_dir = (root or artifacts_root()) / tier
    if not tier_dir.is_dir():
        return []
    return sorted(
        path
        for path in tier_dir.iterdir()
        if path.is_dir() and path.name.startswith("v_") and (path / CHECKSUM_FILE).exists()
    )


def continuous_champion(root: Path | None = None) -> Path | None:
    """The continuous tier's champion, as recorded in registry.json."""
    root = root or artifacts_root()
    champion = champion_version(read_registry(root))
    if not champion:
        return None
    directory = root / "continuous" / champion
    if not directory.is_dir():
        raise ArtifactError(
            f"registry.json names {champion} as champion but {directory} does not exist: restore "
            "it, or pin another model with the model_dir var"
        )
    return directory


def select_artifact_dir(model_dir: str | Path | None = None, root: Path | None = None) -> Path:
    """The directory to score with, and the reason is the order itself.

    A pinned `model_dir` wins; otherwise the continuous champion, else the newest elite, else
    the newest fast version.
    """
    root = root or artifacts_root()
    if model_dir:
        pinned = project_path(model_dir)
        if not pinned.is_dir():
            raise ArtifactError(f"model_dir {model_dir} does not exist")
        return pinned
    champion = continuous_champion(root)
    if champion is not None:
        return champion
    for tier in ("elite", "fast"):
        versions = list_versions(tier, root)
        if versions:
            return versions[-1]
    raise NoTrainedModelsError(
        f"No trained models found in {root}. Train them with `{TRAIN_COMMAND}` "
        "(and `--tier elite`), after `dbt build` has built ml_training_examples."
    )


def scored_by_dir(
    tier: str, version: str, model_dir: str | Path | None = None, root: Path | None = None
) -> Path:
    """Where the version recorded on scored rows (model_tier/model_version) lives: the pinned
    `model_dir` when set, as it was for scoring, else <root>/<tier>/<version>. Callers check
    that the version found there is the one recorded."""
    if model_dir:
        return select_artifact_dir(model_dir, root)
    return (root or artifacts_root()) / tier / version
