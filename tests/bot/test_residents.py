"""bot/residents.py's rules, on a fresh database: subscribing by name, the picker's order,
choosing a language before anything is stored, and forgetting a chat."""

from datetime import UTC, datetime

import pytest

from bot.city.data import load_city
from bot.city.names import match_name
from bot.residents import Residents, UnknownDistrict, WhichDistrict
from bot.settings import BUNDLED_CITY_PATH

CITY = load_city(BUNDLED_CITY_PATH)
CHAT = 4711


@pytest.fixture
def residents(db):
    return Residents(db, CITY, lambda: datetime(2026, 12, 3, 9, tzinfo=UTC))


async def test_a_certain_name_subscribes_and_stores_the_chat(residents):
    assert not await residents.is_stored(CHAT)
    district = await residents.subscribe(CHAT, "Winzerla", "de")
    assert district.id == "winzerla"
    assert await residents.is_stored(CHAT)
    assert [d.id for d in (await residents.picker(CHAT)).chosen] == ["winzerla"]


async def test_an_unknown_name_stores_nothing(residents):
    with pytest.raises(UnknownDistrict):
        await residents.subscribe(CHAT, "Atlantis", "de")
    assert not await residents.is_stored(CHAT)


@pytest.mark.parametrize(("name", "guessed"), [("Lobeda", False), ("Winzerle", True)])
async def test_a_name_of_several_or_a_typo_is_asked_not_subscribed(residents, name, guessed):
    with pytest.raises(WhichDistrict) as which:
        await residents.subscribe(CHAT, name, "de")
    assert which.value.guessed is guessed
    assert not await residents.is_stored(CHAT)


async def test_a_name_matched_before_is_not_matched_again(residents):
    found = match_name("Winzerla", CITY)
    district = await residents.subscribe_matched(CHAT, found, "something else", "de")
    assert district.id == "winzerla"


async def test_the_picker_lists_her_own_first_then_the_common_ones(residents):
    await residents.subscribe(CHAT, "kernberge", "de")
    ids = [c.district.id for c in (await residents.picker(CHAT)).choices]
    assert ids[0] == "kernberge"
    assert ids[1 : len(CITY.common_district_ids)] == [
        d for d in CITY.common_district_ids if d != "kernberge"
    ]


async def test_toggling_an_unknown_district_is_refused(residents):
    with pytest.raises(UnknownDistrict):
        await residents.toggle(CHAT, "atlantis", "de")
    assert not await residents.is_stored(CHAT)


async def test_toggle_ticks_and_unticks(residents):
    assert (await residents.toggle(CHAT, "nord", "de")).anything_chosen
    assert not (await residents.toggle(CHAT, "nord", "de")).chosen


async def test_a_language_alone_stores_no_chat_but_the_desk_is_stored(residents):
    assert not await residents.choose_language(CHAT, "en", desk=False)
    assert not await residents.is_stored(CHAT)
    assert await residents.choose_language(CHAT + 1, "en", desk=True)
    assert await residents.language(CHAT + 1, "de") == "en"


async def test_forget_deletes_once(residents):
    await residents.subscribe(CHAT, "nord", "de")
    assert await residents.forget(CHAT)
    assert not await residents.forget(CHAT)
    assert not await residents.is_stored(CHAT)
