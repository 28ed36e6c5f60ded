"""outputs/ml_predictions_report.txt, laid out from the ml_predictions_report view."""

from __future__ import annotations

import textwrap
from pathlib import Path

import duckdb

from client_intelligence.files import atomic_write_text

WIDTH = 64


def format_value(value_format: str, value: float | None) -> str:
    """The value as the view's value_format says: a percentage, or a whole number (counts,
    euros); nothing for text lines, which are shown by their detail."""
    if value is None or value_format == "text":
        return ""
    if value_format == "percent":
        return f"{value:.1%}"
    return f"{value:,.0f}"


def monitoring_lines(metric: str, detail: str | None) -> list[str]:
    """A warning or alert as a readable, wrapped line; the check count and "all ok" as is."""
    if metric in ("WARNING", "ALERT"):
        return textwrap.wrap(
            f"{metric}: {detail or ''}", WIDTH, initial_indent="  ", subsequent_indent="    "
        )
    return [f"  {metric:<36}{detail or '':>26}"]


def render_report(rows: list[tuple[int, str, str, float | None, str, str | None]]) -> str:
    lines = ["=" * WIDTH, "CLIENT INTELLIGENCE - ML PREDICTIONS REPORT".center(WIDTH), "=" * WIDTH]
    section = None
    for _, row_section, metric, value, value_format, detail in rows:
        if row_section != section:
            section = row_section
            lines += ["", row_section, "-" * len(row_section)]
        if row_section == "MONITORING":
            lines += monitoring_lines(metric, detail)
            continue
        shown = " ".join(part for part in (format_value(value_format, value), detail or "") if part)
        lines.append(f"  {metric:<36}{shown:>26}")
    lines += ["", "=" * WIDTH, ""]
    return "\n".join(lines)


def write_report(database: Path, output: Path) -> str:
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.sql(
            "select sort_order, section, metric, value, value_format, detail"
            " from ml_predictions_report"
            " order by sort_order"
        ).fetchall()
    text = render_report(rows)
    atomic_write_text(output, text)
    return text
