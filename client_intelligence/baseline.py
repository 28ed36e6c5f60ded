"""The baseline that customer-lifetime-value practitioners know: BG/NBD + Gamma-Gamma.

Fitted with `lifetimes` on purchases before each target's holdout cutoff and judged on the same
holdout rows as the models, so the report shows what notes and the models add over a pure
purchase-history model. If the fit does not converge, an RFM heuristic stands in, and the
metadata says which one it was.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from client_intelligence.features import LABELS
from client_intelligence.metrics import classification_metrics, regression_metrics


def rfm_summary(
    transactions: pd.DataFrame, clients: pd.Series, cutoff: pd.Timestamp
) -> pd.DataFrame:
    """lifetimes' frequency / recency / T (days) per client, from purchases before `cutoff`.

    Clients with no purchase get frequency 0, recency 0 and T 0 (just acquired).
    """
    before = transactions[transactions["transaction_date"] < cutoff]
    days = before.groupby("client_id")["transaction_date"].agg(["min", "max", "nunique"])
    spend = before.groupby("client_id")["amount_eur"].mean()
    summary = pd.DataFrame(index=pd.Index(clients.unique(), name="client_id"))
    summary["frequency"] = (days["nunique"] - 1).reindex(summary.index).fillna(0)
    summary["recency"] = (days["max"] - days["min"]).dt.days.reindex(summary.index).fillna(0)
    summary["T"] = (cutoff - days["min"]).dt.days.reindex(summary.index).fillna(0)
    summary["monetary_value"] = spend.reindex(summary.index).fillna(0)
    return summary


def _fit_predictors(summary: pd.DataFrame):
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    bgf = BetaGeoFitter(penalizer_coef=0.01)
    bgf.fit(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    ggf = GammaGammaFitter(penalizer_coef=0.01)
    ggf.fit(repeat["frequency"], repeat["monetary_value"])
    return bgf, ggf


def probability_no_purchase(bgf, days: int, summary: pd.DataFrame) -> np.ndarray:
    """BG/NBD probability of no purchase in the next `days`, given each client's history.

    Alive clients buy at a rate whose posterior is Gamma(r + x, alpha + T); under BG/NBD a
    client can only drop out right after a purchase, so: P(0) = (1 - P(alive)) + P(alive) *
    ((alpha + T) / (alpha + T + days)) ** (r + x). lifetimes has no conditional version.
    """
    f, r, t = summary["frequency"], summary["recency"], summary["T"]
    alive = np.asarray(bgf.conditional_probability_alive(f, r, t))
    shape, rate = bgf.params_["r"], bgf.params_["alpha"]
    quiet_if_alive = ((rate + t) / (rate + t + days)) ** (shape + f)
    return (1 - alive) + alive * quiet_if_alive.to_numpy()


def _bgnbd_predictions(summary: pd.DataFrame, horizons: dict[str, int]) -> dict[str, np.ndarray]:
    bgf, ggf = _fit_predictors(summary)
    f, r, t = summary["frequency"], summary["recency"], summary["T"]
    expected_purchases = np.asarray(
        bgf.conditional_expected_number_of_purchases_up_to_time(horizons["clv"], f, r, t)
    )
    spenders = summary["monetary_value"] > 0
    average_value = ggf.conditional_expected_average_profit(
        f.clip(lower=1), summary["monetary_value"].where(spenders)
    ).fillna(summary.loc[spenders, "monetary_value"].mean())
    return {
        "purchase": 1 - probability_no_purchase(bgf, horizons["purchase"], summary),
        "churn": probability_no_purchase(bgf, horizons["churn"], summary),
        "clv": expected_purchases * average_value.to_numpy(),
    }


def _rfm_heuristic(summary: pd.DataFrame, horizons: dict[str, int]) -> dict[str, np.ndarray]:
    """Rank-based stand-in: frequent, recent buyers buy again; value is their past rate."""
    recency_gap = summary["T"] - summary["recency"]
    score = summary["frequency"].rank(pct=True) * (1 - recency_gap.rank(pct=True))
    yearly_rate = (summary["frequency"] + 1) / np.maximum(summary["T"], 30) * 365
    return {
        "purchase": score.to_numpy(),
        "churn": 1 - score.to_numpy(),
        "clv": (yearly_rate * summary["monetary_value"] * horizons["clv"] / 365).to_numpy(),
    }


def evaluate_baseline(
    examples: pd.DataFrame,
    transactions: pd.DataFrame,
    splits: dict[str, Any],
    horizons: dict[str, int],
) -> dict[str, Any]:
    """Baseline holdout metrics per target, on exactly the model's holdout rows."""
    results: dict[str, Any] = {}
    method = "BG/NBD + Gamma-Gamma (lifetimes)"
    for target, split in splits.items():
        holdout = split.holdout
        cutoff = pd.Timestamp(split.holdout_cutoff)
        summary = rfm_summary(transactions, examples["client_id"], cutoff)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # lifetimes warns on clients with no history
                predictions = _bgnbd_predictions(summary, horizons)
        except Exception as error:  # convergence failures are data-dependent
            method = f"RFM heuristic (BG/NBD failed: {type(error).__name__})"
            predictions = _rfm_heuristic(summary, horizons)
        by_client = pd.Series(predictions[target], index=summary.index)
        predicted = by_client.reindex(holdout["client_id"]).fillna(0).to_numpy()
        label = LABELS[target]
        if target == "clv":
            results[target] = regression_metrics(holdout[label].to_numpy(float), predicted)
        else:
            results[target] = classification_metrics(
                holdout[label].astype(int).to_numpy(), predicted, 0.5
            )
    return {"method": method, "holdout_metrics": results}
