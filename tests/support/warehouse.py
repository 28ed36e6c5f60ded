"""Small warehouses built by the real dbt project into temporary DuckDB files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from client_intelligence.project import run_dbt

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


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
