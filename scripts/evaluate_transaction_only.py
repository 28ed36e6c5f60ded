#!/usr/bin/env python
"""Print a tier's holdout metrics against BG/NBD + Gamma-Gamma on transaction-only data.

python scripts/evaluate_transaction_only.py [--dataset demo-transactions|simulated] [--tier elite]
Builds each data set in a scratch warehouse (nothing in data/, warehouse/ or ml_artifacts/).
"""

import argparse
import tempfile
from pathlib import Path

from client_intelligence.transaction_only_evaluation import (
    DATASETS,
    build_and_train,
    report,
    write_dataset,
)

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dataset", choices=DATASETS, action="append")
    parser.add_argument("--tier", choices=["fast", "elite"], default="elite")
    parser.add_argument("--clients", type=int, default=None, help="2000 demo / 30000 simulated")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    for name in args.dataset or DATASETS:
        clients = args.clients or (2000 if name == "demo-transactions" else 30_000)
        with tempfile.TemporaryDirectory(prefix=f"{name}-") as workdir:
            raw = Path(workdir) / "raw"
            write_dataset(name, raw, clients, args.seed)
            print(report(name, args.tier, build_and_train(raw, Path(workdir), args.tier)))
            print()
