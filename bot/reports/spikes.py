"""Spikes: past a threshold of reports within the city's window, a spike starts or grows;
what the comms desk is told about it, and the alert it suggests."""

from __future__ import annotations

from datetime import datetime

from bot.alerts.compose import KIND_VARIABLES, AlertDraft
from bot.city.model import City, ReportRules
from bot.reports.subject import shown
from bot.reports.values import ReportDraft, Spike
from bot.reports.vocabulary import SpikeScope
from bot.storage import reports
from bot.storage.database import Connection
from bot.vocabulary import ReportKind, Severity


async def spikes_after(
    conn: Connection,
    rules: ReportRules,
    draft: ReportDraft,
    counts: tuple[int, int],
    now: datetime,
    since: datetime,
) -> tuple[Spike, ...]:
    """The spike check: past a threshold, the open spike grows or a new one starts."""
    candidates = []
    by_number, by_kind = counts
    if by_number >= rules.spike_per_number:
        candidates.append((SpikeScope.NUMBER, draft.subject, "", "", by_number))
    if by_kind >= rules.spike_per_kind:
        candidates.append((SpikeScope.KIND, "", draft.kind.value, draft.district_id, by_kind))
    spikes = []
    for scope, subject, kind, district_id, count in candidates:
        stored = await reports.grow_spike(
            conn, scope, subject, kind, district_id, since, now, count
        )
        new = stored is None
        if new:
            spike_id = await reports.add_spike(conn, scope, subject, kind, district_id, now, count)
            stored = reports.StoredSpike(spike_id, scope, subject, kind, district_id, now, count)
        # what the comms desk is told (districts, top numbers) is read after the commit
        spikes.append(Spike(stored.id, SpikeScope(scope), count, stored.started_at, new=new))
    return tuple(spikes)


async def describe(
    conn: Connection, stored: reports.StoredSpike, since: datetime, *, new: bool
) -> Spike:
    """The spike with the districts and numbers it touches since `since`."""
    scope = SpikeScope(stored.scope)
    if scope is SpikeScope.NUMBER:
        districts = tuple(await reports.districts_of(conn, stored.subject, since))
        top = ((stored.subject, stored.count),)
    else:
        districts = (stored.district_id,)
        top = tuple(await reports.top_subjects(conn, since, stored.kind, stored.district_id))
    return Spike(
        id=stored.id,
        scope=scope,
        count=stored.count,
        started_at=stored.started_at,
        subject=stored.subject,
        kind=ReportKind(stored.kind) if stored.kind else None,
        district_id=stored.district_id,
        districts=districts,
        top_subjects=top,
        new=new,
    )


def alert_draft(spike: Spike, city: City) -> AlertDraft:
    """The alert a spike suggests: its kind's template (a number spike: fake city callers),
    its Ortsteile, severity warning, and its most reported number where the template
    takes one."""
    kind = spike.kind.alert_template if spike.kind else "fake_city_caller"
    numbers = [subject for subject, _ in spike.top_subjects if subject.startswith("+")]
    takes_number = numbers and "number" in KIND_VARIABLES[kind]
    return AlertDraft(
        kind=kind,
        severity=Severity.WARNING,
        district_ids=tuple(d for d in spike.districts if city.district(d)),
        variables={"number": shown(numbers[0])} if takes_number else {},
    )
