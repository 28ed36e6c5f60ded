"""dbt-duckdb source plugin: `source('raw', name)` is the raw reader's table of that export.

dbt-duckdb calls `load` each time a model or test renders the source; the table is read once
per set of files (paths, sizes, modification times and options) and reused by later calls.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pyarrow as pa
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig

from client_intelligence.raw_reader import ReadOptions, read_source, source_files


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self._lock = threading.Lock()
        self._cache: dict[tuple, pa.Table] = {}

    def load(self, source_config: SourceConfig) -> pa.Table:
        meta = source_config.meta
        raw_dir = Path(str(meta["raw_data_dir"]))
        name = source_config.identifier
        options = ReadOptions.from_meta(meta)
        files = tuple(
            (str(path), path.stat().st_size, path.stat().st_mtime_ns)
            for path in source_files(raw_dir, name)
        )
        key = (str(raw_dir), name, repr(options), files)
        with self._lock:
            if key not in self._cache:
                self._cache = {k: v for k, v in self._cache.items() if k[:2] != key[:2]}
                self._cache[key] = read_source(raw_dir, name, options)
            return self._cache[key]

    def default_materialization(self) -> str:
        return "table"
