"""The client knowledge graph as Cytoscape.js elements JSON, read from the DuckDB file.

dbt builds the graph (knowledge_graph_nodes, knowledge_graph_edges); this module only selects,
checks and serializes it. A graph of every client is too dense to read in a browser, so the
export keeps the top clients by their first recommended action (priority, then score) with all
their edges, and every concept, bucket, segment and action node.

Privacy: an INTERESTED_IN edge from a client to a sensitive concept (health, religion; the
sensitive_concepts seed) would reveal special-category data about that client, so the export
leaves those edges out; the concept nodes and their co-occurrences (counts over notes) stay.
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
GRAPH_TABLES = ("knowledge_graph_nodes", "knowledge_graph_edges", "recommended_actions")


class KnowledgeGraphError(ValueError):
    """The graph tables are missing or do not form a graph (an edge without its node)."""


def _require_tables(connection: duckdb.DuckDBPyConnection) -> None:
    missing = [name for name in GRAPH_TABLES if not table_exists(connection, name)]
    if missing:
        raise KnowledgeGraphError(
            f"{', '.join(missing)} not found in the database: run `dbt build` with "
            "enable_ml_predictions true (the graph needs the predictions)."
        )


def _kept_clients(connection: duckdb.DuckDBPyConnection, max_clients: int | None) -> list[str]:
    """Client node ids, clients with a High first action first, then by that action's score."""
    limit = "" if max_clients is None else f"limit {int(max_clients)}"
    rows = connection.execute(
        f"""
        select nodes.node_id
        from knowledge_graph_nodes as nodes
        left join recommended_actions as actions
            on nodes.node_id = 'client:' || actions.client_id and actions.action_rank = 1
        where nodes.node_type = 'client'
        order by
            case actions.priority when 'High' then 1 when 'Medium' then 2 when 'Low' then 3
                else 4 end,
            actions.score desc nulls last,
            nodes.node_id
        {limit}
        """
    ).fetchall()
    return [row[0] for row in rows]


def _sensitive_concept_nodes(connection: duckdb.DuckDBPyConnection) -> set[str]:
    if not table_exists(connection, "sensitive_concepts"):
        return set()
    rows = connection.execute("select 'concept:' || concept_id from sensitive_concepts").fetchall()
    return {row[0] for row in rows}


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
    with duckdb.connect(str(database), read_only=True) as connection:
        _require_tables(connection)
        clients = set(_kept_clients(connection, max_clients))
        sensitive = _sensitive_concept_nodes(connection)
        node_rows = connection.execute(
            "select node_id, label, node_type, node_group from knowledge_graph_nodes"
            " order by node_type, node_id"
        ).fetchall()
        edge_rows = connection.execute(
            "select edge_id, source, target, edge_type, weight from knowledge_graph_edges"
            " order by edge_type, edge_id"
        ).fetchall()
        total_clients = connection.execute(
            "select count(*) from knowledge_graph_nodes where node_type = 'client'"
        ).fetchone()[0]
    nodes = [
        {"data": {"id": node_id, "label": label, "type": node_type, "group": group}}
        for node_id, label, node_type, group in node_rows
        if node_type != "client" or node_id in clients
    ]
    kept_edges = []
    sensitive_edges_left_out = 0
    for edge_id, source, target, edge_type, weight in edge_rows:
        if source.startswith("client:") and source not in clients:
            continue
        if edge_type == "INTERESTED_IN" and target in sensitive:
            sensitive_edges_left_out += 1
            continue
        kept_edges.append(
            {
                "data": {
                    "id": edge_id,
                    "source": source,
                    "target": target,
                    "type": edge_type,
                    "weight": float(weight),
                }
            }
        )
    elements = {"nodes": nodes, "edges": kept_edges}
    validate_elements(elements)
    return {
        "elements": elements,
        "meta": {
            "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "clients_total": total_clients,
            "clients_shown": len(clients),
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
