"""/meinedaten names every state of a copy or a follow-up in the chat's language: no state is
shown as the database's own English word (e.g. "gone")."""

from __future__ import annotations

import pytest

from bot.devtools.template_samples import rendered_samples, sample_texts
from bot.telegram_html import parse_html
from bot.texts import FSI, PDI
from bot.vocabulary import CopyState, FollowupState

TEXTS = sample_texts()
RAW = {*CopyState, *FollowupState} - {"sent", "failed", "done"}  # also plain English words


@pytest.mark.parametrize("language", [c for c in TEXTS.languages if c != "en"])
def test_every_state_is_worded_in_the_chats_language(language):
    shown = [
        parse_html(s.html)[0].replace(FSI, "").replace(PDI, "")
        for s in rendered_samples(TEXTS, language)
        if s.template == "my_data.html.j2"
    ]
    assert shown
    raw = {state for text in shown for state in RAW if f": {state}" in text}
    assert raw == set()
