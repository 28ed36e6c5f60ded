"""How much of what the demo generator planted the pipeline finds: the body of
scripts/measure_demo_notes.py.

Why: the demo notes are meant to read like advisors' prose, so concept coverage is high but not
100%. This measures it per language on a built warehouse: the share of notes with at least one
concept tag in note_concepts, and the share of planted concepts (planted_concepts.csv, the
generator's intention) that note_concepts tagged in the same note, split by how the generator
wrote them (with a lexicon alias or paraphrased). It also counts planted identifiers still in
stg_notes' text after redaction.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from client_intelligence.demo_data import PLANTED_CONCEPTS, PLANTED_IDENTIFIERS, generate
from client_intelligence.project import build_scratch_warehouse

NOTES_SQL = """
select
    planted.language,
    count(*) as notes,
    count(*) filter (
        where exists (select 1 from wh.note_concepts as tags where tags.note_id = notes.note_id)
    ) as notes_tagged
from wh.stg_notes as notes
inner join (select distinct note_id, language from read_csv(?, all_varchar = true)) as planted
    on notes.note_id = planted.note_id
group by planted.language
"""

MENTIONS_SQL = """
with
planted as (
    select distinct note_id, language, concept_id, written
    from read_csv(?, all_varchar = true)
    where coalesce(concept_id, '') != ''
),
tags as (select distinct note_id, concept_id from wh.note_concepts)
select
    planted.language,
    planted.written,
    count(*) as planted,
    count(tags.note_id) as tagged
from planted
inner join (select distinct note_id from wh.stg_notes) as notes
    on planted.note_id = notes.note_id
left join tags on planted.note_id = tags.note_id and planted.concept_id = tags.concept_id
group by planted.language, planted.written
"""


def coverage(database: Path, raw_dir: Path) -> pd.DataFrame:
    """Per language (and `all`): notes, share of notes tagged, planted concepts, share tagged
    (overall, written with an alias, paraphrased) and the share of paraphrased mentions."""
    planted = str(raw_dir / PLANTED_CONCEPTS)
    with duckdb.connect() as connection:
        connection.execute(f"attach '{database}' as wh (read_only)")
        notes = connection.execute(NOTES_SQL, [planted]).df().set_index("language")
        mentions = connection.execute(MENTIONS_SQL, [planted]).df()
    counts = mentions.pivot_table(
        index="language", columns="written", values=["planted", "tagged"], aggfunc="sum"
    )
    counts.columns = [f"{value}_{written}" for value, written in counts.columns]
    columns = [f"{v}_{w}" for v in ("planted", "tagged") for w in ("alias", "paraphrase")]
    table = notes.join(counts.reindex(columns=columns), how="left").fillna(0)
    table.loc["all"] = table.sum()
    planted_total = table["planted_alias"] + table["planted_paraphrase"]
    tagged_total = table["tagged_alias"] + table["tagged_paraphrase"]
    shares = pd.DataFrame(
        {
            "notes": table["notes"].astype(int),
            "notes_tagged": table["notes_tagged"] / table["notes"],
            "planted": planted_total.astype(int),
            "planted_tagged": tagged_total / planted_total,
            "alias_tagged": table["tagged_alias"] / table["planted_alias"],
            "paraphrase_tagged": table["tagged_paraphrase"] / table["planted_paraphrase"],
            "paraphrase_share": table["planted_paraphrase"] / planted_total,
        }
    )
    return shares.sort_values("notes", ascending=False).rename_axis("language").reset_index()


def surviving_identifiers(database: Path, raw_dir: Path) -> pd.DataFrame:
    """Planted identifiers whose text is still in their note in stg_notes (after redaction)."""
    with duckdb.connect() as connection:
        connection.execute(f"attach '{database}' as wh (read_only)")
        return connection.execute(
            """
            select planted.note_id, planted.identifier_type, planted.value, notes.note_text
            from read_csv(?, all_varchar = true) as planted
            inner join wh.stg_notes as notes on planted.note_id = notes.note_id
            where contains(notes.note_text, planted.value)
            order by planted.identifier_type, planted.note_id
            """,
            [str(raw_dir / PLANTED_IDENTIFIERS)],
        ).df()


def build(workdir: Path, raw_dir: Path) -> Path:
    """The models up to note_concepts over `raw_dir`, without predictions or tests."""
    return build_scratch_warehouse(workdir, raw_dir, "--select", "+note_concepts")


def format_report(table: pd.DataFrame, leaks: pd.DataFrame) -> str:
    lines = [
        f"{'language':<8} {'notes':>7} {'tagged':>7} {'planted':>8} {'found':>7}"
        f" {'alias':>7} {'para.':>7} {'para. share':>11}"
    ]
    for row in table.itertuples(index=False):
        lines.append(
            f"{row.language:<8} {row.notes:>7} {row.notes_tagged:>7.1%} {row.planted:>8}"
            f" {row.planted_tagged:>7.1%} {row.alias_tagged:>7.1%} {row.paraphrase_tagged:>7.1%}"
            f" {row.paraphrase_share:>11.1%}"
        )
    lines.append(
        "tagged: notes with at least one concept tag; found: planted concepts tagged in their"
        " note (alias: written with a lexicon alias, para.: paraphrased)"
    )
    lines.append(f"planted identifiers still in stg_notes after redaction: {len(leaks)}")
    lines += [
        f"  {row.note_id} {row.identifier_type} {row.value!r}: {row.note_text}"
        for row in leaks.itertuples(index=False)
    ]
    return "\n".join(lines)


def run(clients: int, seed: int, workdir: Path | None = None) -> str:
    """Generate a demo of `clients` clients, build it and report coverage and leaks."""
    with tempfile.TemporaryDirectory(prefix="demo_notes_") as temporary:
        folder = Path(workdir or temporary)
        raw = folder / "raw"
        generate(raw, clients=clients, seed=seed)
        database = build(folder, raw)
        return format_report(coverage(database, raw), surviving_identifiers(database, raw))
