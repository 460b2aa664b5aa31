"""The sample alert's rules: one per chat per SAMPLE_EVERY; the resident's own Ortsteile or,
with none, the whole city; a warning, never urgent."""

from datetime import UTC, datetime, timedelta

from bot.alerts.sample import SAMPLE_EVERY, SAMPLE_KIND, next_sample_at, sample_draft
from bot.vocabulary import Severity

NOW = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)


def test_the_first_sample_is_at_once():
    assert next_sample_at(None, NOW) is None


def test_the_next_sample_waits_for_sample_every():
    last = NOW - SAMPLE_EVERY + timedelta(minutes=1)
    assert next_sample_at(last, NOW) == last + SAMPLE_EVERY
    assert next_sample_at(NOW - SAMPLE_EVERY, NOW) is None


def test_a_sample_for_the_residents_own_districts():
    draft = sample_draft(["winzerla", "lobeda-west"], "Nur ein Test.")
    assert draft.district_ids == ("winzerla", "lobeda-west")
    assert draft.all_districts is False
    assert (draft.kind, draft.severity, draft.text) == (
        SAMPLE_KIND,
        Severity.WARNING,
        "Nur ein Test.",
    )


def test_a_sample_without_districts_is_for_the_whole_city():
    draft = sample_draft([], "Nur ein Test.")
    assert (draft.district_ids, draft.all_districts) == ((), True)
