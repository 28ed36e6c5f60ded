#!/usr/bin/env python
"""Write dashboard/data.json, the self-contained dashboard/index.html and
dashboard/knowledge_graph.json (Cytoscape.js elements) from the DuckDB file."""

import argparse
import sys
from pathlib import Path

from client_intelligence.dashboard import (
    DEFAULT_MAP_POINTS,
    DEFAULT_MAX_CLIENTS,
    export_dashboard,
)
from client_intelligence.project import PROJECT_ROOT, duckdb_path

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument("--output-dir", type=Path, default=PROJECT_ROOT / "dashboard")
    parser.add_argument(
        "--max-clients",
        type=int,
        default=DEFAULT_MAX_CLIENTS,
        help="clients listed in the table, by marketing priority (metrics cover all clients)",
    )
    parser.add_argument(
        "--map-points",
        type=int,
        default=DEFAULT_MAP_POINTS,
        help="clients drawn on the 3D map (a fixed sample of all clients)",
    )
    args = parser.parse_args()
    data = export_dashboard(
        args.database or duckdb_path(), args.output_dir, args.max_clients, args.map_points
    )
    print(f"wrote {args.output_dir / 'data.json'} and index.html ({len(data['clients'])} clients)")
    sys.exit(0)
