"""Redaction recall and over-redaction (client-intelligence eval-redaction)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
