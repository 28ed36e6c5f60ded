"""Write outputs/ml_predictions_report.txt (client-intelligence report)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
