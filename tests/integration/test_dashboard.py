"""The dashboard export: documented JSON schema, numbers from the warehouse and the artifact, and
a page that works in Chromium (one browser for the module, on the trained demo warehouse)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import jsonschema
import pytest

from client_intelligence.dashboard import SCHEMA, export_dashboard
from tests.support import Warehouse

MAP_POINTS = 250
MAX_CLIENTS = 300
CALL_LIST = 40
PROJECT = Path(__file__).resolve().parents[2]
# Left by `make test` for inspection (outputs/ is ignored by git).
SCREENSHOTS = PROJECT / "outputs" / "screenshots"
GRADES = PROJECT / "seeds" / "model_quality_grades.csv"


@pytest.fixture(scope="module")
def dashboard_dir(trained_warehouse: Warehouse, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("dashboard")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ML_ARTIFACTS_DIR", str(trained_warehouse.artifacts_dir))
        export_dashboard(
            trained_warehouse.database,
            output,
            max_clients=MAX_CLIENTS,
            map_points=MAP_POINTS,
            call_list=CALL_LIST,
        )
    return output


@pytest.fixture(scope="module")
def data(dashboard_dir: Path) -> dict:
    return json.loads((dashboard_dir / "data.json").read_text())


@pytest.fixture(scope="module")
def metadata(trained_warehouse: Warehouse, data: dict) -> dict:
    version = trained_warehouse.artifacts_dir / data["model"]["tier"] / data["model"]["version"]
    return json.loads((version / "metadata.json").read_text())


def test_data_json_follows_the_documented_schema(data: dict, trained_warehouse):
    jsonschema.validate(data, SCHEMA)
    assert data["metrics"]["clients"] == trained_warehouse.scalar(
        "select count(*) from client_profiles_with_predictions"
    )
    listed = trained_warehouse.scalar(
        f"select count(*) from dashboard_clients where priority_rank <= {MAX_CLIENTS} or id in"
        f" (select id from dashboard_call_list where call_rank <= {CALL_LIST})"
    )
    assert len(data["clients"]) == listed > MAX_CLIENTS  # the call list adds its clients
    priorities = [client["marketing_priority"] for client in data["clients"]]
    assert priorities == sorted(priorities, reverse=True)
    assert data["concepts"] and data["concepts"][0]["mentions"] >= data["concepts"][-1]["mentions"]


def test_prospects_are_counted_apart_from_churn(data: dict, trained_warehouse):
    metrics = data["metrics"]
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
    assert all(c["is_prospect"] == (c["risk_segment"] == "Prospect") for c in data["clients"])


def test_export_has_segments_map_and_actions(data: dict, trained_warehouse):
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
    stored = {
        client_id: (x, y, z)
        for client_id, x, y, z in trained_warehouse.query(
            "select client_id, map_x, map_y, map_z from client_segments"
        )
    }
    point, client = points[0], data["clients"][0]
    assert (point["x"], point["y"], point["z"]) == tuple(round(v, 4) for v in stored[point["id"]])
    assert (client["map_x"], client["map_y"]) == tuple(
        round(v, 4) for v in stored[client["id"]][:2]
    )
    assert data["actions_available"] is True
    expected = trained_warehouse.query(
        f"select action_rank, title from recommended_actions"
        f" where client_id = '{client['id']}' order by action_rank"
    )
    assert [(a["rank"], a["title"]) for a in client["actions"]] == expected
    assert any(client["actions"] for client in data["clients"])


def test_no_note_text_and_no_special_category_concept_reaches_the_page(
    data: dict, trained_warehouse
):
    sensitive = dict(
        trained_warehouse.query(
            "select concepts.label, concepts.concept_id from concepts"
            " inner join sensitive_concepts using (concept_id)"
        )
    )
    actions = [action for client in data["clients"] for action in client["actions"]]
    generic = [a for a in actions if (a["evidence_concept"] or "").endswith("consideration")]
    assert generic, "the demo has clients whose action was triggered by a health concept"
    texts = [a["reason"] for a in actions] + [a["rationale"] for a in actions]
    texts += [
        label for c in data["clients"] for t in c["concept_timeline"] for label in t["concepts"]
    ]
    assert not [text for text in texts if any(label in text for label in sensitive)]
    listed = {c["id"] for c in data["clients"]}
    assert not {i for c in data["clients"] for i in c["concepts"] + c["top_concepts"]} & set(
        sensitive.values()
    )
    excerpts = [
        excerpt
        for client_id, excerpt in trained_warehouse.query(
            "select client_id, evidence_excerpt from recommended_actions"
            " where evidence_excerpt is not null"
        )
        if client_id in listed
    ]
    assert excerpts
    exported = json.dumps(data, ensure_ascii=False)
    assert [excerpt for excerpt in excerpts if excerpt.strip("…") in exported] == []


def test_model_quality_is_the_scoring_artifacts(data: dict, metadata: dict):
    quality = data["model_quality"]
    targets = {row["target"]: row for row in quality["targets"]}
    assert list(targets) == ["purchase", "churn", "clv"]
    grades = list(csv.DictReader(GRADES.open()))
    for name, row in targets.items():
        assert row["model_value"] == pytest.approx(
            metadata["holdout_metrics"][name][row["metric"]], abs=1e-4
        )
        baseline = metadata["baseline"]["holdout_metrics"][name][row["metric"]]
        assert row["baseline_value"] == pytest.approx(baseline, abs=1e-4)
        assert row["kept"] == metadata["predictors"][name]["kept"]
        assert row["holdout_cutoff"] == metadata["cutoffs"][name]["holdout"]
        expected = [
            g["grade"]
            for g in grades
            if g["target"] == name
            and row["model_value"] >= float(g["lower_bound"] or "-inf")
            and row["model_value"] < float(g["upper_bound"] or "inf")
        ]
        assert [row["grade"]] == expected
    for target in ("purchase", "churn"):
        bins = metadata["predictors"][target]["holdout_reliability"]["bins"]
        curve = [r for r in quality["reliability"] if r["target"] == target]
        assert [r["bin_rows"] for r in curve] == [b["rows"] for b in bins]
        assert [r["observed_rate"] for r in curve] == [round(b["observed_rate"], 4) for b in bins]
    ablation = {(a["target"], a["metric"]): a for a in quality["ablation"]}
    purchase = metadata["ablation"]["purchase"]
    assert ablation[("purchase", "roc_auc")]["notes_add"] == pytest.approx(
        purchase["all features"]["roc_auc"] - purchase["without note features"]["roc_auc"],
        abs=2e-4,
    )
    window = metadata["training_window"]
    assert quality["training"]["examples"] == window["examples"]
    assert quality["training"]["first_cutoff"] == str(window["first_cutoff"])[:10]


def test_data_quality_is_the_load_report(data: dict, trained_warehouse):
    for row in data["source_load"]:
        assert row["rows_read"] == row["rows_kept"] + row["rows_rejected"]
        assert sum(reason["rows"] for reason in row["rejected_by_reason"]) == row["rows_rejected"]
    assert {row["source_name"] for row in data["source_load"]} >= {"notes", "transactions"}
    freshness = {row["source_name"]: row for row in data["source_freshness"]}
    latest_note = trained_warehouse.scalar("select max(note_date)::date::varchar from stg_notes")
    assert freshness["notes"]["latest_date"] == latest_note


def test_each_client_carries_its_own_timeline_and_history(data: dict, trained_warehouse):
    buyer = next(c for c in data["clients"] if c["purchases"] and c["concept_timeline"])
    sales = trained_warehouse.query(
        "select count(*), sum(amount_eur)::double from stg_transactions"
        f" where client_id = '{buyer['id']}'"
    )[0]
    assert sum(p["purchases"] for p in buyer["purchases"]) == sales[0]
    assert sum(p["amount_eur"] for p in buyer["purchases"]) == pytest.approx(sales[1], abs=0.05)
    mentions = trained_warehouse.scalar(
        f"select count(*) from int_client_concept_mentions where client_id = '{buyer['id']}'"
    )
    assert sum(t["mentions"] for t in buyer["concept_timeline"]) == mentions
    history = trained_warehouse.query(
        f"select count(*) from prediction_history where client_id = '{buyer['id']}'"
    )[0][0]
    assert len(buyer["risk_history"]) == history >= 1
    assert buyer["risk_history"][-1]["risk_segment"] == buyer["risk_segment"]
    calls = data["call_list"]
    assert len(calls) == min(CALL_LIST, data["metrics"]["high_priority_clients"])
    assert [c["score"] for c in calls] == sorted((c["score"] for c in calls), reverse=True)
    by_id = {c["id"]: c for c in data["clients"]}
    assert all(any(a["priority"] == "High" for a in by_id[c["id"]]["actions"]) for c in calls)


def test_monitoring_over_several_scored_dates(trained_warehouse, tmp_path: Path):
    """A second, earlier scoring run in prediction_history: the drift of its predictions against
    the first date, and each client's risk history, come from the SQL exports (views)."""
    copy = tmp_path / "history.duckdb"
    shutil.copy(trained_warehouse.database, copy)
    with duckdb.connect(str(copy)) as connection:
        connection.execute(
            "insert into prediction_history select replace(prediction_id, strftime(as_of_date,"
            " '%Y-%m-%d'), strftime(as_of_date + 90, '%Y-%m-%d')), client_id, as_of_date + 90,"
            " model_tier, model_version, least(purchase_probability * 1.8, 1), churn_risk,"
            " predicted_clv, scored_at from prediction_history"
        )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ML_ARTIFACTS_DIR", str(trained_warehouse.artifacts_dir))
        exported = export_dashboard(copy, tmp_path / "out", max_clients=20)
    drift = [
        h
        for h in exported["monitoring"]["history"]
        if h["kind"] == "prediction_drift" and h["measure"] == "purchase_probability"
    ]
    assert len(drift) == 2 and drift[0]["value"] == pytest.approx(0)
    assert drift[1]["value"] > 0.25 and drift[1]["status"] == "alert"
    churn = [h for h in exported["monitoring"]["history"] if h["measure"] == "churn_risk"]
    assert all(
        h["value"] == pytest.approx(0, abs=1e-9) for h in churn if h["kind"] != "mean_prediction"
    )
    assert all(len(client["risk_history"]) == 2 for client in exported["clients"])


def test_export_without_actions_or_segments_still_works(trained_warehouse, tmp_path: Path):
    copy = tmp_path / "older.duckdb"
    shutil.copy(trained_warehouse.database, copy)
    with duckdb.connect(str(copy)) as connection:  # as built before actions, segments, quality
        for view in (
            "dashboard_client_actions",
            "dashboard_client_segments",
            "dashboard_map_points",
            "dashboard_call_list",
            "dashboard_model_quality",
            "dashboard_client_concept_timeline",
        ):
            connection.execute(f"drop view {view}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ML_ARTIFACTS_DIR", str(trained_warehouse.artifacts_dir))
        exported = export_dashboard(copy, tmp_path / "out", max_clients=20)
    assert exported["actions_available"] is False and exported["client_segments"] == []
    assert exported["map"]["points"] == [] and len(exported["clients"]) == 20
    assert exported["call_list"] == [] and exported["model_quality"]["targets"] == []
    assert all(c["actions"] == [] and c["concept_timeline"] == [] for c in exported["clients"])


# ---------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium (Debian's) for every page test of the module."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("chromium is not installed: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser, dashboard_dir: Path):
    """Open the page from disk with no network (anything but file: is refused), optionally with a
    URL fragment; every console error or page error fails the test."""
    errors: list[str] = []
    contexts = []

    def opener(fragment: str = "", width: int = 1280, height: int = 900):
        context = browser.new_context(
            viewport={"width": width, "height": height}, accept_downloads=True
        )
        contexts.append(context)
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((dashboard_dir / "index.html").as_uri() + fragment)
        page.wait_for_function("window.dashboardChartsAt !== undefined")
        return page

    yield opener
    for context in contexts:
        context.close()
    assert errors == []


def numbers(text: str) -> list[float]:
    """The numbers in a text as the page writes them ("1,234 EUR", "55.9%")."""
    return [float(n.replace(",", "")) for n in re.findall(r"-?\d[\d,]*(?:\.\d+)?", text)]


def matches(client: dict, filters: dict) -> bool:
    """The page's audience rule, written again in Python: every filter set must hold."""
    checks = {
        "segment": lambda v: str(client["segment_id"]) == v,
        "value": lambda v: client["value_segment"] == v,
        "risk": lambda v: client["risk_segment"] == v,
        "prospect": lambda v: client["is_prospect"] == (v == "yes"),
        "intent": lambda v: client["intent_band"] == v,
        "concept": lambda v: v in client["concepts"],
        "action": lambda v: any(a["action_id"] == v for a in client["actions"]),
    }
    return all(checks[key](value) for key, value in filters.items())


FILTER_IDS = {
    "segment": "#filter-segment",
    "value": "#filter-value",
    "risk": "#filter-risk",
    "prospect": "#filter-prospect",
    "intent": "#filter-intent",
    "concept": "#filter-concept",
    "action": "#filter-action",
}


def combinations(data: dict) -> list[dict]:
    """Three combinations of filters that some listed clients, not all, satisfy."""
    clients = data["clients"]
    value = Counter(c["value_segment"] for c in clients).most_common(1)[0][0]
    intent = Counter(c["intent_band"] for c in clients if c["value_segment"] == value)
    concept = Counter(i for c in clients if not c["is_prospect"] for i in c["concepts"])
    with_action = next(c for c in clients if c["actions"] and c["segment_id"])
    return [
        {"value": value, "intent": intent.most_common(1)[0][0]},
        {"prospect": "no", "concept": concept.most_common(1)[0][0]},
        {
            "action": with_action["actions"][0]["action_id"],
            "risk": with_action["risk_segment"],
            "segment": str(with_action["segment_id"]),
        },
    ]


def apply_filters(page, filters: dict) -> None:
    page.click("#clear-filters")
    for key, value in filters.items():
        page.select_option(FILTER_IDS[key], value)


def test_page_renders_charts_and_table_without_console_errors(open_page, data: dict):
    page = open_page()
    assert page.locator("#view-overview .js-plotly-plot .main-svg").count() >= 4
    assert "Prospects (never bought)" in page.locator("#cards").inner_text()
    risk_bars = page.evaluate("() => document.getElementById('chart-risk').data[0].x")
    assert risk_bars == ["Safe", "Monitor", "At Risk", "Critical", "Prospect"]
    page.locator("#chart-map").scroll_into_view_if_needed()  # drawn when it scrolls into view
    page.wait_for_selector("#chart-map .gl-container canvas")
    traces = page.evaluate(
        "() => document.getElementById('chart-map').data.map((t) => ({name: t.name,"
        " points: t.x.length, text: t.text[0] || ''}))"
    )
    assert [t["name"] for t in traces] == [s["segment_label"] for s in data["client_segments"]]
    assert sum(t["points"] for t in traces) == MAP_POINTS
    page.click("#tab-clients")
    rows = page.locator("#clients tbody tr")
    assert rows.count() == len(data["clients"])
    page.select_option("#filter-risk", "Prospect")
    shown = rows.count()
    assert 0 < shown < len(data["clients"])
    assert {rows.nth(i).locator("td >> nth=3").inner_text() for i in range(shown)} == {"-"}
    page.click("th[data-key='predicted_clv'] button")
    first = numbers(rows.nth(0).locator("td >> nth=4").inner_text())[0]
    prospects = [c["predicted_clv"] for c in data["clients"] if c["is_prospect"]]
    assert first == pytest.approx(max(prospects), abs=0.5)


def test_combined_filters_count_as_computed_from_data_json(open_page, data: dict):
    page = open_page("#view=clients")
    total = len(data["clients"])
    for filters in combinations(data):
        apply_filters(page, filters)
        expected = [c["id"] for c in data["clients"] if matches(c, filters)]
        assert 0 < len(expected) < total, filters
        assert page.locator("#row-count").inner_text() == f"{len(expected)} of {total} clients"
        shown = page.eval_on_selector_all(
            "#clients tbody tr", "rows => rows.map(r => r.dataset.client)"
        )
        assert shown == expected


def test_audience_csv_holds_the_filtered_clients(open_page, data: dict):
    page = open_page("#view=clients")
    filters = combinations(data)[1]
    apply_filters(page, filters)
    with page.expect_download() as download:
        page.click("#download-csv")
    assert download.value.suggested_filename == "audience.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    expected = [c for c in data["clients"] if matches(c, filters)]
    assert [row["client_id"] for row in rows] == [c["id"] for c in expected]
    for row, client in zip(rows, expected, strict=True):
        assert float(row["purchase_probability"]) == client["purchase_probability"]
        assert float(row["predicted_clv"]) == client["predicted_clv"]
        first = client["actions"][0] if client["actions"] else {}
        assert row["first_action"] == first.get("title", "")
        assert row["first_action_priority"] == first.get("priority", "")


def test_the_url_fragment_keeps_the_filters_across_a_reload(open_page, data: dict):
    page = open_page("#view=clients")
    filters = combinations(data)[2]
    apply_filters(page, filters)
    count = page.locator("#row-count").inner_text()
    assert all(f"{key}=" in page.url for key in filters)
    page.reload()
    page.wait_for_function("window.dashboardChartsAt !== undefined")
    assert page.locator("#view-clients").is_visible()
    for key, value in filters.items():
        assert page.locator(FILTER_IDS[key]).input_value() == value
    assert page.locator("#row-count").inner_text() == count


def test_client_panel_shows_the_clients_numbers(open_page, data: dict):
    page = open_page("#view=clients")
    client = next(
        c
        for c in data["clients"]
        if c["churn_risk"] is not None and c["actions"] and c["purchases"]
    )
    page.click(f"#clients tbody tr[data-client='{client['id']}']")
    panel = page.locator("#client-panel")
    assert panel.is_visible() and client["id"] in panel.locator("#panel-title").inner_text()

    def value(name: str) -> list[float]:
        return numbers(panel.locator(f"[data-field='{name}']").inner_text())

    assert value("purchase_probability")[0] == pytest.approx(
        100 * client["purchase_probability"], abs=0.051
    )
    assert value("churn_risk")[0] == pytest.approx(100 * client["churn_risk"], abs=0.051)
    assert value("predicted_clv")[0] == pytest.approx(client["predicted_clv"], abs=0.5)
    interval = [client["predicted_clv_low"], client["predicted_clv_high"]]
    assert value("clv_interval") == pytest.approx(interval, abs=0.5)
    assert value("clv_percentile")[0] == pytest.approx(client["clv_percentile"], abs=0.051)
    assert value("purchase_percentile")[0] == pytest.approx(
        client["purchase_percentile"], abs=0.051
    )
    assert panel.locator("[data-field='segment_label']").inner_text() == client["segment_label"]
    assert value("map_position") == pytest.approx(
        [client["map_x"], client["map_y"], client["map_z"]], abs=0.0051
    )
    drivers = panel.locator("[data-field='top_drivers'] li").all_inner_texts()
    assert drivers == client["top_drivers"].split("; ")
    actions = panel.locator("[data-field='actions'] > li").all_inner_texts()
    assert len(actions) == len(client["actions"])
    for text, action in zip(actions, client["actions"], strict=True):
        assert action["title"] in text and action["rationale"] in text
    history = panel.locator("[data-field='risk_history'] tbody tr")
    assert history.count() == len(client["risk_history"])
    assert client["risk_history"][0]["risk_segment"] in history.nth(0).inner_text()
    page.wait_for_selector("#panel-timeline .main-svg")
    plotted = page.evaluate(
        "() => document.getElementById('panel-timeline').data.map((t) =>"
        " ({name: t.name, total: t.y.reduce((s, y) => s + (y || 0), 0)}))"
    )
    mentions = sum(t["mentions"] for t in client["concept_timeline"])
    purchases = sum(p["purchases"] for p in client["purchases"])
    assert sum(t["total"] for t in plotted if t["name"] != "purchases") == mentions
    assert [t["total"] for t in plotted if t["name"] == "purchases"] == [purchases]
    assert f"client={client['id']}" in page.url
    # the keyboard: Escape closes and gives the focus back, Enter on a row opens it
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    second = next(c["id"] for c in data["clients"] if c["id"] != client["id"])
    page.focus(f"#clients tbody tr[data-client='{second}']")
    page.keyboard.press("Enter")
    assert second in panel.locator("#panel-title").inner_text()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.dataset.client") == second


def test_call_list_and_the_quality_views(open_page, data: dict):
    page = open_page()
    page.focus("#tab-overview")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # the tabs are reachable with the keyboard
    assert page.locator("#view-calls").is_visible()
    calls = page.locator("#calls tbody tr")
    assert calls.count() == len(data["call_list"])
    first = data["call_list"][0]
    assert first["title"] in calls.nth(0).inner_text()
    calls.nth(0).click()
    assert first["id"] in page.locator("#panel-title").inner_text()
    page.keyboard.press("Escape")
    page.click("#tab-quality")
    page.wait_for_selector("#chart-reliability .main-svg")
    rows = page.locator("#quality tbody tr")
    assert rows.count() == len(data["model_quality"]["targets"])
    for i, target in enumerate(data["model_quality"]["targets"]):
        assert target["grade"] in rows.nth(i).inner_text()
        shown = numbers(rows.nth(i).locator("[data-field='model_value']").inner_text())[0]
        assert shown == pytest.approx(target["model_value"], abs=0.0005)
    curves = page.evaluate(
        "() => document.getElementById('chart-reliability').data.map((t) => t.y)"
    )
    purchase = [
        r["observed_rate"]
        for r in data["model_quality"]["reliability"]
        if r["target"] == "purchase"
    ]
    assert curves[0] == purchase
    assert "Poor below 0.6" in page.locator("#grades-note").inner_text()
    page.click("#tab-data")
    assert page.locator("#source-load tbody tr").count() == len(data["source_load"])
    assert page.locator("#freshness tbody tr").count() == len(data["source_freshness"])


def test_screenshots_of_the_main_views(open_page, data: dict):
    """PNGs of every view at 1,280 px and of the overview and a client at phone width, left in
    outputs/screenshots/ for a person to look at; at phone width nothing overflows the screen."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    client = data["clients"][0]["id"]
    shots = {
        "overview": "",
        "clients": "#view=clients",
        "client-panel": f"#view=clients&client={client}",
        "this-week": "#view=calls",
        "model-quality": "#view=quality",
        "data-quality": "#view=data",
    }
    page = open_page()
    page.locator("#chart-map").scroll_into_view_if_needed()  # the 3D map is drawn when seen
    page.wait_for_selector("#chart-map .gl-container canvas")
    for name, fragment in shots.items():
        page.evaluate(f"location.hash = {json.dumps(fragment)}")  # the page follows its fragment
        page.wait_for_timeout(300)  # Plotly's transitions
        page.evaluate("window.scrollTo(0, 0)")
        full_page = name not in ("clients", "client-panel")  # the client table is long
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
    assert page.locator("#client-panel").is_hidden()  # no client in the last fragment
    phone = open_page(width=390, height=844)
    for name, fragment in (("overview", ""), ("client-panel", f"#view=clients&client={client}")):
        phone.evaluate(f"location.hash = {json.dumps(fragment)}")
        phone.wait_for_timeout(300)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        phone.screenshot(path=str(SCREENSHOTS / f"phone-{name}.png"))
    assert all((SCREENSHOTS / f"{name}.png").stat().st_size > 10_000 for name in shots)
