"""Cost of fitting and applying BG/NBD + Gamma-Gamma at scale, printed, never asserted.

Synthetic RFM summaries (SYNTHETIC: Gamma purchase rates, exponential lifetimes, up to three
years of history, day resolution) for `clients` clients; the fit groups them by distinct
(frequency, recency, T) and samples repeat buyers for Gamma-Gamma (baseline.py).
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from client_intelligence.baseline import (
    AGE,
    FREQUENCY,
    RECENCY,
    SPEND,
    apply_baseline,
    fit_baseline,
)

HORIZONS = {"purchase": 90, "churn": 180, "clv": 365}


def synthetic_rfm(clients: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    age = rng.integers(1, 3 * 365, clients)
    lifetime = np.minimum(rng.exponential(600, clients), age)
    purchases = rng.poisson(rng.gamma(0.8, 3 / 365 / 0.8, clients) * lifetime)
    span = np.where(purchases > 0, (lifetime * rng.beta(5, 1, clients)).astype(int), 0)
    return pd.DataFrame(
        {
            FREQUENCY: purchases,
            RECENCY: span,
            AGE: age,
            SPEND: np.exp(rng.normal(np.log(400), 0.8, clients)),
        }
    )


def baseline_cost(clients: int) -> dict:
    frame = synthetic_rfm(clients)
    started = time.perf_counter()
    model = fit_baseline(frame)
    fitted = time.perf_counter()
    apply_baseline(model, frame, HORIZONS)
    applied = time.perf_counter()
    distinct = len(frame[frame[AGE] > 0].drop_duplicates([FREQUENCY, RECENCY, AGE]))
    return {
        "clients": clients,
        "distinct_frequency_recency_T": distinct,
        "fit_seconds": round(fitted - started, 2),
        "apply_seconds": round(applied - fitted, 2),
        "method": model.method,
    }
