"""Dashboard load time in Chromium, 5,000 clients (client-intelligence bench-dashboard)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
