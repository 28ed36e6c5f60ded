"""The digit-bearing identifiers of one note (identity numbers, cards, phones), replaced by
typed placeholders. This is the part of redaction that needs code rather than one regex: check
digits and libphonenumber's numbering plans. Everything else is RE2 in macros/redaction.sql.
"""

from __future__ import annotations

import re

from client_intelligence.redaction.national_ids import find_national_ids, luhn_is_valid
from client_intelligence.redaction.phones import find_dialable_runs, find_phones
from client_intelligence.redaction.spans import Span, merge_spans, replace_spans

# A note holds a number worth looking for only with at least 7 digits close together; the same
# test gates the call in SQL (macros/redaction.sql, `digit_identifier_gate`), so most notes
# never reach Python.
ENOUGH_DIGITS = re.compile(r"(?:\d\D{0,3}){7}")
_CARD = re.compile(r"\b\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}\b")
CARD_LENGTHS = {13, 14, 15, 16, 19}  # 17 and 18 digits are identity numbers (CN), not cards


def find_cards(text: str) -> list[Span]:
    return [
        Span(match.start(), match.end(), "card")
        for match in _CARD.finditer(text)
        if len(re.sub(r"\D", "", match[0])) in CARD_LENGTHS and luhn_is_valid(match[0])
    ]


def find_digit_identifiers(text: str, language: str | None) -> list[Span]:
    """Merged spans; a (Luhn-valid) card wins over an identity number, which wins over a phone."""
    if not ENOUGH_DIGITS.search(text):
        return []
    spans: list[Span] = [*find_cards(text), *find_national_ids(text)]
    spans += find_phones(text, language)
    spans += find_dialable_runs(text)
    return merge_spans(spans)


def redact_digit_identifiers(text: str | None, language: str | None = None) -> str | None:
    """`text` with identity numbers, card numbers and phone numbers replaced by placeholders."""
    if text is None:
        return None
    spans = find_digit_identifiers(text, language)
    return replace_spans(text, spans) if spans else text
