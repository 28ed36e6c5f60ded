"""The baseline that customer-lifetime-value practitioners know: BG/NBD + Gamma-Gamma.

One fit/apply pair, used everywhere the project needs purchase-history modelling: the baseline
metrics in the training report, the purchase-history features of every snapshot
(purchase_history.py) and the baseline predictor an artifact keeps for a target when it beats the
trained model (predictor_selection.py). So the features, the baseline and a kept baseline cannot
disagree.

The fit reads lifetimes' frequency / recency / T from the feature table (repeat_purchase_days,
purchase_span_days, customer_age_days: computed in SQL by int_client_features_as_of, strictly
before the snapshot's cutoff) and fits BG/NBD on one row per distinct (frequency, recency, T)
with its count as weight, and Gamma-Gamma on a seeded sample of repeat buyers: cheap at a million
clients. Only the fitted parameters are kept (a small, picklable object). If the fit fails to
converge, an RFM heuristic stands in, and `method` says so.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from client_intelligence.metrics import classification_metrics, regression_metrics

FREQUENCY, RECENCY, AGE, SPEND = (
    "repeat_purchase_days",
    "purchase_span_days",
    "customer_age_days",
    "monetary_avg_eur",
)
RFM_COLUMNS = (FREQUENCY, RECENCY, AGE, SPEND)
BGNBD_METHOD = "BG/NBD + Gamma-Gamma (lifetimes)"
# Gamma-Gamma has no sufficient statistic to group on (spend is continuous): a seeded sample of
# repeat buyers keeps its fit at a fixed cost however many clients there are.
SPEND_FIT_SAMPLE = 50_000
# BG/NBD is fitted on one row per distinct (frequency, recency, T) with its count as weight;
# above this many buyers, on those of a seeded sample (the parameters are population-level).
PURCHASE_FIT_SAMPLE = 100_000
SEED = 0


@dataclass(frozen=True)
class BaselineModel:
    """Fitted BG/NBD (r, alpha, a, b) and Gamma-Gamma (p, q, v) parameters, or the heuristic."""

    method: str
    bgnbd: dict[str, float] | None
    gamma_gamma: dict[str, float] | None
    mean_spend_eur: float
    fit_clients: int


def rfm_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """lifetimes' frequency / recency / T / monetary_value from the SQL feature columns.

    Clients with no purchase have frequency 0, recency 0 and T 0 (just acquired).
    """
    missing = [name for name in RFM_COLUMNS if name not in frame.columns]
    if missing:
        raise KeyError(f"the feature table lacks {', '.join(missing)}: rebuild it with dbt build")
    return pd.DataFrame(
        {
            "frequency": frame[FREQUENCY].fillna(0).to_numpy(float),
            "recency": frame[RECENCY].fillna(0).to_numpy(float),
            "T": frame[AGE].fillna(0).to_numpy(float),
            "monetary_value": frame[SPEND].fillna(0).to_numpy(float),
        },
        index=frame.index,
    )


def fit_baseline(frame: pd.DataFrame) -> BaselineModel:
    """Fit BG/NBD + Gamma-Gamma on one snapshot's clients (purchases before its cutoff)."""
    summary = rfm_summary(frame)
    buyers = summary[summary["T"] > 0]
    mean_spend = float(buyers["monetary_value"].mean()) if len(buyers) else 0.0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # lifetimes warns on edge cases of the likelihood
            bgnbd = _fit_bgnbd(buyers)
            gamma_gamma = _fit_gamma_gamma(buyers)
    except Exception as error:  # convergence failures are data-dependent
        method = f"RFM heuristic (BG/NBD failed: {type(error).__name__})"
        return BaselineModel(method, None, None, mean_spend, len(buyers))
    return BaselineModel(BGNBD_METHOD, bgnbd, gamma_gamma, mean_spend, len(buyers))


def _fit_bgnbd(buyers: pd.DataFrame) -> dict[str, float]:
    from lifetimes import BetaGeoFitter

    if len(buyers) > PURCHASE_FIT_SAMPLE:
        buyers = buyers.sample(PURCHASE_FIT_SAMPLE, random_state=SEED)
    grouped = buyers.groupby(["frequency", "recency", "T"]).size().reset_index(name="clients")
    bgf = BetaGeoFitter(penalizer_coef=0.01)
    bgf.fit(grouped["frequency"], grouped["recency"], grouped["T"], weights=grouped["clients"])
    return {name: float(value) for name, value in bgf.params_.items()}


def _fit_gamma_gamma(buyers: pd.DataFrame) -> dict[str, float]:
    from lifetimes import GammaGammaFitter

    repeat = buyers[(buyers["frequency"] > 0) & (buyers["monetary_value"] > 0)]
    if len(repeat) > SPEND_FIT_SAMPLE:
        repeat = repeat.sample(SPEND_FIT_SAMPLE, random_state=SEED)
    ggf = GammaGammaFitter(penalizer_coef=0.01)
    ggf.fit(repeat["frequency"], repeat["monetary_value"])
    return {name: float(value) for name, value in ggf.params_.items()}


@dataclass
class BaselineOutputs:
    """Per-client BG/NBD + Gamma-Gamma outputs for one set of horizons."""

    p_alive: np.ndarray
    expected_purchases: dict[str, np.ndarray]  # by target name: purchases within its horizon
    expected_average_spend: np.ndarray
    purchase: np.ndarray  # P(at least one purchase within the purchase horizon)
    churn: np.ndarray  # P(no purchase within the churn horizon)
    clv: np.ndarray  # expected spend within the CLV horizon
    clv_low: np.ndarray  # 10th / 90th percentile of that spend (posterior predictive)
    clv_high: np.ndarray


def apply_baseline(
    model: BaselineModel,
    frame: pd.DataFrame,
    horizons: dict[str, int],
    with_interval: bool = False,
) -> BaselineOutputs:
    """The fitted baseline's outputs for every row of a feature table.

    BG/NBD's outputs depend only on (frequency, recency, T): they are computed once per distinct
    triple (clients share them: most bought once) and spread back to the rows. The CLV interval,
    costlier, only when asked for (a kept CLV baseline).
    """
    summary = rfm_summary(frame)
    if model.bgnbd is None:
        return _rfm_heuristic(model, summary, horizons)
    r, alpha, a, b = (model.bgnbd[name] for name in ("r", "alpha", "a", "b"))
    (f, rec, t), rows = distinct_triples(summary)
    alive, expected = _bgnbd_expectations(r, alpha, a, b, f, rec, t, horizons)
    spend = _expected_average_spend(
        model, summary["frequency"].to_numpy(), summary["monetary_value"].to_numpy()
    )
    clv = expected["clv"][rows] * spend
    low = high = clv
    if with_interval:
        low, high = _clv_interval(r, alpha, f[rows], t[rows], alive[rows], horizons["clv"], spend)
    return BaselineOutputs(
        p_alive=alive[rows],
        expected_purchases={name: values[rows] for name, values in expected.items()},
        expected_average_spend=spend,
        purchase=1 - _probability_no_purchase(r, alpha, f, t, alive, horizons["purchase"])[rows],
        churn=_probability_no_purchase(r, alpha, f, t, alive, horizons["churn"])[rows],
        clv=clv,
        clv_low=low,
        clv_high=high,
    )


def distinct_triples(summary: pd.DataFrame) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """The distinct (frequency, recency, T) of the rows, and each row's position among them.

    They are whole days, so one int64 key per row (21 bits each) sorts fast; np.unique on rows
    of floats costs seconds per million.
    """
    days = [
        np.clip(np.round(summary[name].to_numpy()), 0, 2**21 - 1).astype(np.int64)
        for name in ("frequency", "recency", "T")
    ]
    keys = (days[0] << 42) | (days[1] << 21) | days[2]
    unique, rows = np.unique(keys, return_inverse=True)
    mask = 2**21 - 1
    triples = ((unique >> 42) & mask, (unique >> 21) & mask, unique & mask)
    return tuple(part.astype(float) for part in triples), rows.reshape(-1)


def _bgnbd_expectations(r, alpha, a, b, f, rec, t, horizons):
    """P(alive | history) and E[purchases in (T, T + days] | history] per horizon, by lifetimes
    (Fader, Hardie & Lee 2005, eq. 10 and 11) on the stored parameters."""
    from lifetimes import BetaGeoFitter

    bgf = BetaGeoFitter()
    bgf.params_ = pd.Series({"r": r, "alpha": alpha, "a": a, "b": b})
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        alive = np.asarray(bgf.conditional_probability_alive(f, rec, t), dtype=float)
        expected = {
            name: np.nan_to_num(
                np.asarray(
                    bgf.conditional_expected_number_of_purchases_up_to_time(days, f, rec, t),
                    dtype=float,
                ),
                nan=0.0,
                posinf=0.0,
            ).clip(min=0)
            for name, days in horizons.items()
        }
    return alive, expected


def _probability_no_purchase(r, alpha, f, t, alive, days) -> np.ndarray:
    """P(no purchase in the next `days` | history).

    Alive clients buy at a rate whose posterior is Gamma(r + x, alpha + T); under BG/NBD a client
    can only drop out right after a purchase, so: P(0) = (1 - P(alive)) + P(alive) *
    ((alpha + T) / (alpha + T + days)) ** (r + x). lifetimes has no conditional version.
    """
    quiet_if_alive = ((alpha + t) / (alpha + t + days)) ** (r + f)
    return (1 - alive) + alive * quiet_if_alive


def _expected_average_spend(model: BaselineModel, f, monetary) -> np.ndarray:
    """Gamma-Gamma's posterior mean spend per purchase; the population mean without repeats."""
    p, q, v = (model.gamma_gamma[name] for name in ("p", "q", "v"))
    if q <= 1:  # the population mean does not exist: each repeat buyer's own mean stands
        population, weight = model.mean_spend_eur, np.ones_like(f, dtype=float)
    else:
        population = p * v / (q - 1)
        weight = p * f / (p * f + q - 1)
    individual = (1 - weight) * population + weight * monetary
    return np.clip(np.where((f > 0) & (monetary > 0), individual, population), 0, None)


def _clv_interval(r, alpha, f, t, alive, days, spend) -> tuple[np.ndarray, np.ndarray]:
    """10th and 90th percentiles of spend in the CLV horizon, from the posterior predictive.

    An alive client's purchases in the horizon are negative binomial (Gamma-Poisson: shape r + x,
    success probability (alpha + T) / (alpha + T + days)); a dead one buys nothing. The mixture's
    quantiles times the expected spend per purchase give the interval. It ignores dropout within
    the horizon and spend variance; the holdout coverage in metadata.json says how well it holds.
    """
    success = (alpha + t) / (alpha + t + days)
    dead = 1 - alive
    bounds = []
    for level in (0.1, 0.9):
        within_alive = np.clip((level - dead) / np.maximum(alive, 1e-12), 0, 1 - 1e-9)
        purchases = negative_binomial_quantile(within_alive, r + f, success)
        bounds.append(np.where(level <= dead, 0.0, purchases) * spend)
    return bounds[0], bounds[1]


def negative_binomial_quantile(
    level: np.ndarray, shape: np.ndarray, success: np.ndarray, max_count: int = 400
) -> np.ndarray:
    """Smallest k with P(K <= k) >= level, K ~ NB(shape, success), vectorized.

    Walks the pmf recursion (pmf(k+1) = pmf(k) (shape + k) / (k + 1) (1 - success)) over all
    rows at once: scipy's nbinom.ppf costs about 30 s per million rows. Rows still short at
    `max_count` get a normal approximation.
    """
    pmf = success**shape
    cdf = pmf.copy()
    quantile = np.where(cdf >= level, 0.0, np.nan)
    for count in range(max_count):
        pending = np.isnan(quantile)
        if not pending.any():
            break
        pmf = pmf * (shape + count) / (count + 1) * (1 - success)
        cdf = cdf + pmf
        quantile[pending & (cdf >= level)] = count + 1
    pending = np.isnan(quantile)
    if pending.any():
        from scipy.stats import norm

        mean = shape * (1 - success) / success
        sd = np.sqrt(mean / success)
        quantile[pending] = np.maximum(mean + norm.ppf(level) * sd, max_count)[pending]
    return quantile


def _rfm_heuristic(
    model: BaselineModel, summary: pd.DataFrame, horizons: dict[str, int]
) -> BaselineOutputs:
    """Rank-based stand-in: frequent, recent buyers buy again; value is their past rate."""
    recency_gap = summary["T"] - summary["recency"]
    score = (summary["frequency"].rank(pct=True) * (1 - recency_gap.rank(pct=True))).to_numpy()
    yearly_rate = ((summary["frequency"] + 1) / np.maximum(summary["T"], 30) * 365).to_numpy()
    expected = {name: yearly_rate * days / 365 for name, days in horizons.items()}
    spend = summary["monetary_value"].to_numpy()
    clv = expected["clv"] * spend
    return BaselineOutputs(score, expected, spend, score, 1 - score, clv, 0 * clv, 2 * clv)


def evaluate_baseline(
    splits: dict[str, object], fits: dict[str, BaselineModel], horizons: dict[str, int]
) -> dict[str, object]:
    """Baseline holdout metrics per target, on exactly the model's holdout rows, with the fit on
    the purchases before the holdout cutoff (`fits` by cutoff, from purchase_history)."""
    from client_intelligence.features import TARGETS

    results: dict[str, object] = {}
    methods = set()
    for target in TARGETS:
        split = splits.get(target.name)
        if split is None:
            continue
        model = fits[split.holdout_cutoff]
        methods.add(model.method)
        predicted = getattr(apply_baseline(model, split.holdout, horizons), target.name)
        labels = split.holdout[target.label]
        if target.is_classification:
            results[target.name] = classification_metrics(
                labels.astype(int).to_numpy(), predicted, 0.5
            )
        else:
            results[target.name] = regression_metrics(labels.to_numpy(float), predicted)
    return {"method": " / ".join(sorted(methods)) or BGNBD_METHOD, "holdout_metrics": results}
