"""The one reader of raw CRM exports, shared by `dbt build` (through the dbt-duckdb source
plugin in client_intelligence.dbt_raw_source) and the CSV scorer.

A source is every file matching its name in the raw folder: `notes.csv`, `notes_<stamp>.csv`,
`notes/*.csv`, and the same with `.parquet`. Each CSV's encoding (UTF-8 with or without BOM,
UTF-16 with BOM, Windows-1252 / Latin-1) and delimiter (comma, semicolon, tab, pipe) are
detected unless forced. Every physical record becomes one output row: either its values, or,
when it cannot be split into the header's fields, a malformed row carrying the line number, an
error type and message in DuckDB's vocabulary, and the line's text (redacted in staging, never
logged here). Only a missing required file or a required column absent from the header raises.

Why not DuckDB's read_csv with store_rejects: on DuckDB 2.0 its strict mode aborts the whole
scan on a bare carriage return ("state machine reached an invalid state") and its lenient mode
keeps lines with extra fields by silently dropping the extra values, so neither keeps every line.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

# Columns every raw relation has besides the export's own.
READER_COLUMNS = (
    "source_file",
    "source_line_number",
    "malformed_error_type",
    "malformed_error_message",
    "malformed_line_text",
)
DELIMITERS = (",", ";", "\t", "|")
DEFAULT_MAX_LINE_CHARS = 4_000_000
# A malformed line keeps at most this much text (redacted in staging) for the analyst to see.
MAX_KEPT_LINE_CHARS = 2_000
_CHUNK_BYTES = 1 << 24
# A quoted value may span at most this many lines before its quote counts as unterminated.
MAX_LINES_PER_RECORD = 500
# Rows are turned into Arrow every this many, so a large file is never held as Python strings.
_BATCH_ROWS = 100_000
_VALID_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


class RawFileError(RuntimeError):
    """An export that cannot be read at all: the message names the file and what to fix."""


@dataclass
class ReadOptions:
    """How to read a source; empty encoding / delimiter mean "detect"."""

    required_columns: Sequence[str] = ()
    optional_columns: Sequence[str] = ()
    required: bool = False
    encoding: str = ""
    delimiter: str = ""
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS

    @classmethod
    def from_meta(cls, meta: Mapping[str, Any]) -> ReadOptions:
        """The options of a dbt source's `meta` (models/staging/_staging__sources.yml)."""
        return cls(
            required_columns=_as_list(meta.get("required_columns")),
            optional_columns=_as_list(meta.get("optional_columns")),
            required=str(meta.get("required", False)).lower() == "true",
            encoding=str(meta.get("encoding") or ""),
            delimiter=str(meta.get("delimiter") or "").replace("\\t", "\t"),
            max_line_chars=int(meta.get("max_line_chars") or DEFAULT_MAX_LINE_CHARS),
        )


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else [str(item) for item in value]


@dataclass
class FileRows:
    """The rows of one file, column by column, as text."""

    path: str
    columns: list[str]
    values: dict[str, list[str | None]] = field(default_factory=dict)
    line_numbers: list[int] = field(default_factory=list)
    error_types: list[str | None] = field(default_factory=list)
    error_messages: list[str | None] = field(default_factory=list)
    line_texts: list[str | None] = field(default_factory=list)
    tables: list[pa.Table] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    def flush(self) -> None:
        """Move the rows gathered so far into an Arrow table."""
        count = len(self.line_numbers)
        if not count:
            return
        arrays = {
            "source_file": pa.array([self.path] * count, pa.string()),
            "source_line_number": pa.array(self.line_numbers, pa.int64()),
            "malformed_error_type": pa.array(self.error_types, pa.string()),
            "malformed_error_message": pa.array(self.error_messages, pa.string()),
            "malformed_line_text": pa.array(self.line_texts, pa.string()),
        }
        for column in self.columns:
            arrays[column] = pa.array(self.values[column], pa.string())
        self.tables.append(pa.table(arrays))
        self.line_numbers, self.error_types, self.error_messages, self.line_texts = [], [], [], []
        self.values = {column: [] for column in self.columns}

    def _count(self) -> None:
        if len(self.line_numbers) >= _BATCH_ROWS:
            self.flush()

    def add(self, line_number: int, fields: Sequence[str]) -> None:
        self.line_numbers.append(line_number)
        for column, value in zip(self.columns, fields, strict=True):
            self.values[column].append(value)
        self.error_types.append(None)
        self.error_messages.append(None)
        self.line_texts.append(None)
        self._count()

    def add_malformed(self, line_number: int, error_type: str, message: str, text: str) -> None:
        self.line_numbers.append(line_number)
        for column in self.columns:
            self.values[column].append(None)
        self.error_types.append(error_type)
        self.error_messages.append(message)
        kept = text[:MAX_KEPT_LINE_CHARS]
        if _has_invalid_encoding(kept):  # undecodable bytes shown as U+FFFD
            kept = kept.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        self.line_texts.append(kept)
        self._count()


def source_files(raw_dir: Path, name: str) -> list[Path]:
    """Every file of a source, oldest first: ordered by path, so that date-stamped daily drops
    (notes/2026-03-14.csv, notes_20260314.csv) sort in time and the last one is the latest."""
    patterns = []
    for extension in ("csv", "tsv", "txt", "parquet"):
        patterns += [f"{name}.{extension}", f"{name}_*.{extension}", f"{name}/*.{extension}"]
    found = {path for pattern in patterns for path in raw_dir.glob(pattern) if path.is_file()}
    return sorted(found, key=lambda path: path.relative_to(raw_dir).as_posix())


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """The five bytes Windows-1252 leaves undefined read as Latin-1."""
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("cp1252_latin1", _cp1252_fallback)
# the line-size limit is max_line_chars, not the csv module's 128 KB default
csv.field_size_limit(2**31 - 1)


def detect_encoding(path: Path) -> str:
    """A Python codec name for the file: the BOM decides; else UTF-8 when the bytes are UTF-8
    (a few invalid sequences among valid ones stay UTF-8: those lines become malformed), else
    Windows-1252, whose printable range includes Latin-1's."""
    with path.open("rb") as handle:
        start = handle.read(4)
        if start.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        valid_multibyte = 0
        invalid = False
        while chunk := handle.read(_CHUNK_BYTES):
            valid_multibyte += len(_VALID_MULTIBYTE.findall(chunk)) if invalid else 0
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                invalid = True
                valid_multibyte += len(_VALID_MULTIBYTE.findall(chunk))
                decoder = codecs.getincrementaldecoder("utf-8")()
        if not invalid:
            return "utf-8"
        handle.seek(0)
        invalid_bytes = len(re.findall(rb"[\x80-\xff]", handle.read(_CHUNK_BYTES)))
    return "utf-8" if valid_multibyte * 2 >= invalid_bytes - valid_multibyte else "cp1252"


def _codec_errors(encoding: str) -> str:
    return "cp1252_latin1" if encoding == "cp1252" else "surrogateescape"


def detect_delimiter(header: str) -> str:
    """The candidate that appears most often in the header line (comma on a tie or none)."""
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _physical_lines(path: Path, encoding: str) -> Iterator[str]:
    """Lines ended by LF only (CRLF loses its CR later); a bare CR stays inside the line."""
    with path.open(encoding=encoding, errors=_codec_errors(encoding), newline="\n") as handle:
        yield from handle


def _strip_line_end(line: str) -> str:
    if line.endswith("\n"):
        line = line[:-1]
    return line[:-1] if line.endswith("\r") else line


def _split(record: str, delimiter: str) -> list[str]:
    """Fields of one record; raises csv.Error on a stray quote or a bare CR outside quotes."""
    if '"' not in record and "\r" not in record:
        return record.split(delimiter)
    rows = list(csv.reader([record], delimiter=delimiter, quotechar='"', strict=True))
    if len(rows) != 1:
        raise csv.Error("new-line character seen in unquoted field")
    return rows[0]


def _canonical_columns(
    header: list[str], options: ReadOptions, path: Path
) -> tuple[list[str], list[str]]:
    """Header names matched to the expected ones ignoring case and spaces; raises when a
    required column is missing. Returns (names as output columns, names found)."""
    found = [name.strip().lstrip("\ufeff") for name in header]
    expected = [*options.required_columns, *options.optional_columns]
    by_key = {name.strip().lower(): name for name in expected}
    columns = [by_key.get(name.lower(), name) for name in found]
    missing = [name for name in options.required_columns if name not in columns]
    if missing:
        raise RawFileError(
            f"{path}: required column(s) {', '.join(missing)} missing from the header. "
            f"Columns found: {', '.join(found) or '(none)'}. "
            f"Columns expected: {', '.join(options.required_columns)}"
            + (
                f" (optional: {', '.join(options.optional_columns)})"
                if options.optional_columns
                else ""
            )
        )
    return columns, found


_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes kept by surrogateescape


def _has_invalid_encoding(text: str) -> bool:
    return _UNDECODABLE.search(text) is not None


def read_delimited(path: Path, options: ReadOptions) -> FileRows:
    """One CSV / TSV file as rows; every record after the header is kept or marked malformed."""
    encoding = options.encoding or detect_encoding(path)
    lines = _physical_lines(path, encoding)
    header_line = next(lines, None)
    if header_line is None or not header_line.strip():
        raise RawFileError(f"{path}: the file is empty (no header line)")
    header_text = _strip_line_end(header_line).lstrip("\ufeff")
    delimiter = options.delimiter or detect_delimiter(header_text)
    header = _split(header_text, delimiter)
    columns, found = _canonical_columns(header, options, path)
    if len(set(columns)) != len(columns):
        raise RawFileError(f"{path}: the header repeats a column name: {', '.join(found)}")
    rows = FileRows(str(path), columns, {column: [] for column in columns})
    rows.encoding, rows.delimiter = encoding, delimiter
    _read_records(lines, rows, header_text, delimiter, options.max_line_chars)
    rows.flush()
    return rows


def _read_records(
    lines: Iterator[str], rows: FileRows, header_text: str, delimiter: str, max_chars: int
) -> None:
    """Assemble physical lines into records (a quoted field may span lines) and add each one.

    A record whose quote never closes (at the end of the file or past max_chars) is cut back to
    its first line, which is malformed; the lines after it are read again as records.
    """
    pending: deque[tuple[int, str]] = deque()  # lines to read again after a failed record
    source = ((number, _strip_line_end(line)) for number, line in enumerate(lines, start=2))

    def next_line() -> tuple[int, str] | None:
        if pending:
            return pending.popleft()
        return next(source, None)

    expected = len(rows.columns)
    while (item := next_line()) is not None:
        number, text = item
        if not text.strip():
            continue  # a blank line holds no record
        parts = [item]
        quotes = text.count('"')
        length = len(text)
        while quotes % 2 and length <= max_chars and len(parts) < MAX_LINES_PER_RECORD:
            following = next_line()
            if following is None:
                break
            parts.append(following)
            quotes += following[1].count('"')
            length += len(following[1]) + 1
        record = "\n".join(part for _, part in parts)
        if quotes % 2 and len(parts) > 1:
            pending.extendleft(reversed(parts[1:]))
            rows.add_malformed(number, "UNQUOTED VALUE", "Value with unterminated quote", text)
            continue
        fields, error = _parse_record(record, header_text, delimiter, expected, max_chars)
        if error is None:
            rows.add(number, fields)
        elif len(parts) > 1:
            pending.extendleft(reversed(parts[1:]))
            rows.add_malformed(number, *error, text)
        else:
            rows.add_malformed(number, *error, record)


def _parse_record(
    record: str, header_text: str, delimiter: str, expected: int, max_chars: int
) -> tuple[list[str], None] | tuple[None, tuple[str, str]]:
    """(the record's fields, None), or (None, (error type, message)) when it is not a row."""
    if len(record) > max_chars:
        message = f"Line of {len(record)} characters exceeds the maximum of {max_chars}"
        return None, ("LINE SIZE OVER MAXIMUM", message)
    if _has_invalid_encoding(record):
        return None, ("INVALID ENCODING", "Invalid byte sequence for the file's encoding")
    if record.lstrip("\ufeff") == header_text:
        return None, ("REPEATED HEADER", "The header line appears again (concatenated exports)")
    try:
        fields = _split(record, delimiter)
    except csv.Error as error:
        return None, ("UNQUOTED VALUE", f"Quote or line break outside a quoted value: {error}")
    if len(fields) > expected:
        return None, (
            "TOO MANY COLUMNS",
            f"Expected Number of Columns: {expected} Found: {len(fields)}",
        )
    if len(fields) < expected:
        return None, (
            "MISSING COLUMNS",
            f"Expected Number of Columns: {expected} Found: {len(fields)}",
        )
    return fields, None


def read_parquet(path: Path, options: ReadOptions) -> FileRows:
    """A Parquet drop: every column as text, one row per Parquet row."""
    table = pq.read_table(path)
    columns, _ = _canonical_columns(table.column_names, options, path)
    rows = FileRows(str(path), columns)
    count = table.num_rows
    nulls = pa.nulls(count, pa.string())
    arrays = {
        "source_file": pa.array([str(path)] * count, pa.string()),
        "source_line_number": pa.array(range(1, count + 1), pa.int64()),
        "malformed_error_type": nulls,
        "malformed_error_message": nulls,
        "malformed_line_text": nulls,
    }
    for column, values in zip(columns, table.columns, strict=True):
        arrays[column] = values.cast(pa.string())
    rows.tables.append(pa.table(arrays))
    return rows


def read_file(path: Path, options: ReadOptions, label: str | None = None) -> FileRows:
    """One file's rows; `label` is the source_file they carry (default: the path)."""
    is_parquet = path.suffix.lower() == ".parquet"
    rows = read_parquet(path, options) if is_parquet else read_delimited(path, options)
    if label is not None:
        for index, table in enumerate(rows.tables):
            labels = pa.array([label] * table.num_rows, pa.string())
            rows.tables[index] = table.set_column(0, "source_file", labels)
    return rows


def _concat(tables: list[pa.Table], columns: list[str]) -> pa.Table:
    """The tables as one, with exactly `columns` (null where a table lacks one), all text
    except the line number."""
    empty = pa.table(
        {
            column: pa.array([], pa.int64() if column == "source_line_number" else pa.string())
            for column in columns
        }
    )
    return pa.concat_tables([empty, *tables], promote_options="default").select(columns)


def file_table(rows: FileRows) -> pa.Table:
    """All rows of one file as one table (the reader columns, then the file's own)."""
    rows.flush()
    return _concat(rows.tables, [*READER_COLUMNS, *rows.columns])


def read_source(raw_dir: Path, name: str, options: ReadOptions) -> pa.Table:
    """All files of one source as one Arrow table: the reader columns, then every expected
    column and any other column a file has (null where a file lacks it), all text."""
    files = source_files(raw_dir, name)
    if not files and options.required:
        raise RawFileError(
            f"No {name} export in {raw_dir}: expected {name}.csv, {name}_*.csv, {name}/*.csv "
            "(or .tsv, .txt, .parquet)"
        )
    columns = [*READER_COLUMNS, *options.required_columns, *options.optional_columns]
    tables = []
    for path in files:
        rows = read_file(path, options, path.relative_to(raw_dir).as_posix())
        columns += [column for column in rows.columns if column not in columns]
        tables += rows.tables
    return _concat(tables, columns)
