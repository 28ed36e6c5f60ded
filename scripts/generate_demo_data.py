#!/usr/bin/env python
"""Generate the SYNTHETIC demo data (notes.csv, transactions.csv, README.md).

    python scripts/generate_demo_data.py [--clients 2000] [--seed 42] [--output-dir data/demo]

No real client is involved: everything is invented from the seed. The generative story is
documented in client_intelligence/demo_data.py; this script only parses arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _generator() -> Callable[..., dict[str, int]]:
    """The package's generate(), importable from a checkout without installing it."""
    try:
        module = importlib.import_module("client_intelligence.demo_data")
    except ModuleNotFoundError:
        sys.path.insert(0, str(REPO_ROOT))
        module = importlib.import_module("client_intelligence.demo_data")
    return module.generate


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Generate SYNTHETIC advisors' notes and sales (no real client)."
    )
    parser.add_argument("--clients", type=int, default=2000, help="number of clients (2000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (42)")
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=Path("data/demo"),
        help="output folder; a relative path is taken from the repository root (data/demo)",
    )
    parser.add_argument(
        "--end-date",
        type=dt.date.fromisoformat,
        default=dt.date(2026, 6, 30),
        help="last day of the period, YYYY-MM-DD (2026-06-30)",
    )
    parser.add_argument("--months", type=int, default=24, help="length of the period (24)")
    parser.add_argument(
        "--bad-row-rate",
        type=float,
        default=0.002,
        help="share of deliberately broken rows in each file (0.002)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    output_dir = args.output_dir if args.output_dir.is_absolute() else REPO_ROOT / args.output_dir
    started = time.perf_counter()
    counts = _generator()(
        output_dir,
        clients=args.clients,
        seed=args.seed,
        end_date=args.end_date,
        months=args.months,
        bad_row_rate=args.bad_row_rate,
    )
    elapsed = time.perf_counter() - started
    print(
        f"SYNTHETIC demo data in {output_dir}: {counts['clients']:,} clients, "
        f"{counts['notes']:,} notes, {counts['transactions']:,} transactions, "
        f"{elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
