"""The project on Spark: SQL by dbt, Python models in-process (client-intelligence run-spark)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
