"""Score any CSV of notes through the project's own dbt models.

The CSV is rewritten in the advisors' export format into a scratch folder, the dbt models up to
client_profiles_with_predictions run over it in a scratch DuckDB file (the same concept matching,
budgets and features as `dbt build`), and the client scores are joined back onto every input row.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.compute as pc

from client_intelligence import compiled_models
from client_intelligence.artifacts import select_artifact_dir
from client_intelligence.files import atomic_write_text
from client_intelligence.project import project_vars, run_dbt
from client_intelligence.raw_reader import RawFileError, ReadOptions, file_table, read_file
from client_intelligence.scoring import PREDICTION_COLUMNS

# The decision columns a CRM user needs, and which model produced them.
OUTPUT_COLUMNS = (
    *PREDICTION_COLUMNS[: PREDICTION_COLUMNS.index("risk_segment") + 1],
    "model_version",
    "history",
)
# Yes/no flags stay integers (0/1) in the output, also beside rows without a score.
FLAG_COLUMNS = ("will_purchase", "will_churn")

# The risk segments the summary counts as at risk, as the clients_at_risk analysis does.
AT_RISK_SEGMENTS = ("At Risk", "Critical")


class CsvScoringError(RuntimeError):
    """A problem with the input the user can fix; the message says how."""


@dataclass
class CsvInput:
    frame: pd.DataFrame
    delimiter: str
    encoding: str
    # (line number, error type) of each line the reader set aside as malformed
    malformed_lines: list[tuple[int, str]]


def read_any_csv(path: Path) -> CsvInput:
    """Read a CSV with the pipeline's own reader (client_intelligence.raw_reader): encoding and
    delimiter detected, every value kept as text exactly as written, and lines that cannot be
    split into the header's fields set aside (counted in the summary) rather than failing."""
    if not path.is_file():
        raise CsvScoringError(f"Cannot read {path}: no such file")
    try:
        rows = read_file(path, ReadOptions())
    except (OSError, UnicodeError) as error:
        raise CsvScoringError(f"Cannot read {path}: {error}") from error
    except RawFileError as error:
        raise CsvScoringError(str(error)) from error
    table = file_table(rows)
    malformed = table.filter(pc.is_valid(table["malformed_error_type"]))
    malformed_lines = list(
        zip(
            malformed["source_line_number"].to_pylist(),
            malformed["malformed_error_type"].to_pylist(),
            strict=True,
        )
    )
    good = table.filter(pc.is_null(table["malformed_error_type"])).select(rows.columns)
    frame = good.to_pandas()
    if frame.empty:
        detail = f" ({len(malformed_lines)} malformed lines)" if malformed_lines else ""
        raise CsvScoringError(f"{path} has a header but no rows{detail}")
    return CsvInput(frame.reset_index(drop=True), rows.delimiter, rows.encoding, malformed_lines)


def require_column(frame: pd.DataFrame, name: str | None, role: str) -> None:
    if name is not None and name not in frame.columns:
        available = ", ".join(repr(column) for column in frame.columns)
        raise CsvScoringError(f"No {role} column {name!r}. The file's columns are: {available}")


def to_notes_export(
    frame: pd.DataFrame,
    text_column: str,
    id_column: str | None,
    date_column: str | None,
    language_column: str | None,
    today: dt.date,
) -> pd.DataFrame:
    """The input as the advisors' export that the dbt sources read; one note per input row."""
    row_numbers = pd.RangeIndex(len(frame)).astype(str)
    client_ids = (
        frame[id_column].str.strip().where(frame[id_column].str.strip() != "", "row-" + row_numbers)
        if id_column
        else "row-" + row_numbers
    )
    return pd.DataFrame(
        {
            "ID": "row-" + row_numbers,
            "Date": frame[date_column] if date_column else today.isoformat(),
            "Duration": "",
            "Language": frame[language_column] if language_column else "",
            "Length": "",
            "Transcription": frame[text_column],
            "client_id": client_ids,
        }
    )


def run_models(
    notes: pd.DataFrame, workdir: Path, model_dir: str | None, transactions: Path | None = None
) -> pd.DataFrame:
    """Build the scoring models over the notes (and the sales, when supplied) in a scratch
    warehouse; client scores back.

    Profiles are as of the latest date in the data (dbt's default), with no training snapshots.
    Without sales the artifact's notes-only family scores: "no purchases" then means unknown.
    The first file after a change to the project is built by dbt, which leaves the compiled
    models for the next ones (client_intelligence.compiled_models): those run without dbt.
    """
    raw_dir = workdir / "raw"
    raw_dir.mkdir()
    # every field quoted: a bare carriage return inside a note must not read as a line end
    notes.to_csv(raw_dir / "notes.csv", index=False, quoting=csv.QUOTE_ALL)
    if transactions is not None:
        # the sales go through staging like any export: bad lines become rejected rows
        shutil.copyfile(transactions, raw_dir / f"transactions{transactions.suffix.lower()}")
    variables = {
        "raw_data_dir": str(raw_dir),
        "build_training_snapshots": False,
        "model_dir": model_dir or "",
        "purchase_history_supplied": transactions is not None,
    }
    plan_dir = compiled_models.plan_dir(variables)
    plan = compiled_models.load_plan(plan_dir)
    if plan is not None:
        with compiled_models.run_plan(plan, raw_dir) as connection:
            return read_scores(connection)
    database = workdir / "scoring.duckdb"
    target = workdir / "target"
    run_dbt(
        [
            "build",
            "--select",
            "+client_profiles_with_predictions",
            "stg_notes_rejected",
            "stg_transactions_rejected",
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
        ],
        variables=variables,
        database=database,
        target_path=target,
        quiet=True,
    )
    with contextlib.suppress(compiled_models.PlanError):  # dbt then runs for every file
        compiled_models.build_plan(plan_dir, target, database, raw_dir)
    with duckdb.connect(str(database), read_only=True) as connection:
        return read_scores(connection)


def read_scores(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The client scores of a scoring build, with the counts the summary reports."""
    scores = connection.sql(
        f"select client_id, {', '.join(OUTPUT_COLUMNS)} from client_profiles_with_predictions"
    ).df()
    scores.attrs["rejected_notes"] = connection.execute(
        "select count(*) from stg_notes_rejected"
    ).fetchone()[0]
    scores.attrs["rejected_sales"] = connection.execute(
        "select count(*) from stg_transactions_rejected"
    ).fetchone()[0]
    sales = connection.execute("select count(*) from stg_transactions").fetchone()
    scores.attrs["sales"] = sales[0]
    # the lowest churn risk of an at-risk segment, from the seed the build used
    at_risk_from = connection.execute(
        "select min(lower_bound) from segment_cutoffs"
        " where segment_type = 'risk' and list_contains(?, segment)",
        [list(AT_RISK_SEGMENTS)],
    ).fetchone()[0]
    scores.attrs["at_risk_from"] = float(at_risk_from)
    return scores


def attach_scores(frame: pd.DataFrame, notes: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Every input row in its original order, its columns untouched, plus its client's scores."""
    by_client = scores.set_index("client_id")
    joined = by_client.reindex(notes["client_id"].to_numpy())
    joined.index = frame.index
    output = frame.copy()
    for column in OUTPUT_COLUMNS:
        values = joined[column]
        output[column] = values.astype("Int64").array if column in FLAG_COLUMNS else values.array
    return output


def format_summary(
    output: pd.DataFrame,
    id_column: str | None,
    rejected: int,
    malformed_lines: list[tuple[int, str]] = (),
    *,
    high_intent_probability: float,
    at_risk_from: float,
) -> str:
    """Rows scored, then counts per client (rows sharing an ID are one client).

    High intent is the report's band (the `high_intent_probability` var); at risk is the At Risk
    and Critical segments, which start at `at_risk_from` in the segment_cutoffs seed.
    """
    scored = output["purchase_probability"].notna()
    label = id_column or "row"
    clients = output[scored]
    clients = clients.assign(
        __label=clients[id_column] if id_column else clients.index.to_series() + 1
    ).drop_duplicates("__label")
    high_intent = int((clients["purchase_probability"] > high_intent_probability).sum())
    at_risk = int(clients["risk_segment"].isin(AT_RISK_SEGMENTS).sum())
    vip = int((clients["value_segment"] == "VIP").sum())
    lines = [
        f"rows scored: {int(scored.sum())} of {len(output)} ({len(clients)} clients)",
        f"high intent (purchase probability > {high_intent_probability:g}): {high_intent}",
        f"at risk (churn risk >= {at_risk_from:g}): {at_risk}",
        f"VIP: {vip}",
    ]
    if not scored.all():
        lines.append(
            f"rows without a score (no usable note for that client): {int((~scored).sum())}"
        )
    if rejected:
        lines.append(f"notes rejected by staging (empty text, unparseable date): {rejected}")
    if malformed_lines:
        shown = ", ".join(f"line {number} ({error})" for number, error in malformed_lines[:10])
        more = f" and {len(malformed_lines) - 10} more" if len(malformed_lines) > 10 else ""
        lines.append(
            f"malformed lines set aside, not in the output: {len(malformed_lines)}: {shown}{more}"
        )
    top = clients.nlargest(5, "predicted_clv")
    lines.append("top 5 clients by predicted CLV:")
    lines += [
        f"  {label} {key}: {clv:,.0f} EUR"
        for key, clv in zip(top["__label"], top["predicted_clv"], strict=True)
    ]
    return "\n".join(lines)


def progress(step: int, total: int, label: str) -> None:
    width = 30
    filled = int(width * step / total)
    print(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {step}/{total} {label:<40}",
        end="",
        file=sys.stderr,
        flush=True,
    )
    if step == total:
        print(file=sys.stderr)


def score_csv(
    input_path: Path,
    text_column: str,
    id_column: str | None = None,
    date_column: str | None = None,
    language_column: str | None = None,
    output_path: Path | None = None,
    model_dir: str | None = None,
    today: dt.date | None = None,
    transactions_path: Path | None = None,
) -> tuple[Path, str]:
    """Score `input_path` and write the output atomically; return its path and a summary.

    With `transactions_path` (sales in the transactions export format) the full model scores;
    without it, the notes-only family, and every row says history = 'not supplied'.
    """
    total = 4
    progress(0, total, "reading")
    select_artifact_dir(model_dir)  # fail before any work when there is no model
    check_transactions(transactions_path, id_column)
    data = read_any_csv(input_path)
    for name, role in (
        (text_column, "text"),
        (id_column, "ID"),
        (date_column, "date"),
        (language_column, "language"),
    ):
        require_column(data.frame, name, role)
    notes = to_notes_export(
        data.frame, text_column, id_column, date_column, language_column, today or dt.date.today()
    )
    progress(1, total, f"matching concepts and scoring {len(notes):,} rows (dbt)")
    with tempfile.TemporaryDirectory(prefix="score-csv-") as workdir:
        scores = run_models(notes, Path(workdir), model_dir, transactions_path)
    progress(2, total, "joining scores to rows")
    output = attach_scores(data.frame, notes, scores)
    destination = output_path or input_path.with_name(f"{input_path.stem}_with_predictions.csv")
    progress(3, total, f"writing {destination.name}")
    # CRLF line ends, as RFC 4180 writes them: a note holding a bare CR is then quoted, not
    # split into a malformed line
    text = output.to_csv(index=False, sep=data.delimiter, lineterminator="\r\n")
    atomic_write_text(destination, text)
    progress(4, total, "done")
    summary = format_summary(
        output,
        id_column,
        scores.attrs["rejected_notes"],
        data.malformed_lines,
        high_intent_probability=float(project_vars()["high_intent_probability"]),
        at_risk_from=scores.attrs["at_risk_from"],
    )
    return destination, summary + "\n" + history_summary(transactions_path, scores.attrs)


def check_transactions(path: Path | None, id_column: str | None) -> None:
    if path is None:
        return
    if not path.is_file():
        raise CsvScoringError(f"Cannot read the sales {path}: no such file")
    if id_column is None:
        raise CsvScoringError(
            "--transactions needs --id-column: sales are matched to the notes by client ID"
        )


def history_summary(path: Path | None, counts: dict) -> str:
    if path is None:
        return (
            "purchase history: not supplied, scored by the notes-only model "
            "(--transactions FILE scores with the full model)"
        )
    line = f"purchase history: {counts['sales']} sales from {path.name}"
    if counts["rejected_sales"]:
        line += f" ({counts['rejected_sales']} rejected by staging)"
    return line
