"""A plan of compiled models runs as dbt ran it: DAG order, sources through the project's reader,
contracts' column types, views, the Python model's compiled module."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from client_intelligence import compiled_models
from client_intelligence.compiled_models import Plan, PlanError, Step

CATALOG = "scoring"
NOTES = f'"{CATALOG}"."raw_files"."notes"'
# The shape of dbt-duckdb's compiled Python model: the model, then dbt's ref / config shims.
PYTHON_MODEL = """
def model(dbt, session):
    counted = dbt.ref("note_counts").fetchall()[0][0]
    return session.sql(f"select {counted} * {dbt.config.get('factor')} as scaled").to_arrow_table()

def ref(*args, dbt_load_df_function):
    return dbt_load_df_function('"scoring"."main"."note_counts"')

config_dict = {"factor": "3"}

class config:
    @staticmethod
    def get(key, default=None):
        return config_dict.get(key, default)

class dbtObj:
    def __init__(self, load_df_function):
        self.ref = lambda *args: ref(*args, dbt_load_df_function=load_df_function)
        self.config = config
"""


def _plan(seeds: Path) -> Plan:
    meta = {"required": True, "required_columns": ["ID", "Date", "Transcription"]}
    return Plan(
        CATALOG,
        (
            Step("source", NOTES, meta=meta, identifier="notes"),
            Step(
                "table",
                f'"{CATALOG}"."main"."note_counts"',
                f"select count(*) as notes from {NOTES}",
                columns=(("notes", "integer"),),
                after=(0,),
            ),
            Step(
                "view",
                f'"{CATALOG}"."main"."long_notes"',
                f"select * from {NOTES} where length(Transcription) > 5",
                after=(0,),
            ),
            Step("python", f'"{CATALOG}"."main"."scaled"', PYTHON_MODEL, after=(1,)),
        ),
        ("create schema if not exists raw_files",),
        (),
        seeds,
    )


def test_a_plan_builds_every_step_over_the_exports(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "notes.csv").write_text("ID,Date,Transcription\n1,2026-01-01,hello there\n2,,hi\n")
    seeds = tmp_path / "seeds.duckdb"
    duckdb.connect(str(seeds)).close()
    with compiled_models.run_plan(_plan(seeds), raw) as connection:
        assert connection.sql("select notes from note_counts").fetchall() == [(2,)]
        types = connection.sql("select data_type from duckdb_columns() where column_name = 'notes'")
        assert types.fetchall() == [("INTEGER",)]  # the contract's type, not count's BIGINT
        assert connection.sql("select ID from long_notes").fetchall() == [("1",)]
        assert connection.sql("select scaled from scaled").fetchall() == [(6,)]


def test_steps_follow_what_they_read():
    manifest = {
        "parent_map": {
            "model.p.c": ["model.p.b", "seed.p.s"],
            "model.p.b": ["model.p.a"],
            "model.p.a": [],
            "seed.p.s": [],
        },
        "nodes": {
            unique_id: {
                "resource_type": unique_id.split(".")[0],
                "relation_name": unique_id,
                "alias": unique_id.split(".")[-1],
                "language": "sql",
                "compiled_code": "select 1",
                "config": {"materialized": "table"},
                "columns": {},
            }
            for unique_id in ("model.p.a", "model.p.b", "model.p.c", "seed.p.s")
        },
    }
    order = compiled_models._dag_order(manifest, {"model.p.c", "model.p.b", "model.p.a"})
    assert order == ["model.p.a", "model.p.b", "model.p.c"]  # the unselected seed is left out
    steps = compiled_models._with_dependencies(manifest, order)
    assert [step.after for step in steps] == [(), (0,), (1,)]
    manifest["nodes"]["model.p.b"]["config"]["materialized"] = "incremental"
    with pytest.raises(PlanError, match="incremental"):
        compiled_models._with_dependencies(manifest, order)


def test_the_fingerprint_follows_the_vars_but_not_the_exports_folder():
    base = {"raw_data_dir": "/a", "model_dir": "", "purchase_history_supplied": False}
    same = compiled_models.fingerprint(base)
    assert compiled_models.fingerprint({**base, "raw_data_dir": "/b"}) == same
    assert compiled_models.fingerprint({**base, "purchase_history_supplied": True}) != same


def test_a_failing_step_names_its_model(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()  # no notes file: the required source cannot be read, as dbt would fail
    seeds = tmp_path / "seeds.duckdb"
    duckdb.connect(str(seeds)).close()
    with pytest.raises(compiled_models.StepError, match="raw_files.*notes"):
        compiled_models.run_plan(_plan(seeds), raw)
