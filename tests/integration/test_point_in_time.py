"""A purchase or a note on or after a cutoff never reaches that cutoff's features."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from client_intelligence.features import LABEL_COLUMNS
from tests.support import Warehouse, build_warehouse


def example_row(warehouse: Warehouse, client_id: str, cutoff: str) -> dict:
    with_names = warehouse.query(
        f"select * from ml_training_examples where client_id = '{client_id}'"
        f" and cutoff_date = date '{cutoff}'"
    )
    columns = [
        row[0]
        for row in warehouse.query(
            "select column_name from information_schema.columns"
            " where table_name = 'ml_training_examples' order by ordinal_position"
        )
    ]
    return dict(zip(columns, with_names[0], strict=True))


def test_future_purchase_and_note_change_labels_not_features(
    demo_warehouse: Warehouse, tmp_path: Path
):
    cutoff, client_id = demo_warehouse.query(
        """
        select cutoff_date::varchar, client_id from ml_training_examples
        where label_clv_eur is not null and note_count > 0
        order by cutoff_date, client_id limit 1
        """
    )[0]
    before = example_row(demo_warehouse, client_id, cutoff)

    raw = tmp_path / "raw"
    shutil.copytree(demo_warehouse.raw_data_dir, raw)
    with (raw / "transactions.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["T-LEAK-1", client_id, cutoff, "99999.00", "watches"]
        )
    with (raw / "notes.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            [
                "N-LEAK-1",
                cutoff,
                "30",
                "EN",
                "short",
                "Gift for her birthday, budget 50K",
                client_id,
            ]
        )
    after = example_row(build_warehouse(tmp_path / "wh", raw), client_id, cutoff)

    features = [name for name in before if name not in LABEL_COLUMNS]
    assert {name: after[name] for name in features} == {name: before[name] for name in features}
    assert after["label_purchased"] == 1
    assert after["label_clv_eur"] == before["label_clv_eur"] + 99999
