"""Print the crontab lines or systemd units (client-intelligence schedule)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
