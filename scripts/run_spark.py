"""The project on Spark: SQL models by dbt, Python models in-process (client-intelligence
run-spark)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
