#!/usr/bin/env python
"""Erase a client: python scripts/erase_client.py CLIENT_ID [--no-rebuild]

Adds the client (as a sha256) to privacy/erased_clients.csv, rebuilds with `dbt build` and, if a
dashboard was exported, exports it again. The raw CRM exports are not touched: erase the
client there too.
"""

import argparse
import sys

from client_intelligence.dashboard import export_dashboard
from client_intelligence.erasure import record_erasure
from client_intelligence.project import PROJECT_ROOT, DbtCommandError, duckdb_path, run_dbt

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("client_id")
    parser.add_argument("--no-rebuild", action="store_true", help="only record the erasure")
    args = parser.parse_args()
    added = record_erasure(args.client_id)
    print("recorded in privacy/erased_clients.csv" if added else "already recorded")
    if not args.no_rebuild:
        try:
            run_dbt(["build"], quiet=True)
        except DbtCommandError as error:
            print(f"error: rebuild failed, run `dbt build` again:\n{error}", file=sys.stderr)
            sys.exit(1)
        print("rebuilt with dbt build")
        dashboard = PROJECT_ROOT / "dashboard"
        if (dashboard / "data.json").exists():
            export_dashboard(duckdb_path(), dashboard)
            print("dashboard exported again")
    sys.exit(0)
