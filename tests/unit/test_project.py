"""The project is the dbt project the command runs in, never the package's own checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from client_intelligence import cli, project
from client_intelligence.project import ProjectNotFoundError

CHECKOUT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_project_settings(monkeypatch):
    """Blank (and restored afterwards): the CLI sets DBT_PROJECT_DIR for the process."""
    for name in (project.PROJECT_DIR_VARIABLE, "ML_ARTIFACTS_DIR", "DUCKDB_PATH"):
        monkeypatch.setenv(name, "")


def _copy_of_the_project(tmp_path: Path) -> Path:
    """A second checkout: only what the project root needs (dbt_project.yml and the vars)."""
    copy = tmp_path / "second checkout"
    copy.mkdir()
    shutil.copy(CHECKOUT / "dbt_project.yml", copy / "dbt_project.yml")
    return copy


def test_the_directory_the_command_runs_in_is_the_project(tmp_path, monkeypatch):
    copy = _copy_of_the_project(tmp_path)
    monkeypatch.chdir(copy)
    assert project.project_root() == copy.resolve()
    assert project.artifacts_root() == copy.resolve() / "ml_artifacts"
    assert project.duckdb_path() == copy.resolve() / "warehouse" / "client_intelligence.duckdb"
    assert project.dbt_environment()["DBT_PROFILES_DIR"] == str(copy.resolve())


def test_project_dir_variable_wins_over_the_working_directory(tmp_path, monkeypatch):
    copy = _copy_of_the_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(project.PROJECT_DIR_VARIABLE, str(copy))
    assert project.project_root() == copy.resolve()


def test_a_directory_that_is_not_the_project_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProjectNotFoundError, match="no dbt_project.yml.*--project-dir"):
        project.project_root()
    (tmp_path / "dbt_project.yml").write_text("name: another_project\n")
    with pytest.raises(ProjectNotFoundError, match="names 'another_project'"):
        project.project_root()


def test_the_command_line_refuses_before_doing_anything(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["schedule", "--print-crontab"]) == 2
    assert "is not the client_intelligence dbt project" in capsys.readouterr().err
    assert cli.main(["--project-dir", str(tmp_path), "schedule", "--print-crontab"]) == 2


def test_project_dir_option_points_the_command_at_that_checkout(tmp_path, monkeypatch, capsys):
    copy = _copy_of_the_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--project-dir", str(copy), "schedule", "--print-crontab"]) == 0
    assert f"this checkout: {copy.resolve()}" in capsys.readouterr().out


def test_console_entry_point_lists_every_command():
    result = subprocess.run(
        [sys.executable, "-m", "client_intelligence.cli", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=CHECKOUT,
    )
    for command in ("train", "retrain", "score-csv", "export", "erase", "schedule"):
        assert command in result.stdout


def test_every_script_is_the_same_three_lines():
    scripts = sorted(CHECKOUT.joinpath("scripts").glob("*.py"))
    assert {path.name for path in scripts} == set(cli.SCRIPTS)
    for path in scripts:
        statements = [line for line in path.read_text().splitlines() if line.strip()]
        assert statements[1:] == [
            "from client_intelligence.cli import run_script",
            "raise SystemExit(run_script(__file__))",
        ], path.name
