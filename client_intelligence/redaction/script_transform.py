"""The Python redaction steps as a Spark SQL script transform (`SELECT TRANSFORM ... USING`).

On Spark the finders cannot be registered as functions from the dbt CLI (dbt-spark's session
cursor builds its own SparkSession), so macros/redaction.sql pipes the rows that need them
through this module instead. Each input line is `key<TAB>hex(utf-8 text)<TAB>language`
(hex because a note may hold tabs and line breaks, which the transform's line format cannot
carry, and Spark's base64() inserts line breaks); each output line is
`key<TAB>hex(utf-8 redacted text)`. The same functions
as the DuckDB UDFs run, so the redacted text is the same on both engines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator

from client_intelligence.redaction.detect import redact_digit_identifiers
from client_intelligence.redaction.names import redact_names

FINDERS: dict[str, Callable[[str | None, str | None], str | None]] = {
    "digits": redact_digit_identifiers,
    "names": redact_names,
}
# Spark writes a SQL null as \N in the transform's default text format.
_NULL = "\\N"


def transform_lines(lines: Iterable[str], finder: str) -> Iterator[str]:
    """The output line for each input line (see the module docstring)."""
    redact = FINDERS[finder]
    for line in lines:
        key, encoded, language = (line.rstrip("\n").split("\t") + ["", ""])[:3]
        if encoded in ("", _NULL):
            yield f"{key}\t{_NULL}\n"
            continue
        text = bytes.fromhex(encoded).decode("utf-8")
        redacted = redact(text, language if language not in ("", _NULL) else None)
        if redacted is None:
            yield f"{key}\t{_NULL}\n"
        else:
            yield f"{key}\t{redacted.encode('utf-8').hex()}\n"


def main(argv: list[str] | None = None) -> int:
    """`python -m client_intelligence.redaction.script_transform digits|names`."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in FINDERS:
        print(f"usage: script_transform {{{'|'.join(FINDERS)}}}", file=sys.stderr)
        return 2
    sys.stdout.writelines(transform_lines(sys.stdin, args[0]))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
