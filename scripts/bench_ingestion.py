"""Staging build time on clean exports and on the same exports with 0.1% malformed lines.

.venv/bin/python scripts/bench_ingestion.py --clients 200000 [--share 0.001] [--full]
"""

from __future__ import annotations

import argparse
import json

from client_intelligence.ingestion_benchmark import run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=200_000)
    parser.add_argument("--share", type=float, default=0.001, help="share of lines broken")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--full", action="store_true", help="build every model, not staging")
    args = parser.parse_args()
    print(json.dumps(run(args.clients, args.share, args.repeats, args.full), indent=2))


if __name__ == "__main__":
    main()
