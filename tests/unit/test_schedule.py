"""scripts/schedule.py: crontab lines and systemd units for this checkout, nobody's user name."""

from __future__ import annotations

import getpass
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from client_intelligence import schedule
from client_intelligence.project import project_root

PROJECT_ROOT = project_root()

CRON_FIELD = re.compile(r"^[0-9*,/-]+$")


def _cron_entries(text: str) -> list[tuple[list[str], str]]:
    entries = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.split(maxsplit=5)
            entries.append((parts[:5], parts[5]))
    return entries


def _run_script(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "schedule.py"), *args],
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
        cwd="/",  # the output must not depend on where it is run from
    )
    return result.stdout


def _without_checkout(text: str, root: Path) -> str:
    return text.replace(str(root), "<checkout>")


@pytest.mark.parametrize("option", ["--print-crontab", "--systemd"])
def test_output_names_this_checkout_and_no_user(option: str):
    text = _run_script(option)
    assert str(PROJECT_ROOT) in text
    rest = _without_checkout(text, PROJECT_ROOT)
    for forbidden in ("$USER", "${USER}", "~/.venv", "/home/", "sudo"):
        assert forbidden not in rest
    assert not re.search(r"^(User|Group)=", rest, re.MULTILINE)
    user = getpass.getuser()
    assert not re.search(rf"\b{re.escape(user)}\b", rest), f"user name {user!r} in the output"
    assert "scripts/retrain.py" in text and "dbt" in text


def test_crontab_has_a_daily_and_a_weekly_entry_with_venv_executables():
    entries = _cron_entries(_run_script("--print-crontab"))
    assert len(entries) == 2
    (daily_fields, daily), (weekly_fields, weekly) = entries
    for fields, _ in entries:
        assert len(fields) == 5 and all(CRON_FIELD.match(field) for field in fields)
    assert daily_fields[2:] == ["*", "*", "*"]  # every day
    assert weekly_fields[2:4] == ["*", "*"] and weekly_fields[4] != "*"  # one weekday
    venv = str(PROJECT_ROOT / ".venv" / "bin")
    assert f"{venv}/dbt build" in daily and "write_report.py" in daily
    assert "export_dashboard.py" in daily
    assert "scripts/retrain.py --full" in weekly and f"{venv}/python" in weekly
    for command in (daily, weekly):
        assert command.startswith("mkdir -p ") and f"cd {PROJECT_ROOT}" in command
        assert command.endswith("< /dev/null")  # a prompt could only fail, never wait
        assert f">> {PROJECT_ROOT}/logs/schedule/" in command


def test_incremental_retraining_is_an_option():
    assert "scripts/retrain.py --incremental" in _run_script(
        "--print-crontab", "--retrain-mode", "incremental"
    )
    with pytest.raises(ValueError, match="full or incremental"):
        schedule.jobs(PROJECT_ROOT, "sometimes")


def _fake_checkout(tmp_path: Path) -> Path:
    """A checkout whose path has spaces, a quote and a %, with recording stand-ins for the
    venv's dbt and python."""
    root = tmp_path / "client's checkout 100% real"
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("dbt", "python"):
        stand_in = bin_dir / name
        stand_in.write_text(
            '#!/bin/sh\necho "$(basename "$0") $* [cwd=$(pwd)] [profiles=$DBT_PROFILES_DIR]"'
            ' >> "$(dirname "$0")/calls.log"\n'
        )
        stand_in.chmod(0o755)
    return root


def test_cron_commands_run_in_sh_with_a_hostile_checkout_path(tmp_path: Path):
    root = _fake_checkout(tmp_path)
    entries = _cron_entries(schedule.crontab(root))
    for _, command in entries:
        # cron hands the command to /bin/sh after turning "\%" into "%"
        assert re.search(r"(?<!\\)%", command) is None, "unescaped % would become a newline"
        subprocess.run(
            ["/bin/sh", "-c", command.replace(r"\%", "%")],
            check=True,
            stdin=subprocess.DEVNULL,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},  # cron's minimal environment
            timeout=60,
        )
    calls = (root / ".venv" / "bin" / "calls.log").read_text().splitlines()
    assert [call.split(" [")[0] for call in calls] == [
        "dbt build",
        "python scripts/write_report.py",
        "python scripts/export_dashboard.py",
        "python scripts/retrain.py --full",
        "dbt run --select predictions+",
        "python scripts/write_report.py",
        "python scripts/export_dashboard.py",
    ]
    assert all(f"[cwd={root}] [profiles={root}]" in call for call in calls)
    daily_log = (root / "logs" / "schedule" / "daily.log").read_text()
    assert re.match(r"== daily \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", daily_log)


def test_systemd_units_have_timers_and_no_user(tmp_path: Path):
    units = schedule.systemd_units(PROJECT_ROOT)
    assert set(units) == {
        "client-intelligence-daily.service",
        "client-intelligence-daily.timer",
        "client-intelligence-retrain.service",
        "client-intelligence-retrain.timer",
    }
    for name, text in units.items():
        assert not re.search(r"^(User|Group)=", text, re.MULTILINE)
        if name.endswith(".timer"):
            assert "[Timer]" in text and "Persistent=true" in text and "[Install]" in text
            assert re.search(r"^OnCalendar=\S", text, re.MULTILINE)
        else:
            assert "[Service]" in text and "Type=oneshot" in text
            assert f"WorkingDirectory={PROJECT_ROOT}\n" in text
            assert "StandardInput=null" in text
    assert "OnCalendar=Sun" in units["client-intelligence-retrain.timer"]
    assert "After=client-intelligence-daily.service" in units["client-intelligence-retrain.service"]


def test_systemd_analyze_accepts_the_units_for_a_hostile_path(tmp_path: Path):
    analyzer = shutil.which("systemd-analyze")
    if analyzer is None:
        pytest.skip("systemd-analyze is not installed; the structural test above still runs")
    root = _fake_checkout(tmp_path)
    units_dir = tmp_path / "units"
    units_dir.mkdir()
    for name, text in schedule.systemd_units(root).items():
        (units_dir / name).write_text(text)
        if name.endswith(".service"):
            assert "%%" in text  # the % of the path, escaped from systemd's specifiers
    result = subprocess.run(
        [analyzer, "verify", "--man=no", *sorted(str(p) for p in units_dir.iterdir())],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=units_dir,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )
    assert result.returncode == 0, result.stderr


def test_nothing_scheduled_can_prompt():
    """The scheduled scripts and the package never ask for input."""
    sources = [*PROJECT_ROOT.joinpath("scripts").glob("*.py")]
    sources += PROJECT_ROOT.joinpath("client_intelligence").glob("*.py")
    prompting = [
        str(path.relative_to(PROJECT_ROOT))
        for path in sources
        if re.search(r"\binput\(|getpass\(|click\.prompt|confirm\(", path.read_text())
    ]
    assert prompting == []
