"""Demo notes: concept coverage and identifiers left (client-intelligence measure-demo-notes)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
