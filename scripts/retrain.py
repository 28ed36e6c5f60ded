"""Continuous training: a candidate judged against the champion (client-intelligence retrain)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
