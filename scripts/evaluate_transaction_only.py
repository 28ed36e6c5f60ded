"""Elite vs BG/NBD on purchase logs without notes (client-intelligence eval-transaction-only)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
