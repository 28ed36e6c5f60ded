"""Purchase-history model features: BG/NBD + Gamma-Gamma outputs as model inputs, point in time.

For each training cutoff, the baseline (baseline.fit_baseline) is fitted on that snapshot's
clients, whose RFM summary int_client_features_as_of computed from purchases strictly before the
cutoff, and applied to the same rows. Scoring applies the fit of the latest training cutoff, kept
in the verified artifact (baseline.joblib): purchases before that cutoff are all known at scoring
time, so nothing leaks, and scoring pays no fitting cost. The SQL summary is the one feature path;
this module only derives columns from it, with the same code for training and scoring.
"""

from __future__ import annotations

import pandas as pd

from client_intelligence.baseline import BaselineModel, apply_baseline, fit_baseline

P_ALIVE = "bgnbd_p_alive"
AVERAGE_SPEND = "gg_expected_average_spend_eur"
BASELINE_CLV = "bgnbd_gg_clv_eur"
PURCHASE_PROBABILITY = "bgnbd_purchase_probability"  # P(a purchase within the purchase horizon)
CHURN_PROBABILITY = "bgnbd_churn_probability"  # P(no purchase within the churn horizon)
# The baseline's own prediction of each target, as a feature column (BaselinePredictor reads it).
BASELINE_PREDICTION = {
    "purchase": PURCHASE_PROBABILITY,
    "churn": CHURN_PROBABILITY,
    "clv": BASELINE_CLV,
}


def expected_purchases_column(target: str) -> str:
    return f"bgnbd_expected_purchases_{target}_horizon"


def feature_names(horizons: dict[str, int]) -> list[str]:
    """The derived columns, in the order they are appended."""
    return [
        P_ALIVE,
        *(expected_purchases_column(name) for name in horizons),
        AVERAGE_SPEND,
        BASELINE_CLV,
        PURCHASE_PROBABILITY,
        CHURN_PROBABILITY,
    ]


def add_features(
    frame: pd.DataFrame, model: BaselineModel, horizons: dict[str, int]
) -> pd.DataFrame:
    """`frame` plus the purchase-history columns of `model` applied to its rows."""
    outputs = apply_baseline(model, frame, horizons)
    derived = {P_ALIVE: outputs.p_alive}
    for name in horizons:
        derived[expected_purchases_column(name)] = outputs.expected_purchases[name]
    derived[AVERAGE_SPEND] = outputs.expected_average_spend
    derived[BASELINE_CLV] = outputs.clv
    derived[PURCHASE_PROBABILITY] = outputs.purchase
    derived[CHURN_PROBABILITY] = outputs.churn
    return frame.assign(**derived)


def add_point_in_time_features(
    examples: pd.DataFrame, horizons: dict[str, int]
) -> tuple[pd.DataFrame, dict[str, BaselineModel]]:
    """Every training example with the features of a fit on its own cutoff's snapshot; and the
    fits by cutoff (YYYY-MM-DD)."""
    cutoffs = examples["cutoff_date"].astype(str)
    fits: dict[str, BaselineModel] = {}
    parts = []
    for cutoff in sorted(cutoffs.unique()):
        snapshot = examples[cutoffs == cutoff]
        fits[cutoff] = fit_baseline(snapshot)
        parts.append(add_features(snapshot, fits[cutoff], horizons))
    if not parts:
        return examples.assign(
            **{name: pd.Series(dtype=float) for name in feature_names(horizons)}
        ), fits
    return pd.concat(parts).loc[examples.index], fits
