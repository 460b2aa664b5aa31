"""End to end: a resident finds her Ortsteil as she would name it (typed at any time, also
mid-picker, or in a flyer's deep link), by her location, or in a picker that fits a small
phone; and every one of the 30 Ortsteile answers /kontakt with a number she can call."""

import re

import pytest

from bot.city.data import load_city
from bot.settings import BUNDLED_CITY_PATH
from handlers.keyboards import PAIRED_LABEL_MAX
from tests.auxil.db_probe import rows_about
from tests.auxil.running_bot import running_bot

CITY = load_city(BUNDLED_CITY_PATH)
# Coordinates from each Ortsteil's Wikipedia article (not from the boundaries' own data).
WINZERLA = (50 + 53 / 60 + 51 / 3600, 11 + 34 / 60 + 35 / 3600)  # 50°53′51″N 11°34′35″E
LOBEDA_ALTSTADT = (50.893056, 11.608889)  # article "Lobeda"
NEULOBEDA = (50 + 52 / 60 + 59 / 3600, 11 + 36 / 60 + 56 / 3600)  # 50°52′59″N 11°36′56″E
WENIGENJENA = (50 + 55 / 60 + 57 / 3600, 11 + 36 / 60 + 1 / 3600)  # 50°55′57″N 11°36′1″E
WEIMAR_MARKT = (50.9795, 11.3290)  # 20 km west: outside Jena
PHONE = re.compile(r"📞 [^\n]*\d{3,}")


async def _open_picker(user):
    picker = await user.ask("/ortsteil")
    await user.next_message()  # the offer to send the location
    return picker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("point", "proposal"),
    [
        (WINZERLA, "Winzerla"),
        (LOBEDA_ALTSTADT, "Lobeda-Altstadt"),
        (NEULOBEDA, "Neulobeda"),
        (WENIGENJENA, "Wenigenjena"),
    ],
)
async def test_a_location_proposes_its_ortsteil_and_one_tap_subscribes(
    telegram, tmp_path, point, proposal
):
    erika = telegram.user(5200)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await _open_picker(erika)
        erika.send_location(*point)
        found = await erika.next_message()
        assert found.text.startswith(f"Ihr Standort liegt in {proposal}.")
        assert found.button_texts == [proposal]
        joined = await erika.press_and_read(proposal, "Sie erhalten jetzt", message=found)
        assert joined.text.startswith(f"Sie erhalten jetzt Warnungen für {proposal}.")
        assert joined.button_texts == ["✅ " + proposal]
        # a second tap (a resident's double tap) keeps it: it never unsubscribes
        erika.press("✅ " + proposal, message=joined)
        card = await erika.ask("/kontakt")
    assert proposal in card.text
    assert PHONE.search(card.text)


@pytest.mark.slow
async def test_a_location_outside_the_city_is_said_plainly(telegram, tmp_path):
    tourist = telegram.user(5201)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await _open_picker(tourist)
        tourist.send_location(*WEIMAR_MARKT)
        outside = await tourist.next_message()
    assert outside.text.startswith("Dieser Standort liegt nicht in Jena.")
    assert "/ortsteil" in outside.text
    assert await rows_about(tmp_path / "db.sqlite3", 5201) == 0


# (typed, the bot's first line, the buttons it offers, what one tap on the first subscribes)
NAMES = [
    ("Lobeda", "Mit „Lobeda“ sind 2 Ortsteile gemeint.", ["Lobeda-Altstadt", "Neulobeda"]),
    ("lobeda", "Mit „lobeda“ sind 2 Ortsteile gemeint.", ["Lobeda-Altstadt", "Neulobeda"]),
    ("Winzerle", "Meinen Sie Winzerla?", ["Winzerla"]),
]
AT_ONCE = [("Neulobeda", "Neulobeda"), ("Jena Ost", "Wenigenjena"), ("Innenstadt", "Jena-Zentrum")]


@pytest.mark.slow
@pytest.mark.parametrize(("typed", "question", "buttons"), NAMES)
async def test_a_name_typed_in_the_picker_asks_with_one_button_each(
    telegram, tmp_path, typed, question, buttons
):
    erika = telegram.user(5300)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        picker = await _open_picker(erika)
        asked = await erika.ask(typed)
        assert asked.text.startswith(question)
        assert all(len(row) == 1 for row in asked.buttons)  # one per row: the full width
        assert asked.button_texts == buttons
        assert await rows_about(tmp_path / "db.sqlite3", 5300) == 0  # nothing before a tap
        joined = await erika.press_and_read(buttons[0], "Sie erhalten jetzt", message=asked)
        # the picker above still works after the typed name
        done = await erika.press_and_read("Fertig", "Gespeichert", message=picker)
    assert joined.text.startswith(f"Sie erhalten jetzt Warnungen für {buttons[0]}.")
    assert buttons[0] in done.text


@pytest.mark.slow
@pytest.mark.parametrize(("typed", "district"), AT_ONCE)
async def test_an_exact_name_typed_any_time_subscribes_at_once(telegram, tmp_path, typed, district):
    erika = telegram.user(5301)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await _open_picker(erika)
        reply = await erika.ask(typed)
        card = await erika.ask("/kontakt")
    assert reply.text.startswith(f"Sie erhalten jetzt Warnungen für {district}.")
    assert district in card.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("link", "first_line"),
    [
        ("/start Lobeda", "Mit „Lobeda“ sind 2 Ortsteile gemeint."),
        ("/start lobeda", "Mit „lobeda“ sind 2 Ortsteile gemeint."),
        ("/start neulobeda", "Sie erhalten jetzt Warnungen für Neulobeda."),
        ("/start Neulobeda", "Sie erhalten jetzt Warnungen für Neulobeda."),
        ("/start Winzerle", "Meinen Sie Winzerla?"),
        ("/start Jena_Ost", "Sie erhalten jetzt Warnungen für Wenigenjena."),  # t.me: no spaces
        ("/start jena-ost", "Sie erhalten jetzt Warnungen für Wenigenjena."),
        ("/start Jena Ost", "Sie erhalten jetzt Warnungen für Wenigenjena."),  # typed by hand
    ],
)
async def test_deep_links_take_the_names_residents_use(telegram, tmp_path, link, first_line):
    erika = telegram.user(5400)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        reply = await erika.ask(link)
    assert reply.text.startswith(first_line)


@pytest.mark.slow
async def test_every_ortsteil_answers_kontakt_with_a_number_to_call(telegram, tmp_path):
    assert len(CITY.districts) == 30
    users = [telegram.user(6000 + i) for i in range(len(CITY.districts))]
    cards = {}
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for user, district in zip(users, CITY.districts, strict=True):
            joined = await user.ask(f"/start {district.id}")
            assert joined.text.startswith(f"Sie erhalten jetzt Warnungen für {district.name}.")
            cards[district] = await user.ask("/kontakt")
    for district, card in cards.items():
        assert district.name in card.text, district
        assert PHONE.search(card.text), district
        assert "Im Notfall rufen Sie immer 110." in card.text, district
        assert "keine Angaben" not in card.text
    # the police's areas, as the city data sources them
    text_for = {district.id: card.text for district, card in cards.items()}
    lobeda = "KoBB für Jena-Lobeda: Ralf Barthel und Stefan Katzemann"
    assert lobeda in text_for["lobeda-altstadt"] and lobeda in text_for["neulobeda"]
    assert "KoBB für Jena-Nord / Jena-Ost" in text_for["wenigenjena"]
    zentrum = text_for["zentrum"]
    assert "Hier nennt die Polizei keinen KoBB." in zentrum and "📞 03641 81-0" in zentrum


@pytest.mark.slow
async def test_the_picker_fits_a_small_phone_and_puts_her_own_first(telegram, tmp_path):
    erika = telegram.user(5500)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        first = await _open_picker(erika)
        await erika.ask("/start winzerla")
        picker = await _open_picker(erika)
        before = [label.removeprefix("✅ ") for label in picker.button_texts]
        own_first = picker.button_texts[0]
        erika.press("Burgau", message=picker)
        ticked = await erika.wait_for_button("✅ Burgau", message=picker)
    districts = first.buttons[:-2]  # without "Ganz Jena" and "Fertig"
    for row in first.buttons + picker.buttons:
        assert len(row) <= 2
        if len(row) == 2:
            assert all(len(b.text) <= PAIRED_LABEL_MAX for b in row), row
    labels = [b.text for row in districts for b in row]
    assert len(labels) == 30
    # the most populous first (the city data's common_districts), the rest after
    assert labels[:8] == [CITY.district(i).name for i in CITY.common_district_ids]
    assert "Münchenroda/Remderoda" in [row[0].text for row in districts if len(row) == 1]
    # her own first; a tap does not move the buttons under her finger
    assert own_first == "✅ Winzerla"
    after = [label.removeprefix("✅ ") for label in ticked.button_texts]
    assert after == before
