"""Scoring and CSV-scorer throughput (client-intelligence bench-scoring)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
