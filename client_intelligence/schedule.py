"""Crontab lines and systemd units that run the pipeline daily and the retraining weekly.

Printed, never installed: installing a schedule is the operator's decision. Every path is this
checkout's real path (the project the command runs in), every executable the checkout's .venv, and
nothing names a user. Scheduled commands read stdin from /dev/null, so a prompt could only
fail, never hang. Steps that open the DuckDB file take a lock first (flock on
logs/schedule/warehouse.lock): DuckDB allows one writer, and a weekly retraining that started
while the daily build runs would otherwise fail on the locked file.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from client_intelligence.project import DBT_TRACKING_OFF, project_root

DAILY_CRON = "0 3 * * *"  # 03:00 every day
WEEKLY_CRON = "0 5 * * 0"  # 05:00 on Sundays, after that day's pipeline run
DAILY_CALENDAR = "*-*-* 03:00:00"
WEEKLY_CALENDAR = "Sun *-*-* 05:00:00"
LOCK_WAIT_SECONDS = 7200
UNIT_PREFIX = "client-intelligence"
SYSTEMD_PLAIN = re.compile(r"[A-Za-z0-9_./:=+,@-]+")
ENVIRONMENT = {**DBT_TRACKING_OFF, "PYTHONUNBUFFERED": "1"}


@dataclass(frozen=True)
class Job:
    """One scheduled job: a name, when it runs, and its steps (argv lists, run in order)."""

    name: str
    description: str
    cron: str
    calendar: str
    steps: tuple[tuple[str, ...], ...]


def jobs(root: Path | None = None, retrain_mode: str = "full") -> tuple[Job, Job]:
    """The daily pipeline (as `make run` without the install) and the weekly retraining.

    The retraining re-scores at once, so a promoted champion reaches the report and the
    dashboard the same morning; a refused candidate changes nothing.
    """
    root = root or project_root()
    if retrain_mode not in ("full", "incremental"):
        raise ValueError(f"retrain_mode must be full or incremental, not {retrain_mode!r}")
    python, dbt = str(root / ".venv" / "bin" / "python"), str(root / ".venv" / "bin" / "dbt")
    report = (python, "scripts/write_report.py")
    dashboard = (python, "scripts/export_dashboard.py")
    daily = Job(
        "daily",
        "Client Intelligence pipeline: dbt build, report, dashboard",
        DAILY_CRON,
        DAILY_CALENDAR,
        ((dbt, "build"), report, dashboard),
    )
    weekly = Job(
        "retrain",
        "Client Intelligence retraining (champion/challenger), then re-scoring",
        WEEKLY_CRON,
        WEEKLY_CALENDAR,
        (
            (python, "scripts/retrain.py", f"--{retrain_mode}"),
            (dbt, "run", "--select", "predictions+"),
            report,
            dashboard,
        ),
    )
    return daily, weekly


def lock_path(root: Path) -> Path:
    return root / "logs" / "schedule" / "warehouse.lock"


def log_path(root: Path, job: Job) -> Path:
    return root / "logs" / "schedule" / f"{job.name}.log"


# ---------------------------------------------------------------- cron


def cron_escape(command: str) -> str:
    """cron turns an unescaped % into a newline: escape every one (e.g. in a path)."""
    return command.replace("%", r"\%")


def cron_command(root: Path, job: Job) -> str:
    """A /bin/sh command: cd, environment, each step under the lock, output appended to a log."""
    quote = shlex.quote
    log, lock = log_path(root, job), lock_path(root)
    environment = " ".join(
        f"{name}={quote(value)}"
        for name, value in {"DBT_PROFILES_DIR": str(root), **ENVIRONMENT}.items()
    )
    steps = " && ".join(
        f"flock -w {LOCK_WAIT_SECONDS} {quote(str(lock))} {shlex.join(step)}" for step in job.steps
    )
    return (
        f"mkdir -p {quote(str(log.parent))} && cd {quote(str(root))} && export {environment}"
        f' && {{ echo "== {job.name} $(date -u +%Y-%m-%dT%H:%M:%SZ)"; {steps}; }}'
        f" >> {quote(str(log))} 2>&1 < /dev/null"
    )


def crontab(root: Path | None = None, retrain_mode: str = "full") -> str:
    root = root or project_root()
    lines = [
        f"# Client Intelligence: daily pipeline and weekly retraining (this checkout: {root}).",
        "# Install with `crontab -e` (paste these lines) as the account that owns the checkout.",
    ]
    for job in jobs(root, retrain_mode):
        lines += [
            f"# {job.description}; log: {log_path(root, job)}",
            f"{job.cron} {cron_escape(cron_command(root, job))}",
        ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- systemd


def systemd_quote(argument: str) -> str:
    """One ExecStart= argument: as is when plain, else double-quoted; systemd's %-specifiers
    and $ variables escaped either way."""
    if SYSTEMD_PLAIN.fullmatch(argument):
        return argument
    escaped = argument.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("%", "%%").replace("$", "$$") + '"'


def systemd_assignment(name: str, value: str) -> str:
    """An Environment= value: the whole assignment double-quoted, % escaped ($ is literal)."""
    escaped = f"{name}={value}".replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("%", "%%") + '"'


def systemd_value(value: str) -> str:
    """A path setting (WorkingDirectory=, append:): taken verbatim but for % specifiers."""
    return value.replace("%", "%%")


def service_unit(root: Path, job: Job) -> str:
    lock = lock_path(root)
    lines = [
        "[Unit]",
        f"Description={job.description}",
    ]
    if job.name != "daily":
        lines.append(f"After={UNIT_PREFIX}-daily.service")
    lines += [
        "",
        "[Service]",
        "Type=oneshot",
        f"WorkingDirectory={systemd_value(str(root))}",
        f"Environment={systemd_assignment('DBT_PROFILES_DIR', str(root))}",
    ]
    lines += [f"Environment={name}={value}" for name, value in ENVIRONMENT.items()]
    lines += [
        "StandardInput=null",  # output goes to the journal: journalctl --user -u <unit>
        f"ExecStartPre=/bin/mkdir -p {systemd_quote(str(lock.parent))}",
    ]
    for step in job.steps:
        argv = ("/usr/bin/flock", "-w", str(LOCK_WAIT_SECONDS), str(lock), *step)
        lines.append("ExecStart=" + " ".join(systemd_quote(part) for part in argv))
    return "\n".join(lines) + "\n"


def timer_unit(job: Job) -> str:
    return "\n".join(
        [
            "[Unit]",
            f"Description={job.description} (timer)",
            "",
            "[Timer]",
            f"OnCalendar={job.calendar}",
            "Persistent=true",
            "RandomizedDelaySec=300",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        ]
    )


def systemd_units(root: Path | None = None, retrain_mode: str = "full") -> dict[str, str]:
    """File name -> content: a .service and a .timer per job."""
    root = root or project_root()
    units = {}
    for job in jobs(root, retrain_mode):
        units[f"{UNIT_PREFIX}-{job.name}.service"] = service_unit(root, job)
        units[f"{UNIT_PREFIX}-{job.name}.timer"] = timer_unit(job)
    return units


def systemd_text(root: Path | None = None, retrain_mode: str = "full") -> str:
    root = root or project_root()
    units = systemd_units(root, retrain_mode)
    timers = " ".join(name for name in units if name.endswith(".timer"))
    header = [
        f"# Client Intelligence systemd units (this checkout: {root}).",
        "# As user units (no User= line; they run as whoever installs them): save each file",
        "# below into ~/.config/systemd/user/, then",
        f"#   systemctl --user daemon-reload && systemctl --user enable --now {timers}",
        "#   loginctl enable-linger   # so they run while nobody is logged in",
        f"# Output: journalctl --user -u {UNIT_PREFIX}-daily -u {UNIT_PREFIX}-retrain",
    ]
    parts = ["\n".join(header) + "\n"]
    for name, content in units.items():
        parts.append(f"# ---- {name} ----\n{content}")
    return "\n".join(parts)
