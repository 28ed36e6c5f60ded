"""benchmarks/RESULTS.md: the benchmark rewrites its own section and keeps every other one."""

from __future__ import annotations

from client_intelligence.benchmark import SECTION_END, SECTION_START, replace_section

SECTION = f"{SECTION_START}\nnew table\n{SECTION_END}\n"


def test_only_the_marked_section_is_replaced():
    document = (
        f"# Benchmark results\n\n{SECTION_START}\nold table\n{SECTION_END}\n\n"
        "## Hand-written section\n\nkept\n"
    )
    updated = replace_section(document, SECTION)
    assert "old table" not in updated and "new table" in updated
    assert updated.startswith("# Benchmark results\n\n")
    assert updated.endswith("## Hand-written section\n\nkept\n")


def test_a_document_without_the_section_gets_it_appended():
    assert replace_section("# Results\n\nnotes\n", SECTION) == "# Results\n\nnotes\n\n" + SECTION
    assert replace_section("", SECTION) == "# Benchmark results\n\n" + SECTION
