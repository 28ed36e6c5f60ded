"""Erase a client and rebuild (client-intelligence erase)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
