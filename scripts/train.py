#!/usr/bin/env python
"""Train the fast or elite tier from ml_training_examples: python scripts/train.py --tier fast"""

import sys

from client_intelligence.train_cli import main

if __name__ == "__main__":
    sys.exit(main())
