"""DuckDB tables into Spark, and Spark models compared (client-intelligence spark-tables)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
