"""Composing alerts: validation messages for the comms desk and the rendered bodies."""

import pytest

from bot.alerts.compose import (
    AlertDraft,
    AlertInputError,
    followup_bodies,
    render_bodies,
    withdrawn_bodies,
)
from bot.city.data import load_city
from bot.settings import BUNDLED_CITY_PATH
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


def test_withdrawn_and_followup():
    assert "Entwarnung" in withdrawn_bodies(TEXTS)["de"]
    assert "All clear" in followup_bodies(TEXTS)["en"]


def test_visible_length_counts_like_telegram():
    assert visible_length("<b>a&amp;b</b>") == 3
    assert visible_length("😀") == 2
