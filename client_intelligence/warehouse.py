"""Questions the exports ask of the DuckDB file before reading it."""

from __future__ import annotations

import duckdb


def table_exists(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether `name` was built: optional models (segments, actions, graph, monitoring) are
    absent from older warehouses and from builds without the predictions."""
    query = "select count(*) from information_schema.tables where table_name = ?"
    # fetchall, not fetchone: DuckDB refuses further queries on a connection whose result was
    # not read to the end
    return bool(connection.execute(query, [name]).fetchall()[0][0])
