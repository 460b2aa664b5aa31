"""Every district's flyer (and every alias's) renders on one A5 page in large type; its QR
code, read back from the PNG by zxing-cpp, is the deep link, and the deep link subscribes."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import zxingcpp
from PIL import Image

from bot.city.data import load_city
from bot.flyer.content import Part, flyer_targets, make_flyer
from bot.flyer.layout import PAGE_HEIGHT, PAGE_WIDTH, lay_out
from bot.flyer.render import Format, render, to_pdf, to_png
from bot.settings import BUNDLED_CITY_PATH
from bot.texts import Texts
from tests.auxil.running_bot import running_bot

CITY = load_city(BUNDLED_CITY_PATH)
TEXTS = Texts(city=CITY)
USERNAME = "stadtwarn_jena_bot"  # an example; real flyers take the setting or getMe
SVG = "{http://www.w3.org/2000/svg}"
TARGETS = [*flyer_targets("all", CITY), *(flyer_targets(a.name, CITY)[0] for a in CITY.aliases)]


def _flyer(target, language="de"):
    return make_flyer(target, CITY, TEXTS, language, USERNAME)


def _qr_codes(png: bytes) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_all_means_every_district_and_aliases_have_their_own_link():
    assert [t.slug for t in flyer_targets("all", CITY)] == [d.id for d in CITY.districts]
    (lobeda,) = flyer_targets("Lobeda", CITY)
    assert (lobeda.slug, lobeda.name) == ("lobeda", "Lobeda")
    assert {d.id for d in lobeda.districts} == {"lobeda-altstadt", "neulobeda"}
    assert flyer_targets("Jena-Ost", CITY)[0].slug == "jena-ost"
    assert flyer_targets("Göschwitz", CITY)[0].slug == "goeschwitz"


@pytest.mark.slow
@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.slug)
def test_each_flyer_fits_one_page_in_large_type_and_its_qr_is_the_deep_link(target):
    flyer = _flyer(target)
    layout = lay_out(flyer)
    png = to_png(to_pdf(layout))
    assert _qr_codes(png) == [f"https://t.me/{USERNAME}?start={target.slug}"]
    image = Image.open(io.BytesIO(png))
    width, height = (PAGE_WIDTH / 25.4 * 150, PAGE_HEIGHT / 25.4 * 150)  # A5 at 150 dpi
    assert abs(image.size[0] - width) <= 1 and abs(image.size[1] - height) <= 1
    body = [line for line in layout.lines if line.part is not Part.LINK]
    assert min(line.size for line in body) >= 14  # everything to read at least 14 pt
    assert min(line.size for line in layout.lines) >= 11  # the link in letters: one line
    printed = [line.text for line in layout.lines]
    assert printed[1] == target.name  # on one line
    assert f"t.me/{USERNAME}?start={target.slug}" in printed
    assert "Im Notfall: 110" in printed
    assert any(text.startswith("Telefon 0") for text in printed)  # a number to call


def test_a_flyer_with_hours_names_them_and_one_without_names_the_inspection():
    (winzerla,) = flyer_targets("winzerla", CITY)
    (burgau,) = flyer_targets("burgau", CITY)
    winzerla_text = [b.text for b in _flyer(winzerla).blocks]
    burgau_text = [b.text for b in _flyer(burgau).blocks]
    assert "Ihr Kontaktbereichsbeamter der Polizei (Jena-Winzerla)" in winzerla_text
    assert "Sprechstunde montags 10:00–12:00 Uhr" in winzerla_text
    assert "Telefon 03641 233979 oder 0152 07168792" in winzerla_text
    assert "Ihre Polizei: Landespolizeiinspektion Jena" in burgau_text
    assert "Am Anger 30, 07743 Jena" in burgau_text and "Telefon 03641 81-0" in burgau_text
    assert not any(text.startswith("Sprechstunde") for text in burgau_text)


def test_the_svg_has_the_same_words_and_a_vector_qr_code():
    (target,) = flyer_targets("neulobeda", CITY)
    layout = lay_out(_flyer(target))
    root = ET.fromstring(render(layout, Format.SVG))
    assert root.get("width") == f"{PAGE_WIDTH}mm" and root.get("height") == f"{PAGE_HEIGHT}mm"
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert texts == [line.text for line in layout.lines]
    assert any(element.tag == f"{SVG}path" for element in root.iter())  # the QR modules


def test_the_readme_shows_a_flyer_whose_code_reads_back():
    root = Path(__file__).resolve().parents[3]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "](docs/flyer-winzerla.png)" in readme and "python -m bot flyer" in readme
    image = (root / "docs" / "flyer-winzerla.png").read_bytes()
    assert _qr_codes(image) == [f"https://t.me/{USERNAME}?start=winzerla"]


def test_the_english_flyer_is_in_english():
    (target,) = flyer_targets("winzerla", CITY)
    texts = [b.text for b in _flyer(target, "en").blocks]
    assert "In an emergency: 110" in texts
    assert any(b.part is Part.SCAN and "Scan" in b.text for b in _flyer(target, "en").blocks)


@pytest.mark.slow
async def test_every_scanned_deep_link_subscribes(telegram, tmp_path):
    """What a resident's phone does with each printed code: /start <what the code says>."""
    scanned = []
    for target in TARGETS:
        (link,) = _qr_codes(to_png(to_pdf(lay_out(_flyer(target)))))
        scanned.append((target, parse_qs(urlparse(link).query)["start"][0]))
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        replies = [
            (target, await telegram.user(7100 + i).ask(f"/start {start}"))
            for i, (target, start) in enumerate(scanned)
        ]
    for target, reply in replies:
        names = [d.name for d in target.districts]
        if len(names) == 1:  # a district, or a name for one ("Jena-Ost")
            assert reply.text.startswith(f"Sie erhalten jetzt Warnungen für {names[0]}."), target
        else:  # "Lobeda": one tap each
            assert reply.text.startswith(f"Mit „{target.slug}“ sind {len(names)} Ortsteile")
            assert reply.button_texts == names
