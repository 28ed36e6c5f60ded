"""Deterministic synthetic demo data: advisors' notes and sales for invented clients.

SYNTHETIC. Every client, note and sale is generated here; no real client data is involved.
Client IDs look like SYN-C0000123 so that nobody mistakes them for real ones.

The generative story (the signal the models can learn, with noise):

- Each client has latent traits: affluence (lognormal; sets basket size and stated budgets),
  engagement (gamma; sets how often they visit, are written about and buy), loyalty (whether
  and when they churn: after their churn date they stop buying) and life events (occasions
  such as birthdays, weddings or births, dated in the period).
- Advisors write 1 to ~10 notes per client over the period. What they write follows the
  traits: engaged clients voice purchase intent and next actions; a note before a life event
  names the occasion and the gift; affluent clients mention high budgets and high-end
  products; clients within a few months of churning voice complaints, hesitation, competitors
  or a relocation. Preferences, constraints (allergies, diets) and lifestyle add colour, and a
  fifth of the concepts are drawn at random, whatever the traits.
- Purchases follow the same traits: a Poisson rate from engagement, amounts from affluence, a
  purchase soon after most intent notes, none after the churn date.
- The concepts are rendered with the aliases of the lexicon seeds, in the note's language,
  inside short connective phrases; some notes mix in an English product word; budgets are
  written as advisors write them ("Budget 3-4K", "€1500", "presupuesto alrededor de 10-20K").
- A small share of rows is deliberately broken (empty text, impossible dates, unknown
  language, duplicated IDs, bad amounts) so that the rejected-row models have work to do.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

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
CJK = {"zh", "ja"}

# Connective phrases per language: an opening, a joiner between concepts, and the budget forms.
OPENINGS = {
    "en": [
        "Client visited the boutique.",
        "Call with the client.",
        "Met the client today.",
        "Client came back to see the new collection.",
    ],
    "fr": [
        "Cliente venue en boutique.",
        "Appel avec le client.",
        "Échange ce jour.",
        "Le client est repassé voir la collection.",
    ],
    "it": ["Cliente passata in boutique.", "Telefonata con il cliente.", "Incontro di oggi."],
    "es": ["Cliente vino a la boutique.", "Llamada con el cliente.", "Visita de hoy."],
    "de": ["Kundin war in der Boutique.", "Telefonat mit dem Kunden.", "Gespräch heute."],
    "pt": ["Cliente veio à boutique.", "Chamada com o cliente.", "Encontro de hoje."],
    "nl": ["Klant kwam langs in de boetiek.", "Telefoongesprek met de klant.", "Gesprek vandaag."],
    "ru": ["Клиент пришёл в бутик.", "Звонок клиенту.", "Разговор сегодня."],
    "ar": ["زار العميل البوتيك.", "مكالمة مع العميل.", "لقاء اليوم."],
    "zh": ["客户今天来店。", "与客户通话。", "今日会面。"],
    "ja": ["お客様が来店。", "お客様と電話。", "本日ご来店。"],
    "ko": ["고객 매장 방문.", "고객과 통화.", "오늘 상담."],
}
JOINERS = {"zh": "、", "ja": "、", "ar": "، ", "ko": ", "}
ENDINGS = {"zh": "。", "ja": "。"}
BUDGET_WORDS = {
    "en": "Budget",
    "fr": "Budget",
    "it": "Budget",
    "es": "Presupuesto",
    "de": "Budget",
    "pt": "Orçamento",
    "nl": "Budget",
    "ru": "Бюджет",
    "ar": "الميزانية",
    "zh": "预算",
    "ja": "予算",
    "ko": "예산",
}
AROUND = {
    "en": "around",
    "fr": "environ",
    "it": "circa",
    "es": "alrededor de",
    "de": "um",
    "pt": "cerca de",
    "nl": "rond",
    "ru": "около",
    "ar": "حوالي",
    "zh": "约",
    "ja": "約",
    "ko": "약",
}
FLEXIBLE = {
    "en": "flexible",
    "fr": "flexible",
    "it": "flessibile",
    "es": "flexible",
    "de": "flexibel",
    "pt": "flexível",
    "nl": "flexibel",
    "ru": "гибкий",
    "ar": "مرن",
    "zh": "可调整",
    "ja": "柔軟",
    "ko": "유연",
}
# concept_id fragments that carry the story; matched against whatever lexicon is installed
NEGATIVE = (
    "complain",
    "disappoint",
    "hesitat",
    "competitor",
    "price_objection",
    "delay",
    "quality",
    "relocat",
    "moving",
    "unhappy",
    "dissatisf",
)
POSITIVE_INTENT = ("gift", "ready", "reserv", "looking", "purchase", "buy", "intent", "wish")
NEXT_ACTIONS = ("call", "appointment", "viewing", "reserve", "follow", "send", "invite")
HIGH_END = (
    "watch",
    "jewel",
    "trunk",
    "croco",
    "exotic",
    "couture",
    "diamond",
    "high_budget",
    "necklace",
    "ring",
    "limited",
)


@dataclass
class Lexicon:
    """Aliases per (concept, language) and concept lists for each part of the story."""

    aliases: dict[tuple[str, str], list[str]]
    by_bucket: dict[str, list[str]]
    negative: list[str]
    intent: list[str]
    next_actions: list[str]
    high_end: list[str]
    occasions: list[str]
    products: list[str]
    colour: list[str]
    all_concepts: list[str]


def _matching(concepts: Sequence[str], fragments: Sequence[str], fallback: list[str]) -> list[str]:
    found = sorted(c for c in concepts if any(f in c for f in fragments))
    return found or fallback


def load_lexicon(seeds_dir: Path) -> Lexicon:
    concepts = pd.read_csv(seeds_dir / "concepts.csv", dtype=str)
    aliases = pd.read_csv(seeds_dir / "concept_aliases.csv", dtype=str)
    by_alias: dict[tuple[str, str], list[str]] = {}
    for concept_id, language, alias in aliases[["concept_id", "language", "alias"]].itertuples(
        index=False
    ):
        by_alias.setdefault((concept_id, language), []).append(alias)
    by_bucket = {bucket: sorted(rows["concept_id"]) for bucket, rows in concepts.groupby("bucket")}
    everything = sorted(concepts["concept_id"])
    sentiment = by_bucket.get("sentiment", everything)
    return Lexicon(
        aliases=by_alias,
        by_bucket=by_bucket,
        negative=_matching(sentiment + by_bucket.get("lifestyle", []), NEGATIVE, sentiment),
        intent=_matching(
            by_bucket.get("intent", everything),
            POSITIVE_INTENT,
            by_bucket.get("intent", everything),
        ),
        next_actions=_matching(
            by_bucket.get("next_action", everything),
            NEXT_ACTIONS,
            by_bucket.get("next_action", everything),
        ),
        high_end=_matching(everything, HIGH_END, by_bucket.get("product", everything)),
        occasions=by_bucket.get("occasion", everything),
        products=by_bucket.get("product", everything),
        colour=by_bucket.get("preference", [])
        + by_bucket.get("lifestyle", [])
        + by_bucket.get("constraint", []),
        all_concepts=everything,
    )


def _budget_phrase(rng: random.Random, language: str, amount_eur: float) -> str:
    """One of the forms advisors write, for an amount near the client's typical basket."""
    low_k = max(1, int(round(amount_eur / 1000)))
    high_k = low_k + rng.randint(1, max(1, low_k // 2 + 1))
    word = BUDGET_WORDS[language]
    form = rng.randrange(5)
    if form == 0:
        return f"{word} {low_k}-{high_k}K"
    if form == 1:
        return f"{word} {AROUND[language]} {low_k}K"
    if form == 2:
        return f"€{int(round(amount_eur, -2))}"
    if form == 3:
        return f"{word} {low_k}-{high_k}K {FLEXIBLE[language]}"
    return f"{low_k * 5}-{high_k * 5}K" if low_k >= 2 else f"{word} {low_k}K"


def _render(
    rng: random.Random, lexicon: Lexicon, language: str, concepts: list[str], budget: str | None
) -> str:
    words = []
    for concept in concepts:
        options = lexicon.aliases.get((concept, language)) or lexicon.aliases.get((concept, "en"))
        if options:
            words.append(rng.choice(options))
    if language not in ("en",) and rng.random() < 0.1:
        english = lexicon.aliases.get((rng.choice(lexicon.products), "en"))
        if english:
            words.append(english[0])
    joiner = JOINERS.get(language, ", ")
    ending = ENDINGS.get(language, ".")
    opening = rng.choice(OPENINGS[language])
    body = joiner.join(words)
    parts = [opening, body + ending if body else ""]
    if budget:
        parts.append(budget + ending)
    separator = "" if language in CJK else " "
    return separator.join(part for part in parts if part)


def _note_concepts(
    rng: random.Random,
    lexicon: Lexicon,
    intent: bool,
    negative: bool,
    affluent: bool,
    occasion: bool,
) -> list[str]:
    """2 to 6 concepts for one note, drawn from the client's situation plus noise."""
    chosen: list[str] = []
    if intent:
        chosen += [rng.choice(lexicon.intent), rng.choice(lexicon.next_actions)]
    if occasion:
        chosen.append(rng.choice(lexicon.occasions))
    if negative:
        chosen += rng.sample(lexicon.negative, k=min(2, len(lexicon.negative)))
    chosen.append(rng.choice(lexicon.high_end if affluent else lexicon.products))
    if lexicon.colour and rng.random() < 0.7:
        chosen.append(rng.choice(lexicon.colour))
    while len(chosen) < 2 or rng.random() < 0.2:
        chosen.append(rng.choice(lexicon.all_concepts))  # noise
    return list(dict.fromkeys(chosen))[:6]


def _atomic_csv(frame: pd.DataFrame, path: Path) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        frame.to_csv(temporary, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
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
    """Write notes.csv, transactions.csv and a README into `output_dir`; return row counts."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    lexicon = load_lexicon(seeds_dir or Path(__file__).resolve().parent.parent / "seeds")
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

    notes: dict[str, list] = {
        k: []
        for k in ("ID", "Date", "Duration", "Language", "Length", "Transcription", "client_id")
    }
    sales: dict[str, list] = {
        k: [] for k in ("transaction_id", "client_id", "transaction_date", "amount_eur", "category")
    }

    def add_sale(client: str, day: int, amount: float) -> None:
        sales["transaction_id"].append(f"SYN-T{len(sales['transaction_id']) + 1:09d}")
        sales["client_id"].append(client)
        sales["transaction_date"].append((start + dt.timedelta(days=int(day))).isoformat())
        sales["amount_eur"].append(f"{amount:.2f}")
        sales["category"].append(CATEGORIES[chooser.randrange(len(CATEGORIES))])

    for index in range(clients):
        client = f"SYN-C{index + 1:07d}"
        code = LANGUAGES[language[index]]
        last_day = min(period, int(churn_day[index]))
        affluent = affluence[index] > 1.4
        # the client's own buying: a Poisson process until churn
        yearly_rate = 1.6 * engagement[index]
        span = max(0, last_day - first_day[index])
        for day in sorted(
            chooser.randrange(first_day[index], first_day[index] + span + 1)
            for _ in range(int(rng.poisson(yearly_rate * span / 365)))
        ):
            add_sale(client, day, basket[index] * chooser.lognormvariate(0, 0.5))
        for _ in range(int(note_counts[index])):
            note_end = min(period, int(churn_day[index]) + 60)
            day = chooser.randrange(first_day[index], max(first_day[index] + 1, note_end))
            days_to_churn = churn_day[index] - day
            negative = (0 < days_to_churn < 150 and chooser.random() < 0.65) or (
                chooser.random() < 0.06
            )
            days_to_event = event_day[index] - day
            occasion = 0 < days_to_event < 75 and chooser.random() < 0.8
            intent = occasion or chooser.random() < 0.12 + 0.12 * min(engagement[index], 2)
            budget = (
                _budget_phrase(chooser, code, basket[index] * chooser.uniform(0.7, 1.5))
                if chooser.random() < 0.35
                else None
            )
            text = _render(
                chooser,
                lexicon,
                code,
                _note_concepts(chooser, lexicon, intent, negative, affluent, occasion),
                budget,
            )
            notes["ID"].append(f"SYN-N{len(notes['ID']) + 1:09d}")
            notes["Date"].append(_format_date(chooser, start + dt.timedelta(days=day)))
            minutes = chooser.choice((15, 20, 30, 35, 45, 60))
            notes["Duration"].append(f"{minutes} min" if chooser.random() < 0.6 else str(minutes))
            notes["Language"].append(
                LANGUAGE_NAMES[code] if chooser.random() < 0.15 else code.upper()
            )
            notes["Length"].append(
                "short" if len(text) < 80 else "medium" if len(text) < 160 else "long"
            )
            notes["Transcription"].append(text)
            notes["client_id"].append(client)
            # intent before an event or stated at a visit often turns into a purchase
            if intent and not negative and day < last_day and chooser.random() < 0.55:
                purchase_day = day + chooser.randrange(1, 75)
                if purchase_day < min(last_day, period):
                    add_sale(client, purchase_day, basket[index] * chooser.uniform(0.8, 1.6))

    note_frame = pd.DataFrame(notes)
    sale_frame = pd.DataFrame(sales)
    _break_rows(note_frame, sale_frame, bad_row_rate, chooser)
    outcome_frame = _crm_outcomes(
        random.Random(seed + 1), start, period, churn_day, first_day, basket, bad_row_rate
    )
    _atomic_csv(note_frame, output_dir / "notes.csv")
    _atomic_csv(sale_frame, output_dir / "transactions.csv")
    _atomic_csv(outcome_frame, output_dir / "outcomes.csv")
    (output_dir / "README.md").write_text(
        "# Demo data (SYNTHETIC)\n\nGenerated by `scripts/generate_demo_data.py` "
        f"(clients={clients}, seed={seed}). Every client, note and sale is invented: no real "
        "client data. Regenerate with `python scripts/generate_demo_data.py --clients N`.\n",
        encoding="utf-8",
    )
    return {
        "clients": clients,
        "notes": len(note_frame),
        "transactions": len(sale_frame),
        "outcomes": len(outcome_frame),
    }


def _crm_outcomes(
    chooser: random.Random,
    start: dt.date,
    period: int,
    churn_day: np.ndarray,
    first_day: np.ndarray,
    basket: np.ndarray,
    bad_row_rate: float,
) -> pd.DataFrame:
    """What CRM recorded beyond the sales export, from the same latent story.

    Some churned clients tell their advisor they are leaving (churned = 1, weeks after they
    stopped buying); some active clients buy in a partner store the sales export does not cover
    (purchased = 1 with its revenue). Its own random stream, so notes and sales do not change.
    """
    rows: list[dict[str, str]] = []
    for index in range(len(churn_day)):
        client = f"SYN-C{index + 1:07d}"
        observed_churn = churn_day[index] + chooser.randrange(20, 90)
        if observed_churn < period and chooser.random() < 0.4:
            rows.append(_outcome_row(client, start, observed_churn, churned="1"))
        active_until = min(period, int(churn_day[index]))
        if active_until > first_day[index] and chooser.random() < 0.15:
            day = chooser.randrange(int(first_day[index]), active_until)
            revenue = f"{basket[index] * chooser.uniform(0.5, 1.2):.2f}"
            rows.append(_outcome_row(client, start, day, purchased="1", revenue_eur=revenue))
    frame = pd.DataFrame(rows, columns=["client_id", "observed_at", *OUTCOME_VALUES])
    damage = [("purchased", "maybe"), ("observed_at", "2025-02-30"), ("revenue_eur", "-10")]
    broken = chooser.sample(range(len(frame)), int(len(frame) * bad_row_rate))
    for position, row in enumerate(broken):
        column, value = damage[position % len(damage)]
        frame.loc[row, column] = value
    return frame


OUTCOME_VALUES = ("purchased", "churned", "revenue_eur")


def _outcome_row(client: str, start: dt.date, day: int, **values: str) -> dict[str, str]:
    row = {"client_id": client, "observed_at": (start + dt.timedelta(days=int(day))).isoformat()}
    return row | {name: values.get(name, "") for name in OUTCOME_VALUES}


def _format_date(chooser: random.Random, day: dt.date) -> str:
    return day.strftime("%d/%m/%Y") if chooser.random() < 0.1 else day.isoformat()


def _break_rows(
    notes: pd.DataFrame, sales: pd.DataFrame, rate: float, chooser: random.Random
) -> None:
    """Deliberately broken rows, cycling through the kinds of damage real exports show."""
    for position, row in enumerate(chooser.sample(range(len(notes)), int(len(notes) * rate))):
        kind = position % 4
        if kind == 0:
            notes.loc[row, "Transcription"] = ""
        elif kind == 1:
            notes.loc[row, "Date"] = chooser.choice(("31/02/2025", "unknown"))
        elif kind == 2:
            notes.loc[row, "Language"] = "XX"
        elif row > 0:
            notes.loc[row, "ID"] = notes.loc[row - 1, "ID"]
    if sales.empty:
        return
    for position, row in enumerate(chooser.sample(range(len(sales)), int(len(sales) * rate))):
        kind = position % 4
        column, value = [
            ("amount_eur", "n/a"),
            ("client_id", ""),
            ("transaction_date", "2025-13-45"),
            ("transaction_id", None),
        ][kind]
        if value is None:
            if row > 0:
                sales.loc[row, "transaction_id"] = sales.loc[row - 1, "transaction_id"]
        else:
            sales.loc[row, column] = value
