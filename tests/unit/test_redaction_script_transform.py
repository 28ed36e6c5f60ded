"""The Spark script transform redacts as the DuckDB functions do, whatever the text holds."""

from client_intelligence.redaction.detect import redact_digit_identifiers
from client_intelligence.redaction.names import redact_names
from client_intelligence.redaction.script_transform import main, transform_lines

NULL = "\\N"  # a SQL null in the transform's text format

NOTES = [
    ("n1", "Rappeler au 06 12 34 56 78\tavant jeudi,\nmerci", "fr"),
    ("n2", "Met Charlotte Vandermeer at the counter, call 333 123 4567", "en"),
    ("n3", "Budget 3-4K, loves cognac leather", None),
]


def _line(key: str, text: str | None, language: str | None) -> str:
    encoded = NULL if text is None else text.encode("utf-8").hex()
    return f"{key}\t{encoded}\t{language or NULL}\n"


def _decoded(line: str) -> tuple[str, str | None]:
    key, encoded = line.rstrip("\n").split("\t")
    return key, None if encoded == NULL else bytes.fromhex(encoded).decode("utf-8")


def test_each_finder_gives_the_duckdb_functions_text_tabs_and_line_breaks_included():
    for finder, redact in (("digits", redact_digit_identifiers), ("names", redact_names)):
        lines = transform_lines([_line(*note) for note in NOTES], finder)
        assert [_decoded(line) for line in lines] == [
            (key, redact(text, language)) for key, text, language in NOTES
        ]
    phones = dict(_decoded(line) for line in transform_lines([_line(*NOTES[0])], "digits"))
    names = dict(_decoded(line) for line in transform_lines([_line(*NOTES[1])], "names"))
    assert "06 12 34 56 78" not in phones["n1"] and "\tavant jeudi,\nmerci" in phones["n1"]
    assert "Vandermeer" not in names["n2"]


def test_a_null_note_stays_null():
    assert list(transform_lines([_line("n9", None, "en")], "names")) == ["n9\t\\N\n"]


def test_an_unknown_finder_is_refused_with_the_usage(capsys):
    assert main(["everything"]) == 2
    assert "digits|names" in capsys.readouterr().err
