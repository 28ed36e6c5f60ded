"""Benchmark the pipeline at several sizes into benchmarks/ (client-intelligence benchmark)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
