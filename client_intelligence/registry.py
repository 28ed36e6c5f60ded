"""ml_artifacts/registry.json: every continuous version, how it was judged, and the champion.

The registry is the memory of continuous training: which version scores (the champion), every
candidate's holdout metrics next to those of the model it challenged, and the reason for each
promotion or refusal. It is rewritten whole, atomically (temporary file, fsync, rename), under
a lock, so an interrupted or concurrent retraining leaves the previous registry intact.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from client_intelligence.files import atomic_write_text

REGISTRY_FILE = "registry.json"
LOCK_FILE = ".registry.lock"
SCHEMA_VERSION = 1


class RegistryError(RuntimeError):
    """registry.json cannot be read as a registry; it is never overwritten blindly."""


def registry_path(root: Path) -> Path:
    return Path(root) / REGISTRY_FILE


def empty_registry() -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "champion": None, "updated_at": None, "versions": []}


def read_registry(root: Path) -> dict[str, Any]:
    """The registry, or an empty one when none exists yet."""
    path = registry_path(root)
    if not path.is_file():
        return empty_registry()
    try:
        registry = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise RegistryError(
            f"{path} is not valid JSON ({error}). It is only ever written atomically, so it was "
            "edited or damaged by hand: restore it from a backup or fix it; retraining will not "
            "overwrite it (the history of promotions would be lost)."
        ) from error
    if not isinstance(registry, dict) or not isinstance(registry.get("versions"), list):
        raise RegistryError(f"{path} has no 'versions' list: not a model registry")
    return registry


def write_registry(root: Path, registry: dict[str, Any]) -> None:
    registry["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    atomic_write_text(registry_path(root), json.dumps(registry, indent=2, default=str) + "\n")


@contextmanager
def registry_lock(root: Path) -> Iterator[None]:
    """One writer at a time: two retrainings started together queue rather than race."""
    Path(root).mkdir(parents=True, exist_ok=True)
    with (Path(root) / LOCK_FILE).open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def champion_version(registry: dict[str, Any]) -> str | None:
    return registry.get("champion") or None


def record_version(registry: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """Add a judged version; if it was promoted, it becomes champion and the old one retires."""
    if any(existing["version"] == entry["version"] for existing in registry["versions"]):
        raise RegistryError(f"version {entry['version']} is already in the registry")
    if entry["status"] == "champion":
        for existing in registry["versions"]:
            if existing.get("status") == "champion":
                existing["status"] = "retired"
                existing["retired_by"] = entry["version"]
        registry["champion"] = entry["version"]
    registry["versions"].append(entry)
    return registry
