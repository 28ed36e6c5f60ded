"""The synthetic demo data: deterministic, complete, broken where intended, informative, and
written as prose (paraphrases, small talk, invented identifiers) rather than lexicon aliases."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from client_intelligence.demo_data import (
    LANGUAGES,
    PLANTED_CONCEPTS,
    PLANTED_IDENTIFIERS,
    generate,
    load_aliases,
)
from client_intelligence.demo_notes import AliasIndex, bank_concepts
from client_intelligence.demo_phrases import BANKS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    generate(folder, clients=600, seed=3)
    return folder


def _notes(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "notes.csv", dtype=str, keep_default_na=False)


def _planted(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / PLANTED_CONCEPTS, dtype=str, keep_default_na=False)


def _identifiers(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / PLANTED_IDENTIFIERS, dtype=str, keep_default_na=False)


def test_same_seed_gives_identical_files(small: Path, tmp_path: Path):
    generate(tmp_path, clients=600, seed=3)
    names = ("notes.csv", "transactions.csv", "outcomes.csv", PLANTED_CONCEPTS, PLANTED_IDENTIFIERS)
    for name in names:
        assert (tmp_path / name).read_bytes() == (small / name).read_bytes(), name


def test_other_seed_gives_other_data(small: Path, tmp_path: Path):
    generate(tmp_path, clients=600, seed=4)
    assert (tmp_path / "notes.csv").read_bytes() != (small / "notes.csv").read_bytes()


def test_scale_languages_and_synthetic_markers(small: Path):
    notes = pd.read_csv(small / "notes.csv", dtype=str, keep_default_na=False)
    assert notes["client_id"].nunique() == 600
    assert len(notes) >= 3 * 600
    codes = notes["Language"].str.lower().str[:2]
    assert {code for code in codes if code in LANGUAGES} == set(LANGUAGES)
    assert notes["client_id"].str.startswith("SYN-").all()
    assert "SYNTHETIC" in (small / "README.md").read_text()


def test_bad_rows_at_the_requested_rate(tmp_path: Path):
    generate(tmp_path, clients=1000, seed=1, bad_row_rate=0.01)
    notes = pd.read_csv(tmp_path / "notes.csv", dtype=str, keep_default_na=False)
    broken = (
        (notes["Transcription"] == "")
        | notes["Date"].isin(["31/02/2025", "unknown"])
        | (notes["Language"] == "XX")
        | notes["ID"].duplicated()
    )
    assert 0.005 * len(notes) <= broken.sum() <= 0.012 * len(notes)


def test_notes_with_purchase_intent_precede_purchases(small: Path):
    """The signal the models learn: notes that voice intent (as the generator planted it, in
    whatever words) are followed by purchases more often."""
    intent_concepts = set(
        pd.read_csv(SEEDS / "concepts.csv").query("bucket == 'intent'")["concept_id"]
    )
    planted = _planted(small)
    intent_notes = set(planted.loc[planted["concept_id"].isin(intent_concepts), "note_id"])
    notes = _notes(small)
    notes["date"] = pd.to_datetime(notes["Date"], errors="coerce", format="mixed", dayfirst=True)
    notes["intent"] = notes["ID"].isin(intent_notes)
    sales = pd.read_csv(small / "transactions.csv", dtype=str)
    sales["date"] = pd.to_datetime(sales["transaction_date"], errors="coerce")
    merged = notes.merge(
        sales[["client_id", "date"]], on="client_id", how="left", suffixes=("", "_sale")
    )
    merged["bought_after"] = (merged["date_sale"] > merged["date"]) & (
        merged["date_sale"] <= merged["date"] + pd.Timedelta(days=90)
    )
    bought = merged.groupby("ID").agg(intent=("intent", "first"), bought=("bought_after", "any"))
    rates = bought.groupby("intent")["bought"].mean()
    assert rates[True] > rates[False] + 0.1, rates


def test_every_language_has_its_own_prose(small: Path):
    """Each language's notes are written in that language's phrase bank, and every language
    has notes, planted concepts, paraphrases and identifiers."""
    planted = _planted(small)
    identifiers = _identifiers(small)
    for language in LANGUAGES:
        assert set(BANKS[language]) == set(BANKS["fr"]), language
        mentions = planted[planted["language"] == language]
        assert (mentions["written"] == "paraphrase").any(), language
        assert (mentions["written"] == "alias").any(), language
        assert (mentions["role"] == "small_talk").any(), language
        assert (identifiers["language"] == language).any(), language


def test_shares_of_small_talk_identifiers_and_paraphrases(small: Path):
    notes = _notes(small)
    planted = _planted(small)
    identifiers = _identifiers(small)
    talk = planted.loc[planted["role"] == "small_talk", "note_id"].nunique() / len(notes)
    assert 0.2 <= talk <= 0.45, talk
    with_concepts = planted.loc[planted["concept_id"] != "", "note_id"].nunique()
    concept_free = 1 - with_concepts / len(notes)
    assert 0.005 <= concept_free <= 0.1, concept_free  # small talk only, no concept at all
    with_identifier = identifiers["note_id"].nunique() / len(notes)
    assert 0.1 <= with_identifier <= 0.25, with_identifier
    assert set(identifiers["identifier_type"]) == {"name", "phone", "email", "address"}
    mentions = planted[planted["concept_id"] != ""]
    paraphrased = (mentions["written"] == "paraphrase").mean()
    assert 0.15 <= paraphrased <= 0.6, paraphrased
    for language, share in (
        mentions.assign(p=mentions["written"] == "paraphrase")
        .groupby("language")["p"]
        .mean()
        .items()
    ):
        assert 0.08 <= share <= 0.7, (language, share)


def test_notes_are_not_lexicon_templates(small: Path):
    """Notes are varied prose, not one template: nearly every text is unique, and advisors'
    abbreviations turn up (the French notes here)."""
    notes = _notes(small)
    texts = notes.loc[notes["Transcription"] != "", "Transcription"]
    assert texts.nunique() > 0.9 * len(texts)
    french = notes.loc[notes["Language"].str.upper().isin(["FR", "FRENCH"]), "Transcription"]
    assert french.str.contains("rdv|asap|qqch|tjs|svp|tél", case=False, regex=True).mean() > 0.05


def test_planted_identifiers_are_in_their_notes(small: Path):
    notes = _notes(small).drop_duplicates("ID").set_index("ID")["Transcription"]
    identifiers = _identifiers(small)
    assert len(identifiers) > 200
    present = [
        value in notes.get(note_id, "")
        for note_id, value in zip(identifiers["note_id"], identifiers["value"], strict=True)
    ]
    # a broken row may have lost its text or its ID; every other identifier is in its note
    assert sum(present) >= len(identifiers) - 5, sum(present)


def test_identifiers_are_clearly_synthetic(small: Path):
    """E-mails only at the domains reserved for examples; French, British, American and
    Australian phone numbers only from the ranges reserved for fiction."""
    text = " ".join(_notes(small)["Transcription"])
    domains = set(re.findall(r"@([A-Za-z0-9.-]+\.[A-Za-z]{2,})", text))
    assert domains and domains <= {"example.com", "example.org", "example.net"}, domains
    identifiers = _identifiers(small)
    phones = identifiers[identifiers["identifier_type"] == "phone"]
    fiction = {
        "fr": r"^(?:01 99 00|\+33 1 99 00|01\.99\.00)",
        "en": r"^(?:07700 900|\+44 7700 900|\(\d{3}\) 555-01|0491 570)",
    }
    for language, pattern in fiction.items():
        numbers = phones.loc[phones["language"] == language, "value"]
        assert len(numbers) > 0 and numbers.str.match(pattern).all(), numbers.tolist()


def test_phrase_banks_plant_only_lexicon_concepts():
    concepts = set(pd.read_csv(SEEDS / "concepts.csv")["concept_id"])
    assert bank_concepts() and bank_concepts() <= concepts, bank_concepts() - concepts


def test_alias_labels_follow_the_lexicon():
    """The label "alias" vs "paraphrase" comes from the lexicon: an alias is found (inflected
    too), a paraphrase is not, CJK on characters."""
    index = AliasIndex(load_aliases(SEEDS))
    assert index.mentions("gift", "cherche un cadeau")
    assert index.mentions("handbag", "deux sacs à main")
    assert not index.mentions("self_purchase", "un petit truc pour elle, rien que pour elle")
    assert not index.mentions("quality_issue", "la couture se découd déjà")
