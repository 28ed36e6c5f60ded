#!/usr/bin/env python
"""Generate the SYNTHETIC demo data (notes.csv, transactions.csv) into data/demo.

python scripts/generate_demo_data.py [--clients 2000] [--seed 42] [--output-dir data/demo]
The generative story is documented in client_intelligence/demo_data.py.
"""

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from client_intelligence.demo_data import generate
from client_intelligence.project import PROJECT_ROOT


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--output-dir", type=Path, default=PROJECT_ROOT / "data" / "demo")
    parser.add_argument("--end-date", type=dt.date.fromisoformat, default=dt.date(2026, 6, 30))
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--bad-row-rate", type=float, default=0.002)
    args = parser.parse_args()
    started = time.perf_counter()
    counts = generate(
        args.output_dir,
        clients=args.clients,
        seed=args.seed,
        end_date=args.end_date,
        months=args.months,
        bad_row_rate=args.bad_row_rate,
    )
    elapsed = time.perf_counter() - started
    print(
        f"synthetic demo data in {args.output_dir}: {counts['clients']:,} clients, "
        f"{counts['notes']:,} notes, {counts['transactions']:,} transactions, "
        f"{counts['outcomes']:,} CRM outcomes ({elapsed:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
