"""Add predictions to any CSV of client notes (client-intelligence score-csv)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
