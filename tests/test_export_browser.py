"""The HTML view in a real browser: headless Chromium, network off.

Chromium is driven through the DevTools protocol over a pipe
(--remote-debugging-pipe: JSON messages ending in NUL on fds 3 and 4), so
the test needs no port, no websocket library and no browser download; only
Debian's `chromium` (and `fonts-noto-cjk`, so that names show as
characters).  Every host name resolves to nothing and every request would
go to a proxy that is not there, so the page gets nothing it does not carry.

A screenshot of the seed graph is kept under the test's temp folder and,
when KG_SCREENSHOT_DIR is set, in that folder too.
"""
from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from kg.export.html import write_html
from kg.model import PLACE
from kg.pipeline import BuildOptions, build
from test_export_sample import HOSTILE, sample_graph

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium on this machine: `apt-get install chromium fonts-noto-cjk` runs the browser test")

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1400,900",
    # No network: names resolve to nothing, and anything that is not a file
    # would go through a proxy nobody listens on.
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)
STEP_SECONDS = 20
LAYOUT_SECONDS = 90         # the seed graph lays out in 5-8 s here; CI machines may be busier


# ---------------------------------------------------------------- a tiny DevTools client

class DevToolsError(RuntimeError):
    pass


class Browser:
    """Chromium with the DevTools protocol on a pipe; one page, events recorded."""

    def __init__(self, executable: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="kg-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def pipes_to_fds_3_and_4() -> None:       # runs in the child, before exec
            read_end, write_end = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}",
             "--remote-debugging-pipe", "about:blank"],
            pass_fds=(3, 4), preexec_fn=pipes_to_fds_3_and_4, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self.session: str | None = None

    # -- protocol
    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                raise DevToolsError("Chromium did not answer in time")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise DevToolsError(f"Chromium closed the pipe (exit code {self.process.poll()})")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, *, browser: bool = False) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if not browser and self.session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + STEP_SECONDS
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_event(self, method: str, seconds: float = STEP_SECONDS) -> dict:
        deadline = time.monotonic() + seconds
        seen = len(self.events)
        while True:
            for event in self.events[seen:]:
                if event["method"] == method:
                    return event
            seen = len(self.events)
            message = self._read_message(deadline)
            if "method" in message:
                self.events.append(message)

    # -- page
    def open_page(self) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, browser=True)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 browser=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def goto(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise DevToolsError(f"{expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, seconds: float = STEP_SECONDS):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.1)
        raise DevToolsError(f"still false after {seconds} s: {expression}")

    def screenshot(self) -> bytes:
        return base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, dialogs and remote requests."""
        found = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails']}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                found.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(f"log {params['entry']['level']}: {params['entry'].get('text')}")
            elif method == "Page.javascriptDialogOpening":
                found.append(f"dialog: {params.get('message')}")
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not url.startswith(("file:", "data:", "about:")):
                    found.append(f"request: {url}")
        return found

    def close(self) -> None:
        try:
            self.send("Browser.close", browser=True)
        except (DevToolsError, OSError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_child, self._from_child):
            os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


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
