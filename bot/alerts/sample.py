"""The sample alert of /test: how a warning looks for the resident's own Ortsteile, at most
one per chat per SAMPLE_EVERY. It is no alert: nothing is stored, queued or counted."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from bot.alerts.compose import AlertDraft
from bot.vocabulary import Severity

SAMPLE_EVERY = timedelta(hours=1)
SAMPLE_KIND = "fake_city_caller"  # the seeds' most common call


def next_sample_at(last: datetime | None, now: datetime) -> datetime | None:
    """When this chat may have its next sample; None if now."""
    if last is None or now - last >= SAMPLE_EVERY:
        return None
    return last + SAMPLE_EVERY


def sample_draft(district_ids: Iterable[str], texts: dict[str, str]) -> AlertDraft:
    """A warning for the resident's Ortsteile (the whole city if none) that says it is only
    a test: `texts` by language, the default language's first. Each language gets its own
    words as the desk's translation, never the German under "Text der Stadt (Deutsch)"."""
    chosen = tuple(district_ids)
    (_, text), *translations = texts.items()
    return AlertDraft(
        kind=SAMPLE_KIND,
        severity=Severity.WARNING,
        district_ids=chosen,
        all_districts=not chosen,
        text=text,
        translations=dict(translations),
    )
