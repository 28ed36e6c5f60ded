"""dashboard/data.json and dashboard/index.html from the DuckDB file.

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
import pyarrow as pa

from client_intelligence.files import atomic_write_text
from client_intelligence.knowledge_graph import export_knowledge_graph
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


def _model(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    from client_intelligence.artifacts import ARTIFACTS_DIR, read_metadata

    tier, version = connection.execute(
        "select any_value(model_tier), any_value(model_version)"
        " from client_profiles_with_predictions"
    ).fetchone()
    directory = ARTIFACTS_DIR / str(tier) / str(version)
    metadata = read_metadata(directory) if directory.is_dir() else {}
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
    """Counts of the ml_model_monitoring checks by status, and every warning or alert."""
    counts = {"ok": 0, "warning": 0, "alert": 0}
    if not table_exists(connection, "ml_model_monitoring"):
        detail = "ml_model_monitoring has not been built: run `dbt build`"
        return {"status": "not_run", "counts": counts, "warnings": [], "detail": detail}
    checks = _rows(
        connection,
        """
        select check_type, model_version, strftime(as_of_date, '%Y-%m-%d') as as_of_date,
            subject, value, threshold, status, detail
        from ml_model_monitoring
        order by case status when 'alert' then 0 when 'warning' then 1 else 2 end,
            check_type, model_version, as_of_date, subject
        """,
    )
    for check in checks:
        counts[check["status"]] += 1
    status = "alert" if counts["alert"] else "warning" if counts["warning"] else "ok"
    warnings = [check for check in checks if check["status"] != "ok"]
    return {"status": status, "counts": counts, "warnings": warnings, "detail": None}


def _client_segments(connection: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _rows(
        connection,
        """
        select segments.segment_id, segments.segment_label, count(*) as clients,
            avg(scored.predicted_clv) as average_clv,
            avg(scored.churn_risk) as average_churn_risk,
            avg(scored.purchase_probability) as average_purchase_probability
        from client_segments as segments
        inner join client_profiles_with_predictions as scored
            on segments.client_id = scored.client_id
        group by all order by segments.segment_id
        """,
    )


def _map_points(connection: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    return _rows(
        connection,
        f"""
        select segments.client_id as id, segments.segment_id,
            round(segments.map_x, 4) as x, round(segments.map_y, 4) as y,
            round(segments.map_z, 4) as z,
            round(scored.purchase_probability, 4) as purchase_probability,
            round(scored.predicted_clv, 2) as predicted_clv
        from client_segments as segments
        inner join client_profiles_with_predictions as scored
            on segments.client_id = scored.client_id
        order by hash(segments.client_id), segments.client_id
        limit {int(limit)}
        """,
    )


def _actions_by_client(
    connection: duckdb.DuckDBPyConnection, client_ids: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Each listed client's recommended actions, best first.

    The reason shown is the concept that triggered the action, or the scores for actions
    triggered by scores alone: never the matched words or the excerpt, because the export holds
    no note text (see the README's privacy section). A special-category concept (health,
    religion: the sensitive_concepts seed) is named only by its category, as in the knowledge
    graph export, which leaves such interests out.
    """
    if not client_ids:
        return {}
    connection.register("dashboard_clients", pa.table({"client_id": client_ids}))
    rows = _rows(
        connection,
        """
        select actions.client_id, actions.action_rank as rank, actions.action_id,
            actions.title, actions.channel, actions.priority,
            case
                when actions.evidence_concept_id is null then actions.rationale
                when sensitive.category is not null
                    then 'Notes mention a ' || sensitive.category || ' consideration'
                else 'Notes mention ' || actions.evidence_concept_label
            end as reason
        from recommended_actions as actions
        inner join dashboard_clients on actions.client_id = dashboard_clients.client_id
        left join sensitive_concepts as sensitive
            on actions.evidence_concept_id = sensitive.concept_id
        order by actions.client_id, actions.action_rank
        """,
    )
    actions: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        actions.setdefault(row.pop("client_id"), []).append(row)
    return actions


def build_dashboard_data(
    database: Path, max_clients: int = DEFAULT_MAX_CLIENTS, map_points: int = DEFAULT_MAP_POINTS
) -> dict[str, Any]:
    """Everything the page shows; `clients` holds the top `max_clients` by marketing priority."""
    with duckdb.connect(str(database), read_only=True) as connection:
        has_segments = table_exists(connection, "client_segments")
        has_actions = table_exists(connection, "recommended_actions")
        segment_join = (
            "left join client_segments as segments"
            " on client_profiles_with_predictions.client_id = segments.client_id"
            if has_segments
            else "left join (select null::varchar as client_id, null::integer as segment_id,"
            " null::varchar as segment_label) as segments on false"
        )
        metrics = _rows(
            connection,
            """
            select
                count(*) as clients,
                avg(purchase_probability) as average_purchase_probability,
                avg(churn_risk) as average_churn_risk,
                sum(predicted_clv) as total_predicted_clv
            from client_profiles_with_predictions
            """,
        )[0]
        segments = _rows(
            connection,
            """
            select 'value' as segment_type, value_segment as segment, count(*) as clients,
                avg(predicted_clv) as average_clv, sum(predicted_clv) as total_clv
            from client_profiles_with_predictions group by value_segment
            union all
            select 'risk', risk_segment, count(*), avg(predicted_clv), sum(predicted_clv)
            from client_profiles_with_predictions group by risk_segment
            order by segment_type, segment
            """,
        )
        metrics["segment_counts"] = {row["segment"]: row["clients"] for row in segments}
        concepts = _rows(
            connection,
            """
            select note_concepts.concept_id, concepts.label, note_concepts.bucket,
                count(*) as mentions, count(distinct note_concepts.client_id) as clients
            from note_concepts
            inner join concepts on note_concepts.concept_id = concepts.concept_id
            group by all order by mentions desc, concept_id limit 30
            """,
        )
        clients = _rows(
            connection,
            f"""
            select
                client_profiles_with_predictions.client_id as id,
                segments.segment_id,
                segments.segment_label,
                round(purchase_probability, 4) as purchase_probability,
                round(churn_risk, 4) as churn_risk,
                round(predicted_clv, 2) as predicted_clv,
                round(predicted_clv_low, 2) as predicted_clv_low,
                round(predicted_clv_high, 2) as predicted_clv_high,
                value_segment,
                risk_segment,
                string_split(nullif(top_concepts, ''), ',') as top_concepts,
                top_drivers,
                strftime(last_note_date, '%Y-%m-%d') as last_note_date,
                round(purchase_probability * predicted_clv * (1 - churn_risk), 2)
                    as marketing_priority
            from client_profiles_with_predictions
            {segment_join}
            order by marketing_priority desc, id
            limit {int(max_clients)}
            """,
        )
        actions = (
            _actions_by_client(connection, [client["id"] for client in clients])
            if has_actions
            else {}
        )
        for client in clients:
            client["top_concepts"] = client["top_concepts"] or []
            client["actions"] = actions.get(client["id"], [])
        client_segments = _client_segments(connection) if has_segments else []
        points = _map_points(connection, map_points) if has_segments else []
        monitoring = _monitoring(connection)
        model = _model(connection)
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
) -> dict:
    """Validate against the documented schema, then write data.json and index.html atomically."""
    data = build_dashboard_data(database, max_clients, map_points)
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, SCHEMA)
    atomic_write_text(output_dir / "data.json", json.dumps(data, indent=1))
    atomic_write_text(output_dir / "index.html", render_page(data))
    export_knowledge_graph(database, output_dir / "knowledge_graph.json", missing_ok=True)
    return data
