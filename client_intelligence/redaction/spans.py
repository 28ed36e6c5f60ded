"""A found identifier as a span of the text, and how overlapping finds become one replacement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PLACEHOLDERS = {
    "national_id": "[NATIONAL_ID]",
    "card": "[CARD]",
    "phone": "[PHONE]",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans in text order; where finds overlap, the earliest-found kind wins
    (callers list the most specific detector first) and the span covers them all."""
    ordered = sorted(enumerate(spans), key=lambda item: (item[1].start, item[0]))
    merged: list[tuple[int, Span]] = []
    for rank, span in ordered:
        if merged and span.start < merged[-1][1].end:
            first_rank, previous = merged[-1]
            kind = previous.kind if first_rank <= rank else span.kind
            merged[-1] = (
                min(first_rank, rank),
                Span(previous.start, max(previous.end, span.end), kind),
            )
        else:
            merged.append((rank, span))
    return [span for _, span in merged]


def replace_spans(text: str, spans: list[Span]) -> str:
    """`text` with each (merged, ordered) span replaced by its type's placeholder."""
    parts, position = [], 0
    for span in spans:
        parts += [text[position : span.start], PLACEHOLDERS[span.kind]]
        position = span.end
    parts.append(text[position:])
    return "".join(parts)
