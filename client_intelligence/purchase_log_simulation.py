"""Synthetic purchase logs with no notes, for measuring the models on transaction-only data.

SYNTHETIC DATA. Written independently of the demo generator (demo_data.py) and of the features:
customers are acquired through the window (with a pre-existing base), buy as a seasonal Poisson
process at a Gamma-distributed personal rate, and drop out at any time (Pareto/NBD, not BG/NBD's
drop-out-after-a-purchase); a share are won back by a campaign months after they lapsed; baskets
are log-normal around a personal mean with occasional split baskets and big-ticket days. So the
BG/NBD baseline is misspecified in realistic ways (seasonality, win-backs), as on real logs.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

NOTES_HEADER = ["ID", "Date", "Duration", "Language", "Length", "Transcription", "client_id"]
TRANSACTION_HEADER = ["transaction_id", "client_id", "transaction_date", "amount_eur", "category"]
CATEGORIES = ("leather_goods", "ready_to_wear", "jewellery", "watches", "shoes", "fragrance")


def seasonality(days: np.ndarray, start: dt.date) -> np.ndarray:
    """Rate multiplier by calendar day: a December peak, January and July sales, a quiet spring."""
    day_of_year = np.array(
        [(start + dt.timedelta(days=int(d))).timetuple().tm_yday for d in days], dtype=float
    )
    december = np.exp(-(((day_of_year - 350) / 12) ** 2)) * 1.6
    sales = (
        np.exp(-(((day_of_year - 10) / 8) ** 2)) * 0.8
        + np.exp(-(((day_of_year - 190) / 10) ** 2)) * 0.7
    )
    spring = -0.3 * np.exp(-(((day_of_year - 100) / 30) ** 2))
    return 1.0 + december + sales + spring


def simulate(
    customers: int = 30_000, months: int = 18, seed: int = 2024, end: dt.date | None = None
) -> list[tuple[str, str, str, float, str]]:
    """(transaction_id, client_id, date, amount, category) rows, oldest first."""
    rng = np.random.default_rng(seed)
    end = end or dt.date(2026, 6, 30)
    span = int(months * 30.44)
    start = end - dt.timedelta(days=span)
    season = seasonality(np.arange(span + 1), start)
    # 40% were customers before the window opened (first purchase up to 3 years earlier, but
    # only purchases inside the window are exported); the rest are acquired inside it.
    existing = rng.random(customers) < 0.4
    acquired = np.where(
        existing, -rng.integers(0, 3 * 365, customers), rng.integers(0, span - 30, customers)
    )
    rate = rng.gamma(0.8, (2.2 / 365) / 0.8, customers)  # ~2.2 purchases a year on average
    lifetime = rng.exponential(1 / rng.gamma(1.5, (1 / 700) / 1.5, customers))
    basket = np.exp(rng.normal(np.log(350), 0.9, customers))
    favourite = rng.integers(0, len(CATEGORIES), customers)
    win_back = rng.random(customers) < 0.12
    rows: list[tuple[str, str, str, float, str]] = []
    for client in range(customers):
        days = _purchase_days(rng, acquired[client], lifetime[client], rate[client], span, season)
        if win_back[client]:
            lapse = acquired[client] + lifetime[client] + rng.integers(120, 300)
            days += _purchase_days(rng, lapse, rng.exponential(200), rate[client], span, season)
        if not existing[client] and 0 <= acquired[client] <= span:
            days.append(int(acquired[client]))  # the first purchase is the acquisition
        for day in sorted(set(days)):
            pieces = 2 if rng.random() < 0.08 else 1
            big = 4.0 if rng.random() < 0.04 else 1.0
            for _ in range(pieces):
                amount = basket[client] * big * np.exp(rng.normal(0, 0.5)) / pieces
                category = CATEGORIES[
                    favourite[client] if rng.random() < 0.6 else rng.integers(0, len(CATEGORIES))
                ]
                date = (start + dt.timedelta(days=day)).isoformat()
                rows.append(("", f"SIM-C{client:07d}", date, round(float(amount), 2), category))
    rows.sort(key=lambda row: (row[2], row[1]))
    return [(f"SIM-T{index:09d}", *row[1:]) for index, row in enumerate(rows)]


def _purchase_days(rng, begin, lifetime, rate, span, season) -> list[int]:
    """Days of a seasonal Poisson process at `rate` between begin and begin + lifetime, thinned
    to the export window."""
    first, last = max(0, int(begin) + 1), min(span, int(begin + lifetime))
    if last <= first:
        return []
    peak = float(season.max())
    count = rng.poisson(rate * peak * (last - first))
    candidates = rng.integers(first, last + 1, count)
    keep = rng.random(count) < season[candidates] / peak
    return [int(day) for day in candidates[keep]]


def write_purchase_log(folder: Path, rows: list[tuple]) -> None:
    """transactions.csv and an empty notes export (the header only) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "transactions.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(TRANSACTION_HEADER)
        writer.writerows(rows)
    write_empty_notes(folder)


def write_empty_notes(folder: Path) -> None:
    with (folder / "notes.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(NOTES_HEADER)
