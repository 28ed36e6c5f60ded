"""Which columns of the feature tables are model features, and how to read them.

The feature columns are defined once, in SQL (int_client_features_as_of); both
ml_training_examples and client_profiles carry them. Python takes every column that is not an
identifier, a date or a label, so a feature added in SQL reaches training and scoring with no
second list to keep in step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from client_intelligence.concept_features import column_name as concept_column

IDENTIFIER_COLUMNS = frozenset(
    {
        "example_id",
        "client_id",
        "cutoff_date",
        "as_of_date",
        "first_note_date",
        "last_note_date",
        "first_purchase_date",
        "last_purchase_date",
        "languages",
        "top_concepts",
        "disliked_concepts",
        "concept_mention_counts",  # a list: concept_features turns it into columns
    }
)

# The SQL features read from the sales history (the purchase CTEs of int_client_features_as_of;
# tenure_days counts from the first note or purchase). The notes-only family leaves them out, as
# it does the BG/NBD columns derived from them; tests/integration checks the names against SQL.
PURCHASE_HISTORY_COLUMNS = frozenset(
    {
        "purchase_count",
        "recent_purchase_count",
        "monetary_total_eur",
        "monetary_avg_eur",
        "spend_last_365d_eur",
        "recency_days",
        "repeat_purchase_days",
        "purchase_span_days",
        "customer_age_days",
        "purchase_weighted_recency_days",
        "mean_purchase_gap_days",
        "last_purchase_gap_days",
        "spend_trend",
        "spend_share_last_90d",
        "tenure_days",
    }
)


@dataclass(frozen=True)
class Target:
    """A prediction target: its label column and whether it is a yes/no question."""

    name: str
    label: str
    is_classification: bool


TARGETS = (
    Target("purchase", "label_purchased", True),
    Target("churn", "label_churned", True),
    Target("clv", "label_clv_eur", False),
)
LABEL_COLUMNS = frozenset(target.label for target in TARGETS)
LABELS = {target.name: target.label for target in TARGETS}  # target name -> label column


def feature_columns(frame: pd.DataFrame) -> list[str]:
    """Feature names in table order: everything but identifiers, dates and labels."""
    return [
        column
        for column in frame.columns
        if column not in IDENTIFIER_COLUMNS and column not in LABEL_COLUMNS
    ]


@dataclass(frozen=True)
class FeatureSet:
    """The model features of a table, computed once per training run and passed along, so the
    fit, the metadata, the drift reference and the segments all use the same list."""

    names: list[str]
    categorical: list[str]
    concepts: tuple[str, ...] = ()  # concept_features: the concepts with a column of their own

    @classmethod
    def of(cls, frame: pd.DataFrame) -> FeatureSet:
        names = feature_columns(frame)
        return cls(names, categorical_columns(frame, names))

    @property
    def numeric(self) -> list[str]:
        return [name for name in self.names if name not in self.categorical]

    def subset(self, keep) -> FeatureSet:
        """The features for which `keep(name)` holds, in the same order (ablations, and the
        notes-only family)."""
        names = [name for name in self.names if keep(name)]
        concepts = tuple(c for c in self.concepts if concept_column(c) in names)
        return FeatureSet(names, [c for c in self.categorical if c in names], concepts)


def signed_log1p(values: np.ndarray) -> np.ndarray:
    """sign(x) * log(1 + |x|): money and counts are heavy-tailed, and one VIP must not dominate a
    linear model or a distance. Used inside pickled pipelines, so it must stay importable here."""
    # float32: NumPy's float64 log1p is an order of magnitude slower, and a log-scaled feature
    # needs no more than seven digits
    values = np.asarray(values, dtype=np.float32)
    return np.copysign(np.log1p(np.abs(values)), values)


# A standardized feature beyond this many standard deviations is clipped to it: a client with
# five mentions of a concept most never mention must not push a log-link model (Poisson CLV) to
# an absurd prediction. Used inside pickled pipelines, so it must stay importable here.
STANDARDIZED_LIMIT = 5.0


def clip_standardized(values: np.ndarray) -> np.ndarray:
    return np.clip(values, -STANDARDIZED_LIMIT, STANDARDIZED_LIMIT)


def categorical_columns(frame: pd.DataFrame, features: list[str]) -> list[str]:
    """Text-valued features (one-hot encoded by the pipelines)."""
    return [
        column
        for column in features
        if not pd.api.types.is_numeric_dtype(frame[column])
        and not pd.api.types.is_bool_dtype(frame[column])
    ]


class FeatureMismatchError(ValueError):
    """The features being scored are not the ones the model was trained on."""


def check_feature_columns(expected: list[str], available: list[str]) -> None:
    """Fail naming the missing and extra features, rather than deep inside sklearn.

    Extra features are an error too: they mean the SQL changed since training, and the model
    would silently ignore what the analyst just added.
    """
    missing = [name for name in expected if name not in available]
    extra = [name for name in available if name not in expected]
    if missing or extra:
        problems = []
        if missing:
            problems.append(f"missing from the data: {', '.join(missing)}")
        if extra:
            problems.append(f"not known to the model: {', '.join(extra)}")
        raise FeatureMismatchError(
            "The features being scored differ from the model's: "
            + "; ".join(problems)
            + ". Retrain with `python scripts/train.py --tier fast` after `dbt build`."
        )
