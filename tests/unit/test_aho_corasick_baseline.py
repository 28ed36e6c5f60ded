"""The Aho-Corasick baseline follows the SQL's matching rules, so the benchmark's agreement
figure compares like with like."""

from __future__ import annotations

import re

from client_intelligence.aho_corasick_baseline import (
    CJK_CLASS,
    WORD_CLASS,
    AliasKey,
    FoldTable,
    build_automaton,
    fold_note,
    longest_matches,
    match_note,
    run_baseline,
)
from client_intelligence.project import project_root


def _macro_body(source: str, name: str) -> str:
    match = re.search(r"macro " + name + r"\(\) -%\}\s*(.*?)\s*\{%- endmacro", source, re.S)
    assert match, name
    return match.group(1)


def test_character_classes_are_the_sql_ones():
    source = (project_root() / "macros" / "text.sql").read_text(encoding="utf-8")
    assert _macro_body(source, "cjk_class") == CJK_CLASS
    assert _macro_body(source, "word_class") == WORD_CLASS


def _match(text: str, language: str, *keys: AliasKey) -> set[str]:
    table = FoldTable()
    return match_note(text, language, build_automaton(keys, table, 3), table)


def test_whole_words_case_and_accents():
    key = AliasKey("noel", "christmas", "fr", "Noël", False)
    son = AliasKey("son", "gift_for_child", "en", "son", False)
    assert _match("Cadeau pour NOËL, merci", "fr", key) == {"christmas"}
    assert _match("Personal shopper; Sonia", "en", son) == set()
    assert _match("Gift for her son.", "en", son) == {"gift_for_child"}


def test_short_aliases_only_in_their_language_but_cjk_everywhere():
    son = AliasKey("son", "gift_for_child", "en", "son", False)
    bag = AliasKey("鞄", "handbag", "ja", "鞄", True)
    assert _match("Cadeau pour son mari", "fr", son) == set()
    assert _match("黒い鞄を探す", "zh", bag) == {"handbag"}


def test_word_sequences_cross_any_separator_and_the_longest_match_wins():
    keys = (
        AliasKey("cognac", "cognac_colour", "en", "cognac", False),
        AliasKey("cognac leather", "cognac_leather", "en", "cognac leather", False),
    )
    assert _match("Loves cognac - leather", "en", *keys) == {"cognac_leather"}
    assert _match("Loves cognac leather and cognac", "en", *keys) == {
        "cognac_leather",
        "cognac_colour",
    }


def test_cjk_runs_keep_their_marks():
    table = FoldTable()
    assert fold_note("ガ カ", table) == "ガ カ"
    assert fold_note("Élégant, très!", table) == "elegant tres"


def test_same_span_concepts_all_stay_and_equal_lengths_go_to_the_earlier():
    assert sorted(longest_matches({(0, 4, "a"), (0, 4, "b"), (2, 6, "c")})) == [
        (0, 4, "a"),
        (0, 4, "b"),
    ]


def test_run_reports_pairs_and_times():
    run = run_baseline(
        [("n1", "en", "A gift"), ("n2", "en", "nothing")],
        [AliasKey("gift", "gift", "en", "gift", False)],
        3,
    )
    assert run.pairs == {("n1", "gift")}
    assert run.seconds >= 0
