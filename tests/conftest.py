"""Shared fixtures. Everything under tests/integration is marked `integration` (it builds dbt)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client_intelligence import demo_data
from tests.support import FIXTURES, Warehouse, build_warehouse

INTEGRATION_DIR = Path(__file__).resolve().parent / "integration"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if INTEGRATION_DIR in item.path.resolve().parents:
            item.add_marker(pytest.mark.integration)


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
