"""Deterministic synthetic demo data: advisors' notes and sales for invented clients.

SYNTHETIC. Every client, note, name, phone number, address and sale is generated here; no real
client data is involved. Client IDs look like SYN-C0000123 so that nobody mistakes them for real
ones.

The generative story (the signal the models can learn, with noise):

- Each client has latent traits: affluence (lognormal; sets basket size and stated budgets),
  engagement (gamma; sets how often they visit, are written about and buy), loyalty (whether
  and when they churn: after their churn date they stop buying) and life events (occasions
  such as birthdays, weddings or births, dated in the period).
- Advisors write 1 to ~10 notes per client over the period. What they write follows the
  traits: engaged clients voice purchase intent and next actions; a note before a life event
  names the occasion and the gift; affluent clients mention high budgets and high-end
  products; clients within a few months of churning voice complaints, hesitation, competitors
  or a relocation. Preferences, constraints and lifestyle add colour, and some mentions are
  drawn whatever the traits.
- Purchases follow the same traits: a Poisson rate from engagement, amounts from affluence, a
  purchase soon after most intent notes, none after the churn date.
- The words are advisors' prose (client_intelligence/demo_notes.py, phrase banks written by
  hand per language in demo_phrases.py), not the lexicon's aliases: many concepts are
  paraphrased in words the lexicon does not hold, so concept coverage is high but not 100%;
  notes carry small talk with no concept, typos, abbreviations and English product words;
  budgets are written as advisors write them ("Budget 3-4K", "€1500", "10-20K").
- About one note in six holds an invented identifier (a name, a phone number from the ranges
  reserved for fiction where a country has one, an e-mail at example.com/.org/.net, a street
  address on a placeholder street) for the redaction to remove.
- A small share of rows is deliberately broken (empty text, impossible dates, unknown
  language, duplicated IDs, bad amounts) so that the rejected-row models have work to do.

Besides notes.csv, transactions.csv and outcomes.csv the output holds what the notes were meant
to say, for measuring and never read by the pipeline: planted_concepts.csv (a row per planted
mention: note, language, role, concept, written with a lexicon "alias" or as a "paraphrase";
small talk is a row with no concept) and planted_identifiers.csv (the identifiers, in the
columns of tests/fixtures/pii_corpus/identifiers.csv). Their names do not match the raw loader's
notes*, transactions*, outcomes* globs.

Why it is fast enough for 1,000,000 clients (about a minute on 2 cores): the per-client and
per-note draws are NumPy arrays; the text is rendered in fixed chunks of notes, each from its
own random streams (seed and chunk number), in two forked workers; notes.csv is written by a
forked process while the other files are. Same seed, byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import os
import random
import re
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from client_intelligence.demo_notes import ROLE_LABELS, NoteWriter, RenderedNotes

LANGUAGES = ("fr", "en", "zh", "ja", "it", "es", "de", "ar", "ru", "ko", "pt", "nl")
LANGUAGE_WEIGHTS = (0.17, 0.17, 0.13, 0.11, 0.08, 0.08, 0.07, 0.06, 0.05, 0.04, 0.02, 0.02)
LANGUAGE_NAMES = {
    "fr": "French",
    "en": "English",
    "zh": "Chinese",
    "ja": "Japanese",
    "it": "Italian",
    "es": "Spanish",
    "de": "German",
    "ar": "Arabic",
    "ru": "Russian",
    "ko": "Korean",
    "pt": "Portuguese",
    "nl": "Dutch",
}
CATEGORIES = (
    "leather_goods",
    "watches",
    "jewelry",
    "ready_to_wear",
    "fragrance",
    "accessories",
    "travel",
    "home",
)
MINUTES = (15, 20, 30, 35, 45, 60)
CHUNK = 1 << 18  # notes rendered at a time (fixed, so the random streams never depend on it)
PLANTED_CONCEPTS = "planted_concepts.csv"
PLANTED_IDENTIFIERS = "planted_identifiers.csv"


_WRITER: NoteWriter | None = None
_CHUNKS: list[tuple[int, int, tuple[np.ndarray, ...]]] = []


def _render_chunk(index: int) -> tuple[int, RenderedNotes]:
    """Chunk `index` of the notes, from random streams of its own (seeded by the seed and the
    chunk), so the result does not depend on which process renders it or in which order."""
    seed, first, columns = _CHUNKS[index]
    part = slice(first, first + CHUNK)
    rng = np.random.default_rng([seed, index])
    chooser = random.Random(seed * 1_000_003 + index)
    assert _WRITER is not None
    return first, _WRITER.render(rng, chooser, *(column[part] for column in columns))


def _render_all(chunks: int) -> list[tuple[int, RenderedNotes]]:
    """All chunks, in order: in two forked worker processes when there are several chunks
    and the platform forks (the text is most of the work), else in this process."""
    workers = min(2, os.cpu_count() or 1, chunks)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_render_chunk(index) for index in range(chunks)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_render_chunk, range(chunks)))


def _in_background(write: Callable[..., None], *args: object) -> Callable[[], None]:
    """Run `write(*args)` in a forked process (the notes CSV is the largest file; the other
    files are written meanwhile); the returned function waits for it and raises if it failed.
    Where the platform does not fork, writes at once."""
    if "fork" not in multiprocessing.get_all_start_methods():
        write(*args)
        return lambda: None
    process = multiprocessing.get_context("fork").Process(target=write, args=args)
    process.start()

    def wait() -> None:
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"writing {args[-1]} failed (exit code {process.exitcode})")

    return wait


def load_aliases(seeds_dir: Path) -> dict[tuple[str, str], list[str]]:
    """Aliases per (concept, language) from the lexicon seeds."""
    aliases = pd.read_csv(seeds_dir / "concept_aliases.csv", dtype=str)
    by_alias: dict[tuple[str, str], list[str]] = {}
    for concept_id, language, alias in aliases[["concept_id", "language", "alias"]].itertuples(
        index=False
    ):
        by_alias.setdefault((concept_id, language), []).append(alias)
    return by_alias


def _atomic_write(path: Path, write: Callable[[TextIO], None]) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as out:
            write(out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


QUOTE_NEEDED = re.compile('[,"\n\r]')


def _csv_column(values: list[str]) -> list[str]:
    """Minimal quoting, as Python's csv module writes it: only values holding a delimiter, a
    quote or a line break are quoted."""
    if not QUOTE_NEEDED.search("\x00".join(values)):
        return values
    return [
        '"' + value.replace('"', '""') + '"'
        if "," in value or '"' in value or "\n" in value or "\r" in value
        else value
        for value in values
    ]


def _atomic_csv(frame: dict[str, list[str]], path: Path) -> None:
    """Columns of strings as a CSV with minimal quoting and \\n line ends (the raw exports)."""
    header = ",".join(_csv_column(list(frame)))
    columns = [_csv_column(values) for values in frame.values()]

    def write(out: TextIO) -> None:
        out.write(header + "\n")
        lines = map(",".join, zip(*columns, strict=True))
        for block in iter(lambda: list(itertools.islice(lines, 100_000)), []):
            out.write("\n".join(block) + "\n")

    _atomic_write(path, write)


def _ids(prefix: str, count: int, digits: int) -> list[str]:
    """SYN-N000000001 ...: the prefix and a zero-padded 1-based number."""
    return list(map(f"{prefix}%0{digits}d".__mod__, range(1, count + 1)))


def _encoded(index: np.ndarray, values: Sequence[str] | pa.Array) -> pa.DictionaryArray:
    """values[index] without copying the strings (Arrow writes the values)."""
    return pa.DictionaryArray.from_arrays(
        pa.array(index.astype(np.int32)),
        values if isinstance(values, pa.Array) else pa.array(list(values), pa.string()),
    )


def _lookup(values: Sequence[str], index: np.ndarray) -> list[str]:
    return np.array(list(values), dtype=object)[index].tolist()


def _atomic_arrow_csv(table: pa.Table, path: Path, quoted: bool = True) -> None:
    """The side files: large, read only by tests and the measurement, so Arrow's fast writer:
    every string quoted, or none (for columns that can hold no comma, quote or line break)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        options = pa_csv.WriteOptions(quoting_style="needed" if quoted else "none")
        pa_csv.write_csv(table, temporary, options)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def generate(
    output_dir: Path,
    clients: int,
    seed: int = 42,
    end_date: dt.date = dt.date(2026, 6, 30),
    months: int = 24,
    bad_row_rate: float = 0.002,
    seeds_dir: Path | None = None,
) -> dict[str, int]:
    """Write notes.csv, transactions.csv, outcomes.csv, the planted_* side files and a README
    into `output_dir`; return row counts."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    aliases = load_aliases(seeds_dir or Path(__file__).resolve().parent.parent / "seeds")
    rng = np.random.default_rng(seed)
    chooser = random.Random(seed)
    period = months * 30
    start = end_date - dt.timedelta(days=period)

    affluence = rng.lognormal(0.0, 0.6, clients)
    engagement = rng.gamma(2.0, 0.5, clients)
    first_day = rng.integers(0, int(period * 0.6), clients)
    churns = rng.random(clients) < 0.35
    churn_day = np.where(churns, rng.integers(90, period + 200, clients), period + 10_000)
    event_day = np.where(rng.random(clients) < 0.5, rng.integers(60, period, clients), -1)
    language = rng.choice(len(LANGUAGES), size=clients, p=LANGUAGE_WEIGHTS)
    basket = np.clip(900 * affluence, 150, 60_000)
    note_counts = 1 + rng.poisson(2.3 * np.sqrt(engagement), clients)
    last_day = np.minimum(period, churn_day)

    # the notes: one row per note, the story's flags drawn for all notes at once
    owner = np.repeat(np.arange(clients), note_counts)
    count = len(owner)
    note_start = first_day[owner]
    note_end = np.minimum(period, churn_day + 60)[owner]
    day = note_start + (rng.random(count) * np.maximum(1, note_end - note_start)).astype(np.int64)
    days_to_churn = churn_day[owner] - day
    negative = ((days_to_churn > 0) & (days_to_churn < 150) & (rng.random(count) < 0.65)) | (
        rng.random(count) < 0.06
    )
    days_to_event = event_day[owner] - day
    occasion = (days_to_event > 0) & (days_to_event < 75) & (rng.random(count) < 0.8)
    intent = occasion | (rng.random(count) < 0.12 + 0.12 * np.minimum(engagement[owner], 2))
    affluent = affluence[owner] > 1.4
    has_budget = rng.random(count) < 0.35
    budget_scale = rng.uniform(0.7, 1.5, count)
    minutes = rng.integers(0, len(MINUTES), count)
    with_unit = rng.random(count) < 0.6
    spelled_language = rng.random(count) < 0.15
    day_first = rng.random(count) < 0.1
    # intent before an event or stated at a visit often turns into a purchase
    purchase_day = day + rng.integers(1, 75, count)
    buys = (
        intent
        & ~negative
        & (day < last_day[owner])
        & (rng.random(count) < 0.55)
        & (purchase_day < last_day[owner])
    )

    global _WRITER, _CHUNKS  # read by _render_chunk in forked workers
    _WRITER = NoteWriter(aliases, LANGUAGES)
    note_language = language[owner]
    budget_eur = np.where(has_budget, basket[owner] * budget_scale, np.nan)
    _CHUNKS = [
        (seed, first, (note_language, intent, occasion, negative, affluent, budget_eur))
        for first in range(0, count, CHUNK)
    ]
    texts: list[str] = []
    mentions: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    identifiers: list[tuple[int, str, str]] = []
    for first, chunk in _render_all(len(_CHUNKS)):
        texts += chunk.texts
        mentions.append((chunk.mention_note + first, chunk.mention_role, chunk.mention_row))
        identifiers += [(first + index, kind, value) for index, kind, value in chunk.identifiers]
    writer, _WRITER, _CHUNKS = _WRITER, None, []
    note_ids = _ids("SYN-N", count, 9)
    client_ids = np.array(_ids("SYN-C", clients, 7), dtype=object)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=count)
    durations = [f"{m} min" for m in MINUTES] + [str(m) for m in MINUTES]
    language_column = [code.upper() for code in LANGUAGES] + [LANGUAGE_NAMES[c] for c in LANGUAGES]
    notes = {
        "ID": note_ids,
        "Date": _dates(start, day, day_first),
        "Duration": _lookup(durations, np.where(with_unit, minutes, minutes + len(MINUTES))),
        "Language": _lookup(
            language_column, note_language + len(LANGUAGES) * spelled_language.astype(np.int64)
        ),
        "Length": _lookup(
            ["short", "medium", "long"], (lengths >= 80).astype(np.int64) + (lengths >= 160)
        ),
        "Transcription": texts,
        "client_id": client_ids[owner].tolist(),
    }

    # the sales: the client's own buying (a Poisson process until churn) and the purchases
    # that follow intent notes, in client and date order
    span = np.maximum(0, last_day - first_day)
    own_counts = rng.poisson(1.6 * engagement * span / 365)
    own_owner = np.repeat(np.arange(clients), own_counts)
    own_day = first_day[own_owner] + (rng.random(len(own_owner)) * (span[own_owner] + 1)).astype(
        np.int64
    )
    own_amount = basket[own_owner] * rng.lognormal(0.0, 0.5, len(own_owner))
    intent_owner = owner[buys]
    intent_amount = basket[intent_owner] * rng.uniform(0.8, 1.6, len(intent_owner))
    sale_owner = np.concatenate([own_owner, intent_owner])
    sale_day = np.concatenate([own_day, purchase_day[buys]])
    sale_amount = np.concatenate([own_amount, intent_amount])
    order = np.lexsort((sale_day, sale_owner))
    sale_owner, sale_day, sale_amount = sale_owner[order], sale_day[order], sale_amount[order]
    sales_count = len(sale_owner)
    cents = np.round(sale_amount * 100).astype(np.int64)
    sales = {
        "transaction_id": _ids("SYN-T", sales_count, 9),
        "client_id": client_ids[sale_owner].tolist(),
        "transaction_date": _dates(start, sale_day, np.zeros(sales_count, dtype=bool)),
        "amount_eur": list(map("%.2f".__mod__, (cents / 100).tolist())),
        "category": _lookup(CATEGORIES, rng.integers(0, len(CATEGORIES), sales_count)),
    }

    notes, sales = _break_rows(notes, sales, bad_row_rate, chooser)
    outcomes = _crm_outcomes(seed, start, period, churn_day, first_day, basket, bad_row_rate)
    notes_writer = _in_background(_atomic_csv, notes, output_dir / "notes.csv")
    _atomic_csv(sales, output_dir / "transactions.csv")
    _atomic_csv(outcomes, output_dir / "outcomes.csv")
    note_id_array = pa.array(note_ids, pa.string())
    mention_note = np.concatenate([m[0] for m in mentions])
    mention_row = np.concatenate([m[2] for m in mentions])
    _atomic_arrow_csv(
        pa.table(
            {
                "note_id": _encoded(mention_note, note_id_array),
                "language": _encoded(note_language[mention_note], LANGUAGES),
                "role": _encoded(np.concatenate([m[1] for m in mentions]), ROLE_LABELS),
                "concept_id": _encoded(mention_row, writer.concepts),
                "written": _encoded(mention_row, writer.written),
            }
        ),
        output_dir / PLANTED_CONCEPTS,
        quoted=False,  # note IDs, language codes, roles, concept IDs: no delimiter in any
    )
    where = np.array([row[0] for row in identifiers], dtype=np.int64)
    _atomic_arrow_csv(
        pa.table(
            {
                "note_id": _encoded(where, note_id_array),
                "language": _encoded(note_language[where], LANGUAGES),
                "identifier_type": pa.array([row[1] for row in identifiers], pa.string()),
                "value": pa.array([row[2] for row in identifiers], pa.string()),
            }
        ),
        output_dir / PLANTED_IDENTIFIERS,
    )
    notes_writer()
    (output_dir / "README.md").write_text(
        README.format(clients=clients, seed=seed), encoding="utf-8"
    )
    return {
        "clients": clients,
        "notes": count,
        "transactions": sales_count,
        "outcomes": len(outcomes["client_id"]),
    }


README = """# Demo data (SYNTHETIC)

Generated by `scripts/generate_demo_data.py` (clients={clients}, seed={seed}). Every client, note,
name, phone number, e-mail, address and sale is invented: no real client data. Regenerate with
`python scripts/generate_demo_data.py --clients N`.

- `notes.csv`, `transactions.csv`, `outcomes.csv`: the raw exports the pipeline reads.
- `planted_concepts.csv`: per note, the concepts the generator meant it to say, written with a
  lexicon alias (`aliased_concepts`) or paraphrased in words the lexicon may not hold
  (`paraphrased_concepts`), and whether it holds small talk. For measuring coverage
  (`python scripts/measure_demo_notes.py`); the pipeline never reads it.
- `planted_identifiers.csv`: the invented identifiers written into notes (names, phone numbers
  from ranges reserved for fiction where they exist, e-mails at example.com/.org/.net, street
  addresses on placeholder streets), for checking that none survives redaction.
"""


def _dates(start: dt.date, day: np.ndarray, day_first: np.ndarray) -> pa.Array:
    """ISO dates, and dd/mm/yyyy where `day_first` (as some exports write them): looked up in
    the few hundred days of the period rather than formatted row by row."""
    days = [start + dt.timedelta(days=offset) for offset in range(int(day.max(initial=0)) + 1)]
    table = [d.isoformat() for d in days] + [d.strftime("%d/%m/%Y") for d in days]
    return _lookup(table, day + len(days) * day_first.astype(np.int64))


def _crm_outcomes(
    seed: int,
    start: dt.date,
    period: int,
    churn_day: np.ndarray,
    first_day: np.ndarray,
    basket: np.ndarray,
    bad_row_rate: float,
) -> dict[str, list[str]]:
    """What CRM recorded beyond the sales export, from the same latent story.

    Some churned clients tell their advisor they are leaving (churned = 1, weeks after they
    stopped buying); some active clients buy in a partner store the sales export does not cover
    (purchased = 1 with its revenue). Its own random streams (seed + 1), so notes and sales do
    not change with it.
    """
    rng = np.random.default_rng(seed + 1)
    clients = len(churn_day)
    observed_churn = churn_day + rng.integers(20, 90, clients)
    told = (observed_churn < period) & (rng.random(clients) < 0.4)
    active_until = np.minimum(period, churn_day)
    partner = (active_until > first_day) & (rng.random(clients) < 0.15)
    partner_day = first_day + (
        rng.random(clients) * np.maximum(1, active_until - first_day)
    ).astype(np.int64)
    revenue = basket * rng.uniform(0.5, 1.2, clients)
    churned, bought = np.flatnonzero(told), np.flatnonzero(partner)
    client = np.concatenate([churned, bought])
    is_purchase = np.concatenate([np.zeros(len(churned), bool), np.ones(len(bought), bool)])
    order = np.lexsort((is_purchase, client))
    client, is_purchase = client[order], is_purchase[order]
    day = np.where(is_purchase, partner_day[client], observed_churn[client])
    frame = {
        "client_id": [f"SYN-C{index + 1:07d}" for index in client.tolist()],
        "observed_at": _dates(start, day, np.zeros(len(day), dtype=bool)),
        "purchased": np.where(is_purchase, "1", "").astype(object).tolist(),
        "churned": np.where(is_purchase, "", "1").astype(object).tolist(),
        "revenue_eur": [
            f"{amount:.2f}" if purchase else ""
            for amount, purchase in zip(revenue[client].tolist(), is_purchase.tolist(), strict=True)
        ],
    }
    damage = [("purchased", "maybe"), ("observed_at", "2025-02-30"), ("revenue_eur", "-10")]
    chooser = random.Random(seed + 1)
    broken = chooser.sample(range(len(client)), int(len(client) * bad_row_rate))
    for position, row in enumerate(broken):
        column, value = damage[position % len(damage)]
        frame[column][row] = value
    return frame


def _break_rows(
    notes: dict[str, list[str]], sales: dict[str, list[str]], rate: float, chooser: random.Random
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Deliberately broken rows, cycling through the kinds of damage real exports show."""
    count = len(notes["ID"])
    for position, row in enumerate(chooser.sample(range(count), int(count * rate))):
        kind = position % 4
        if kind == 0:
            notes["Transcription"][row] = ""
        elif kind == 1:
            notes["Date"][row] = chooser.choice(("31/02/2025", "unknown"))
        elif kind == 2:
            notes["Language"][row] = "XX"
        elif row > 0:
            notes["ID"][row] = notes["ID"][row - 1]
    count = len(sales["transaction_id"])
    for position, row in enumerate(chooser.sample(range(count), int(count * rate))):
        column, value = [
            ("amount_eur", "n/a"),
            ("client_id", ""),
            ("transaction_date", "2025-13-45"),
            ("transaction_id", None),
        ][position % 4]
        if value is None:
            if row > 0:
                sales[column][row] = sales[column][row - 1]
        else:
            sales[column][row] = value
    return notes, sales
