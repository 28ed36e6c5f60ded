#!/usr/bin/env python
"""Print precision, recall and F1 of concept tags on the hand-annotated evaluation notes."""

import argparse
import sys

from client_intelligence.concept_eval import evaluate, format_report

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--set",
        dest="sets",
        action="append",
        help="annotated set under tests/fixtures/concept_eval (default: tuning and held_out)",
    )
    parser.add_argument("--worst", type=int, default=15, help="false positives and misses shown")
    args = parser.parse_args()
    for set_name in args.sets or ["tuning", "held_out"]:
        print(format_report(set_name, evaluate(set_name), args.worst), end="\n\n")
    sys.exit(0)
