#!/usr/bin/env python
"""Write outputs/ml_predictions_report.txt from the ml_predictions_report view."""

import argparse
import sys
from pathlib import Path

from client_intelligence.project import PROJECT_ROOT, duckdb_path
from client_intelligence.report import write_report

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument(
        "--output", type=Path, default=PROJECT_ROOT / "outputs" / "ml_predictions_report.txt"
    )
    args = parser.parse_args()
    print(write_report(args.database or duckdb_path(), args.output))
    sys.exit(0)
