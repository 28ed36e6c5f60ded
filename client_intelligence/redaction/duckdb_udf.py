"""The digit-identifier redaction as a DuckDB function, so SQL models can call it.

Registered as a vectorised (Arrow) UDF: DuckDB hands over a whole vector of notes per call, so
the per-row cost is the Python detection alone. SQL calls it only for notes that hold enough
digits (macros/redaction.sql), which keeps a 3,000,000-note build close to pure-SQL speed.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
from duckdb.sqltypes import VARCHAR

from client_intelligence.redaction.detect import redact_digit_identifiers

FUNCTION_NAME = "redact_digit_identifiers"


def _redact_vector(texts: pa.Array, languages: pa.Array) -> pa.Array:
    return pa.array(
        [
            redact_digit_identifiers(text, language)
            for text, language in zip(texts.to_pylist(), languages.to_pylist(), strict=True)
        ],
        type=pa.string(),
    )


def register(connection: duckdb.DuckDBPyConnection) -> None:
    """Make `redact_digit_identifiers(text, language)` callable in SQL on this connection."""
    connection.create_function(
        FUNCTION_NAME,
        _redact_vector,
        [VARCHAR, VARCHAR],
        VARCHAR,
        type="arrow",
        null_handling="special",
        side_effects=False,
    )
