"""Turn the page pyvis renders into one self-contained, offline, safe file.

pyvis 0.3.2 links Bootstrap (and, depending on `cdn_resources`, vis-network)
from CDNs.  We render with `cdn_resources="remote"`, so its template stays
small, drop every remote `<script>`/`<link>`, and inline vis-network from the
copy bundled inside the pyvis package.  A Content-Security-Policy that only
allows the page's own inline scripts (by hash) and no network at all is added
as a second line of defence: even markup that slipped into the page could
neither load nor run anything.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

VIS_VERSION_DIR = "vis-9.1.2"

_REMOTE = r"""\s*=\s*["']?\s*(?:https?:)?//"""
_REMOTE_SCRIPT_TAG = re.compile(r"<script\b[^>]*\bsrc" + _REMOTE + r"[^>]*>\s*</script\s*>", re.I)
_REMOTE_LINK_TAG = re.compile(r"<link\b[^>]*\bhref" + _REMOTE + r"[^>]*>", re.I)
# What would make the browser fetch anything: a script or style sheet file
# (remote or relative), any tag pointing at a host, a CSS url() to a host.
_EXTERNAL_REFERENCE = re.compile(
    r"<script\b[^>]*\bsrc\s*=|<link\b[^>]*\bhref\s*=|<[a-z]+\b[^>]*\b(?:src|href|data|action|poster)"
    + _REMOTE + r"|url\(\s*[\"']?\s*(?:https?:)?//",
    re.I,
)
_SCRIPT_BLOCK = re.compile(r"(<script\b[^>]*>)(.*?)(</script\s*>)", re.I | re.S)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)

_VIS_JS_TOKEN = "\x00KG-VIS-JS\x00"
_VIS_CSS_TOKEN = "\x00KG-VIS-CSS\x00"


class OfflinePageError(RuntimeError):
    """The page could not be made self-contained (a pyvis install problem)."""


def script_json(data: object) -> str:
    """JSON that can sit inside <script type="application/json">.

    `<`, `>` and `&` are written as \\u escapes, so neither `</script>` nor
    `<!--` can end the block early; the parsed value is unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def vis_bundle_dir() -> Path:
    """The vis-network copy shipped inside the installed pyvis package."""
    import pyvis

    root = Path(pyvis.__file__).parent
    for candidate in (root / "templates" / "lib" / VIS_VERSION_DIR, root / "lib" / VIS_VERSION_DIR):
        if (candidate / "vis-network.min.js").is_file() and (candidate / "vis-network.css").is_file():
            return candidate
    raise OfflinePageError(
        f"vis-network files not found in the pyvis package at {root} "
        f"(expected lib/{VIS_VERSION_DIR}/vis-network.min.js); reinstall pyvis 0.3.2"
    )


def _read_bundled(name: str, closing_tag: str) -> str:
    text = (vis_bundle_dir() / name).read_text(encoding="utf-8")
    # A literal closing tag would end the inline block early.
    return re.sub(closing_tag, lambda m: m.group(0).replace("</", "<\\/"), text, flags=re.I)


def _outside_scripts(html: str, transform) -> str:
    """Apply `transform` to the markup only, never to script contents."""
    parts: list[str] = []
    last = 0
    for match in _SCRIPT_BLOCK.finditer(html):
        parts.append(transform(html[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(transform(html[last:]))
    return "".join(parts)


def _replace_remote_tags(html: str) -> str:
    def script(match: re.Match) -> str:
        return _VIS_JS_TOKEN if "vis-network" in match.group(0) else ""

    def link(match: re.Match) -> str:
        return _VIS_CSS_TOKEN if "vis-network" in match.group(0) else ""

    html = _REMOTE_SCRIPT_TAG.sub(script, html)
    return _REMOTE_LINK_TAG.sub(link, html)


def _strip_comments(html: str) -> str:
    """Remove HTML comments (whatever they contain) but leave scripts alone."""
    out: list[str] = []
    at = 0
    while True:
        comment = html.find("<!--", at)
        script = _SCRIPT_BLOCK.search(html, at)
        if comment < 0:
            out.append(html[at:])
            return "".join(out)
        if script and script.start() < comment:
            out.append(html[at:script.end()])
            at = script.end()
            continue
        out.append(html[at:comment])
        end = html.find("-->", comment + 4)
        at = len(html) if end < 0 else end + 3


def _insert_after(html: str, anchor: str, text: str) -> str:
    at = html.find(anchor)
    if at < 0:
        raise OfflinePageError(f"unexpected pyvis page: no {anchor!r}")
    at += len(anchor)
    return html[:at] + text + html[at:]


def _insert_before_last(html: str, anchor: str, text: str) -> str:
    at = html.rfind(anchor)
    if at < 0:
        raise OfflinePageError(f"unexpected pyvis page: no {anchor!r}")
    return html[:at] + text + html[at:]


def _content_security_policy(html: str) -> str:
    hashes = []
    for match in _SCRIPT_BLOCK.finditer(html):
        if "application/json" in match.group(1).lower():
            continue  # data blocks are never executed
        digest = hashlib.sha256(match.group(2).encode("utf-8")).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return ("default-src 'none'; script-src " + " ".join(sorted(set(hashes))) +
            "; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
            "base-uri 'none'; form-action 'none'")


def external_references(html: str) -> list[str]:
    """Markup (outside scripts) that would load a file or reach a host."""
    found: list[str] = []

    def collect(markup: str) -> str:
        found.extend(m.group(0) for m in _EXTERNAL_REFERENCE.finditer(markup))
        return markup

    _outside_scripts(html, collect)
    return found


def build_offline_page(pyvis_html: str, *, title: str, style: str, body_top: str,
                       data: object, script: str, early_script: str = "") -> str:
    """The final page: pyvis' output made offline, with our UI and data added.

    `early_script` runs after pyvis' script and before the data is read; `script` last."""
    html = _replace_remote_tags(pyvis_html)
    html = _strip_comments(html)
    html = _outside_scripts(html, lambda markup: _EMPTY_HEADING.sub("", markup))
    if _VIS_JS_TOKEN not in html:            # a template that did not link vis at all
        html = _insert_before_last(html, "</head>", _VIS_CSS_TOKEN + _VIS_JS_TOKEN)
    if _VIS_CSS_TOKEN not in html:
        html = html.replace(_VIS_JS_TOKEN, _VIS_CSS_TOKEN + _VIS_JS_TOKEN, 1)

    head_extra = (f'\n<meta name="viewport" content="width=device-width, initial-scale=1">'
                  f"\n<title>{title}</title>\n")
    html = _insert_after(html, '<meta charset="utf-8">', head_extra)
    html = _insert_before_last(html, "</head>", f"<style>{style}</style>\n")
    html = _insert_after(html, "<body>", body_top)
    tail = ((f"\n<script>{early_script}</script>" if early_script else "")
            + f'\n<script type="application/json" id="kg-data">{script_json(data)}</script>\n'
            f"<script>{script}</script>\n")
    html = _insert_before_last(html, "</body>", tail)

    html = html.replace(_VIS_CSS_TOKEN, "<style>" + _read_bundled("vis-network.css", r"</style") + "</style>\n", 1)
    html = html.replace(_VIS_JS_TOKEN, "<script>" + _read_bundled("vis-network.min.js", r"</script") + "</script>\n", 1)
    # Browsers hash script text after newline normalization; do it first.
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    csp = _content_security_policy(html)
    html = _insert_after(html, '<meta charset="utf-8">',
                         f'\n<meta http-equiv="Content-Security-Policy" content="{csp}">')
    html = "<!DOCTYPE html>\n" + re.sub(r"^\s*<html>", '<html lang="zh-CN">', html, count=1)

    leftovers = external_references(html)
    if leftovers:
        raise OfflinePageError(f"external references left in the page: {leftovers[:3]}")
    return html
