"""Small synthetic training examples (no dbt): RFM columns, two other features and labels.

Clients buy as a Poisson process at a personal rate and stop at a personal time; each cutoff's
features come from purchases before it and labels from the purchases after it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

HORIZONS = {"purchase": 90, "churn": 180, "clv": 365}


def purchase_histories(clients: int, days: int, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    rates = rng.gamma(1.0, 4 / 365, clients)
    stops = rng.exponential(500, clients)
    starts = rng.integers(0, days // 2, clients)
    histories = []
    for client in range(clients):
        end = min(days, starts[client] + stops[client])
        count = rng.poisson(rates[client] * max(end - starts[client], 0))
        purchase_days = np.unique(rng.integers(starts[client], max(end, starts[client] + 1), count))
        histories.append(np.union1d(purchase_days, [starts[client]]))
    return histories


def training_examples(
    clients: int = 1500,
    days: int = 1100,
    step: int = 45,
    seed: int = 0,
    clv_cutoffs: int | None = None,
) -> pd.DataFrame:
    """One row per client and cutoff; `clv_cutoffs` keeps the CLV label at only the earliest N."""
    rng = np.random.default_rng(seed + 1)
    histories = purchase_histories(clients, days, seed)
    spend = rng.lognormal(6, 0.5, clients)
    noise_feature = rng.normal(size=clients)
    rows = []
    cutoffs = list(range(days - 90, 180, -step))[::-1]
    for cutoff in cutoffs:
        for client, history in enumerate(histories):
            before, after = history[history < cutoff], history[history >= cutoff]
            if not len(before):
                continue
            rows.append(
                {
                    "example_id": f"c{client}:{cutoff}",
                    "client_id": f"c{client}",
                    "cutoff_date": (pd.Timestamp("2023-01-01") + pd.Timedelta(days=cutoff)).date(),
                    "repeat_purchase_days": len(before) - 1,
                    "purchase_span_days": int(before.max() - before.min()),
                    "customer_age_days": int(cutoff - before.min()),
                    "monetary_avg_eur": float(spend[client]),
                    "purchase_count": len(before),
                    "recency_days": int(cutoff - before.max()),
                    "noise": float(noise_feature[client]),
                    "primary_language": "en" if client % 3 else "fr",
                    "label_purchased": _known(cutoff, 90, days, int((after < cutoff + 90).any())),
                    "label_churned": _known(
                        cutoff, 180, days, int(not (after < cutoff + 180).any())
                    ),
                    "label_clv_eur": _known(
                        cutoff, 365, days, float((after < cutoff + 365).sum() * spend[client])
                    ),
                }
            )
    frame = pd.DataFrame(rows)
    if clv_cutoffs is not None:
        labelled = sorted(frame.loc[frame["label_clv_eur"].notna(), "cutoff_date"].unique())
        frame.loc[frame["cutoff_date"].isin(labelled[clv_cutoffs:]), "label_clv_eur"] = np.nan
    return frame


def _known(cutoff: int, horizon: int, days: int, value):
    return value if cutoff + horizon <= days else np.nan
