"""The dashboard export: documented JSON schema, and a page that renders in Chromium."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import Warehouse

from client_intelligence import artifacts
from client_intelligence.dashboard import SCHEMA, export_dashboard


@pytest.fixture(scope="module")
def dashboard_dir(trained_warehouse: Warehouse, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("dashboard")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(artifacts, "ARTIFACTS_DIR", trained_warehouse.artifacts_dir)
        export_dashboard(trained_warehouse.database, output, max_clients=300)
    return output


def test_data_json_follows_the_documented_schema(dashboard_dir: Path, trained_warehouse):
    data = json.loads((dashboard_dir / "data.json").read_text())
    jsonschema.validate(data, SCHEMA)
    assert data["metrics"]["clients"] == trained_warehouse.scalar(
        "select count(*) from client_profiles_with_predictions"
    )
    assert len(data["clients"]) == min(300, data["metrics"]["clients"])
    priorities = [client["marketing_priority"] for client in data["clients"]]
    assert priorities == sorted(priorities, reverse=True)
    assert data["model"]["holdout_metrics"]["purchase"]["roc_auc"] > 0.5
    assert data["concepts"] and data["concepts"][0]["mentions"] >= data["concepts"][-1]["mentions"]


def test_schema_rejects_a_broken_export():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"generated_at": "now", "clients": []}, SCHEMA)


def test_page_renders_charts_and_table_without_console_errors(dashboard_dir: Path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("chromium is not installed: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.route(
            "**/*",
            lambda route: (
                route.abort() if not route.request.url.startswith("file:") else route.continue_()
            ),
        )
        page.goto((dashboard_dir / "index.html").as_uri())
        page.wait_for_selector("#clients tbody tr")
        assert page.locator(".js-plotly-plot .main-svg").count() >= 4
        rows_before = page.locator("#clients tbody tr").count()
        assert rows_before == 300
        page.select_option("#filter-value", "Low Value")
        filtered = page.locator("#clients tbody tr").count()
        assert filtered < rows_before
        page.click("th[data-key='predicted_clv']")
        first_clv = page.locator("#clients tbody tr >> nth=0 >> td >> nth=4").inner_text()
        assert first_clv
        browser.close()
    assert errors == []
