"""Every template a resident can see, rendered with sample values that exercise its main
branches, in any language the bot speaks: for the checks of the translations
(tests/messages/test_languages.py) and the readability bench (bench/readability.py).

The values come from the real domain: the bundled city data, the real check with the shipped
detector, the alert composer, the bot's own dataclasses; the clock is fixed (base.NOW), so
the same templates always give the same samples. `rendered_samples(texts, language)`."""

from __future__ import annotations

from bot.devtools.template_samples import (
    alerts,
    checks,
    officer_changes,
    reminders,
    residents,
    site,
)
from bot.devtools.template_samples.base import Sample, sample_texts
from bot.texts import Texts, desk_only

__all__ = ["NOT_SAMPLED", "Sample", "rendered_samples", "resident_templates", "sample_texts"]

# Files of messages/<lang>/ that are no message of their own: macros other templates import,
# the labels (checked on their own), the alert kinds (parts of alert.html.j2: its samples
# name each kind), the public site's frame and macros (in every page's samples).
NOT_SAMPLED = ("macros.html.j2", "labels.txt.j2", "site/layout.html.j2", "site/macros.html.j2")
PARTS = "alert_kinds/"


def resident_templates(texts: Texts) -> tuple[str, ...]:
    """The default language's templates a resident sees as a message, and the flyer's words:
    every file but the desk's, the macros, the labels and the alert kinds. The public site's
    pages are in it: their visible text (template_samples/site.py)."""
    return tuple(
        name
        for name in texts.template_names(texts.default_language)
        if not desk_only(name) and name not in NOT_SAMPLED and not name.startswith(PARTS)
    )


def rendered_samples(texts: Texts, language: str) -> list[Sample]:
    """Every sample, rendered in `language`. `texts` needs the bundled city as its `city`
    global, as the bot builds it (sample_texts())."""
    return [
        *residents.samples(texts, language),
        *checks.samples(texts, language),
        *alerts.samples(texts, language),
        *officer_changes.samples(texts, language),
        *reminders.samples(texts, language),
        *site.samples(texts, language),
    ]
