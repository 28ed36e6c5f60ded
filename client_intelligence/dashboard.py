"""dashboard/data.json and dashboard/index.html, serialized from the dashboard_* models.

What the page shows is decided in SQL (models/exports, with contracts and tests); this module
only reads those models, caps the rows it was asked to cap, nests each listed client's rows
(actions, timeline, risk history) under the client, validates the JSON schema and writes the
files atomically.

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
# "This week": the first rows of dashboard_call_list (a High-priority action, by its score).
DEFAULT_CALL_LIST = 100
# What the client panel reads of each listed client besides its dashboard_clients row: the
# per-client export model and the order of its rows.
CLIENT_DETAILS = {
    "actions": ("dashboard_client_actions", "rank"),
    "concept_timeline": ("dashboard_client_concept_timeline", "calendar_month, bucket"),
    "purchases": ("dashboard_client_purchases", "calendar_month"),
    "risk_history": ("dashboard_client_risk_history", "as_of_date, model_version"),
}


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    relation = connection.sql(sql)
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


def _export(
    connection: duckdb.DuckDBPyConnection, model: str, order_by: str, limit: int | None = None
) -> list[dict[str, Any]]:
    """The rows of one export model in `order_by` order, optionally the first `limit`; none when
    an older warehouse lacks the model (segments, actions, quality came later)."""
    if not table_exists(connection, model):
        return []
    limit_clause = "" if limit is None else f" limit {int(limit)}"
    return _rows(connection, f"select * from {model} order by {order_by}{limit_clause}")


def _without(rows: list[dict[str, Any]], *columns: str) -> list[dict[str, Any]]:
    """Rows without the ordering columns the page does not show."""
    return [{key: value for key, value in row.items() if key not in columns} for row in rows]


def _model(connection: duckdb.DuckDBPyConnection, model_dir: str | None) -> dict[str, Any]:
    """The tier and version that scored the rows, with the segmentation of that same artifact:
    the pinned `model_dir` when set, as it was for scoring (the dbt var's default otherwise)."""
    tier, version = connection.execute(
        "select any_value(model_tier), any_value(model_version)"
        " from client_profiles_with_predictions"
    ).fetchall()[0]
    if model_dir is None:
        model_dir = project_vars().get("model_dir") or None
    directory = scored_by_dir(str(tier), str(version), model_dir)
    metadata = read_metadata(directory) if directory.is_dir() else {}
    if metadata.get("version") != version:
        metadata = {}  # not the artifact that scored these rows: nothing rather than wrong
    segmentation = metadata.get("segmentation", {})
    return {
        "tier": tier,
        "version": version,
        "segmentation": {
            key: segmentation[key]
            for key in ("chosen_k", "silhouette_by_k", "map_explained_variance")
            if key in segmentation
        },
    }


def _model_quality(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The model-quality section: graded targets, every holdout metric, reliability curves,
    ablation, the training run and the grade thresholds (the dashboard_model_* models)."""
    training = _export(connection, "dashboard_model_training", "model_version")
    return {
        "training": training[0] if training else None,
        "targets": _without(
            _export(connection, "dashboard_model_quality", "target_order"), "target_order"
        ),
        "metrics": _without(
            _export(connection, "dashboard_model_metrics", "target_order, metric"), "target_order"
        ),
        "reliability": _export(connection, "dashboard_model_reliability", "target, bin"),
        "ablation": _without(
            _export(connection, "dashboard_model_ablation", "target_order, metric"), "target_order"
        ),
        "grades": _export(connection, "dashboard_model_grades", "target, grade_order"),
    }


def _monitoring(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Every monitoring check with the counts by status, the warnings and alerts apart (the
    banner), and the measures over time."""
    counts = {"ok": 0, "warning": 0, "alert": 0}
    if not table_exists(connection, "dashboard_monitoring_checks"):
        detail = "ml_model_monitoring has not been built: run `dbt build`"
        return {
            "status": "not_run",
            "counts": counts,
            "warnings": [],
            "checks": [],
            "history": [],
            "detail": detail,
        }
    checks = _without(
        _export(connection, "dashboard_monitoring_checks", "check_order"), "check_order"
    )
    for check in checks:
        counts[check["status"]] += 1
    status = "alert" if counts["alert"] else "warning" if counts["warning"] else "ok"
    history = _export(
        connection, "dashboard_monitoring_history", "kind, measure, model_version, as_of_date"
    )
    return {
        "status": status,
        "counts": counts,
        "warnings": [check for check in checks if check["status"] != "ok"],
        "checks": checks,
        "history": history,
        "detail": None,
    }


def _listed_clients(connection: duckdb.DuckDBPyConnection, max_clients: int, call_list: int) -> str:
    """SQL for the ids the export lists: the first `max_clients` by marketing priority and the
    first `call_list` clients of the call list, so that every call opens its client's panel."""
    listed = f"select id from dashboard_clients where priority_rank <= {int(max_clients)}"
    if table_exists(connection, "dashboard_call_list"):
        listed += f" union select id from dashboard_call_list where call_rank <= {int(call_list)}"
    return listed


def _by_client(
    connection: duckdb.DuckDBPyConnection, model: str, listed: str, order_by: str
) -> dict[str, list[dict[str, Any]]]:
    """The rows of a per-client export model (client_id first) for the listed clients, grouped
    by client in `order_by` order; none when an older warehouse lacks the model."""
    if not table_exists(connection, model):
        return {}
    rows = _rows(
        connection,
        f"select * from {model} where client_id in ({listed}) order by client_id, {order_by}",
    )
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row.pop("client_id"), []).append(row)
    return grouped


def _clients(
    connection: duckdb.DuckDBPyConnection, max_clients: int, call_list: int
) -> list[dict[str, Any]]:
    """The listed clients by marketing priority, each with its actions, timeline and history."""
    listed = _listed_clients(connection, max_clients, call_list)
    clients = _without(
        _rows(
            connection,
            f"select * from dashboard_clients where id in ({listed}) order by priority_rank",
        ),
        "priority_rank",
    )
    details = {
        name: _by_client(connection, model, listed, order_by)
        for name, (model, order_by) in CLIENT_DETAILS.items()
    }
    for client in clients:
        for name, rows in details.items():
            client[name] = rows.get(client["id"], [])
    return clients


def build_dashboard_data(
    database: Path,
    max_clients: int = DEFAULT_MAX_CLIENTS,
    map_points: int = DEFAULT_MAP_POINTS,
    model_dir: str | None = None,
    call_list: int = DEFAULT_CALL_LIST,
) -> dict[str, Any]:
    """Everything the page shows, read from the dashboard_* models; `clients` holds the top
    `max_clients` by marketing priority and the call list's first `call_list` clients.
    Parts whose model an older warehouse lacks are empty."""
    with duckdb.connect(str(database), read_only=True) as connection:
        metrics = _rows(connection, "select * from dashboard_metrics")[0]
        segments = _export(connection, "dashboard_segments", "segment_type, segment")
        metrics["segment_counts"] = {row["segment"]: row["clients"] for row in segments}
        points = _export(connection, "dashboard_map_points", "map_order", map_points)
        return {
            "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "model": _model(connection, model_dir),
            "model_quality": _model_quality(connection),
            "metrics": metrics,
            "concepts": _without(
                _export(connection, "dashboard_concepts", "mention_rank"), "mention_rank"
            ),
            "segments": segments,
            "client_segments": _export(connection, "dashboard_client_segments", "segment_id"),
            "map": {
                "points": _without(points, "map_order"),
                "sample_rule": f"a fixed sample of at most {int(map_points)} clients"
                " (ordered by a hash of the client id)",
            },
            "actions_available": table_exists(connection, "dashboard_client_actions"),
            "clients": _clients(connection, max_clients, call_list),
            "call_list": _without(
                _export(connection, "dashboard_call_list", "call_rank", call_list), "call_rank"
            ),
            "monitoring": _monitoring(connection),
            "source_load": _export(connection, "dashboard_source_load", "source_name, source_file"),
            "source_freshness": _export(connection, "dashboard_source_freshness", "source_name"),
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
    call_list: int = DEFAULT_CALL_LIST,
) -> dict:
    """Validate against the documented schema, then write data.json and index.html atomically."""
    data = build_dashboard_data(database, max_clients, map_points, model_dir, call_list)
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, SCHEMA)
    atomic_write_text(output_dir / "data.json", json.dumps(data, indent=1))
    atomic_write_text(output_dir / "index.html", render_page(data))
    export_knowledge_graph(database, output_dir / "knowledge_graph.json", missing_ok=True)
    return data
