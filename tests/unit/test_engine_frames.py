"""The Python models' engine seams: the tables a body is handed (frames), a missing upstream
table on either engine, and the order run-spark runs SQL and Python models in."""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from client_intelligence import frames
from client_intelligence.model_bodies import UpstreamMissingError, upstream_required
from client_intelligence.spark_run import ModelConfig, ModelContext, waves


@pytest.fixture
def connection():
    con = duckdb.connect()
    con.execute(
        "create table scored as select * from (values ('a', 'elite', 'v1', 0.5::double),"
        " ('b', 'elite', 'v1', 0.7), ('c', 'fast', 'v2', 0.1))"
        " as t(client_id, model_tier, model_version, score)"
    )
    con.execute("create table nothing (client_id varchar)")
    return con


def test_every_kind_of_table_reads_the_same(connection):
    relation = connection.table("scored")
    arrow = relation.to_arrow_table()
    for table in (relation, arrow, arrow.to_pandas()):
        assert frames.to_arrow(table).to_pylist() == arrow.to_pylist()
        assert frames.to_pandas(table).equals(arrow.to_pandas())
        assert frames.has_rows(table)
        assert sorted(frames.distinct_rows(table, ["model_tier", "model_version"])) == [
            ("elite", "v1"),
            ("fast", "v2"),
        ]
        assert list(frames.to_pandas(frames.columns_of(table, ["score", "client_id"]))) == [
            "score",
            "client_id",
        ]
    empty = connection.table("nothing")
    assert not frames.has_rows(empty) and not frames.has_rows(empty.to_arrow_table())
    assert not frames.is_spark(relation) and not frames.is_spark(arrow)


def test_a_missing_upstream_table_says_what_to_run(connection):
    with (
        pytest.raises(UpstreamMissingError, match="my_model reads client_profiles.*dbt build"),
        upstream_required("my_model", ["client_profiles"]),
    ):
        connection.table("client_profiles")


def test_spark_missing_table_is_an_upstream_error_and_other_errors_pass():
    class AnalysisException(Exception):  # noqa: N818 (pyspark's own name)
        """Stands in for pyspark.errors.AnalysisException, matched by name."""

    with pytest.raises(UpstreamMissingError), upstream_required("my_model", ["client_profiles"]):
        raise AnalysisException("[TABLE_OR_VIEW_NOT_FOUND] `client_profiles` not found")
    with (
        pytest.raises(AnalysisException, match="UNRESOLVED_COLUMN"),
        upstream_required("my_model", ["client_profiles"]),
    ):
        raise AnalysisException("[UNRESOLVED_COLUMN] score")
    with pytest.raises(ValueError), upstream_required("my_model", ["client_profiles"]):
        raise ValueError("not a missing table")


def _model(name: str, language: str, *parents: str) -> tuple[str, dict]:
    unique_id = f"model.project.{name}"
    nodes = [f"model.project.{parent}" for parent in parents] + ["seed.project.a_seed"]
    return unique_id, {"name": name, "language": language, "depends_on": {"nodes": nodes}}


def test_waves_run_each_model_after_what_it_reads():
    models = dict(
        [
            _model("staging", "sql"),
            _model("scored", "python", "staging"),
            _model("segments", "python", "scored"),
            _model("aaa_quality", "python", "segments"),
            _model("history", "sql", "scored"),
            _model("monitoring", "python", "history", "scored"),
            _model("export", "sql", "monitoring", "staging"),
            _model("lookup", "sql"),
        ]
    )
    found = [(language, [node["name"] for node in nodes]) for language, nodes in waves(models)]
    assert found == [
        ("sql", ["lookup", "staging"]),
        # a Python model after the Python model it reads, whatever the names' order
        ("python", ["scored", "segments", "aaa_quality"]),
        ("sql", ["history"]),
        ("python", ["monitoring"]),
        ("sql", ["export"]),
    ]


def test_a_python_model_reads_its_config_and_refs_as_dbt_databricks_hands_them():
    class Session:
        def table(self, name: str) -> str:
            return f"table {name}"

    manifest = {
        "nodes": {
            "model.p.client_profiles": {
                "resource_type": "model",
                "name": "client_profiles",
                "schema": "analytics",
                "alias": "client_profiles",
            },
            "seed.p.segment_cutoffs": {
                "resource_type": "seed",
                "name": "segment_cutoffs",
                "schema": "analytics",
                "alias": "segment_cutoffs",
            },
        }
    }
    node = {"config": {"model_dir": "", "purchase_history_supplied": "auto", "absent": None}}
    dbt = ModelContext(Session(), manifest, node)
    assert dbt.config(materialized="table") is None
    assert dbt.config.get("purchase_history_supplied") == "auto"
    assert dbt.config.get("absent", "fallback") == "fallback"
    assert dbt.ref("segment_cutoffs") == "table analytics.segment_cutoffs"
    with pytest.raises(KeyError, match="ref\\('stg_missing'\\)"):
        dbt.ref("stg_missing")
    assert ModelConfig({}).get("model_dir") is None


def test_scoring_with_rank_scores_lets_a_larger_population_be_ranked():
    """What Spark relies on: the percentile of a table equals the cumulative share of rows up to
    each row in the order (purchase_probability, rank score)."""
    from client_intelligence import scoring
    from tests.unit.test_scoring import PROJECT_ROOT, _artifact

    profiles = pa.table(
        {
            "client_id": [f"c{i}" for i in range(6)],
            "purchase_count": [3, 0, 1, 5, 2, 0],
            "note_count": [2, 4, 1, 1, 0, 3],
        }
    )
    seed = pd.read_csv(PROJECT_ROOT / "seeds" / "segment_cutoffs.csv")
    cutoffs = scoring.segment_cutoffs_from_seed(seed)
    scored = scoring.score_profiles(profiles, _artifact(), cutoffs, rank_scores=True)
    assert scored.column_names[-1] == scoring.RANK_SCORE_COLUMN
    frame = scored.to_pandas()
    key = list(zip(frame.purchase_probability, frame[scoring.RANK_SCORE_COLUMN], strict=True))
    cumulative = [100 * sum(other <= mine for other in key) / len(key) for mine in key]
    assert frame.purchase_percentile.round(2).tolist() == pd.Series(cumulative).round(2).tolist()
    plain = scoring.score_profiles(profiles, _artifact(), cutoffs)
    assert scoring.RANK_SCORE_COLUMN not in plain.column_names


def test_no_profiles_score_to_the_typed_prediction_columns():
    from client_intelligence import scoring
    from tests.unit.test_scoring import PROJECT_ROOT, _artifact, _profiles

    seed = pd.read_csv(PROJECT_ROOT / "seeds" / "segment_cutoffs.csv")
    cutoffs = scoring.segment_cutoffs_from_seed(seed)
    empty = scoring.score_profiles(_profiles().slice(0, 0), _artifact(), cutoffs)
    for field in scoring.PREDICTION_SCHEMA:
        assert empty.schema.field(field.name).type == field.type, field.name
