"""The client knowledge graph as Cytoscape.js elements JSON, read from the DuckDB file.

dbt builds the graph and decides what the export holds (knowledge_graph_export_nodes, _edges,
_summary in models/exports: which clients come first, which sensitive edges are left out); this
module only caps the client nodes at a rank, checks that the result is a graph and serializes it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb

from client_intelligence.files import atomic_write_text
from client_intelligence.warehouse import table_exists

DEFAULT_MAX_GRAPH_CLIENTS = 500
GRAPH_TABLES = (
    "knowledge_graph_export_nodes",
    "knowledge_graph_export_edges",
    "knowledge_graph_export_summary",
)


class KnowledgeGraphError(ValueError):
    """The graph tables are missing or do not form a graph (an edge without its node)."""


def _require_tables(connection: duckdb.DuckDBPyConnection) -> None:
    missing = [name for name in GRAPH_TABLES if not table_exists(connection, name)]
    if missing:
        raise KnowledgeGraphError(
            f"{', '.join(missing)} (the export of knowledge_graph_nodes and "
            "knowledge_graph_edges) not found in the database: run `dbt build` with "
            "enable_ml_predictions true (the graph needs the predictions)."
        )


def validate_elements(elements: dict[str, list[dict[str, Any]]]) -> None:
    """Raise KnowledgeGraphError unless node ids are unique and every edge's ends are nodes."""
    counts = Counter(node["data"]["id"] for node in elements["nodes"])
    duplicates = sorted(node_id for node_id, count in counts.items() if count > 1)
    if duplicates:
        raise KnowledgeGraphError(f"duplicate node ids: {duplicates[:5]}")
    known = set(counts)
    dangling = [
        edge["data"]["id"]
        for edge in elements["edges"]
        if edge["data"]["source"] not in known or edge["data"]["target"] not in known
    ]
    if dangling:
        raise KnowledgeGraphError(
            f"{len(dangling)} edges point at missing nodes, e.g. {dangling[:3]}"
        )


def build_elements(
    database: Path, max_clients: int | None = DEFAULT_MAX_GRAPH_CLIENTS
) -> dict[str, Any]:
    """Cytoscape.js JSON: {"elements": {"nodes": [...], "edges": [...]}, "meta": {...}}.

    `max_clients` caps the client nodes (None keeps all); non-client nodes are always kept.
    """
    if max_clients is not None and max_clients < 0:
        raise ValueError(f"max_clients must be at least 0, got {max_clients}")
    kept = "" if max_clients is None else f"<= {int(max_clients)}"
    with duckdb.connect(str(database), read_only=True) as connection:
        _require_tables(connection)
        node_rows = connection.execute(
            "select node_id, label, node_type, node_group from knowledge_graph_export_nodes"
            + (f" where client_rank is null or client_rank {kept}" if kept else "")
            + " order by node_type, node_id"
        ).fetchall()
        edge_rows = connection.execute(
            "select edge_id, source, target, edge_type, weight from knowledge_graph_export_edges"
            + (f" where source_client_rank is null or source_client_rank {kept}" if kept else "")
            + " order by edge_type, edge_id"
        ).fetchall()
        total_clients, sensitive_edges_left_out = connection.execute(
            "select clients_total, sensitive_edges_left_out from knowledge_graph_export_summary"
        ).fetchone()
    nodes = [
        {"data": {"id": node_id, "label": label, "type": node_type, "group": group}}
        for node_id, label, node_type, group in node_rows
    ]
    kept_edges = [
        {
            "data": {
                "id": edge_id,
                "source": source,
                "target": target,
                "type": edge_type,
                "weight": float(weight),
            }
        }
        for edge_id, source, target, edge_type, weight in edge_rows
    ]
    elements = {"nodes": nodes, "edges": kept_edges}
    validate_elements(elements)
    return {
        "elements": elements,
        "meta": {
            "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "clients_total": total_clients,
            "clients_shown": sum(node["data"]["type"] == "client" for node in nodes),
            "sensitive_edges_left_out": sensitive_edges_left_out,
        },
    }


def graph_tables_present(database: Path) -> bool:
    """Whether the warehouse holds the graph (older ones, or builds without predictions, do not)."""
    with duckdb.connect(str(database), read_only=True) as connection:
        try:
            _require_tables(connection)
        except KnowledgeGraphError:
            return False
    return True


def export_knowledge_graph(
    database: Path,
    path: Path,
    max_clients: int | None = DEFAULT_MAX_GRAPH_CLIENTS,
    missing_ok: bool = False,
) -> dict[str, Any] | None:
    """Build, validate and write the Cytoscape JSON atomically (readers never see half a file).

    With `missing_ok`, a warehouse without the graph tables writes nothing and returns None,
    and a graph left from an earlier export is removed rather than shown beside newer data.
    """
    if missing_ok and not graph_tables_present(database):
        path.unlink(missing_ok=True)
        return None
    graph = build_elements(database, max_clients)
    atomic_write_text(path, json.dumps(graph, ensure_ascii=False, separators=(",", ":")))
    return graph
