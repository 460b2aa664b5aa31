"""bot/free_text.py's rules: what a typed text asks for, without Telegram."""

import pytest

from bot.city.data import check_rules, load_city
from bot.free_text import Asks, read_free_text
from bot.numbercheck.guided import Caller, Request, guided_flags
from bot.numbercheck.redflags import RedFlag
from bot.settings import BUNDLED_CITY_PATH
from bot.texts import Texts

CITY = load_city(BUNDLED_CITY_PATH)
RULES = check_rules(CITY)
OPENERS = Texts(city=CITY).words_of_every_language("small_talk_openers")


def read(text: str, red_flags: tuple[RedFlag, ...] = ()):
    return read_free_text(text, RULES, CITY, OPENERS, red_flags)


def test_the_greetings_of_every_language_are_read_in_any_chat():
    assert {"hallo", "moin", "dankeschon", "hello", "thanks", "bye"} <= OPENERS


@pytest.mark.parametrize(
    "text",
    [
        "Hallo!", "Guten Morgen", "Dankeschön", "Hello, bot", "👍", "?",
        "مرحبا، كيف الحال", "مرحبا؟", "Привет, бот", "Merhaba!", "Добрий день",
    ],
)  # fmt: skip
def test_greetings_thanks_and_emoji_are_small_talk(text):
    assert read(text).asks is Asks.SMALL_TALK


def test_a_number_is_checked_first():
    reading = read("Hallo, 0176 12345678 hat mich angerufen")
    assert reading.asks is Asks.CHECK
    assert reading.check is not None


def test_red_flags_of_a_guided_check_always_make_it_a_check():
    flags = guided_flags(Caller.POLICE, Request.MONEY)
    assert flags
    assert read("Hallo", red_flags=flags).asks is Asks.CHECK


@pytest.mark.parametrize(
    ("text", "ids", "certain"),
    [
        ("Winzerla", ["winzerla"], True),
        ("winzerle", ["winzerla"], False),  # a typo: guessed, to be asked
        ("Lobeda", ["lobeda-altstadt", "neulobeda"], False),  # two Ortsteile
    ],
)
def test_a_short_text_naming_a_district_carries_its_match(text, ids, certain):
    reading = read(text)
    assert reading.asks is Asks.DISTRICT
    assert [d.id for d in reading.name.districts] == ids
    assert reading.name.certain is certain


def test_a_long_text_is_not_read_as_a_district():
    assert read("ich wohne in Winzerla und wollte nur mal fragen wie das hier so geht").asks in (
        Asks.CHECK,
        Asks.UNCLEAR,
    )


def test_anything_else_is_unclear():
    assert read("Wie funktioniert das?").asks is Asks.UNCLEAR
