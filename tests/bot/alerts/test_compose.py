"""Composing alerts: validation messages for the comms desk, the rendered bodies, and what the
desk typed cleaned of control characters before it is stored or sent."""

from datetime import UTC, datetime

import pytest

from bot.alerts.compose import AlertDraft, AlertInputError, Withdrawal, render_bodies
from bot.alerts.compose import followup_bodies as notices_for
from bot.alerts.compose import withdrawn_bodies as withdrawn_texts
from bot.alerts.desk import AlertDesk
from bot.city.data import load_city
from bot.settings import BUNDLED_CITY_PATH
from bot.telegram_html import parse_html
from bot.texts import FSI, PDI, Texts, visible_length

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


@pytest.mark.slow
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


# --- what the comms desk typed, cleaned ------------------------------------------------------

CONTROL = "Achtung\x00\x07\x1b[2J\x7f\x9b\u202e!\r\nZweite Zeile"
INVISIBLE = "\u200b\u2060\u3164 \u2800"


def without_isolates(text: str) -> str:
    return text.replace(FSI, "").replace(PDI, "")


def test_control_and_direction_characters_never_reach_a_body():
    made = draft(text=CONTROL, variables={"number": "0364\x1b1\u202e 49-0"})
    assert made.text == "Achtung[2J!\nZweite Zeile"
    assert made.variables == {"number": "03641 49-0"}
    for body in render_bodies(made, CITY, TEXTS).values():
        # Only ours: a right-to-left language isolates each line (FSI … PDI), nothing else.
        assert "Achtung[2J!\nZweite Zeile" in without_isolates(body)
        assert not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in body)
        assert "\u202e" not in body


def test_names_are_cleaned_to_one_line():
    made = draft(district_ids=("winzerla\x1b", "neu\r\nlobeda"), kind="shock_call\x00")
    assert made.district_ids == ("winzerla", "neu lobeda")
    assert made.kind == "shock_call"


@pytest.mark.parametrize("kind", ["free_text", "shock_call"])
def test_a_text_of_only_invisible_characters_is_refused(kind):
    with pytest.raises(AlertInputError) as refused:
        render_bodies(draft(kind=kind, variables={}, text=INVISIBLE), CITY, TEXTS)
    assert refused.value.code == "invisible_text"


def test_a_free_text_of_only_control_characters_is_empty():
    with pytest.raises(AlertInputError) as refused:
        render_bodies(draft(kind="free_text", variables={}, text="\x00\x07\x1b"), CITY, TEXTS)
    assert refused.value.code == "empty_free_text"


def test_the_admin_chat_is_told_in_its_language_why_an_invisible_text_is_refused():
    said = {
        language: TEXTS.render(
            language, "admin_text_error.html.j2", code="invisible_text", excess=0, detail="x"
        )
        for language in ("de", "en")
    }
    assert "Der Text zeigt nichts." in said["de"] and "Es wurde nichts gesendet." in said["de"]
    assert "The text shows nothing." in said["en"]


async def test_the_desk_stores_and_updates_only_the_cleaned_text(db):
    desk = AlertDesk(db, CITY, TEXTS, approvals_required=1, rate=None)
    alert_id = await desk.create(draft(text=CONTROL), admin_id=7)
    stored = await desk.get(alert_id)
    assert stored.admin_text == "Achtung[2J!\nZweite Zeile"
    assert all("\x1b" not in body and "\u202e" not in body for body in stored.bodies.values())
    await desk.send(alert_id, admin_id=7)
    await desk.update_text(alert_id, "Neu\x07 \u202eText\x7f")
    updated = await desk.get(alert_id)
    assert updated.admin_text == "Neu Text"
    assert all("Neu Text" in body and "\x07" not in body for body in updated.bodies.values())
    with pytest.raises(AlertInputError, match="shows nothing"):
        await desk.update_text(alert_id, INVISIBLE)
