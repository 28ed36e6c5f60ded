"""Shared fixtures: small warehouses built by the real dbt project into temporary DuckDB files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from client_intelligence import demo_data
from client_intelligence.project import PROJECT_ROOT, run_dbt

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Warehouse:
    """A DuckDB file built by `dbt build` from one raw data folder."""

    database: Path
    raw_data_dir: Path
    target_path: Path
    artifacts_dir: Path

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.database), read_only=True) as connection:
            return connection.sql(sql).fetchall()

    def scalar(self, sql: str):
        return self.query(sql)[0][0]

    def dbt(self, *args: str, variables: dict | None = None):
        merged = {"raw_data_dir": str(self.raw_data_dir), **(variables or {})}
        return run_dbt(
            list(args),
            variables=merged,
            database=self.database,
            target_path=self.target_path,
            artifacts_dir=self.artifacts_dir,
            quiet=True,
        )


def build_warehouse(tmp: Path, raw_data_dir: Path, variables: dict | None = None) -> Warehouse:
    warehouse = Warehouse(
        tmp / "warehouse.duckdb", raw_data_dir, tmp / "target", tmp / "ml_artifacts"
    )
    warehouse.dbt("build", variables={"enable_ml_predictions": False, **(variables or {})})
    return warehouse


@pytest.fixture(scope="session")
def demo_raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small deterministic demo data set (the same generator as `make run`)."""
    folder = tmp_path_factory.mktemp("demo_raw")
    demo_data.generate(folder, clients=400, seed=7)
    return folder


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory, demo_raw_dir: Path) -> Warehouse:
    return build_warehouse(tmp_path_factory.mktemp("demo_wh"), demo_raw_dir)


@pytest.fixture(scope="session")
def notes_only_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    """The advisors' export alone: no client_id column and no transactions.csv."""
    yield build_warehouse(tmp_path_factory.mktemp("notes_only"), FIXTURES / "notes_export")


assert PROJECT_ROOT.joinpath("dbt_project.yml").exists()


@pytest.fixture(scope="session")
def trained_warehouse(demo_warehouse: Warehouse) -> Warehouse:
    """The demo warehouse with a fast model trained on it and the predictions built."""
    from client_intelligence.train_cli import main as train

    exit_code = train(
        [
            "--tier",
            "fast",
            "--database",
            str(demo_warehouse.database),
            "--artifacts-dir",
            str(demo_warehouse.artifacts_dir),
        ]
    )
    assert exit_code == 0
    demo_warehouse.dbt("build", "--select", "predictions+")
    return demo_warehouse
