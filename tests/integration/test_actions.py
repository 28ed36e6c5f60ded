"""Recommended actions and the knowledge graph on real dbt output.

The demo data plus two hand-written clients (a birthday-gift note; a birthday and a brother but
no gift, and a nickel allergy) is built by the real dbt project and scored by the model trained
on the demo warehouse.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from client_intelligence.knowledge_graph import (
    KnowledgeGraphError,
    build_elements,
    export_knowledge_graph,
    validate_elements,
)
from tests.support import Warehouse

AS_OF = dt.date(2026, 6, 30)  # the demo generator's last day
PRIORITY_ORDER = {"High": 1, "Medium": 2, "Low": 3}

SCENARIO_NOTES = [
    # (note id, client, days before AS_OF, language, text)
    ("SCN-N1", "SCN-GIFT", 10, "FR", "Cherche un cadeau d'anniversaire pour sa femme, budget 3K."),
    ("SCN-N2", "SCN-NOGIFT", 12, "FR", "Anniversaire de son frère en mai, pas d'idée précise."),
    ("SCN-N3", "SCN-NOGIFT", 40, "FR", "Allergique au nickel, préfère l'or jaune."),
]


def _append_rows(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open(newline="", encoding="utf-8") as stream:
        header = next(csv.reader(stream))
    with path.open("a", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=header, lineterminator="\n")
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in header})


@pytest.fixture(scope="module")
def actions_warehouse(
    tmp_path_factory: pytest.TempPathFactory, demo_raw_dir: Path, trained_warehouse: Warehouse
) -> Warehouse:
    tmp = tmp_path_factory.mktemp("actions")
    raw = tmp / "raw"
    shutil.copytree(demo_raw_dir, raw)
    _append_rows(
        raw / "notes.csv",
        [
            {
                "ID": note_id,
                "Date": (AS_OF - dt.timedelta(days=days)).isoformat(),
                "Duration": "30 min",
                "Language": language,
                "Length": "short",
                "Transcription": text,
                "client_id": client,
            }
            for note_id, client, days, language, text in SCENARIO_NOTES
        ],
    )
    warehouse = Warehouse(
        tmp / "warehouse.duckdb", raw, tmp / "target", trained_warehouse.artifacts_dir
    )
    warehouse.dbt("build", variables={"build_training_snapshots": False})
    return warehouse


def _actions(warehouse: Warehouse, client_id: str) -> list[tuple]:
    return warehouse.query(
        "select action_rank, action_id, priority, score, rationale, evidence_concept_id,"
        " evidence_matched_text, evidence_excerpt"
        f" from recommended_actions where client_id = '{client_id}' order by action_rank"
    )


def test_actions_are_ranked_by_priority_then_score(actions_warehouse: Warehouse):
    rows = actions_warehouse.query(
        "select client_id, action_rank, priority, score, action_id from recommended_actions"
    )
    by_client: dict[str, list[tuple]] = {}
    for client_id, rank, priority, score, action_id in rows:
        by_client.setdefault(client_id, []).append((rank, priority, score, action_id))
    assert len(by_client) > 10
    for client_id, actions in by_client.items():
        actions.sort()
        assert [rank for rank, *_ in actions] == list(range(1, len(actions) + 1)) and len(
            actions
        ) <= 3, client_id
        keys = [
            (PRIORITY_ORDER[priority], -score, action_id)
            for _, priority, score, action_id in actions
        ]
        assert keys == sorted(keys), (client_id, actions)
    # Every evidence excerpt holds the matched words, cut from the note itself.
    bad_evidence = actions_warehouse.scalar(
        """
        select count(*)
        from recommended_actions as actions
        inner join advisor_notes as notes on actions.evidence_note_id = notes.note_id
        where position(actions.evidence_matched_text in actions.evidence_excerpt) = 0
            or position(replace(actions.evidence_excerpt, '…', '') in notes.note_text) = 0
        """
    )
    assert bad_evidence == 0


def test_no_churn_playbook_fires_for_a_prospect(trained_warehouse: Warehouse):
    fired = trained_warehouse.query(
        """
        select scored.risk_segment = 'Prospect' as is_prospect, playbooks.score_metric,
            actions.action_id, count(*)
        from recommended_actions as actions
        inner join client_profiles_with_predictions as scored using (client_id)
        inner join playbooks using (action_id)
        group by all
        """
    )
    assert any(is_prospect for is_prospect, *_ in fired)  # prospects do get actions
    assert not [row for row in fired if row[0] and row[1] == "churn_risk"]
    assert any(not is_prospect and metric == "churn_risk" for is_prospect, metric, *_ in fired)
    # the first-purchase invitation is for prospects only
    assert not [row for row in fired if row[2] == "first_purchase_invitation" and not row[0]]


def test_no_edge_points_at_a_missing_node(actions_warehouse: Warehouse):
    dangling = actions_warehouse.scalar(
        """
        select count(*) from knowledge_graph_edges as edges
        where not exists (select 1 from knowledge_graph_nodes where node_id = edges.source)
            or not exists (select 1 from knowledge_graph_nodes where node_id = edges.target)
        """
    )
    assert dangling == 0
    edge_types = {
        row[0]
        for row in actions_warehouse.query("select distinct edge_type from knowledge_graph_edges")
    }
    assert edge_types == {
        "INTERESTED_IN",
        "BELONGS_TO",
        "MEMBER_OF",
        "RECOMMENDED",
        "CO_OCCURS_WITH",
    }
    assert actions_warehouse.scalar(
        "select count(*) from knowledge_graph_edges where edge_type = 'RECOMMENDED'"
    ) == actions_warehouse.scalar("select count(*) from recommended_actions")
    # Each client is a member of its value segment, its risk segment and its fitted segment.
    memberships = actions_warehouse.query(
        """
        select split_part(target, ':', 2) as kind, count(*), count(distinct source)
        from knowledge_graph_edges where edge_type = 'MEMBER_OF' group by kind order by kind
        """
    )
    clients = actions_warehouse.scalar("select count(*) from client_profiles_with_predictions")
    assert memberships == [("cluster", clients, clients), ("risk", clients, clients),
                           ("value", clients, clients)]  # fmt: skip
    assert actions_warehouse.scalar(
        "select count(*) from knowledge_graph_nodes where node_id like 'segment:cluster:%'"
    ) == actions_warehouse.scalar("select count(distinct segment_id) from client_segments")
    assert (
        actions_warehouse.scalar(
            "select weight from knowledge_graph_edges"
            " where edge_id = 'INTERESTED_IN:client:SCN-NOGIFT->concept:nickel_allergy'"
        )
        == 1
    )


def test_cytoscape_export_is_capped_and_valid(actions_warehouse: Warehouse, tmp_path: Path):
    path = tmp_path / "dashboard" / "knowledge_graph.json"
    export_knowledge_graph(actions_warehouse.database, path, max_clients=25)
    graph = json.loads(path.read_text(encoding="utf-8"))
    nodes = graph["elements"]["nodes"]
    edges = graph["elements"]["edges"]
    clients = [node for node in nodes if node["data"]["type"] == "client"]
    assert len(clients) == 25 and graph["meta"]["clients_shown"] == 25
    assert {"id", "label", "type"} <= set(nodes[0]["data"])
    assert {"id", "source", "target", "type", "weight"} <= set(edges[0]["data"])
    node_ids = {node["data"]["id"] for node in nodes}
    assert all(e["data"]["source"] in node_ids and e["data"]["target"] in node_ids for e in edges)
    assert {node["data"]["type"] for node in nodes} == {
        "client",
        "concept",
        "bucket",
        "segment",
        "action",
    }
    # The first clients are those whose first action is High.
    first_actions = dict(
        actions_warehouse.query(
            "select 'client:' || client_id, priority from recommended_actions where action_rank = 1"
        )
    )
    assert all(first_actions.get(node["data"]["id"]) == "High" for node in clients)


def test_cytoscape_export_leaves_out_sensitive_interests(actions_warehouse: Warehouse):
    graph = build_elements(actions_warehouse.database, max_clients=None)
    edge_ids = {edge["data"]["id"] for edge in graph["elements"]["edges"]}
    assert "INTERESTED_IN:client:SCN-NOGIFT->concept:nickel_allergy" not in edge_ids
    assert "INTERESTED_IN:client:SCN-GIFT->concept:birthday" in edge_ids
    assert graph["meta"]["sensitive_edges_left_out"] > 0
    assert "concept:nickel_allergy" in {node["data"]["id"] for node in graph["elements"]["nodes"]}


def test_dangling_edges_and_missing_tables_are_errors(tmp_path: Path):
    elements = {
        "nodes": [{"data": {"id": "client:A", "label": "A", "type": "client"}}],
        "edges": [
            {
                "data": {
                    "id": "e1",
                    "source": "client:A",
                    "target": "concept:gift",
                    "type": "INTERESTED_IN",
                    "weight": 1.0,
                }
            }
        ],
    }
    with pytest.raises(KnowledgeGraphError, match="1 edges point at missing nodes"):
        validate_elements(elements)
    elements["nodes"].append(elements["nodes"][0])
    with pytest.raises(KnowledgeGraphError, match="duplicate node ids"):
        validate_elements(elements)
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(KnowledgeGraphError, match="knowledge_graph_nodes"):
        build_elements(empty)
    with pytest.raises(ValueError, match="at least 0"):
        build_elements(empty, max_clients=-1)
    # The dashboard export tolerates an older warehouse, and drops a stale graph.
    stale = tmp_path / "knowledge_graph.json"
    stale.write_text("{}")
    assert export_knowledge_graph(empty, stale, missing_ok=True) is None
    assert not stale.exists()
