"""How long dashboard/index.html takes to load in Chromium, from the navigation to the client table
being in the page and to the overview's first four charts being drawn.

Numbers are printed, never asserted. The page is exported once from a warehouse with
`max_clients` clients, then opened `runs` times in fresh tabs of one headless Chromium (Debian's,
as the tests use) at 1,280 x 900. The marks come from a MutationObserver installed before the
page's own scripts, so they measure any version of the page the same way: pass the index.html of
an older export as `baseline` to time it in the same run.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from pathlib import Path
from typing import Any

from client_intelligence.dashboard import DEFAULT_MAP_POINTS, export_dashboard

# Installed before any script of the page runs: the first time a client row is in the table, and
# the first time the overview's four charts are drawn (four Plotly plots; the 3D map below them
# is drawn when scrolled to, on pages that defer it).
MARKS = """
(() => {
  const marks = (window.__dashboardMarks = {});
  new MutationObserver(() => {
    const now = performance.now();
    if (marks.table_ms == null && document.querySelector("#clients tbody tr")) marks.table_ms = now;
    if (marks.charts_ms == null && document.querySelectorAll(".js-plotly-plot").length >= 4) {
      marks.charts_ms = now;
    }
  }).observe(document, { childList: true, subtree: true });
})();
"""
FIRST_PAINT = "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"


def chromium_path() -> str:
    """Debian's Chromium, as the dashboard tests use it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise RuntimeError("chromium is not installed: `make test` installs Debian's chromium")
    return found


def _one_load(browser, page_file: Path) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(MARKS)
    page.goto(page_file.resolve().as_uri(), wait_until="load")
    page.wait_for_function("window.__dashboardMarks.charts_ms != null", timeout=120_000)
    marks = page.evaluate("window.__dashboardMarks")
    marks["first_paint_ms"] = page.evaluate(FIRST_PAINT)
    page.close()
    return {name: round(value) for name, value in marks.items()}


def time_pages(pages: dict[str, Path], runs: int) -> dict[str, Any]:
    """Median and every run of each page's marks, all in one browser, the pages in turn."""
    from playwright.sync_api import sync_playwright

    loads: dict[str, list[dict[str, float]]] = {name: [] for name in pages}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"]
        )
        for _ in range(runs):
            for name, page_file in pages.items():
                loads[name].append(_one_load(browser, page_file))
        browser.close()
    return {
        name: {
            "html_mb": round(pages[name].stat().st_size / 1e6, 1),
            "median": {
                mark: statistics.median(load[mark] for load in runs_of_page)
                for mark in runs_of_page[0]
            },
            "runs": runs_of_page,
        }
        for name, runs_of_page in loads.items()
    }


def run(
    database: Path, max_clients: int, runs: int, baseline: Path | None = None
) -> dict[str, Any]:
    """Export the page for `max_clients` clients into a scratch folder and time its loads (and
    the `baseline` page's, when given, in the same browser)."""
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as folder:
        data = export_dashboard(database, Path(folder), max_clients, DEFAULT_MAP_POINTS)
        pages = {"this page": Path(folder) / "index.html"}
        if baseline is not None:
            pages["baseline"] = baseline
        result = time_pages(pages, runs)
    return {"clients_listed": len(data["clients"]), **result}
