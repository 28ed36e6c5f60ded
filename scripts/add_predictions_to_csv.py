#!/usr/bin/env python
"""Add purchase, churn and CLV predictions to any CSV of client notes.

python scripts/add_predictions_to_csv.py INPUT.csv --text-column "Customer Notes"
    [--id-column CustomerID] [--date-column C] [--language-column C] [--output OUT.csv]
"""

import sys

from client_intelligence.csv_scoring_cli import main

if __name__ == "__main__":
    sys.exit(main())
