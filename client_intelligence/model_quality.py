"""How far to trust the scores: the scoring artifact's metadata.json as rows SQL can read.

The holdout metrics, the BG/NBD baseline's metrics on the same holdout, the kept predictor of
each target and why, the reliability curve of each classifier (computed at training time on the
holdout, never on the rows fitted on), the ablation and the cutoffs are all in metadata.json;
the ml_model_quality model flattens them into one long table (section, target, variant, metric,
position, value or text_value) so that the dashboard_model_* export models decide in SQL what
the page shows and how it is graded. Nothing here is unpickled: metadata.json is read after its
checksums are verified, from the artifact that scored client_profiles_with_predictions.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from client_intelligence.monitoring import load_version_metadata

SCHEMA = pa.schema(
    [
        ("model_tier", pa.string()),
        ("model_version", pa.string()),
        ("section", pa.string()),
        ("target", pa.string()),
        ("variant", pa.string()),
        ("metric", pa.string()),
        ("position", pa.int32()),
        ("value", pa.float64()),
        ("text_value", pa.string()),
    ]
)
# What the kept predictor's report holds besides its curve, and in which column.
PREDICTOR_NUMBERS = ("model_weight", "holdout_coverage", "holdout_median_width_eur")
PREDICTOR_TEXTS = ("kept", "reason", "calibration_method")
RELIABILITY_NUMBERS = ("mean_predicted", "observed_rate", "rows")


def _fact(section: str, metric: str, value: Any, **keys: Any) -> dict[str, Any]:
    """One row: numbers in `value`, anything else (dates, names, sentences) in `text_value`."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return {
        "section": section,
        "target": keys.get("target"),
        "variant": keys.get("variant"),
        "metric": metric,
        "position": keys.get("position"),
        "value": float(value) if number else None,
        "text_value": None if number or value is None else str(value),
    }


def _metric_rows(section: str, metrics: dict[str, dict[str, Any]], variant: str) -> Iterator:
    for target, values in metrics.items():
        for metric, value in values.items():
            yield _fact(section, metric, value, target=target, variant=variant)


def _predictor_rows(predictors: dict[str, dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The kept predictor of each target, why, and its holdout reliability curve."""
    for target, report in predictors.items():
        for name in (*PREDICTOR_TEXTS, *PREDICTOR_NUMBERS):
            if report.get(name) is not None:
                yield _fact("predictor", name, report[name], target=target)
        curve = report.get("holdout_reliability")
        if not curve:
            continue
        yield _fact("predictor", "ece", curve["ece"], target=target)
        for position, point in enumerate(curve["bins"], start=1):
            for name in RELIABILITY_NUMBERS:
                yield _fact("reliability", name, point[name], target=target, position=position)


def _ablation_rows(ablation: dict[str, dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for target, variants in ablation.items():
        for variant, metrics in variants.items():
            if not isinstance(metrics, dict):  # {"not measured": reason}
                yield _fact("ablation", "not_measured", metrics, target=target, variant=variant)
                continue
            for metric, value in metrics.items():
                yield _fact("ablation", metric, value, target=target, variant=variant)


def _cutoff_rows(metadata: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The training window, and per target the fit, validation and holdout cutoffs."""
    for name, value in metadata.get("training_window", {}).items():
        yield _fact("training_window", name, value)
    for target, split in metadata.get("cutoffs", {}).items():
        fit = split.get("fit") or []
        yield _fact("cutoffs", "fit_cutoffs", len(fit), target=target)
        yield _fact("cutoffs", "first_fit_cutoff", fit[0] if fit else None, target=target)
        yield _fact("cutoffs", "last_fit_cutoff", fit[-1] if fit else None, target=target)
        for name in ("validation", "holdout", "fit_rows", "holdout_rows"):
            yield _fact("cutoffs", name, split.get(name), target=target)
    for target, days in metadata.get("horizons_days", {}).items():
        yield _fact("cutoffs", "horizon_days", days, target=target)
    for target, threshold in metadata.get("thresholds", {}).items():
        yield _fact("cutoffs", "decision_threshold", threshold, target=target)


def quality_rows(metadata: dict[str, Any]) -> list[dict[str, Any]]:
    """Every fact of metadata.json the model-quality section reads, one row each."""
    baseline = metadata.get("baseline", {})
    rows = [
        *_metric_rows("holdout", metadata.get("holdout_metrics", {}), "model"),
        *_metric_rows("holdout", baseline.get("holdout_metrics", {}), "baseline"),
        *_predictor_rows(metadata.get("predictors", {})),
        *_ablation_rows(metadata.get("ablation", {})),
        *_cutoff_rows(metadata),
    ]
    tier, version = metadata.get("tier"), metadata.get("version")
    return [{"model_tier": tier, "model_version": version, **row} for row in rows]


def model_quality_table(
    scored_by: list[tuple[str, str]], model_dir: str | None, root: Path | None = None
) -> pa.Table:
    """ml_model_quality for the (tier, version) pairs that scored client_profiles_with_predictions:
    no rows when nothing was scored or the artifact is nowhere to be found (the page says so)."""
    rows: list[dict[str, Any]] = []
    for tier, version in scored_by:
        metadata = load_version_metadata(tier, version, model_dir, root)
        if metadata is not None:
            rows += quality_rows(metadata)
    return pa.Table.from_pylist(rows, schema=SCHEMA)
