"""The reports service on plain values (values.py): store a report (de-duplicated,
rate-limited, without the chat), count them for the check, the comms desk's overview. Its
parts by job: spikes.py (when a spike starts or grows, what it suggests), spike_messages.py
(the admins' messages about a spike), votes.py (the alerts' votes), folding.py (old reports
kept as counts only)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import timedelta

from bot.city.model import City
from bot.clock import BERLIN, Clock, utc_now
from bot.reports import spikes, votes
from bot.reports.folding import Folding
from bot.reports.keys import ReportKeys
from bot.reports.spike_messages import SpikeMessages
from bot.reports.values import (
    MAX_NOTE,
    Note,
    Overview,
    ReportDraft,
    ReportInputError,
    Spike,
    SubjectReports,
    Submitted,
)
from bot.reports.vocabulary import ReportOutcome, VoteOutcome
from bot.storage import Database, reports
from bot.vocabulary import ReportKind

MAX_PER_DAY = 20  # reports per chat per day
SHOWN_FROM = 3  # residents before the check mentions a number's reports
SHOWN_DAYS = 30


class Reports:
    def __init__(self, db: Database, city: City, keys: ReportKeys, clock: Clock = utc_now) -> None:
        self._db = db
        self._city = city
        self._keys = keys
        self._clock = clock
        self._folding = Folding(db, clock)
        self._messages = SpikeMessages(db)

    def desk_lock(self, spike_id: int) -> asyncio.Lock:
        """One lock per spike while its desk messages change (bot/reports/spike_messages.py)."""
        return self._messages.lock(spike_id)

    def start(self) -> None:
        """Fold old reports now and regularly (bot/reports/folding.py)."""
        self._folding.start()

    async def close(self) -> None:
        await self._folding.close()

    async def submit(self, chat_id: int, draft: ReportDraft) -> Submitted:
        """Store the report unless this chat reported this subject today or sent
        MAX_PER_DAY reports today; then the spikes it starts or grows."""
        if len(draft.note) > MAX_NOTE:
            raise ReportInputError("note_too_long")
        if self._city.district(draft.district_id) is None:
            raise ReportInputError("unknown_district")
        now = self._clock()
        day = now.astimezone(BERLIN).date()
        subject_or_kind = draft.subject or f"kind:{draft.kind}"
        report = reports.NewReport(
            reported_at=now,
            kind=draft.kind.value,
            district_id=draft.district_id,
            subject=draft.subject,
            note=draft.note.strip(),
            once_key=self._keys.once(chat_id, subject_or_kind, day),
            day_key=self._keys.day(chat_id, day),
            subject_key=self._keys.subject(chat_id, subject_or_kind),
        )
        since = now - timedelta(hours=self._city.report_rules.window_hours)
        async with self._db.transaction() as conn:
            counts = await reports.insert(conn, report, MAX_PER_DAY, since)
            if counts is None:
                if await reports.count_by_day_key(conn, report.day_key) >= MAX_PER_DAY:
                    return Submitted(ReportOutcome.DAILY_LIMIT)
                return Submitted(ReportOutcome.ALREADY_TODAY)
            rules = self._city.report_rules
            grown = await spikes.spikes_after(conn, rules, draft, counts, now, since)
        return Submitted(ReportOutcome.SAVED, grown)

    async def about(self, subjects: list[str]) -> dict[str, SubjectReports]:
        """The subjects reported by at least SHOWN_FROM residents in the last SHOWN_DAYS."""
        since = self._clock() - timedelta(days=SHOWN_DAYS)
        found = {}
        conn = self._db.connection
        for subject in dict.fromkeys(s for s in subjects if s):
            residents = await reports.residents_reporting(conn, subject, since)
            if residents >= SHOWN_FROM:
                kinds = await reports.kinds_of(conn, subject, since)
                found[subject] = SubjectReports(residents, tuple(map(ReportKind, kinds)))
        return found

    async def spike(self, spike_id: int, *, new: bool = False) -> Spike | None:
        """The spike with the districts and numbers it touches in its window."""
        stored = await reports.get_spike(self._db.connection, spike_id)
        if stored is None:
            return None
        since = self._clock() - timedelta(hours=self._city.report_rules.window_hours)
        return await spikes.describe(self._db.connection, stored, since, new=new)

    async def recent_spikes(self, days: int) -> tuple[Spike, ...]:
        since = self._clock() - timedelta(days=days)
        conn = self._db.connection
        stored = await reports.recent_spikes(conn, since)
        return tuple([await spikes.describe(conn, s, since, new=False) for s in stored])

    async def overview(
        self, days: int = 7, district_id: str = "", top: int = 5, notes: int = 5
    ) -> Overview:
        """What the comms desk looks at: counts per district, kind and number, the trend
        against the period before, the spikes and the `notes` newest notes (with how many
        there are)."""
        now = self._clock()
        since, before = now - timedelta(days=days), now - timedelta(days=2 * days)
        conn = self._db.connection
        # up to and including this moment (a report made at `now` counts)
        current = await reports.counts(conn, since, now + timedelta(microseconds=1), district_id)
        previous = await reports.counts(conn, before, since, district_id)
        recent = await self.recent_spikes(days)
        if district_id:
            recent = tuple(s for s in recent if district_id in s.districts)
        newest = await reports.recent_notes(conn, since, district_id, notes)
        return Overview(
            days=days,
            district_id=district_id,
            total=sum(r[3] for r in current),
            previous_total=sum(r[3] for r in previous),
            by_district=_trend(current, previous, 0),
            by_kind=tuple((ReportKind(k), n, p) for k, n, p in _trend(current, previous, 1)),
            top_subjects=_top_subjects(current, top),
            rows=tuple((d, ReportKind(k), subject, n) for d, k, subject, n in current),
            spikes=recent,
            notes=tuple(
                Note(t, d, ReportKind(k), subject, text) for t, d, k, subject, text in newest
            ),
            note_count=await reports.count_notes(conn, since, district_id),
        )

    async def vote(
        self, chat_id: int, alert_id: int, alert_districts: Iterable[str], own: Iterable[str]
    ) -> VoteOutcome:
        """ "Ich hatte auch so einen Anruf" (bot/reports/votes.py)."""
        return await votes.vote(self._db, self._keys, chat_id, alert_id, alert_districts, own)

    async def votes(self, alert_id: int) -> dict[str, int]:
        """Votes per district ("" where the resident chose none of the alert's)."""
        return await votes.votes(self._db, alert_id)

    async def spike_messages(self, spike_id: int) -> dict[int, int]:
        """admin id -> the message that tells them about the spike."""
        return await self._messages.of(spike_id)

    async def remember_spike_message(self, spike_id: int, admin_id: int, message_id: int) -> None:
        await self._messages.remember(spike_id, admin_id, message_id)

    async def fold_old(self) -> int:
        """Reports older than KEPT_DAYS keep only their counts."""
        return await self._folding.fold_old()


def _trend(current, previous, column: int) -> tuple[tuple[str, int, int], ...]:
    """Per value of `column` (0 district, 1 kind): the count now and the period before,
    the most reported first."""
    now: dict[str, int] = {}
    then: dict[str, int] = {}
    for row in current:
        now[row[column]] = now.get(row[column], 0) + row[3]
    for row in previous:
        then[row[column]] = then.get(row[column], 0) + row[3]
    keys = sorted(now.keys() | then.keys(), key=lambda k: (-now.get(k, 0), -then.get(k, 0), k))
    return tuple((k, now.get(k, 0), then.get(k, 0)) for k in keys)


def _top_subjects(current, top: int) -> tuple[tuple[str, int], ...]:
    totals: dict[str, int] = {}
    for _district, _kind, subject, count in current:
        if subject:
            totals[subject] = totals.get(subject, 0) + count
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ranked[:top])
