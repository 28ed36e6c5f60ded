"""Concept tags against the hand-annotated notes: floors a little under what the lexicon reaches,
so a lexicon or matching change that loses precision, recall or negation fails here."""

import pytest

from client_intelligence.concept_eval import evaluate

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def tuning_report():
    return evaluate("tuning")


def test_overall_precision_and_recall_floors(tuning_report):
    assert tuning_report.overall.precision >= 0.92
    assert tuning_report.overall.recall >= 0.88


def test_every_language_keeps_its_f1_floor(tuning_report):
    low = {
        language: round(counts.f1, 3)
        for language, counts in tuning_report.by_language.items()
        if counts.f1 < 0.86
    }
    assert len(tuning_report.by_language) == 12
    assert not low, f"languages under the F1 floor: {low}"


def test_negated_mentions_are_not_counted_as_interest(tuning_report):
    assert tuning_report.negated_gold >= 40
    assert tuning_report.negated_as_interest_share <= 0.02


def test_held_out_notes_keep_a_floor():
    report = evaluate("held_out")
    assert report.overall.f1 >= 0.75
