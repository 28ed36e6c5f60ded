"""The digit-identifier and name redaction as DuckDB functions, so SQL models can call them.

Registered as a vectorised (Arrow) UDF: DuckDB hands over a whole vector of notes per call, so
the per-row cost is the Python detection alone. SQL calls them only for notes that hold
enough digits or a name candidate (macros/redaction.sql), which keeps a 3,000,000-note build
close to pure-SQL speed.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pyarrow as pa
from duckdb.sqltypes import VARCHAR

from client_intelligence.redaction.detect import redact_digit_identifiers
from client_intelligence.redaction.names import redact_names

FUNCTION_NAME = "redact_digit_identifiers"
NAMES_FUNCTION_NAME = "redact_names"


def _vectorised(redact: Callable[[str | None, str | None], str | None]):
    def redact_vector(texts: pa.Array, languages: pa.Array) -> pa.Array:
        return pa.array(
            [
                redact(text, language)
                for text, language in zip(texts.to_pylist(), languages.to_pylist(), strict=True)
            ],
            type=pa.string(),
        )

    return redact_vector


_redact_vector = _vectorised(redact_digit_identifiers)


def register(connection: duckdb.DuckDBPyConnection) -> None:
    """Make `redact_digit_identifiers(text, language)` and `redact_names(text, language)`
    callable in SQL on this connection."""
    for name, function in (
        (FUNCTION_NAME, _redact_vector),
        (NAMES_FUNCTION_NAME, _vectorised(redact_names)),
    ):
        connection.create_function(
            name,
            function,
            [VARCHAR, VARCHAR],
            VARCHAR,
            type="arrow",
            null_handling="special",
            side_effects=False,
        )
