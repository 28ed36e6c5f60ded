#!/usr/bin/env python
"""Print the crontab lines or systemd units that run the pipeline daily and retrain weekly.

Nothing is installed: paste the output into `crontab -e`, or save the units as printed.
"""

import argparse
import sys

from client_intelligence.schedule import crontab, systemd_text

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    output = parser.add_mutually_exclusive_group(required=True)
    output.add_argument("--print-crontab", action="store_true", help="crontab lines")
    output.add_argument("--systemd", action="store_true", help="systemd .service and .timer units")
    parser.add_argument(
        "--retrain-mode",
        choices=["full", "incremental"],
        default="full",
        help="how the weekly job calls scripts/retrain.py (default: --full)",
    )
    args = parser.parse_args()
    print(
        crontab(retrain_mode=args.retrain_mode)
        if args.print_crontab
        else systemd_text(retrain_mode=args.retrain_mode),
        end="",
    )
    sys.exit(0)
