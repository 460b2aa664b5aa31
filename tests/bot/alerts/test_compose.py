"""Composing alerts: validation messages for the comms desk and the rendered bodies."""

from datetime import UTC, datetime

import pytest

from bot.alerts.compose import AlertDraft, AlertInputError, Withdrawal, render_bodies
from bot.alerts.compose import followup_bodies as notices_for
from bot.alerts.compose import withdrawn_bodies as withdrawn_texts
from bot.city.data import load_city
from bot.settings import BUNDLED_CITY_PATH
from bot.telegram_html import parse_html
from bot.texts import Texts, visible_length

CITY = load_city(BUNDLED_CITY_PATH)
TEXTS = Texts(city=CITY)


def draft(**changes) -> AlertDraft:
    values = dict(
        kind="fake_city_caller",
        severity="warning",
        district_ids=("winzerla",),
        all_districts=False,
        text="Heute viele Anrufe.",
        variables={"number": "03641 49-0"},
    )
    return AlertDraft(**{**values, **changes})


def test_bodies_in_both_languages():
    bodies = render_bodies(draft(), CITY, TEXTS)
    assert bodies["de"].startswith("⚠️ <b>Warnung der Stadt Jena</b>")
    assert "mit der Nummer 03641 49-0" in bodies["de"]
    assert "Für: Winzerla." in bodies["de"]
    assert bodies["en"].startswith("⚠️ <b>Warning from the city of Jena</b>")


def test_admin_text_is_escaped():
    bodies = render_bodies(draft(text='<script> & "x"'), CITY, TEXTS)
    assert "&lt;script&gt; &amp; &#34;x&#34;" in bodies["de"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "spam"}, "unknown template 'spam'"),
        ({"severity": "panic"}, "unknown severity 'panic'"),
        ({"district_ids": ()}, "choose at least one district"),
        ({"district_ids": ("atlantis",)}, "unknown district 'atlantis'"),
        ({"variables": {"colour": "red"}}, "takes no variable 'colour'"),
        ({"variables": {"number": " "}}, "variable 'number' is empty"),
        ({"kind": "free_text", "variables": {}, "text": "  "}, "the text is empty"),
        ({"text": "x" * 5000}, "the text is too long"),
    ],
)
def test_bad_input_is_named(changes, message):
    with pytest.raises(AlertInputError, match=message):
        render_bodies(draft(**changes), CITY, TEXTS)


def withdrawal(**changes) -> Withdrawal:
    bodies = render_bodies(draft(kind="fake_police", variables={"number": "110"}), CITY, TEXTS)
    values = {
        "bodies": bodies,
        "kind": "fake_police",
        "district_names": ("Winzerla",),
        "sent_at": datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        **changes,
    }
    return Withdrawal(**values)


def test_withdrawn_copy_leads_with_the_all_clear_and_keeps_the_content_struck():
    withdrawn = withdrawn_texts(withdrawal(), TEXTS)
    text, entities = parse_html(withdrawn["de"])
    assert text.startswith("✅ Entwarnung: Diese Warnung gilt nicht mehr.")
    assert "Falsche Polizisten am Telefon" in text
    struck = [e for e in entities if e["type"] == "strikethrough"]
    assert struck and text[struck[0]["offset"] :].startswith("⚠️ Warnung der Stadt Jena")
    assert parse_html(withdrawn["en"])[0].startswith("✅ All clear: this warning no longer")


def test_a_withdrawn_copy_of_a_long_alert_still_fits_one_message():
    long = withdrawal(bodies={"de": "<b>Warnung</b> " + "x" * 4070, "en": "y" * 4090})
    for text in withdrawn_texts(long, TEXTS).values():
        assert visible_length(text) <= 4096
        assert "…" in text


def test_the_notice_names_the_alert_by_kind_districts_and_day():
    notices = notices_for(withdrawal(), TEXTS)
    assert notices["de"].startswith("✅ <b>Entwarnung:</b> Die Warnung „Falsche Polizei / 110“ ")
    assert "für Winzerla vom 20.11.2026 gilt nicht mehr." in notices["de"]
    assert "for Winzerla of 20 Nov 2026 no longer applies" in notices["en"]
    city_wide = notices_for(withdrawal(district_names=()), TEXTS)
    assert "für ganz Jena vom" in city_wide["de"]


def test_visible_length_counts_like_telegram():
    assert visible_length("<b>a&amp;b</b>") == 3
    assert visible_length("😀") == 2
