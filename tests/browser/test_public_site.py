"""The public site in a real browser (Debian's Chromium, headless, a 360×640 phone): the index,
an alert's page and the widget inside an <iframe> of another site each show the alert's
headline and Ortsteile as a person sees them, fit the phone's width, load nothing from other
hosts, raise no error under their own CSP, and axe-core finds 0 WCAG 2.1 A/AA violations;
so do those pages in every language the site is written in.

STADTWARN_SCREENSHOTS=docs saves each page's screenshot (docs/site-*.png, shown in README)."""

from __future__ import annotations

import pytest

from tests.auxil.browser import axe_violations, described, screenshot, visible_text

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

HEADLINE = "Schockanrufe: Angebliche Verwandte oder Ärzte brauchen sofort Geld."
DISTRICTS = "Neulobeda, Winzerla"
WITHDRAWN = "Falsche Polizisten am Telefon mit der Nummer 110."


async def shows_the_alert(frame, heading: str = HEADLINE) -> str:
    """The alert's headline is a visible heading, and its Ortsteile are in the visible text."""
    text = await visible_text(frame)
    assert heading in text and f"Ortsteile {DISTRICTS}" in text.replace(":", ""), text[:600]
    assert await frame.get_by_role("heading", name=heading).first.is_visible()
    return text


async def fits_the_phone(frame) -> None:
    overflow = await frame.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"{overflow} px wider than the screen: it scrolls sideways"


async def accessible(frame) -> None:
    violations = await axe_violations(frame)
    assert violations == [], described(violations)


def from_nowhere_else(visit, *origins: str) -> None:
    strangers = [url for url in visit.requests if not url.startswith(origins)]
    assert strangers == [], strangers
    assert visit.errors == [], visit.errors  # a CSP refusal would be one


async def test_the_index(visit, site_url):
    page = visit.page
    await page.goto(site_url + "index.html")
    await screenshot(page, "site-index")

    text = await shows_the_alert(page)
    assert "Stand: 03.12.2026, 14:40 Uhr" in text
    assert text.index(HEADLINE) < text.index(WITHDRAWN)
    assert "Entwarnung Falsche Polizei / 110 Ortsteile: Jena-Zentrum" in text
    assert "Im Notfall: Polizei 110" in text
    assert await page.locator(".qr svg[role='img']").is_visible()  # the QR code to subscribe
    await fits_the_phone(page)
    from_nowhere_else(visit, site_url)
    await accessible(page)

    await page.keyboard.press("Tab")  # the first key a keyboard user presses
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    box = await skip.bounding_box()
    assert await skip.evaluate("link => link === document.activeElement")
    assert box and box["x"] >= 0 and box["y"] >= 0, box  # on the screen, not above it


async def test_an_alerts_page(visit, site_url):
    page = visit.page
    await page.goto(site_url + "index.html")
    await page.get_by_role("link", name=HEADLINE).click()  # the page a daughter would forward
    await page.wait_for_url(site_url + "warnung/1.html")
    await screenshot(page, "site-alert")

    text = await shows_the_alert(page)
    assert await page.get_by_role("heading", level=1).inner_text() == HEADLINE
    assert "Die Anrufe gehen weiter." in text and "Heute viele Anrufe." in text  # its history
    await fits_the_phone(page)
    from_nowhere_else(visit, site_url)
    await accessible(page)


async def test_the_widget_in_an_iframe_of_the_citys_website(visit, site_url, host_url):
    page = visit.page
    await page.goto(host_url)
    await page.frame_locator("iframe").get_by_role("heading", name=HEADLINE).wait_for()
    frame = await (await page.locator("iframe").element_handle()).content_frame()
    await frame.wait_for_load_state()
    await screenshot(page, "site-widget")

    text = await shows_the_alert(frame)
    assert WITHDRAWN not in text  # withdrawn: no longer current
    assert "Im Notfall: 110" in text
    assert await page.locator("iframe").is_visible()
    await fits_the_phone(frame)
    from_nowhere_else(visit, site_url, host_url)
    await accessible(page)  # the city's page with the snippet: the frame has its title
    await accessible(frame)

    await frame.get_by_role("link", name=HEADLINE).click()  # opens in the city's tab, not the frame
    await page.wait_for_url(site_url + "warnung/1.html")
    await shows_the_alert(page)


async def test_every_language_fits_the_phone_and_is_accessible(visit, site, site_url):
    languages = ["", *sorted(f"{index.parent.name}/" for index in site.glob("*/index.html"))]
    problems = []
    for language in languages:
        for name in ("index.html", "warnung/1.html", "widget.html"):
            await visit.page.goto(site_url + language + name)
            try:
                await fits_the_phone(visit.page)
                await accessible(visit.page)
            except AssertionError as problem:
                problems.append(f"{language}{name}: {str(problem).splitlines()[0]}")
    assert problems == [], "\n".join(problems)
    from_nowhere_else(visit, site_url)
