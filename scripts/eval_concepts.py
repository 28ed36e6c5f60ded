"""Concept tags against the hand-annotated notes (client-intelligence eval-concepts)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
