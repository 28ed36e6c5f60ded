"""Staging build time, clean vs 0.1% malformed lines (client-intelligence bench-ingestion)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
