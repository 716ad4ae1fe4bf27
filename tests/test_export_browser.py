"""The HTML view in a real browser: headless Chromium, network off (tests/devtools.py).

A screenshot of the seed graph is kept under the test's temp folder and,
when KG_SCREENSHOT_DIR is set, in that folder too.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from devtools import CHROMIUM, Browser
from kg.export.html import write_html
from kg.model import PLACE
from kg.pipeline import BuildOptions, build
from test_export_sample import HOSTILE, sample_graph

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium on this machine: `apt-get install chromium fonts-noto-cjk` runs the browser test")

LAYOUT_SECONDS = 90         # the seed graph lays out in 5-8 s here; CI machines may be busier


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def browser():
    chromium = Browser(CHROMIUM)
    try:
        chromium.open_page()
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory, browser):
    """The seed build's graph.html, opened and laid out."""
    out = tmp_path_factory.mktemp("browser") / "out"
    result = build([SEEDS], out, BuildOptions(formats=("html",)))
    page = out / "graph.html"
    browser.goto(page.as_uri())
    browser.wait_for("window.kgStabilized === true", seconds=LAYOUT_SECONDS)
    return result.graph, page


def _visible(browser: Browser) -> int:
    return browser.js("nodes.get({filter: function (n) { return !n.hidden; }}).length")


# ---------------------------------------------------------------- the seed graph

def test_graph_renders_every_node(seed_page, browser):
    graph, _ = seed_page
    assert browser.js("nodes.length") == len(graph.entities)
    assert browser.js("Object.keys(network.getPositions()).length") == len(graph.entities)
    assert browser.js("edges.length") > 0
    # The canvas is drawn on: many pixels are not the white background.
    inked = browser.js("""(function () {
        var canvas = document.querySelector('#mynetwork canvas');
        var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        var inked = 0;
        for (var i = 0; i < pixels.length; i += 4) {
            if (pixels[i + 3] > 0 && (pixels[i] < 200 || pixels[i + 1] < 200 || pixels[i + 2] < 200)) { inked++; }
        }
        return inked; })()""")
    assert inked > 2000
    assert browser.js("document.getElementById('kg-stats').textContent").startswith(
        f"{len(graph.entities)} nodes")


def test_search_focuses_the_node(seed_page, browser):
    graph, _ = seed_page
    [city] = [e.id for e in graph.entities.values() if e.name == "呼和浩特市"]
    browser.js("document.getElementById('kg-search').focus()")
    browser.send("Input.insertText", {"text": "呼和浩特"})
    for kind in ("keyDown", "keyUp"):
        browser.send("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                                "windowsVirtualKeyCode": 13, "text": "\r"})
    assert browser.wait_for("network.getSelectedNodes().length === 1 && network.getSelectedNodes()")[0] == city
    assert browser.js("document.querySelector('#kg-panel h2').textContent") == "呼和浩特市"
    # focus() animates the view to the node (400 ms): its position ends up in the middle.
    centred = f"""(function () {{
        var node = network.getPositions([{json.dumps(city)}])[{json.dumps(city)}];
        var view = network.getViewPosition();
        return Math.abs(node.x - view.x) < 1 && Math.abs(node.y - view.y) < 1; }})()"""
    assert browser.wait_for(centred, seconds=5)


def test_type_filter_hides_the_nodes_of_the_type(seed_page, browser):
    graph, _ = seed_page
    places = sum(1 for e in graph.entities.values() if e.type == PLACE)
    total = len(graph.entities)
    assert places and _visible(browser) == total
    browser.js(f"document.querySelector('#kg-legend input[value={PLACE}]').click()")
    assert _visible(browser) == total - places
    hidden_places = browser.js(f"""nodes.get().filter(function (n) {{
        return n.hidden && window.kg.data.entities[n.id].type === {json.dumps(PLACE)}; }}).length""")
    assert hidden_places == places
    assert browser.js("document.getElementById('kg-stats').textContent").startswith(f"{total - places} nodes")
    browser.js(f"document.querySelector('#kg-legend input[value={PLACE}]').click()")
    assert _visible(browser) == total


def test_document_filter_keeps_the_nodes_of_the_document(seed_page, browser):
    graph, _ = seed_page
    doc = graph.documents[0].doc_id
    in_doc = sum(1 for e in graph.entities.values() if doc in e.docs)
    browser.js(f"""(function () {{ var select = document.getElementById('kg-doc');
        select.value = {json.dumps(doc)}; select.dispatchEvent(new Event('change')); }})()""")
    assert 0 < _visible(browser) == in_doc < len(graph.entities)
    browser.js("window.kg.resetFilters()")
    assert _visible(browser) == len(graph.entities)


def test_screenshot_is_kept_and_console_is_clean(seed_page, browser, tmp_path_factory):
    browser.js("window.kg.search('呼和浩特')")
    time.sleep(0.6)                             # let the focus animation end
    png = browser.screenshot()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    folders = [tmp_path_factory.getbasetemp()]
    if os.environ.get("KG_SCREENSHOT_DIR"):
        folders.append(Path(os.environ["KG_SCREENSHOT_DIR"]))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "graph-seeds.png").write_bytes(png)
    assert browser.problems() == []


# ---------------------------------------------------------------- hostile strings

def test_hostile_names_run_nothing_and_show_as_text(tmp_path, browser):
    page = write_html(sample_graph(), tmp_path / "graph.html").path
    browser.goto(page.as_uri())
    browser.wait_for("window.kgStabilized === true")
    assert browser.js("nodes.length") == len(sample_graph().entities)
    assert browser.js("document.querySelectorAll('img').length") == 0
    browser.js("window.kg.focus('person/hostile')")
    assert browser.js("document.querySelector('#kg-panel h2').textContent") == HOSTILE
    assert browser.problems() == []            # no alert dialog, no error, no request


# ---------------------------------------------------------------- the layout's time cap

def test_a_layout_stopped_by_its_time_cap_is_frozen_and_usable(tmp_path, browser):
    # A cap of 0 s stops the physics at once, before its iteration budget: the page must
    # still switch physics off, say it has settled, and draw every node.
    page = write_html(sample_graph(), tmp_path / "graph.html", layout_seconds=0).path
    browser.goto(page.as_uri())
    browser.wait_for("window.kgStabilized === true", seconds=LAYOUT_SECONDS)
    assert browser.js("window.kgLayoutStopped === true")
    assert browser.js("network.physics.physicsEnabled === false || network.physics.options.enabled === false")
    assert browser.js("nodes.length") == len(sample_graph().entities)
    assert browser.problems() == []


def test_a_layout_within_its_time_cap_is_not_stopped(tmp_path, browser):
    # a graph of a few nodes settles by itself long before the default 5 s
    page = write_html(sample_graph(), tmp_path / "graph.html").path
    browser.goto(page.as_uri())
    browser.wait_for("window.kgStabilized === true", seconds=LAYOUT_SECONDS)
    assert browser.js("window.kgLayoutStopped === undefined")
