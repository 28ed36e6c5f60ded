"""The SYNTHETIC demo data: deterministic, shaped like the exports, broken where intended, and
informative (the notes say something about the purchases that follow)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from client_intelligence import demo_data
from client_intelligence.demo_data import LANGUAGE_NAMES, LANGUAGES, generate

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "generate_demo_data.py"
CLIENTS = 500
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    generate(folder, clients=CLIENTS, seed=3)
    return folder


@pytest.fixture(scope="module")
def notes(small: Path) -> pd.DataFrame:
    return read(small / "notes.csv")


@pytest.fixture(scope="module")
def sales(small: Path) -> pd.DataFrame:
    return read(small / "transactions.csv")


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def parse_dates(values: pd.Series) -> pd.Series:
    iso = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
    return iso.fillna(pd.to_datetime(values, format="%d/%m/%Y", errors="coerce"))


def language_codes(values: pd.Series) -> pd.Series:
    by_name = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}
    lowered = values.str.lower()
    return lowered.where(lowered.isin(LANGUAGES), lowered.map(by_name))


def mentions(texts: pd.Series, concept_ids: set[str]) -> pd.Series:
    """Whether each text holds an alias of the concepts (whole words; characters in CJK)."""
    aliases = read(SEEDS / "concept_aliases.csv")
    chosen = sorted(set(aliases[aliases["concept_id"].isin(concept_ids)]["alias"].str.lower()))
    words = [re.escape(a) for a in chosen if len(a) > 2 and not CJK.search(a)]
    characters = [re.escape(a) for a in chosen if CJK.search(a)]
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)|{'|'.join(characters)}")
    return texts.str.lower().map(lambda text: bool(pattern.search(text)))


def bucket_concepts(*buckets: str) -> set[str]:
    concepts = read(SEEDS / "concepts.csv")
    return set(concepts[concepts["bucket"].isin(buckets)]["concept_id"])


def test_same_seed_gives_identical_files(small: Path, tmp_path: Path):
    generate(tmp_path, clients=CLIENTS, seed=3)
    for name in ("notes.csv", "transactions.csv", "README.md"):
        assert (tmp_path / name).read_bytes() == (small / name).read_bytes(), name


def test_other_seed_gives_other_data(small: Path, tmp_path: Path):
    generate(tmp_path, clients=CLIENTS, seed=4)
    for name in ("notes.csv", "transactions.csv"):
        assert (tmp_path / name).read_bytes() != (small / name).read_bytes(), name


def test_requested_clients_each_with_notes(notes: pd.DataFrame, sales: pd.DataFrame):
    assert list(notes.columns) == list(demo_data.NOTE_COLUMNS)
    assert list(sales.columns) == list(demo_data.TRANSACTION_COLUMNS)
    per_client = notes.groupby("client_id").size()
    assert len(per_client) == CLIENTS
    assert per_client.mean() >= 3.0 and per_client.min() == 1 and per_client.max() >= 8
    assert set(sales["client_id"]) - {""} <= set(per_client.index)


def test_files_say_they_are_synthetic(small: Path, notes: pd.DataFrame, sales: pd.DataFrame):
    readme = (small / "README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in readme and "scripts/generate_demo_data.py" in readme
    assert "No real client" in readme and "--clients 500" in readme
    assert "SYNTHETIC" in (demo_data.__doc__ or "")
    assert notes["client_id"].str.fullmatch(r"SYN-C\d{7}").all()
    assert notes["ID"].str.startswith("SYN-N").all()
    assert sales["transaction_id"].str.startswith("SYN-T").all()


def test_all_twelve_languages_in_their_scripts(notes: pd.DataFrame):
    codes = language_codes(notes["Language"])
    known = codes.notna()
    assert set(codes[known]) == set(LANGUAGES)
    assert notes["Language"].isin([code.upper() for code in LANGUAGES]).mean() > 0.8
    assert notes["Language"].isin(list(LANGUAGE_NAMES.values())).any()
    scripts = {"ru": "[\u0400-\u04ff]", "ar": "[\u0600-\u06ff]", "ko": "[\uac00-\ud7af]"}
    scripts |= {"zh": "[\u4e00-\u9fff]", "ja": "[\u3040-\u30ff]"}
    for code, script in scripts.items():
        texts = notes.loc[codes == code, "Transcription"]
        assert texts.str.contains(script).mean() > 0.95, code
    shares = codes[known].value_counts(normalize=True)
    assert shares["fr"] > shares["nl"] and shares["en"] > shares["pt"]


def test_formats_of_the_export(notes: pd.DataFrame, sales: pd.DataFrame):
    good = notes[notes["Transcription"] != ""]
    dates = parse_dates(notes["Date"])
    assert dates.notna().mean() > 0.99
    assert dates.min() >= pd.Timestamp("2024-07-01") and dates.max() <= pd.Timestamp("2026-06-30")
    european = notes["Date"].str.fullmatch(r"\d{2}/\d{2}/\d{4}").mean()
    assert 0.05 < european < 0.15
    assert notes["Duration"].str.fullmatch(r"\d+ min|\d+").all()
    assert notes["Duration"].str.endswith(" min").mean() > 0.4
    assert notes["Duration"].str.fullmatch(r"\d+").mean() > 0.2
    assert set(notes["Length"]) == {"short", "medium", "long"}
    size = good["Transcription"].str.len()
    latin = ~good["Transcription"].str.contains(CJK)
    means = size[latin].groupby(good.loc[latin, "Length"]).mean()
    assert means["short"] < means["medium"] < means["long"]
    for special in (",", '"', "\n"):
        assert good["Transcription"].str.contains(special, regex=False).any(), repr(special)
    valid = sales[sales["amount_eur"].str.fullmatch(r"\d+\.\d{2}")]
    assert len(valid) > 0.99 * len(sales)
    amounts = valid["amount_eur"].astype(float)
    assert amounts.min() >= 100 and amounts.max() <= 60_000 and amounts.median() > 500
    assert set(sales["category"]) == set(demo_data.CATEGORIES)
    sale_dates = pd.to_datetime(sales["transaction_date"], format="%Y-%m-%d", errors="coerce")
    assert sale_dates.max() <= pd.Timestamp("2026-06-30")


def test_budgets_written_in_every_language(notes: pd.DataFrame):
    codes = language_codes(notes["Language"])
    budget = notes["Transcription"].str.contains(r"\d+-\d+K|\d+K|€\d+")
    assert set(codes[budget & codes.notna()]) == set(LANGUAGES)
    keywords = "|".join(word for word, _, _ in demo_data.BUDGET_WORDS.values())
    assert notes["Transcription"].str.contains(keywords).mean() > 0.05


def test_no_personal_data_in_the_text(notes: pd.DataFrame):
    text = notes["Transcription"]
    assert not text.str.contains("@").any()
    assert not text.str.contains(r"\d{6,}|\+\d").any()  # no phone-like numbers


def test_bad_rows_at_the_requested_rate(tmp_path: Path):
    counts = generate(tmp_path, clients=CLIENTS, seed=1, bad_row_rate=0.01)
    notes = read(tmp_path / "notes.csv")
    kinds = {
        "empty_text": notes["Transcription"] == "",
        "bad_date": notes["Date"].isin(demo_data.BAD_NOTE_DATES),
        "unknown_language": notes["Language"] == "XX",
        "duplicate_id": notes["ID"].duplicated(),
    }
    assert all(kind.any() for kind in kinds.values()), {k: v.sum() for k, v in kinds.items()}
    broken = np.logical_or.reduce(list(kinds.values())).sum()
    assert counts["bad_notes"] == round(0.01 * len(notes))
    assert abs(broken - counts["bad_notes"]) <= 2
    sales = read(tmp_path / "transactions.csv")
    kinds = {
        "bad_amount": ~sales["amount_eur"].str.fullmatch(r"\d+\.\d{2}"),
        "missing_client": sales["client_id"] == "",
        "bad_date": sales["transaction_date"].isin(demo_data.BAD_SALE_DATES),
        "duplicate_id": sales["transaction_id"].duplicated(),
    }
    assert all(kind.any() for kind in kinds.values()), {k: v.sum() for k, v in kinds.items()}
    broken = np.logical_or.reduce(list(kinds.values())).sum()
    assert abs(broken - round(0.01 * len(sales))) <= 2
    clean = generate(tmp_path / "clean", clients=100, seed=1, bad_row_rate=0.0)
    assert clean["bad_notes"] == clean["bad_transactions"] == 0


def purchases_after(notes: pd.DataFrame, sales: pd.DataFrame, days: int) -> pd.Series:
    """For each note: did the client buy within `days` days after it?"""
    sales = sales.assign(date=pd.to_datetime(sales["transaction_date"], errors="coerce"))
    merged = notes[["ID", "client_id", "date"]].merge(
        sales[["client_id", "date"]], on="client_id", how="left", suffixes=("", "_sale")
    )
    merged["after"] = (merged["date_sale"] > merged["date"]) & (
        merged["date_sale"] <= merged["date"] + pd.Timedelta(days=days)
    )
    return merged.groupby("ID")["after"].any()


def usable(notes: pd.DataFrame, horizon_days: int) -> pd.DataFrame:
    notes = notes.assign(date=parse_dates(notes["Date"]))
    notes = notes[notes["date"].notna() & (notes["Transcription"] != "")]
    notes = notes.drop_duplicates("ID", keep=False)
    return notes[notes["date"] <= pd.Timestamp("2026-06-30") - pd.Timedelta(days=horizon_days)]


def test_intent_notes_are_followed_by_purchases(notes: pd.DataFrame, sales: pd.DataFrame):
    """The signal the purchase model learns: measured from the files, through the lexicon."""
    notes = usable(notes, 90)
    intent = mentions(notes["Transcription"], bucket_concepts("intent") - {"browsing"})
    bought = purchases_after(notes, sales, 90).reindex(notes["ID"]).to_numpy()
    with_intent, without = bought[intent.to_numpy()].mean(), bought[~intent.to_numpy()].mean()
    assert 0.1 < intent.mean() < 0.6
    assert with_intent > without + 0.1, (with_intent, without)


def test_negative_notes_precede_silence(notes: pd.DataFrame, sales: pd.DataFrame):
    """The churn signal: complaints, hesitation, competitors are followed by fewer purchases."""
    notes = usable(notes, 180)
    negative = mentions(notes["Transcription"], bucket_concepts("sentiment")) & mentions(
        notes["Transcription"],
        {"complaint", "disappointed", "hesitation", "competitor_mention", "price_objection"}
        | {"considering_competitor", "lost_interest", "quality_issue", "delivery_delay"},
    )
    silent = ~purchases_after(notes, sales, 180).reindex(notes["ID"]).to_numpy()
    assert negative.sum() > 30
    assert silent[negative.to_numpy()].mean() > silent[~negative.to_numpy()].mean() + 0.05


def test_stated_budgets_follow_spending(notes: pd.DataFrame, sales: pd.DataFrame):
    """The value signal: a client's stated budget tracks what they actually spend."""
    ranges = notes["Transcription"].str.extract(r"(\d+)-(\d+)K")
    budget = ranges.astype(float).mean(axis=1) * 1000
    budget = budget.groupby(notes["client_id"]).max().dropna()
    amounts = pd.to_numeric(sales["amount_eur"], errors="coerce")
    spend = amounts.groupby(sales["client_id"]).mean().dropna()
    both = pd.concat([np.log(budget), np.log(spend)], axis=1, join="inner")
    assert len(both) > 50
    assert both.corr().iloc[0, 1] > 0.3


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    import runpy

    script = runpy.run_path(str(SCRIPT))
    exit_code = script["main"](["--clients", "40", "--seed", "9", "--output-dir", str(tmp_path)])
    assert exit_code == 0
    out = capsys.readouterr().out
    assert "40 clients" in out and "notes" in out and "transactions" in out
    assert read(tmp_path / "notes.csv")["client_id"].nunique() == 40


def test_survives_a_lexicon_without_the_preferred_concepts(tmp_path: Path):
    """Concept ids such as 'gift' or 'complaint' are preferences: buckets are the fallback."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    buckets = ("intent", "occasion", "product", "preference", "constraint", "lifestyle")
    buckets += ("budget", "sentiment", "next_action")
    concepts = ["concept_id,label,bucket"] + [f"x_{b},X {b},{b}" for b in buckets]
    aliases = ["concept_id,language,alias"] + [
        f"x_{b},{language},{b.replace('_', ' ')} {language}"
        for b in buckets
        for language in LANGUAGES
        if not (b == "sentiment" and language == "ko")  # a missing alias borrows English
    ]
    (seeds / "concepts.csv").write_text("\n".join(concepts) + "\n", encoding="utf-8")
    (seeds / "concept_aliases.csv").write_text("\n".join(aliases) + "\n", encoding="utf-8")
    counts = generate(tmp_path / "out", clients=200, seed=2, seeds_dir=seeds)
    notes = read(tmp_path / "out" / "notes.csv")
    assert counts["notes"] == len(notes) >= 600
    assert set(language_codes(notes["Language"]).dropna()) == set(LANGUAGES)
    assert notes["Transcription"].str.contains("product fr").any()
    assert notes["Transcription"].str.contains("sentiment en").any()
    assert read(tmp_path / "out" / "transactions.csv")["client_id"].nunique() > 50


def test_edge_sizes(tmp_path: Path):
    assert generate(tmp_path / "none", clients=0)["notes"] == 0
    assert read(tmp_path / "none" / "notes.csv").empty
    one = generate(tmp_path / "one", clients=1, months=1, end_date=dt.date(2025, 3, 31))
    assert one["notes"] >= 1
    dates = parse_dates(read(tmp_path / "one" / "notes.csv")["Date"])
    assert dates.min() >= pd.Timestamp("2025-03-01") and dates.max() <= pd.Timestamp("2025-03-31")
    with pytest.raises(ValueError):
        generate(tmp_path / "bad", clients=-1)
