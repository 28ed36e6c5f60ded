"""dbt-duckdb plugin (profiles.yml `plugins:`) that registers the redaction UDF on every
connection dbt opens, so `dbt build`, the CSV scorer and the benchmark all redact alike."""

from __future__ import annotations

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from client_intelligence.redaction.duckdb_udf import register


class Plugin(BasePlugin):
    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register(conn)
