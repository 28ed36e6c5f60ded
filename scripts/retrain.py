#!/usr/bin/env python
"""Continuous training: python scripts/retrain.py [--full | --incremental] [--dry-run]"""

import sys

from client_intelligence.retrain_cli import main

if __name__ == "__main__":
    sys.exit(main())
