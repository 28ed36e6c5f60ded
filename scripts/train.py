"""Train the fast or elite tier from ml_training_examples (client-intelligence train)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
