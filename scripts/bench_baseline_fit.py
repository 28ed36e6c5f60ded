"""BG/NBD + Gamma-Gamma fit and apply cost (client-intelligence bench-baseline)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
