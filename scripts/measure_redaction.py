#!/usr/bin/env python
"""Print redaction recall (per type and language) on the identifier corpus, and over-redaction
on notes with no personal data and on demo notes. Builds the project four times (~2 min).

python scripts/measure_redaction.py [--demo-clients 2000] [--workdir DIR]
"""

import argparse
import sys
import tempfile
from pathlib import Path

from client_intelligence.redaction.measure import run

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--demo-clients", type=int, default=2000)
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary folder")
    args = parser.parse_args()
    if args.workdir:
        run(args.workdir, args.demo_clients)
    else:
        with tempfile.TemporaryDirectory(prefix="redaction-") as workdir:
            run(Path(workdir), args.demo_clients)
    sys.exit(0)
