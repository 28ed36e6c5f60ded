"""Phone numbers: Google's libphonenumber (`phonenumbers`) with the note's language as the region
hint, then a fallback for any run of digits that someone could dial.

libphonenumber knows every country's numbering plan, so it finds national formats that do not
start with 0 or + (Italian 3xx mobiles, Spanish nine-digit mobiles, US (212) numbers, Russian
8 9xx ...). Its lenient mode (POSSIBLE) accepts a number whose length fits the plan, which is
what recall needs. The fallback catches what it cannot attribute to a region: at least eight
digits in groups, unless the run is a date, a time, an amount or a budget.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from client_intelligence.redaction.spans import Span

# Regions tried for a note in each language (two where the language has two big markets).
LANGUAGE_REGIONS: dict[str, tuple[str, ...]] = {
    "fr": ("FR",),
    "en": ("GB", "US"),
    "it": ("IT",),
    "es": ("ES",),
    "de": ("DE",),
    "pt": ("PT", "BR"),
    "nl": ("NL",),
    "ru": ("RU",),
    "ar": ("AE", "SA"),
    "zh": ("CN",),
    "ja": ("JP",),
    "ko": ("KR",),
}
# A note of unknown language (e.g. a raw export line) is read with every market's plan.
ALL_REGIONS = tuple(dict.fromkeys(r for regions in LANGUAGE_REGIONS.values() for r in regions))
# Digit groups of a note handed to libphonenumber, each at most ~30 characters long.
_CANDIDATE = re.compile(r"[+(]?\d[\d \u00a0().\-/]{4,28}\d\)?")
MAX_CANDIDATES = 50

_DIALABLE = re.compile(r"(?<!\w)(?<!\d[.,])\+?\(?\d[\d ()./\-\u00a0]{6,24}\d(?!\w|[.,]\d)")
# a date, optionally with the hour ("2026-04-18 14" of "2026-04-18 14:30")
_DATE = re.compile(r"^\d{1,4}([./\-])\d{1,2}\1\d{1,4}(?:[ T]\d{1,2}(?:[:h]\d{2})?)?$")
_CURRENCY_BEFORE = re.compile(
    r"(?:[€$£¥₩₽﷼]|\b(?:eur|euros?|usd|gbp|chf|jpy|cny|rmb|krw|rub|aed|sar|brl|budget|"
    r"prix|price|preis|prezzo|precio|preço|prijs|цена|бюджет|budget|presupuesto|orçamento|"
    r"plafond|max|min|ca\.?|approx\.?|env\.?|around|vers|circa|fino a|hasta|até|tot|до)"
    r")\s*[:~≈]?\s*$",
    re.IGNORECASE,
)
_AMOUNT_AFTER = re.compile(
    r"^\s?(?:[€$£¥₩₽]|万|千|元|円|원|руб|р\.|ريال|درهم|(?:eur|euros?|usd|chf|gbp|aed|sar|brl|"
    r"dollars?|yen|yuan|won|dhs?|mil|mille|k)\b)",
    re.IGNORECASE,
)
# An order, invoice or reference number is not personal data: "commande n° 4500123456".
_REFERENCE_BEFORE = re.compile(
    r"(?:order|commande|cde|ordine|pedido|encomenda|bestellung|auftrag|bestelling|заказ|"
    r"طلب|订单|注文|주문|invoice|facture|fattura|factura|fatura|rechnung|factuur|ticket|ref|"
    r"réf|referen\w*|sku|article|artikel|item|lot|serial|série|serie|tracking|colis|suivi)"
    r"\s*(?:n[°ºo.]?|№|nr\.?|no\.?|num\w*|#|number|番号|号|번호|رقم)?\s*[:#]?\s*$",
    re.IGNORECASE,
)


def regions_for(language: str | None) -> tuple[str, ...]:
    return LANGUAGE_REGIONS.get((language or "").strip().lower(), ALL_REGIONS)


_NUMBER_CHARS = re.compile(r"(?:[.,' \u00a0]?\d)*")  # the rest of a number, either way


def is_reference_or_amount(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is an amount, a budget or an order/reference number by context.

    The context is read around the whole number the match sits in ("12,500,000" for "500,000").
    """
    before_number = _NUMBER_CHARS.match(text[max(0, start - 30) : start][::-1])
    start -= len(before_number.group()) if before_number else 0
    end += len(_NUMBER_CHARS.match(text[end : end + 30]).group())
    before, after = text[max(0, start - 30) : start], text[end : end + 8]
    return bool(
        _CURRENCY_BEFORE.search(before)
        or _AMOUNT_AFTER.match(after)
        or _REFERENCE_BEFORE.search(before)
    )


def find_phones(text: str, language: str | None) -> Iterator[Span]:
    """Phone numbers in `text` by libphonenumber, for each region the language suggests.

    The matcher reads each digit group of the text on its own (a bounded piece), and at most
    MAX_CANDIDATES of them: its cost grows faster than the text, and a note of digit soup is
    covered by the dialable-run fallback anyway.
    """
    regions = regions_for(language)
    for index, candidate in enumerate(_CANDIDATE.finditer(text)):
        if index >= MAX_CANDIDATES:
            return
        piece = candidate.group()
        for region in regions:
            for match in PhoneNumberMatcher(piece, region, leniency=Leniency.POSSIBLE):
                start, end = candidate.start() + match.start, candidate.start() + match.end
                if not _looks_like_non_phone(text, start, end):
                    yield Span(start, end, "phone")


def find_dialable_runs(text: str) -> Iterator[Span]:
    """Any run of >= 8 digits in groups that is not a date, an amount or a reference."""
    for match in _DIALABLE.finditer(text):
        value = match.group().strip(" ./-()\u00a0")
        start = match.start() + match.group().index(value[0])
        end = start + len(value)
        if sum(char.isdigit() for char in value) >= 8 and not _looks_like_non_phone(
            text, start, end
        ):
            yield Span(start, end, "phone")


def _looks_like_non_phone(text: str, start: int, end: int) -> bool:
    value = text[start:end]
    return bool(_DATE.match(value)) or is_reference_or_amount(text, start, end)


def is_possible_number(text: str, region: str) -> bool:
    """For tests and diagnostics: whether libphonenumber reads `text` as a possible number."""
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False
