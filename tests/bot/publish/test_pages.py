"""The pages: current warnings newest first, withdrawn ones marked "Entwarnung", "Stand",
"Zurzeit keine Warnungen", the subscribe link and QR code, 110; no script, nothing from
other hosts, a CSP, lang and dir, landmarks and headings; nothing private in any file."""

import re
from datetime import timedelta

import lxml.html

from bot.city.officehours import Opening
from bot.storage import reminders
from tests.auxil.delivery import add_resident
from tests.auxil.public_site import CITY, TEXTS, Desk
from tests.bot.publish.conftest import SECRET_CHAT


def page(path):
    return lxml.html.fromstring(path.read_bytes())


def words(path) -> str:
    return " ".join(page(path).text_content().split())


def test_the_index_shows_current_first_then_the_withdrawn_one(site):
    text = words(site / "index.html")
    assert "Stand: 03.12.2026, 14:50 Uhr" in text
    assert text.index("Falsche Polizisten") < text.index("Entwarnung Schockanrufe")
    assert "Ortsteile: ganz Jena" in text and "Ortsteile: Neulobeda, Winzerla" in text
    assert "Im Notfall: Polizei 110" in text
    assert "https://t.me/stadtwarn_jena_bot" in text
    assert page(site / "index.html").xpath("//svg[@role='img']")  # the QR code, inline
    assert "Zurzeit keine Warnungen" not in text


async def test_no_warnings_says_so(db, tmp_path):
    await Desk(db).publish(tmp_path)
    assert "Zurzeit keine Warnungen." in words(tmp_path / "index.html")
    assert "Zurzeit keine Warnungen." in words(tmp_path / "widget.html")


async def test_office_hours_notices_and_reminders_are_no_warnings(db, tmp_path):
    desk = Desk(db)
    officer = next(o for o in CITY.officers if o.office_hours)
    await add_resident(db, 4242, officer.district_ids)
    async with db.transaction() as conn:
        await reminders.switch(conn, 4242, True)
    await desk.desk.announce_quietly(officer.district_ids, {"de": "Sprechstunde fällt aus."}, 900)
    start = desk.now + timedelta(days=1)
    assert await desk.desk.remind(officer, Opening(start, start + timedelta(hours=2))) == 1
    await desk.publish(tmp_path)
    assert "Zurzeit keine Warnungen." in words(tmp_path / "index.html")
    assert not (tmp_path / "warnung").exists() or not any((tmp_path / "warnung").iterdir())


def test_an_alerts_page_has_its_history(site):
    text = words(site / "warnung" / "1.html")
    assert "Entwarnung: Diese Warnung gilt nicht mehr." in text
    history = page(site / "warnung" / "1.html").xpath("//ol[@class='history']/li/h3")
    assert [" ".join(h.text_content().split()) for h in history] == [
        "Warnung gesendet: 03.12.2026, 14:05 Uhr",
        "Warnung aktualisiert: 03.12.2026, 14:25 Uhr",
        "Entwarnung: 03.12.2026, 14:45 Uhr",
    ]
    assert "Heute viele Anrufe." in text and "Die Anrufe gehen weiter." in text


def test_an_ortsteils_page_has_only_its_warnings(site):
    maua = words(site / "ortsteil" / "maua.html")
    assert "Falsche Polizisten" in maua and "Schockanrufe" not in maua
    assert "https://t.me/stadtwarn_jena_bot?start=maua" in maua


def test_the_widget_is_a_compact_list_opening_links_in_the_top_window(site):
    widget = page(site / "widget.html")
    assert "Falsche Polizisten" in widget.text_content()
    assert "Schockanrufe" not in widget.text_content()  # withdrawn: not current
    assert {a.get("target") for a in widget.xpath("//a")} == {"_top"}


def all_pages(site):
    return [p for p in site.rglob("*.html")]


def language_of(site, path) -> str:
    """The default language's pages are at the root, every other's under <language>/."""
    first = path.relative_to(site).parts[0]
    return first if first in TEXTS.languages else TEXTS.default_language


def test_every_page_is_accessible_and_self_contained(site):
    for path in all_pages(site):
        html = path.read_text("utf-8")
        root = page(path)
        language = language_of(site, path)
        assert root.get("lang") == language, path
        assert root.get("dir") == TEXTS.direction(language), path
        assert "<script" not in html and "style=" not in html, path
        csp = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert csp and "default-src 'none'" in csp[0], path
        assert root.xpath("//main") and len(root.xpath("//h1")) == 1, path
        for url in root.xpath("//@src | //link/@href"):
            assert not re.match(r"(https?:)?//", url), (path, url)
        assert root.xpath("//meta[@name='viewport']"), path


def test_nothing_private_leaves(site):
    """No chat id, no count per chat, no report: a resident's chat id is in no file."""
    for path in site.rglob("*"):
        if path.is_file():
            assert str(SECRET_CHAT).encode() not in path.read_bytes(), path


def test_every_language_has_every_page_linking_the_others_by_their_own_names(site):
    german = sorted(p.relative_to(site) for p in site.glob("*.html")) + sorted(
        p.relative_to(site) for p in (site / "warnung").glob("*.html")
    )
    for language in TEXTS.languages[1:]:
        for path in german:
            assert (site / language / path).is_file(), (language, path)
    english = page(site / "en" / "warnung" / "1.html")
    assert english.get("lang") == "en" and "All clear" in english.text_content()
    links = {a.get("hreflang"): a for a in english.xpath("//nav[@class='languages']//a")}
    assert list(links) == list(TEXTS.languages)
    assert links["de"].get("href") == "../../warnung/1.html"
    assert links["ar"].get("href") == "../../ar/warnung/1.html"
    assert links["ar"].get("lang") == "ar" and links["ar"].get("dir") == "rtl"
    assert links["uk"].text_content() == TEXTS.label("uk", "language_name")
    assert links["en"].get("aria-current") == "page"
    alternates = english.xpath("//link[@rel='alternate'][@hreflang]/@hreflang")
    assert alternates == list(TEXTS.languages)
    arabic = page(site / "ar" / "index.html")
    assert arabic.get("dir") == "rtl" and "تحذيرات" in arabic.text_content()


def test_every_link_within_the_site_finds_its_file(site):
    for path in all_pages(site):
        for url in page(path).xpath("//a/@href | //link/@href"):
            if re.match(r"[a-z]+:", url) or url.startswith("#"):
                continue
            assert (path.parent / url).resolve().is_file(), (path, url)


def test_ids_and_their_references_carry_no_direction_marks(site):
    """In the Arabic pages every printed value is isolated (FSI…PDI); an id and the
    aria-labelledby or #link naming it are not text, so they stay plain."""
    for path in all_pages(site):
        attributes = re.findall(r'(?:id|aria-labelledby|href)="([^"]*)"', path.read_text())
        assert not [a for a in attributes if any(c in a for c in "\u2066\u2067\u2068\u2069")], path
