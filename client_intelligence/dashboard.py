"""dashboard/data.json and dashboard/index.html, serialized from the dashboard_* models.

What the page shows is decided in SQL (models/exports, with contracts and tests); this module
only reads those models, caps the rows it was asked to cap, validates the JSON schema and
writes the files atomically.

The page is one self-contained file: plotly.js (from the plotly package) and the data are
inlined, so it opens from disk with no server and no internet.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import plotly.offline

from client_intelligence.artifacts import read_metadata, scored_by_dir
from client_intelligence.files import atomic_write_text
from client_intelligence.knowledge_graph import export_knowledge_graph
from client_intelligence.project import project_vars
from client_intelligence.warehouse import table_exists

TEMPLATE = Path(__file__).with_name("dashboard_template.html")
SCHEMA = json.loads(Path(__file__).with_name("dashboard_schema.json").read_text())
DEFAULT_MAX_CLIENTS = 5000
# The 3D map shows at most this many clients: a fixed sample (by hash of the client id, so the
# same clients every export) of all clients, not only the table's top ones, so every segment
# shows. A browser draws a few thousand WebGL points without effort.
DEFAULT_MAP_POINTS = 3000


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    relation = connection.sql(sql)
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


def _export(
    connection: duckdb.DuckDBPyConnection, model: str, order_by: str, limit: int | None = None
) -> list[dict[str, Any]]:
    """The rows of one export model, in its own order, optionally the first `limit`."""
    limit_clause = "" if limit is None else f" limit {int(limit)}"
    return _rows(connection, f"select * from {model} order by {order_by}{limit_clause}")


def _without(rows: list[dict[str, Any]], *columns: str) -> list[dict[str, Any]]:
    """Rows without the ordering columns the page does not show."""
    return [{key: value for key, value in row.items() if key not in columns} for row in rows]


def _model(connection: duckdb.DuckDBPyConnection, model_dir: str | None) -> dict[str, Any]:
    """The tier and version that scored the rows, with the metadata of that same artifact: the
    pinned `model_dir` when set, as it was for scoring (the dbt var's default otherwise)."""
    tier, version = connection.execute(
        "select any_value(model_tier), any_value(model_version)"
        " from client_profiles_with_predictions"
    ).fetchall()[0]
    if model_dir is None:
        model_dir = project_vars().get("model_dir") or None
    directory = scored_by_dir(str(tier), str(version), model_dir)
    metadata = read_metadata(directory) if directory.is_dir() else {}
    if metadata.get("version") != version:
        metadata = {}  # not the artifact that scored these rows: no metrics rather than wrong ones
    segmentation = metadata.get("segmentation", {})
    return {
        "tier": tier,
        "version": version,
        "holdout_metrics": metadata.get("holdout_metrics", {}),
        "segmentation": {
            key: segmentation[key]
            for key in ("chosen_k", "silhouette_by_k", "map_explained_variance")
            if key in segmentation
        },
    }


def _monitoring(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts of the monitoring checks by status, and every warning or alert."""
    counts = {"ok": 0, "warning": 0, "alert": 0}
    if not table_exists(connection, "dashboard_monitoring_checks"):
        detail = "ml_model_monitoring has not been built: run `dbt build`"
        return {"status": "not_run", "counts": counts, "warnings": [], "detail": detail}
    checks = _without(
        _export(connection, "dashboard_monitoring_checks", "check_order"), "check_order"
    )
    for check in checks:
        counts[check["status"]] += 1
    status = "alert" if counts["alert"] else "warning" if counts["warning"] else "ok"
    warnings = [check for check in checks if check["status"] != "ok"]
    return {"status": status, "counts": counts, "warnings": warnings, "detail": None}


def _actions_by_client(connection: duckdb.DuckDBPyConnection, max_clients: int):
    """The listed clients' recommended actions (dashboard_client_actions), best first."""
    rows = _rows(
        connection,
        f"""
        select actions.* from dashboard_client_actions as actions
        inner join dashboard_clients as clients on actions.client_id = clients.id
        where clients.priority_rank <= {int(max_clients)}
        order by actions.client_id, actions.rank
        """,
    )
    actions: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        actions.setdefault(row.pop("client_id"), []).append(row)
    return actions


def _source_load(connection: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """source_load_report as is: what each raw file gave, and what was set aside and why."""
    rows = _rows(
        connection,
        """
        select source_name, source_file, rows_read, rows_kept, rows_rejected, rows_malformed,
            round(rejected_share, 4) as rejected_share,
            to_json(rejected_by_reason)::varchar as rejected_by_reason
        from source_load_report order by source_name, source_file
        """,
    )
    for row in rows:
        row["rejected_by_reason"] = json.loads(row["rejected_by_reason"])
    return rows


def build_dashboard_data(
    database: Path,
    max_clients: int = DEFAULT_MAX_CLIENTS,
    map_points: int = DEFAULT_MAP_POINTS,
    model_dir: str | None = None,
) -> dict[str, Any]:
    """Everything the page shows, read from the dashboard_* models; `clients` holds the top
    `max_clients` by marketing priority. Parts whose model an older warehouse lacks are empty."""
    with duckdb.connect(str(database), read_only=True) as connection:
        has_segments = table_exists(connection, "dashboard_client_segments")
        has_actions = table_exists(connection, "dashboard_client_actions")
        metrics = _rows(connection, "select * from dashboard_metrics")[0]
        segments = _export(connection, "dashboard_segments", "segment_type, segment")
        metrics["segment_counts"] = {row["segment"]: row["clients"] for row in segments}
        concepts = _without(
            _export(connection, "dashboard_concepts", "mention_rank"), "mention_rank"
        )
        clients = _without(
            _export(connection, "dashboard_clients", "priority_rank", max_clients),
            "priority_rank",
        )
        actions = _actions_by_client(connection, max_clients) if has_actions else {}
        for client in clients:
            client["actions"] = actions.get(client["id"], [])
        client_segments = (
            _export(connection, "dashboard_client_segments", "segment_id") if has_segments else []
        )
        points = (
            _without(
                _export(connection, "dashboard_map_points", "map_order", map_points), "map_order"
            )
            if table_exists(connection, "dashboard_map_points")
            else []
        )
        monitoring = _monitoring(connection)
        source_load = _source_load(connection)
        model = _model(connection, model_dir)
    return {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "model": model,
        "metrics": metrics,
        "concepts": concepts,
        "segments": segments,
        "client_segments": client_segments,
        "map": {
            "points": points,
            "sample_rule": f"a fixed sample of at most {int(map_points)} clients"
            " (ordered by a hash of the client id)",
        },
        "actions_available": has_actions,
        "clients": clients,
        "monitoring": monitoring,
        "source_load": source_load,
    }


def render_page(data: dict[str, Any]) -> str:
    payload = json.dumps(data, default=str).replace("</", "<\\/")
    return (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("/*__PLOTLY_JS__*/", plotly.offline.get_plotlyjs())
        .replace("/*__DATA__*/null", payload)
    )


def export_dashboard(
    database: Path,
    output_dir: Path,
    max_clients: int = DEFAULT_MAX_CLIENTS,
    map_points: int = DEFAULT_MAP_POINTS,
    model_dir: str | None = None,
) -> dict:
    """Validate against the documented schema, then write data.json and index.html atomically."""
    data = build_dashboard_data(database, max_clients, map_points, model_dir)
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, SCHEMA)
    atomic_write_text(output_dir / "data.json", json.dumps(data, indent=1))
    atomic_write_text(output_dir / "index.html", render_page(data))
    export_knowledge_graph(database, output_dir / "knowledge_graph.json", missing_ok=True)
    return data
