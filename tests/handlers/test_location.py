"""End to end: "Standort senden" proposes the Ortsteil the location lies in; a point outside
the city gets a friendly answer; the location is never stored or logged."""

import logging

import pytest

from bot.city.data import load_city
from bot.city.geo import load_boundaries
from bot.settings import BUNDLED_CITY_PATH
from tests.auxil.running_bot import running_bot

CITY = load_city(BUNDLED_CITY_PATH)
BOUNDARIES = load_boundaries(CITY.boundaries_file, CITY)
BERLIN_MITTE = (52.5200, 13.4050)


def inside(district_id: str) -> tuple[float, float]:
    """A point inside the district, from OpenStreetMap's boundary itself."""
    area = next(a for d, a in BOUNDARIES.areas if d.id == district_id)
    point = area.representative_point()
    return point.y, point.x


def test_every_ortsteil_has_its_boundary_and_its_points_map_back():
    assert len(BOUNDARIES.areas) == len(CITY.districts) == 30
    for district, area in BOUNDARIES.areas:
        point = area.representative_point()
        assert BOUNDARIES.district_at(point.y, point.x) == district


@pytest.mark.slow
async def test_a_shared_location_proposes_its_ortsteil(telegram, tmp_path, caplog):
    caplog.set_level(logging.INFO)  # production; at DEBUG PTB logs whole updates (README)
    erika, tourist = telegram.user(5100), telegram.user(5101)
    latitude, longitude = inside("neulobeda")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        picker = await erika.ask("/bezirk")
        offer = await erika.next_message()
        assert offer.text.startswith("Sie kennen Ihren Ortsteil nicht?")
        assert offer.reply_keyboard == [["📍 Standort senden"]]
        erika.send_location(latitude, longitude)
        found = await erika.next_message()
        assert found.text.startswith("Ihr Standort liegt in Neulobeda.")
        assert found.button_texts == ["Neulobeda"]
        erika.press("Neulobeda", message=found)
        await erika.wait_for_button("✅ Neulobeda")

        tourist.send_location(*BERLIN_MITTE)
        outside = await tourist.next_message()
    assert picker.text
    assert outside.text.startswith("Dieser Standort liegt nicht in Jena.")
    stored = (tmp_path / "db.sqlite3").read_bytes()
    for value in (latitude, longitude, *BERLIN_MITTE):
        assert f"{value:.4f}".encode() not in stored
        assert f"{value:.4f}" not in caplog.text


@pytest.mark.slow
async def test_a_live_location_is_answered_once_not_at_every_move(telegram, tmp_path):
    erika = telegram.user(5102)
    latitude, longitude = inside("winzerla")
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        shared = erika.share_live_location(latitude, longitude)
        first = await erika.next_message()
        for step in range(1, 11):  # she walks on; the phone sends each new position
            erika.move_live_location(shared, latitude + step * 1e-4, longitude)
        # The chat's updates are handled in order: once /hilfe is answered, every move was seen.
        await erika.ask("/hilfe")
    assert first.text.startswith("Ihr Standort liegt in Winzerla.")
    answers = [m for m in erika.messages if m.text.startswith("Ihr Standort liegt")]
    assert len(answers) == 1
