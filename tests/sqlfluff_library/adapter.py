"""`adapter` for sqlfluff's jinja templater (.sqlfluff library_path), which has no dbt adapter:
`adapter.dispatch` picks the DuckDB implementation of a cross-engine macro (macros/
cross_engine.sql), so the models are linted as the default target renders them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context


@pass_context
def dispatch(context: Context, macro_name: str, macro_namespace: str | None = None) -> Callable:
    """The duckdb__ macro, else the default__ one, as dbt's dispatch finds them on DuckDB."""
    for prefix in ("duckdb__", "default__"):
        macro: Any = context.get(prefix + macro_name)
        if macro is not None:
            return macro
    raise KeyError(f"no duckdb__ or default__ implementation of {macro_name}")
