#!/usr/bin/env python
"""Benchmark the pipeline at several sizes; writes benchmarks/results.json and RESULTS.md.

python scripts/benchmark.py --clients 2000 20000 200000 1000000 [--output benchmarks/results.json]
Scores with the selected artifact (or --model-dir); run `make run` first.
"""

import argparse
import sys
import tempfile
from pathlib import Path

from client_intelligence.benchmark import run_benchmark
from client_intelligence.project import PROJECT_ROOT

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, nargs="+", default=[2000, 20000, 200000, 1000000])
    parser.add_argument("--output", type=Path, default=PROJECT_ROOT / "benchmarks" / "results.json")
    parser.add_argument("--csv-rows", type=int, default=100_000)
    parser.add_argument("--model-dir", default=None)
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary folder")
    args = parser.parse_args()
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        run_benchmark(args.clients, args.output, args.workdir, args.csv_rows, args.model_dir)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
            run_benchmark(args.clients, args.output, Path(workdir), args.csv_rows, args.model_dir)
    sys.exit(0)
