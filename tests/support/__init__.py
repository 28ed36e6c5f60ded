"""Test helpers shared by unit and integration tests (imported, never collected)."""

from tests.support.warehouse import FIXTURES, Warehouse, build_warehouse

__all__ = ["FIXTURES", "Warehouse", "build_warehouse"]
