#!/usr/bin/env python
"""Print the scoring throughput (no dbt start-up) and the CSV scorer's rows per second.

python scripts/bench_scoring.py [--clients 1000000] [--csv-rows 100000]
Needs a built warehouse and a trained model (`make run`).
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

from client_intelligence.project import duckdb_path
from client_intelligence.scoring_benchmark import csv_throughput, scoring_throughput

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--csv-rows", type=int, default=100_000)
    parser.add_argument("--model-dir", default=None)
    args = parser.parse_args()
    print(
        "predictions step:",
        json.dumps(scoring_throughput(duckdb_path(), args.clients, args.model_dir)),
    )
    if args.csv_rows:
        with tempfile.TemporaryDirectory() as workdir:
            result = csv_throughput(Path(workdir), args.csv_rows, args.model_dir)
        print("CSV scorer:", json.dumps(result))
    sys.exit(0)
