"""The dashboard export: documented JSON schema, and a page that renders in Chromium."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import jsonschema
import pytest

from client_intelligence.dashboard import SCHEMA, export_dashboard
from tests.support import Warehouse

MAP_POINTS = 250


@pytest.fixture(scope="module")
def dashboard_dir(trained_warehouse: Warehouse, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("dashboard")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ML_ARTIFACTS_DIR", str(trained_warehouse.artifacts_dir))
        export_dashboard(trained_warehouse.database, output, max_clients=300, map_points=MAP_POINTS)
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


def test_prospects_are_counted_apart_from_churn(dashboard_dir: Path, trained_warehouse):
    metrics = json.loads((dashboard_dir / "data.json").read_text())["metrics"]
    prospects, buyers, average_churn = trained_warehouse.query(
        "select count(*) filter (where purchase_count = 0), count(*) filter (where"
        " purchase_count > 0), avg(churn_risk) filter (where purchase_count > 0)"
        " from client_profiles_with_predictions"
    )[0]
    assert prospects > 0 and (metrics["prospects"], metrics["past_buyers"]) == (prospects, buyers)
    assert metrics["average_churn_risk"] == pytest.approx(average_churn)
    assert metrics["segment_counts"]["Prospect"] == prospects
    risk_bands = ("Safe", "Monitor", "At Risk", "Critical")
    assert sum(metrics["segment_counts"].get(band, 0) for band in risk_bands) == buyers


def test_export_has_segments_map_and_actions(dashboard_dir: Path, trained_warehouse):
    data = json.loads((dashboard_dir / "data.json").read_text())
    segments = data["client_segments"]
    assert sum(segment["clients"] for segment in segments) == data["metrics"]["clients"]
    assert len(segments) == data["model"]["segmentation"]["chosen_k"]
    labels = {segment["segment_id"]: segment["segment_label"] for segment in segments}
    assert len(set(labels.values())) == len(labels)
    assert all(
        labels[client["segment_id"]] == client["segment_label"] for client in data["clients"]
    )
    points = data["map"]["points"]
    assert len(points) == min(MAP_POINTS, data["metrics"]["clients"])
    assert {point["segment_id"] for point in points} <= set(labels)
    stored = dict(
        (
            (client_id, (x, y, z))
            for client_id, x, y, z in trained_warehouse.query(
                "select client_id, map_x, map_y, map_z from client_segments"
            )
        )
    )
    point = points[0]
    assert (point["x"], point["y"], point["z"]) == tuple(round(v, 4) for v in stored[point["id"]])
    assert data["actions_available"] is True
    expected = trained_warehouse.query(
        f"select action_rank, title from recommended_actions"
        f" where client_id = '{data['clients'][0]['id']}' order by action_rank"
    )
    assert [(a["rank"], a["title"]) for a in data["clients"][0]["actions"]] == expected
    assert any(client["actions"] for client in data["clients"])


def test_action_reasons_name_no_special_category_concept(dashboard_dir: Path, trained_warehouse):
    sensitive_labels = {
        label
        for (label,) in trained_warehouse.query(
            "select concepts.label from concepts inner join sensitive_concepts using (concept_id)"
        )
    }
    reasons = [
        action["reason"]
        for client in json.loads((dashboard_dir / "data.json").read_text())["clients"]
        for action in client["actions"]
    ]
    generic = [reason for reason in reasons if reason.endswith("consideration")]
    assert generic, "the demo has clients whose action was triggered by a health concept"
    assert not [r for r in reasons if any(label in r for label in sensitive_labels)]


def test_export_without_actions_or_segments_still_works(trained_warehouse, tmp_path: Path):
    copy = tmp_path / "older.duckdb"
    shutil.copy(trained_warehouse.database, copy)
    with duckdb.connect(str(copy)) as connection:  # as built before actions and segments
        for view in (
            "dashboard_client_actions",
            "dashboard_client_segments",
            "dashboard_map_points",
        ):
            connection.execute(f"drop view {view}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ML_ARTIFACTS_DIR", str(trained_warehouse.artifacts_dir))
        data = export_dashboard(copy, tmp_path / "out", max_clients=20)
    assert data["actions_available"] is False and data["client_segments"] == []
    assert data["map"]["points"] == [] and len(data["clients"]) == 20
    assert all(c["actions"] == [] for c in data["clients"])


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
        page.select_option("#filter-value", "")
        # prospects: a headline number, a bar of the risk chart, a filter with no churn risk
        assert "Prospects (never bought)" in page.locator("#cards").inner_text()
        risk_bars = page.evaluate("() => document.getElementById('chart-risk').data[0].x")
        assert risk_bars == ["Safe", "Monitor", "At Risk", "Critical", "Prospect"]
        page.select_option("#filter-risk", "Prospect")
        prospect_rows = page.locator("#clients tbody tr")
        shown = prospect_rows.count()
        assert shown > 0
        churn_cells = {
            prospect_rows.nth(i).locator("td >> nth=3").inner_text() for i in range(shown)
        }
        assert churn_cells == {"-"}
        page.select_option("#filter-risk", "")
        # segments: the table, the 3D map (one trace per segment, with hover text) and the filter
        data = json.loads((dashboard_dir / "data.json").read_text())
        labels = [segment["segment_label"] for segment in data["client_segments"]]
        assert page.locator("#segments tbody tr").count() == len(labels)
        assert page.locator("#segments tbody").inner_text().count("·") >= 1
        assert page.locator("#chart-map .gl-container canvas").count() >= 1
        traces = page.evaluate(
            "() => document.getElementById('chart-map').data.map((t) =>"
            " ({type: t.type, name: t.name, points: t.x.length, text: t.text[0] || ''}))"
        )
        assert [trace["name"] for trace in traces] == labels
        assert {trace["type"] for trace in traces} == {"scatter3d"}
        assert sum(trace["points"] for trace in traces) == MAP_POINTS
        assert all("purchase probability" in t["text"] for t in traces if t["points"])
        assert page.locator("#chart-map .legend .traces").count() == len(labels)
        page.select_option("#filter-segment", label=labels[-1])
        rows = page.locator("#clients tbody tr")
        assert 0 < rows.count() < rows_before
        assert {rows.nth(i).locator("td >> nth=7").inner_text() for i in range(rows.count())} == {
            labels[-1]
        }
        page.select_option("#filter-segment", "")
        # each client's recommended actions
        assert page.locator("#clients ol.actions li").count() > 0
        assert "Recommended actions" in page.locator("#clients thead").inner_text()
        browser.close()
    assert errors == []
