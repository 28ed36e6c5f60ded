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

from client_intelligence.files import atomic_write_text
from client_intelligence.knowledge_graph import export_knowledge_graph

TEMPLATE = Path(__file__).with_name("dashboard_template.html")
SCHEMA = json.loads(Path(__file__).with_name("dashboard_schema.json").read_text())
DEFAULT_MAX_CLIENTS = 5000


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
    metrics = read_metadata(directory)["holdout_metrics"] if directory.is_dir() else {}
    return {"tier": tier, "version": version, "holdout_metrics": metrics}


def build_dashboard_data(database: Path, max_clients: int = DEFAULT_MAX_CLIENTS) -> dict[str, Any]:
    """Everything the page shows; `clients` holds the top `max_clients` by marketing priority."""
    with duckdb.connect(str(database), read_only=True) as connection:
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
                client_id as id,
                round(purchase_probability, 4) as purchase_probability,
                round(churn_risk, 4) as churn_risk,
                round(predicted_clv, 2) as predicted_clv,
                value_segment,
                risk_segment,
                string_split(nullif(top_concepts, ''), ',') as top_concepts,
                top_drivers,
                strftime(last_note_date, '%Y-%m-%d') as last_note_date,
                round(purchase_probability * predicted_clv * (1 - churn_risk), 2)
                    as marketing_priority
            from client_profiles_with_predictions
            order by marketing_priority desc, client_id
            limit {int(max_clients)}
            """,
        )
        for client in clients:
            client["top_concepts"] = client["top_concepts"] or []
        model = _model(connection)
    return {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "model": model,
        "metrics": metrics,
        "concepts": concepts,
        "segments": segments,
        "clients": clients,
    }


def render_page(data: dict[str, Any]) -> str:
    payload = json.dumps(data, default=str).replace("</", "<\\/")
    return (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("/*__PLOTLY_JS__*/", plotly.offline.get_plotlyjs())
        .replace("/*__DATA__*/null", payload)
    )


def export_dashboard(
    database: Path, output_dir: Path, max_clients: int = DEFAULT_MAX_CLIENTS
) -> dict:
    """Validate against the documented schema, then write data.json and index.html atomically."""
    data = build_dashboard_data(database, max_clients)
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, SCHEMA)
    atomic_write_text(output_dir / "data.json", json.dumps(data, indent=1))
    atomic_write_text(output_dir / "index.html", render_page(data))
    export_knowledge_graph(database, output_dir / "knowledge_graph.json")
    return data
