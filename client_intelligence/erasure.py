"""Right to erasure: record a client in privacy/erased_clients.csv, then rebuild.

The file holds the sha256 of the client ID, not the ID, so that the erasure list names nobody.
Staging drops the client's notes and sales (counted as rejected rows with every value nulled),
so after the next `dbt build` the client is in no model, no training example and no export.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path

from client_intelligence.files import atomic_write_text
from client_intelligence.project import project_path, project_vars


def erased_clients_file() -> Path:
    """The erasure list staging reads: the `erased_clients_file` var, relative to the project."""
    return project_path(project_vars()["erased_clients_file"])


def client_hash(client_id: str) -> str:
    return hashlib.sha256(client_id.strip().encode("utf-8")).hexdigest()


def record_erasure(
    client_id: str, erasures: Path | None = None, today: dt.date | None = None
) -> bool:
    """Add the client to the erasure list (atomically); False if already there."""
    if not client_id.strip():
        raise ValueError("client_id is empty")
    erasures = erasures or erased_clients_file()
    digest = client_hash(client_id)
    rows = list(csv.DictReader(erasures.open(encoding="utf-8"))) if erasures.exists() else []
    if any(row["client_id_sha256"] == digest for row in rows):
        return False
    rows.append({"client_id_sha256": digest, "erased_at": (today or dt.date.today()).isoformat()})
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=["client_id_sha256", "erased_at"], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    atomic_write_text(erasures, buffer.getvalue())
    return True
