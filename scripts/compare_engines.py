"""Staging on DuckDB and Spark, compared table by table (client-intelligence compare-engines)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
