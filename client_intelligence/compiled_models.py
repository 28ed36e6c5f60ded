"""The project's own dbt models, compiled once by dbt, run over a fresh DuckDB without dbt.

The CSV scorer runs the models up to client_profiles_with_predictions over each file it scores.
Starting dbt for that (importing it, reading the project, rendering every model, loading the
seeds) cost about 15 s per file while the SQL on a few thousand notes takes well under one. So
what only dbt can make is made by dbt, once: a real `dbt build` of the scorer's selection (which
also scores the file that asked for it) leaves the compiled SQL of every model in its
manifest.json and the seeds loaded as dbt loads them. `build_plan` keeps both, in DAG order,
under target/csv_scoring/<fingerprint>/; `run_plan` then runs that SQL, statement for statement
what dbt ran, against a fresh in-memory DuckDB, and executes the Python model's own compiled
module in process, as dbt-duckdb does. The fingerprint is a sha256 of every file dbt reads to
compile (models, macros, seeds, Python models, dbt_project.yml, profiles.yml), the vars the
scorer passes (but the exports' folder), and the dbt and adapter versions: a change to any of
them makes the next file build with dbt again. So the SQL
is the one feature path (architecture principle 2), never a second implementation.

What dbt does that this does not: a model contract's column types are applied (the table is
created with them, as dbt does), but dbt's check that the query's types match the contract is
left to `dbt build`, which fails on a mismatch before any plan is written. The scorer ran no
data tests before either (the old path excluded them).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import types
from collections.abc import Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

import duckdb

from client_intelligence.project import profile_settings, project_root
from client_intelligence.raw_reader import ReadOptions, read_source
from client_intelligence.redaction.duckdb_udf import register as register_redaction

PLAN_FILE = "plan.json"
# Part of the fingerprint: a plan written by another layout of this module is not read.
PLAN_FORMAT = 1
# Plans kept beside each other (e.g. with and without sales, two artifacts); older ones go.
KEEP_PLANS = 4
SEED_DATABASE = "seeds.duckdb"
# What dbt reads to compile the project (the raw exports are read when a plan runs).
COMPILE_INPUTS = ("models", "macros", "seeds", "python_models", "dbt_project.yml", "profiles.yml")
JINJA_MARKS = ("{{", "{%")
# Steps run at once, as the profile's dbt threads.
THREADS = 2


class PlanError(RuntimeError):
    """A manifest this module cannot run without dbt (the caller falls back to dbt)."""


class StepError(RuntimeError):
    """A step of a plan failed, as the dbt build would have: the message names the model and
    carries the error (a missing required column, a model's own error)."""


@dataclass(frozen=True)
class Step:
    """One node of the plan: what to create, from what."""

    kind: str  # seed, source, table, view, python
    relation: str  # the quoted relation dbt created ("catalog"."schema"."name")
    code: str = ""  # the compiled SQL or Python module
    columns: tuple[tuple[str, str], ...] = ()  # a contract's (name, data type)
    meta: Mapping[str, Any] | None = None  # a plugin source's meta
    identifier: str = ""  # a source's table name, a model's alias
    after: tuple[int, ...] = ()  # the steps (positions in the plan) it reads


@dataclass(frozen=True)
class Plan:
    catalog: str  # the DuckDB catalog name the compiled SQL names
    steps: tuple[Step, ...]
    on_run_start: tuple[str, ...]
    on_run_end: tuple[str, ...]
    seeds: Path  # the DuckDB file holding the seeds dbt loaded


def fingerprint(variables: Mapping[str, Any]) -> str:
    """sha256 of the project's compile inputs, the vars (but the raw exports' folder, which a
    plan reads when it runs) and the dbt versions."""
    variables = {key: value for key, value in variables.items() if key != "raw_data_dir"}
    root = project_root()
    digest = hashlib.sha256()
    digest.update(f"plan format {PLAN_FORMAT}".encode())
    digest.update(json.dumps(dict(variables), sort_keys=True, default=str).encode())
    for package in ("dbt-core", "dbt-duckdb", "duckdb"):
        digest.update(f"{package}=={version(package)}".encode())
    for name in COMPILE_INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(root)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def plan_dir(variables: Mapping[str, Any]) -> Path:
    return project_root() / "target" / "csv_scoring" / fingerprint(variables)


def load_plan(directory: Path) -> Plan | None:
    """The plan kept in `directory`, or None when there is none yet."""
    path = directory / PLAN_FILE
    if not path.is_file() or not (directory / SEED_DATABASE).is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    os.utime(directory)  # used: kept by _prune
    steps = tuple(
        Step(
            **{
                **step,
                "columns": tuple(tuple(c) for c in step["columns"]),
                "after": tuple(step["after"]),
            }
        )
        for step in data["steps"]
    )
    return Plan(
        data["catalog"],
        steps,
        tuple(data["on_run_start"]),
        tuple(data["on_run_end"]),
        directory / SEED_DATABASE,
    )


def build_plan(directory: Path, target: Path, database: Path, raw_dir: Path) -> Plan:
    """Keep the nodes dbt just ran (target/run_results.json), in DAG order, with their compiled
    code (target/manifest.json), and a copy of `database`'s seeds; written to `directory`
    atomically (a temp folder renamed), so a concurrent scorer sees a whole plan or none.
    PlanError when the compiled SQL names `raw_dir`, the one input a plan may not keep."""
    manifest_path, run_results = target / "manifest.json", target / "run_results.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    ran = {
        result["unique_id"]
        for result in json.loads(run_results.read_text(encoding="utf-8"))["results"]
        if result["status"] == "success"
    }
    order = _dag_order(manifest, ran)
    steps = _with_dependencies(manifest, order)
    if any(str(raw_dir) in step.code for step in steps):
        raise PlanError(f"the compiled models name {raw_dir}: left to dbt")
    hooks = {"on_run_start": [], "on_run_end": []}
    for node in manifest["nodes"].values():
        if node["resource_type"] == "operation":
            kind = "on_run_start" if "on-run-start" in node["unique_id"] else "on_run_end"
            hooks[kind].append(_plain_sql(node["raw_code"], node["unique_id"]))
    catalog = database.stem
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".plan-", dir=directory.parent))
    seeds = [step for step in steps if step.kind == "seed"]
    _copy_seeds(database, seeds, staging / SEED_DATABASE)
    document = {
        "catalog": catalog,
        "steps": [asdict(step) for step in steps],
        **hooks,
    }
    (staging / PLAN_FILE).write_text(json.dumps(document, indent=1), encoding="utf-8")
    try:
        staging.rename(directory)
    except OSError:  # another scorer wrote the same plan first
        shutil.rmtree(staging, ignore_errors=True)
    _prune(directory.parent)
    plan = load_plan(directory)
    if plan is None:
        raise PlanError(f"no plan in {directory}")
    return plan


def _prune(plans: Path) -> None:
    """Keep the KEEP_PLANS most recently used plans (load_plan marks a plan used)."""
    kept = sorted(
        (path for path in plans.iterdir() if path.is_dir() and not path.name.startswith(".")),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for stale in kept[KEEP_PLANS:]:
        shutil.rmtree(stale, ignore_errors=True)


def _dag_order(manifest: dict, selected: set[str]) -> list[str]:
    """The selected nodes, each after the selected nodes it depends on (manifest order among
    equals, so the plan is the same for the same manifest)."""
    parents = manifest["parent_map"]
    order: list[str] = []
    done: set[str] = set()

    def visit(unique_id: str) -> None:
        if unique_id in done:
            return
        done.add(unique_id)
        for parent in parents.get(unique_id, []):
            if parent in selected or parent.startswith("source."):
                visit(parent)
        order.append(unique_id)

    for unique_id in sorted(selected):
        visit(unique_id)
    return order


def _with_dependencies(manifest: dict, order: list[str]) -> list[Step]:
    """The steps of the nodes in `order`, each naming the earlier steps it reads."""
    steps: list[Step] = []
    position: dict[str, int] = {}
    for unique_id in order:
        for step in _steps_of(manifest, unique_id):
            parents = manifest["parent_map"].get(unique_id, [])
            after = tuple(sorted({position[p] for p in parents if p in position}))
            position[unique_id] = len(steps)
            steps.append(replace(step, after=after))
    return steps


def _steps_of(manifest: dict, unique_id: str) -> list[Step]:
    if unique_id.startswith("source."):
        source = manifest["sources"][unique_id]
        meta = source.get("meta") or {}
        if "plugin" not in meta:
            return []  # read by the compiled SQL itself (e.g. an external read_csv)
        return [Step("source", source["relation_name"], meta=meta, identifier=source["name"])]
    node = manifest["nodes"][unique_id]
    kind = node["resource_type"]
    if kind == "seed":
        return [Step("seed", node["relation_name"], identifier=node["alias"])]
    if kind != "model":
        return []
    materialized = node["config"]["materialized"]
    if node["language"] == "python":
        return [
            Step("python", node["relation_name"], node["compiled_code"], identifier=node["alias"])
        ]
    if materialized not in ("table", "view"):
        raise PlanError(f"{unique_id} is materialized as {materialized}: left to dbt")
    columns: tuple[tuple[str, str], ...] = ()
    if node["config"].get("contract", {}).get("enforced"):
        if node.get("constraints") or any(c["constraints"] for c in node["columns"].values()):
            raise PlanError(f"{unique_id} has constraints: left to dbt")
        columns = tuple((c["name"], c["data_type"]) for c in node["columns"].values())
    return [Step(materialized, node["relation_name"], node["compiled_code"], columns)]


def _plain_sql(code: str, unique_id: str) -> str:
    if any(mark in code for mark in JINJA_MARKS):
        raise PlanError(f"{unique_id} is rendered at run time: left to dbt")
    return code


def _copy_seeds(database: Path, seeds: list[Step], destination: Path) -> None:
    with duckdb.connect(str(destination)) as connection:
        connection.execute(f"attach '{database}' as built (read_only)")
        for seed in seeds:
            schema = seed.relation.split(".")[1]
            connection.execute(f"create schema if not exists {schema}")
            connection.execute(
                f"create table {schema}.{seed.identifier} as "
                f"select * from built.{schema}.{seed.identifier}"
            )


def run_plan(plan: Plan, raw_dir: Path) -> duckdb.DuckDBPyConnection:
    """Build every step of the plan over the exports in `raw_dir` in a new in-memory DuckDB;
    the connection, with every table, back."""
    connection = duckdb.connect()
    connection.execute(f"attach ':memory:' as \"{plan.catalog}\"")
    connection.execute(f'use "{plan.catalog}"')
    for name, value in profile_settings().items():  # as dbt-duckdb sets them
        connection.execute(f"set {name} = '{value}'")
    # relative paths in the compiled SQL (the erasure list) resolve as dbt's did: in the project
    connection.execute(f"set file_search_path = '{project_root()}'")
    register_redaction(connection)
    connection.execute(f"attach '{plan.seeds}' as plan_seeds (read_only)")
    for statement in plan.on_run_start:
        connection.execute(statement)
    _run_steps(connection, plan, raw_dir)
    for statement in plan.on_run_end:
        connection.execute(statement)
    connection.execute("detach plan_seeds")
    return connection


def _run_steps(connection: duckdb.DuckDBPyConnection, plan: Plan, raw_dir: Path) -> None:
    """Every step once the steps it reads are done, THREADS at a time on cursors of the one
    connection, as dbt runs its threads: a DuckDB statement is planned on one core, and the
    staging models' large date and redaction expressions take longer to plan than to run on
    a file of a few thousand rows."""
    steps, catalog = plan.steps, plan.catalog
    done: set[int] = set()
    running: dict[Future, int] = {}
    waiting = list(range(len(steps)))
    with ThreadPoolExecutor(THREADS) as pool:
        while waiting or running:
            for index in [i for i in waiting if set(steps[i].after) <= done][:THREADS]:
                if len(running) >= THREADS:
                    break
                waiting.remove(index)
                cursor = connection.cursor()
                cursor.execute(f'use "{catalog}"')
                running[pool.submit(_run_step, cursor, steps[index], raw_dir)] = index
            if not running:
                raise PlanError("the plan's steps wait on each other")
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                index = running.pop(future)
                try:
                    future.result()
                except Exception as error:  # any failure of a model fails the run, as in dbt
                    raise StepError(f"{steps[index].relation} failed: {error}") from error
                done.add(index)


def _run_step(connection: duckdb.DuckDBPyConnection, step: Step, raw_dir: Path) -> None:
    schema = step.relation.split(".")[1]
    connection.execute(f"create schema if not exists {schema}")
    if step.kind == "seed":
        connection.execute(
            f"create table {step.relation} as select * from plan_seeds.{schema}.{step.identifier}"
        )
    elif step.kind == "source":
        table = read_source(raw_dir, step.identifier, ReadOptions.from_meta(step.meta or {}))
        connection.register("plan_source", table)
        connection.execute(f"create or replace table {step.relation} as from plan_source")
        connection.unregister("plan_source")
    elif step.kind == "view":
        connection.execute(f"create view {step.relation} as {step.code}")
    elif step.kind == "table" and step.columns:
        names = ", ".join(f'"{name}"' for name, _ in step.columns)
        typed = ", ".join(f'"{name}" {data_type}' for name, data_type in step.columns)
        connection.execute(f"create table {step.relation} ({typed})")
        connection.execute(
            f"insert into {step.relation} ({names}) select {names} from ({step.code}) as model_subq"
        )
    elif step.kind == "table":
        connection.execute(f"create table {step.relation} as {step.code}")
    else:
        _run_python(connection, step)


def _run_python(connection: duckdb.DuckDBPyConnection, step: Step) -> None:
    """The model's compiled module, as dbt-duckdb's local environment runs it: its model(dbt,
    session) on the connection, the table it returns written as dbt-duckdb's py_write_table
    writes it (registered, then `create table ... as select *`)."""
    module = types.ModuleType(step.identifier)
    exec(compile(step.code, f"<compiled {step.identifier}>", "exec"), module.__dict__)

    def load(relation: str) -> duckdb.DuckDBPyRelation:
        return connection.query(f"select * from {relation}")

    result = module.model(module.dbtObj(load), connection)
    if isinstance(result, duckdb.DuckDBPyRelation):
        result = result.to_arrow_table()
    connection.register("plan_python_result", result)
    connection.execute(f"create table {step.relation} as select * from plan_python_result")
    connection.unregister("plan_python_result")
