"""Generate the SYNTHETIC demo data into data/demo (client-intelligence demo-data)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
