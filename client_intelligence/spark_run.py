"""The whole project on open-source Spark: dbt for the SQL models, this process for the Python
models (client-intelligence run-spark, `make run-spark`).

dbt-spark cannot run dbt Python models outside Databricks (dbt-spark issue 415), so the models
are run in waves, in the order of the graph: each wave of SQL models by dbt (`dbt run --target
spark`, invoked in this process, so dbt-spark's session and the Python models share one
SparkSession and one metastore), each wave of Python models here. A Python model file runs
unchanged: it is handed a `dbt` object that does what dbt-databricks' does (`ref` gives the
table as a Spark DataFrame, `config.get` the model's config from the manifest), and what it
returns is saved as its table.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from client_intelligence import frames
from client_intelligence.project import project_root


class SparkRunError(RuntimeError):
    """A dbt step of the Spark run failed."""


def invoke_dbt(arguments: Sequence[str]) -> None:
    """One dbt command on the spark target, in this process."""
    from dbt.cli.main import dbtRunner

    root = str(project_root())
    command = [*arguments, "--target", "spark", "--project-dir", root, "--profiles-dir", root]
    result = dbtRunner().invoke(command)
    if not result.success:
        command_line = " ".join(arguments)
        raise SparkRunError(f"`dbt {command_line} --target spark` failed: {result.exception}")


def model_nodes(manifest: Mapping[str, Any]) -> dict[str, dict]:
    """The enabled models of the manifest, by unique id."""
    return {
        unique_id: node
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
    }


def waves(models: Mapping[str, dict]) -> list[tuple[str, list[dict]]]:
    """The models in runs of one language ('sql' or 'python'), each run after every model it
    reads: a model joins the earliest wave of its language that follows all its parents. Within
    a wave, a model comes after the models it reads."""
    wave_of: dict[str, int] = {}
    depth_of: dict[str, int] = {}

    def depth(unique_id: str) -> int:
        if unique_id not in depth_of:
            parents = [p for p in models[unique_id]["depends_on"]["nodes"] if p in models]
            depth_of[unique_id] = 1 + max(map(depth, parents), default=-1)
        return depth_of[unique_id]

    def wave(unique_id: str) -> int:
        if unique_id not in wave_of:
            node = models[unique_id]
            parity = 0 if node["language"] == "sql" else 1
            earliest = 0
            for parent in node["depends_on"]["nodes"]:
                if parent in models:
                    parent_wave = wave(parent)
                    same = models[parent]["language"] == node["language"]
                    earliest = max(earliest, parent_wave if same else parent_wave + 1)
            wave_of[unique_id] = earliest + (earliest % 2 != parity)
        return wave_of[unique_id]

    for unique_id in models:
        wave(unique_id)
    ordered: dict[int, list[dict]] = {}
    for unique_id in sorted(models, key=lambda name: (wave_of[name], depth(name), name)):
        ordered.setdefault(wave_of[unique_id], []).append(models[unique_id])
    return [("sql" if number % 2 == 0 else "python", nodes) for number, nodes in ordered.items()]


class ModelConfig:
    """`dbt.config` in a Python model: a call sets nothing here (the manifest already holds the
    model's config); `get` reads it."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        self._config = config

    def __call__(self, **_: Any) -> None:
        return None

    def get(self, key: str, default: Any = None) -> Any:
        value = self._config.get(key, default)
        return default if value is None else value


class ModelContext:
    """The `dbt` argument of a Python model, as dbt-databricks hands it: refs as DataFrames."""

    def __init__(self, session: Any, manifest: Mapping[str, Any], node: Mapping[str, Any]):
        self._session = session
        self._relations = _relations_by_name(manifest)
        self.config = ModelConfig(node["config"])

    def ref(self, name: str) -> Any:
        if name not in self._relations:
            raise KeyError(f"ref('{name}'): no model or seed of that name in the manifest")
        return self._session.table(self._relations[name])


def _relations_by_name(manifest: Mapping[str, Any]) -> dict[str, str]:
    relations = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] in ("model", "seed", "snapshot"):
            relations[node["name"]] = f"{node['schema']}.{node['alias']}"
    return relations


def run_python_model(session: Any, manifest: Mapping[str, Any], node: Mapping[str, Any]) -> int:
    """Run one model file's `model(dbt, session)` and save what it returns as its table."""
    path = project_root() / node["original_file_path"]
    spec = importlib.util.spec_from_file_location(f"spark_model_{node['name']}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.model(ModelContext(session, manifest, node), session)
    frame = result if frames.is_spark(result) else session.createDataFrame(result)
    table = f"{node['schema']}.{node['alias']}"
    session.sql(f"create database if not exists {node['schema']}")
    frame.write.mode("overwrite").format("parquet").saveAsTable(table)
    return session.table(table).count()


def run_spark(dbt_arguments: Sequence[str] = ()) -> None:
    """Seeds, then every model in waves (SQL by dbt, Python here)."""
    from client_intelligence.spark_tables import spark_session

    # the Python workers (scoring, the redaction transforms) run this interpreter and package
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = spark_session()
    invoke_dbt(["seed", *dbt_arguments])
    invoke_dbt(["parse", *dbt_arguments])
    manifest = json.loads((project_root() / "target" / "manifest.json").read_text())
    for language, nodes in waves(model_nodes(manifest)):
        names = [node["name"] for node in nodes]
        if language == "sql":
            invoke_dbt(["run", "--select", *names, *dbt_arguments])
            continue
        for node in nodes:
            rows = run_python_model(session, manifest, node)
            print(f"python model {node['schema']}.{node['alias']}: {rows} rows")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build the project on the spark target: SQL models with dbt, Python models "
        "through this process's SparkSession."
    )
    parser.add_argument("--vars", default=None, help="dbt --vars, passed to every dbt step")
    args = parser.parse_args(argv)
    run_spark(["--vars", args.vars] if args.vars else [])
    return 0
