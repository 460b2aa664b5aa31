"""The flyer honours the desk's changes of the office hours and the public holidays: under
the officer's hours, a line that there is none on a public holiday, and each change from the
print day up to four weeks on, one short line each, read back from the PDF. With a cancelled
and an extra hour and a substitute, every flyer still fits its page in every language, its
QR code smaller but readable."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from bot.city.data import load_city
from bot.flyer.content import Part, flyer_targets, make_flyer
from bot.flyer.layout import FITS, MARGIN, PAGE_HEIGHT, lay_out
from bot.flyer.render import to_pdf, to_png
from bot.settings import BUNDLED_CITY_PATH
from bot.texts import Texts
from bot.vocabulary import HourChange
from tests.auxil.flyers import pdf_text, qr_codes, squashed

CITY = load_city(BUNDLED_CITY_PATH)
TEXTS = Texts(city=CITY)
USERNAME = "stadtwarn_jena_bot"
TARGETS = [*flyer_targets("all", CITY), *(flyer_targets(a.name, CITY)[0] for a in CITY.aliases)]
PRINTED = date(2026, 12, 7)  # a Monday
WINZERLA = "jena-winzerla"
# Ralf Barthel (Jena-Lobeda) stands in, on the inspection's number: real, as the desk's are.
LOBEDA = next(o for o in CITY.officers if o.area_id == "jena-lobeda")


def _three(area: str) -> list[HourChange]:
    """A cancelled Thursday, an extra Friday hour, a substitute for a week."""
    return [
        HourChange(area, HourChange.CANCELLED, date(2026, 12, 10), time(15), time(17),
                   note="Fortbildung"),
        HourChange(area, HourChange.EXTRA, date(2026, 12, 11), time(10), time(11, 30),
                   place="Stadtteilbüro"),
        HourChange(area, HourChange.SUBSTITUTE, date(2026, 12, 14), until=date(2026, 12, 18),
                   substitute=LOBEDA.names[0], phone=CITY.police_phone),
    ]  # fmt: skip


EVERY_AREA = [c for officer in CITY.officers for c in _three(officer.area_id)]


def _flyer(slug: str, changes=(), language: str = "de", printed_on: date = PRINTED):
    (target,) = flyer_targets(slug, CITY)
    return make_flyer(target, CITY, TEXTS, language, USERNAME, changes, printed_on)


def _body(flyer) -> list[str]:
    return [b.text for b in flyer.blocks if b.part is Part.BODY]


def test_winzerla_printed_after_three_changes_shows_them_under_its_hours():
    flyer = _flyer("winzerla", _three(WINZERLA))
    pdf = to_pdf(lay_out(flyer))
    expected = [
        "Mario Bergner, Anna-Siemsen-Str. 27",
        "Sprechstunde montags 10:00–12:00 Uhr",
        "Sprechstunde donnerstags 15:00–17:00 Uhr",
        "An Feiertagen keine Sprechstunde.",
        "Fällt aus: Do 10.12.",
        "Zusätzlich: Fr 11.12., 10:00–11:30 Uhr, Stadtteilbüro",
        f"Vertretung 14.12.–18.12.: {LOBEDA.names[0]}, Telefon {CITY.police_phone}",
        "Telefon 03641 233979 oder 0152 07168792",
    ]
    # in this order, one after the other (a long line wraps: where does not matter)
    assert squashed("".join(expected)) in squashed(pdf_text(pdf))
    assert "Fortbildung" not in pdf_text(pdf)  # the desk's note stays in Telegram
    assert qr_codes(to_png(pdf)) == [flyer.deep_link]


def test_only_the_areas_own_changes_of_the_next_four_weeks_are_printed():
    lobeda_change = HourChange("jena-lobeda", HourChange.CANCELLED, date(2026, 12, 10))
    past = HourChange(WINZERLA, HourChange.CANCELLED, date(2026, 12, 3))
    running = HourChange(WINZERLA, HourChange.SUBSTITUTE, date(2026, 12, 1),
                         until=date(2026, 12, 8), substitute=LOBEDA.names[0])  # fmt: skip
    later = HourChange(WINZERLA, HourChange.CANCELLED, PRINTED + timedelta(days=29))
    last = HourChange(WINZERLA, HourChange.CANCELLED, PRINTED + timedelta(days=28))
    body = _body(_flyer("winzerla", [later, lobeda_change, last, past, running]))
    changes = [line for line in body if line.startswith(("Fällt aus", "Vertretung"))]
    assert changes == [f"Vertretung 01.12.–08.12.: {LOBEDA.names[0]}", "Fällt aus: Mo 04.01."]


def test_more_changes_than_room_end_in_a_line_that_says_where_the_rest_are():
    thursdays = [
        HourChange(WINZERLA, HourChange.CANCELLED, date(2026, 12, 10) + timedelta(weeks=n))
        for n in range(4)
    ]
    body = _body(_flyer("winzerla", thursdays))
    assert [line for line in body if line.startswith("Fällt aus")] == [
        "Fällt aus: Do 10.12.",
        "Fällt aus: Do 17.12.",
    ]
    assert "Weitere Änderungen sehen Sie in Telegram." in body
    lay_out(_flyer("winzerla", thursdays))  # fits


def test_the_holiday_line_is_for_an_area_with_hours_not_for_the_inspection():
    assert "An Feiertagen keine Sprechstunde." in _body(_flyer("winzerla"))
    nord = _body(_flyer("nord"))  # an officer who publishes no hours
    assert not any("Feiertag" in line for line in nord)
    burgau = _body(_flyer("burgau"))  # no officer: the police inspection
    assert "Telefon 03641 81-0" in burgau
    assert not any("Feiertag" in line for line in burgau)


def test_without_changes_a_flyer_is_set_as_roomily_as_before():
    layout = lay_out(_flyer("winzerla"))
    assert layout.qr.size == FITS[0].qr


@pytest.mark.slow
@pytest.mark.parametrize("language", TEXTS.languages)
def test_every_flyer_with_three_changes_fits_in_every_language(language):
    """The worst case: every area with a cancelled and an extra hour and a substitute."""
    for target in TARGETS:  # FlyerTooLong or MissingGlyphs would stop it
        flyer = make_flyer(target, CITY, TEXTS, language, USERNAME, EVERY_AREA, PRINTED)
        layout = lay_out(flyer)
        assert max(line.baseline for line in layout.lines) < PAGE_HEIGHT - MARGIN
        body = [line.size for line in layout.lines if line.part is not Part.LINK]
        assert min(body) >= 14
    winzerla = lay_out(_flyer("winzerla", EVERY_AREA, language))
    assert winzerla.qr.size < FITS[0].qr  # tightened
    assert qr_codes(to_png(to_pdf(winzerla))) == [f"https://t.me/{USERNAME}?start=winzerla"]
