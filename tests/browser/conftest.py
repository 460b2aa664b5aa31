"""One headless Chromium per test session, the public site written from a real database and
served on 127.0.0.1, and a page of "the city's website" (another origin) that embeds the
widget with the README's snippet.

Playwright's async API on the session's event loop: its sync API would leave a loop running
under every later async test of the same worker."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.storage import Database
from tests.auxil import browser as chromium
from tests.auxil.public_site import Desk

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLE_HOST = "https://warnung.jena.de/"  # the README's stand-in for where the site is served


async def _write_site(folder: Path) -> None:
    """A warning for Winzerla and Neulobeda, updated 20 min later; then one for Jena-Zentrum,
    withdrawn 10 min after it was sent."""
    db = await Database.open(folder.parent / "stadtwarn.sqlite3")
    try:
        desk = Desk(db)
        first = await desk.send("Heute viele Anrufe.", district_ids=("winzerla", "neulobeda"))
        desk.later(minutes=20)
        await desk.desk.update_text(first, "Die Anrufe gehen weiter.")
        desk.later(minutes=5)
        second = await desk.send(
            "Falsche Polizisten rufen an.", kind="fake_police", severity="urgent",
            district_ids=("zentrum",), variables={"number": "110"},
        )  # fmt: skip
        desk.later(minutes=10)
        await desk.desk.cancel(second, 900)
        await desk.publish(folder)
    finally:
        await db.close()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("public") / "site"
    await _write_site(folder)
    return folder


@pytest.fixture(scope="session")
def site_url(site) -> Iterator[str]:
    with chromium.serving(site) as url:
        yield url


def readme_snippet() -> str:
    """The README's <iframe> for jena.de, as the city's web editor would paste it."""
    match = re.search(r"<iframe .*?</iframe>", README.read_text("utf-8"), re.DOTALL)
    assert match and EXAMPLE_HOST in match.group(0), "README: the widget snippet"
    return match.group(0)


@pytest.fixture(scope="session")
def host_url(site_url, tmp_path_factory) -> Iterator[str]:
    """A page of the city's website, on another origin, with the widget embedded."""
    folder = tmp_path_factory.mktemp("city-website")
    snippet = readme_snippet().replace(EXAMPLE_HOST, site_url)
    (folder / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Stadt Jena</title>\n</head>\n<body>\n<main>\n<h1>Stadt Jena</h1>\n"
        f"{snippet}\n</main>\n</body>\n</html>\n",
        "utf-8",
    )
    with chromium.serving(folder) as url:
        yield url


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[Any]:
    reason = chromium.missing()
    if reason:  # never a skip: a page nobody opened in a browser is an untested page
        pytest.fail(f"{reason}; or leave these tests out: -m 'not browser'", pytrace=False)
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(chromium.CHROMIUM), args=chromium.CHROMIUM_ARGS, timeout=60_000
        )
        yield launched
        await launched.close()


class Visit:
    """A fresh phone-sized tab that records what the page asked for and complained about."""

    def __init__(self, context: Any, page: Any) -> None:
        self.context = context
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _console(self, message: Any) -> None:
        # a browser asks every host for /favicon.ico on its own; the site has none (a 404)
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.errors.append(message.text)


@pytest_asyncio.fixture(loop_scope="session")
async def visit(browser) -> AsyncIterator[Visit]:
    context = await browser.new_context(viewport=chromium.PHONE, locale="de-DE")
    context.set_default_timeout(15_000)
    visit = Visit(context, await context.new_page())
    yield visit
    await context.close()
