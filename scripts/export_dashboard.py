"""Export data.json, index.html, knowledge_graph.json (client-intelligence export)."""

from client_intelligence.cli import run_script

raise SystemExit(run_script(__file__))
