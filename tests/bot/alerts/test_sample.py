"""The sample alert's rules: one per chat per SAMPLE_EVERY; the resident's own Ortsteile or,
with none, the whole city; a warning, never urgent."""

from datetime import UTC, datetime, timedelta

from bot.alerts.compose import render_bodies
from bot.alerts.sample import SAMPLE_EVERY, SAMPLE_KIND, next_sample_at, sample_draft
from bot.city.data import load_city
from bot.settings import BUNDLED_CITY_PATH
from bot.texts import Texts
from bot.vocabulary import Severity

CITY = load_city(BUNDLED_CITY_PATH)

NOW = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)


def test_the_first_sample_is_at_once():
    assert next_sample_at(None, NOW) is None


def test_the_next_sample_waits_for_sample_every():
    last = NOW - SAMPLE_EVERY + timedelta(minutes=1)
    assert next_sample_at(last, NOW) == last + SAMPLE_EVERY
    assert next_sample_at(NOW - SAMPLE_EVERY, NOW) is None


def test_a_sample_for_the_residents_own_districts():
    draft = sample_draft(["winzerla", "lobeda-west"], {"de": "Nur ein Test.", "en": "Only a test."})
    assert draft.district_ids == ("winzerla", "lobeda-west")
    assert draft.all_districts is False
    assert (draft.kind, draft.severity, draft.text) == (
        SAMPLE_KIND,
        Severity.WARNING,
        "Nur ein Test.",
    )
    assert draft.translations == {"en": "Only a test."}  # her own words, not the German


def test_the_sample_reads_in_her_language_without_the_line_for_the_citys_german_text():
    texts = Texts(city=CITY)
    words = {code: texts.label(code, "sample_alert_text") for code in texts.languages}
    english = render_bodies(sample_draft([], words), CITY, texts)["en"]
    assert "🧪 This is only a test." in english
    assert "Text from the city (in German)" not in english


def test_a_sample_without_districts_is_for_the_whole_city():
    draft = sample_draft([], {"de": "Nur ein Test."})
    assert (draft.district_ids, draft.all_districts) == ((), True)
