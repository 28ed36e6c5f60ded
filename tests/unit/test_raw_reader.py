"""The raw reader on its own (no dbt): encodings, dialects, faults, and a property test that
random faults never crash it and every record after the header is one row, kept or malformed."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from client_intelligence.raw_reader import (
    RawFileError,
    ReadOptions,
    detect_delimiter,
    detect_encoding,
    file_table,
    read_file,
    read_source,
    source_files,
)

NOTE_COLUMNS = ReadOptions(required_columns=["ID", "Date", "Transcription"], required=True)


def _read(tmp_path: Path, content: bytes, options: ReadOptions = NOTE_COLUMNS):
    path = tmp_path / "notes.csv"
    path.write_bytes(content)
    return file_table(read_file(path, options)).to_pylist()


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        ("ID,Text\n1,café\n".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "ID,Text\n1,café\n".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "ID,Text\n1,café\n".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "ID,Text\n1,café\n".encode("utf-16-be"), "utf-16"),
        ("ID,Text\n1,déjà vu, 20 €\n".encode("cp1252"), "cp1252"),
        ("ID,Text\n1,straße\n2,ça\n".encode("latin-1"), "cp1252"),
        # one broken byte among real UTF-8 is a bad line, not a Latin-1 file
        ("ID,Text\n1,Größe\n2,schön\n".encode() + b"3,kaputt \xff\n", "utf-8"),
    ],
)
def test_encoding_is_detected(tmp_path: Path, content: bytes, encoding: str):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    assert detect_encoding(path) == encoding


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [("ID,Date,Text", ","), ("ID;Date;Text", ";"), ("ID\tDate\tText", "\t"), ("Text", ",")],
)
def test_delimiter_is_detected_from_the_header(header: str, delimiter: str):
    assert detect_delimiter(header) == delimiter


def test_crlf_lf_and_mixed_line_ends_read_alike(tmp_path: Path):
    content = b'ID,Date,Transcription\r\n1,2026-01-01,a\n2,2026-01-02,"two\r\nlines"\r\n3,x,c'
    rows = _read(tmp_path, content)
    assert [row["Transcription"] for row in rows] == [
        "a",
        "two\r\nlines".replace("\r\n", "\n"),
        "c",
    ]
    assert [row["source_line_number"] for row in rows] == [2, 3, 5]


def test_each_fault_is_one_malformed_row(tmp_path: Path):
    content = (
        b"ID,Date,Transcription\n"
        b"1,2026-01-01,fine\n"
        b"2,2026-01-01,extra,field\n"
        b"3,2026-01-01\n"
        b"4,2026-01-01,bare\rreturn\n"
        b'5,2026-01-01,"closed"then text\n'
        b"ID,Date,Transcription\n"
        b"6,2026-01-01,fine again\n"
        b'7,2026-01-01,"never closed\n'
        b"8,2026-01-01,read again after the unclosed quote\n"
    )
    rows = _read(tmp_path, content)
    errors = {row["source_line_number"]: row["malformed_error_type"] for row in rows}
    assert errors == {
        2: None,
        3: "TOO MANY COLUMNS",
        4: "MISSING COLUMNS",
        5: "UNQUOTED VALUE",
        6: "UNQUOTED VALUE",
        7: "REPEATED HEADER",
        8: None,
        9: "UNQUOTED VALUE",
        10: None,
    }
    assert rows[1]["malformed_line_text"] == "2,2026-01-01,extra,field"
    assert rows[1]["ID"] is None


def test_over_long_line_is_malformed_and_its_text_cut(tmp_path: Path):
    options = ReadOptions(required_columns=["ID", "Text"], max_line_chars=1_000)
    rows = _read(tmp_path, b"ID,Text\n1," + b"x" * 5_000 + b"\n2,short\n", options)
    assert rows[0]["malformed_error_type"] == "LINE SIZE OVER MAXIMUM"
    assert len(rows[0]["malformed_line_text"]) == 2_000
    assert rows[1]["Text"] == "short"


def test_missing_required_column_names_file_found_and_expected(tmp_path: Path):
    with pytest.raises(RawFileError) as error:
        _read(tmp_path, b"id;Datum;Transcription\n1;x;y\n")
    assert "notes.csv" in str(error.value)
    assert "Columns found: id, Datum, Transcription" in str(error.value)
    assert "Columns expected: ID, Date, Transcription" in str(error.value)


def test_header_names_match_ignoring_case_and_spaces(tmp_path: Path):
    rows = _read(tmp_path, b" id ,DATE,transcription\n1,2026-01-01,a\n")
    assert rows[0]["ID"] == "1" and rows[0]["Date"] == "2026-01-01"


def test_missing_required_source_is_an_error_and_optional_is_empty(tmp_path: Path):
    with pytest.raises(RawFileError, match="No notes export"):
        read_source(tmp_path, "notes", NOTE_COLUMNS)
    empty = read_source(tmp_path, "transactions", ReadOptions(required_columns=["amount_eur"]))
    assert empty.num_rows == 0 and "amount_eur" in empty.column_names


def test_daily_drops_are_found_oldest_first(tmp_path: Path):
    for name in ["notes.csv", "notes_2026-03-02.csv", "notes/2026-03-01.csv", "notesX.csv"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"ID,Date,Transcription\n")
    found = [path.relative_to(tmp_path).as_posix() for path in source_files(tmp_path, "notes")]
    assert found == ["notes.csv", "notes/2026-03-01.csv", "notes_2026-03-02.csv"]


def test_forced_encoding_and_delimiter_win(tmp_path: Path):
    options = ReadOptions(required_columns=["ID", "Text"], encoding="latin-1", delimiter="|")
    rows = _read(tmp_path, "ID|Text\n1|a;b,c é\n".encode("latin-1"), options)
    assert rows[0]["Text"] == "a;b,c é"


# --- property test: random faults injected into a well-formed export ---------------------

cells = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30
)  # any text, quoted when written
faults = st.sampled_from(
    [b",", b"", b'"', b"\r", b"\x00", b"\xff\xfe", b"\n", b"x" * 3_000, b'",', b";"]
)


def _csv_cell(text: str) -> bytes:
    return b'"' + text.replace('"', '""').encode() + b'"'


@st.composite
def faulty_exports(draw) -> tuple[bytes, int]:
    rows = draw(st.lists(st.tuples(cells, cells), min_size=0, max_size=15))
    lines = [b"ID,Date,Transcription"]
    for index, (date, text) in enumerate(rows):
        line = b",".join([str(index).encode(), _csv_cell(date), _csv_cell(text)])
        if draw(st.booleans()):
            position = draw(st.integers(0, len(line)))
            line = line[:position] + draw(faults) + line[position:]
        lines.append(line)
    ending = draw(st.sampled_from([b"\n", b"\r\n"]))
    return ending.join(lines) + draw(st.sampled_from([ending, b""])), len(rows)


@settings(max_examples=300, deadline=None)
@given(export=faulty_exports())
def test_random_faults_never_crash_and_every_record_is_one_row(export: tuple[bytes, int]):
    content, _written = export
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.csv"
        path.write_bytes(content)
        options = ReadOptions(
            required_columns=["ID", "Date", "Transcription"], max_line_chars=2_000
        )
        rows = file_table(read_file(path, options)).to_pylist()
    kept = [row for row in rows if row["malformed_error_type"] is None]
    malformed = [row for row in rows if row["malformed_error_type"] is not None]
    assert len(kept) + len(malformed) == len(rows)
    # a row starts on a distinct line, in order, and no line outside a quoted value is lost:
    # every non-blank line is the start of a row or inside a kept row's quoted value
    numbers = [row["source_line_number"] for row in rows]
    assert numbers == sorted(set(numbers))
    physical = content.split(b"\n")
    non_blank = {
        number for number, line in enumerate(physical[1:], start=2) if line.strip(b"\r").strip()
    }
    covered = set(numbers)
    for row in kept:
        text = ",".join(row[column] or "" for column in ("ID", "Date", "Transcription"))
        covered.update(
            range(row["source_line_number"], row["source_line_number"] + text.count("\n") + 1)
        )
    assert non_blank <= covered
    for row in malformed:
        assert row["ID"] is None and row["malformed_line_text"] is not None
