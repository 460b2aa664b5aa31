"""Headless Chromium for the public site's tests: Debian's package, driven by Playwright, on
pages served from 127.0.0.1; axe-core (vendored in tests/browser/vendor/) run in each page.

Imports nothing of Playwright itself, so a machine without it can still ask what is missing."""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("STADTWARN_CHROMIUM", "/usr/bin/chromium"))
# The network is closed to the browser: nothing to update, sync or look up in the background.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 640}
INSTALL = "install it: sudo apt-get install chromium (Debian, Ubuntu), then make test again"
SCREENSHOTS = "STADTWARN_SCREENSHOTS"  # a folder: the tests save their pages' screenshots there

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async tags => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, iframes: false, resultTypes: ["violations"]});
  return {violations: results.violations, passes: results.passes.length};
}"""


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install -e '.[dev]', which make test does)"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}; {INSTALL}"
    return None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """A folder as a web server on 127.0.0.1 would serve it; yields its URL ("…/")."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


async def axe_violations(frame: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A and AA violations in a page or frame (a Playwright Page or Frame).

    Injected through the DevTools protocol, which the pages' CSP does not govern, so the
    page runs under its own CSP as a visitor's browser runs it."""
    if not await frame.evaluate("() => typeof window.axe === 'object'"):
        await frame.evaluate(AXE.read_text("utf-8"))
    result = await frame.evaluate(RUN_AXE, WCAG21_AA)
    assert result["passes"] >= 5, f"axe-core passed {result['passes']} rules: is it running?"
    return result["violations"]


def described(violations: list[dict[str, Any]]) -> str:
    """Violations as lines a developer can act on: rule, help, the first elements."""
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}: {targets}")
    return "\n".join(lines)


async def visible_text(frame: Any) -> str:
    """The words a person sees on the page (rendered text, hidden elements left out)."""
    return " ".join((await frame.locator("body").inner_text()).split())


async def screenshot(page: Any, name: str) -> None:
    """Saves the viewport as <STADTWARN_SCREENSHOTS>/<name>.png when that is set."""
    folder = os.environ.get(SCREENSHOTS)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(Path(folder) / f"{name}.png"), animations="disabled")
