"""Samples of the alerts as residents get them, made by the real alert composer: every
severity and kind, with and without the comms desk's text (translated or not), updated and
withdrawn; the notice after a withdrawal, the /test alert, the list of recent warnings and
what /meinedaten shows."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.alerts.compose import (
    KIND_VARIABLES,
    KINDS,
    AlertDraft,
    Withdrawal,
    followup_bodies,
    render_bodies,
    withdrawn_bodies,
)
from bot.alerts.sample import next_sample_at, sample_draft
from bot.devtools.template_samples.base import CHAT_ID, Sample, rendered, world
from bot.storage.alerts import Alert
from bot.storage.subscribers import StoredAbout, StoredDelivery, StoredFollowup, Subscriber
from bot.texts import Texts
from bot.vocabulary import HOURS_REMINDER, AlertState, CopyState, FollowupState, Severity

# What a comms desk writes: German, the city's language.
DESK_TEXT = (
    "Seit Montag rufen Betrüger in Winzerla an. Sie sagen, sie kämen vom Bürgeramt, und "
    "verlangen eine Gebühr für einen neuen Ausweis.\nDas Bürgeramt ruft nie an, um Geld zu "
    "verlangen."
)
NUMBER = "0151 23456789"  # a number callers showed, as the desk types it
WINZERLA = ("winzerla",)
LOBEDA = ("neulobeda", "lobeda-altstadt")


def samples(texts: Texts, language: str) -> list[Sample]:
    return [
        *_alerts(texts, language),
        *_withdrawals(texts, language),
        *_sample_alerts(texts, language),
        *_warnings_lists(texts, language),
        *_my_data(texts, language),
    ]


def _draft(kind: str, severity: str = Severity.WARNING, districts=WINZERLA, **more) -> AlertDraft:
    """A draft as the desk makes it; a kind that takes a number gets one."""
    variables = {"number": NUMBER} if "number" in KIND_VARIABLES[kind] else {}
    return AlertDraft(kind, severity, districts, not districts, variables=variables, **more)


def _alert(texts: Texts, language: str, variant: str, draft: AlertDraft, **more) -> Sample:
    body = render_bodies(draft, world().city, texts, **more)[language]
    quoted = tuple(t for t in (draft.text, *draft.translations.values()) if t)
    return Sample("alert.html.j2", variant, body, quoted)


def _alerts(texts: Texts, language: str) -> list[Sample]:
    alerts = [
        _alert(texts, language, f"severity {s}", _draft("fake_city_caller", s))
        for s in (Severity.INFO, Severity.WARNING, Severity.URGENT)
    ]
    alerts += [
        _alert(texts, language, f"kind {kind}", _draft(kind, districts=LOBEDA))
        for kind in KINDS
        if kind != "free_text"  # it is the desk's text alone: below
    ]
    desk = _draft("shock_call", Severity.URGENT, districts=(), text=DESK_TEXT)
    alerts += [
        _alert(texts, language, "kind free_text", _draft("free_text", text=DESK_TEXT)),
        _alert(texts, language, "the whole city, with the desk's text", desk),
        _alert(texts, language, "updated", _draft("phishing"), updated=True),
    ]
    if language != texts.default_language:  # the desk translates into the other languages
        translated = _draft("shock_call", text=DESK_TEXT, translations={language: DESK_TEXT})
        alerts.append(_alert(texts, language, "with the desk's translation", translated))
    return alerts


def _withdrawal(texts: Texts, districts: tuple[str, ...]) -> Withdrawal:
    city = world().city
    draft = _draft("fake_police", districts=districts)
    names = tuple(city.district_name(d) for d in districts)
    sent_at = world().now - timedelta(days=2)
    return Withdrawal(render_bodies(draft, city, texts), draft.kind, names, sent_at)


def _withdrawals(texts: Texts, language: str) -> list[Sample]:
    """The withdrawn copy and the notice after it, for some districts and the whole city."""
    found = []
    for variant, districts in (("districts", LOBEDA), ("the whole city", ())):
        withdrawal = _withdrawal(texts, districts)
        withdrawn = withdrawn_bodies(withdrawal, texts)[language]
        notice = followup_bodies(withdrawal, texts)[language]
        found.append(Sample("alert.html.j2", f"withdrawn, {variant}", withdrawn))
        found.append(Sample("alert_followup.html.j2", variant, notice))
    return found


def _sample_alerts(texts: Texts, language: str) -> list[Sample]:
    """/test: the sample alert for her Ortsteile or the whole city, and the wait after one."""
    found = []
    for variant, districts in (("districts", LOBEDA), ("the whole city", ())):
        words = {code: texts.label(code, "sample_alert_text") for code in texts.languages}
        draft = sample_draft(districts, words)
        body = render_bodies(draft, world().city, texts)[language]
        found.append(rendered(texts, language, "sample_alert.html.j2", variant, body=body))
    now = world().now
    next_at = next_sample_at(now - timedelta(minutes=20), now)
    found.append(rendered(texts, language, "sample_alert_wait.html.j2", next_at=next_at))
    return found


def _stored_alert(texts: Texts, alert_id: int, draft: AlertDraft, queued_at: datetime) -> Alert:
    """An alert as the database gives it back (bot/storage/alerts.py)."""
    cancelled = draft.severity == Severity.INFO  # one of them was withdrawn
    return Alert(
        id=alert_id,
        kind=draft.kind,
        severity=Severity(draft.severity),
        district_ids=draft.district_ids,
        all_districts=draft.all_districts,
        bodies=render_bodies(draft, world().city, texts),
        default_language=texts.default_language,
        revision=1,
        state=AlertState.CANCELLED if cancelled else AlertState.DONE,
        approvals_required=1,
        approved_by=(),
        created_by=1,
        admin_text=draft.text,
        variables=draft.variables,
        translations=draft.translations,
        created_at=queued_at,
        updated_at=queued_at,
        queued_at=queued_at,
        finished_at=queued_at,
        cancelled_at=queued_at + timedelta(hours=3) if cancelled else None,
    )


def _warnings_lists(texts: Texts, language: str) -> list[Sample]:
    """/warnungen: some warnings, one withdrawn; more than fit one message; none."""
    kinds = [k for k in KINDS if k != "free_text"]
    severities = (Severity.URGENT, Severity.WARNING, Severity.INFO)
    drafts = [_draft(k, severities[i % 3]) for i, k in enumerate(kinds * 2)]
    now = world().now
    alerts = [
        _stored_alert(texts, 20 - i, d, now - timedelta(days=i, hours=1))
        for i, d in enumerate(drafts)
    ]

    def listed(variant: str, shown: list[Alert]) -> Sample:
        html = texts.render_fitting(language, "warnings_list.html.j2", "alerts", shown)
        return Sample("warnings_list.html.j2", variant, html)

    return [listed("three", alerts[:3]), listed("more than fit", alerts), listed("none", [])]


def _my_data(texts: Texts, language: str) -> list[Sample]:
    """/meinedaten: nothing stored; a subscriber with deliveries and follow-ups; one who
    blocked the bot. The stored reasons are the database's own words, shown as they are."""
    now = world().now
    day = timedelta(days=1)
    reached = StoredAbout(
        Subscriber(CHAT_ID, language, False, frozenset(LOBEDA), now - 90 * day),
        active=True,
        inactive_reason="",
        inactive_since=None,
        deliveries=(
            StoredDelivery(11, "fake_police", Severity.URGENT, CopyState.SENT, now - 9 * day, ""),
            StoredDelivery(12, "free_text", Severity.INFO, CopyState.WITHDRAWN, None, ""),
            StoredDelivery(13, "phishing", Severity.WARNING, CopyState.QUEUED, None, ""),
            StoredDelivery(15, HOURS_REMINDER, Severity.INFO, CopyState.SENT, now - day, ""),
        ),
        followups=(
            StoredFollowup(11, "edit", FollowupState.DONE, now - 8 * day),
            StoredFollowup(11, "withdraw", FollowupState.QUEUED, None),
            StoredFollowup(13, "edit", FollowupState.GONE, None),
        ),
        reminders=True,
    )
    failed = "Forbidden: bot was blocked by the user"
    gone = StoredAbout(
        Subscriber(CHAT_ID, language, True, frozenset(WINZERLA), now - 30 * day),
        active=False,
        inactive_reason="blocked the bot",
        inactive_since=now - 2 * day,
        deliveries=(
            StoredDelivery(14, "shock_call", Severity.URGENT, CopyState.BLOCKED, None, failed),
        ),
        followups=(),
    )

    def language_name(code: str) -> str:
        return texts.label(code, "language_name")

    return [
        rendered(
            texts,
            language,
            "my_data.html.j2",
            variant,
            quoted=quoted,
            stored=stored,
            chat_id=CHAT_ID,
            language_name=language_name,
        )
        for variant, stored, quoted in (
            ("nothing stored", None, ()),
            ("subscribed", reached, ()),
            ("blocked the bot", gone, ("blocked the bot", failed)),
        )
    ]
