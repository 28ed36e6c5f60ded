#!/usr/bin/env python
"""Print the cost of fitting and applying BG/NBD + Gamma-Gamma (python scripts/bench_baseline_fit.py
[--clients 1000000]). Training fits it once per cutoff; scoring only applies it."""

import argparse
import json

from client_intelligence.baseline_benchmark import baseline_cost

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, action="append")
    for clients in parser.parse_args().clients or [100_000, 1_000_000]:
        print(json.dumps(baseline_cost(clients)))
