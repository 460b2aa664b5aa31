"""Reports on plain values: store one (de-duplicated, rate-limited, without the chat), count
them for the check, find the spikes the comms desk is told about, fold old ones into counts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.alerts.compose import KIND_VARIABLES, AlertDraft
from bot.city.data import City
from bot.clock import BERLIN, Clock, utc_now
from bot.reports.keys import ReportKeys
from bot.reports.subject import shown
from bot.reports.vocabulary import ReportKind, ReportOutcome, SpikeScope, VoteOutcome
from bot.storage import Database, reports

MAX_NOTE = 500  # characters of the resident's own words
MAX_PER_DAY = 20  # reports per chat per day
SHOWN_FROM = 3  # residents before the check mentions a number's reports
SHOWN_DAYS = 30
KEPT_DAYS = 90  # then a report keeps only its counts
FOLD_EVERY = 6 * 3600.0  # seconds between folding old reports (and once at start)

log = logging.getLogger(__name__)


class ReportInputError(ValueError):
    """A report that cannot be stored as given (`code`: note_too_long, unknown_district)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class ReportDraft:
    kind: ReportKind
    district_id: str
    subject: str = ""  # E.164 number or site; "" if the resident had none
    note: str = ""


@dataclass(frozen=True)
class Spike:
    """A wave: `count` reports of `subject` (NUMBER) or of `kind` in `district_id` (KIND)
    within the window; with the districts and numbers it touches."""

    id: int
    scope: SpikeScope
    count: int
    started_at: datetime
    subject: str = ""
    kind: ReportKind | None = None
    district_id: str = ""
    districts: tuple[str, ...] = ()
    top_subjects: tuple[tuple[str, int], ...] = ()
    new: bool = False  # first told now (else: its message is updated)


@dataclass(frozen=True)
class Submitted:
    outcome: ReportOutcome
    spikes: tuple[Spike, ...] = ()


@dataclass(frozen=True)
class SubjectReports:
    """What residents reported about one number in the last SHOWN_DAYS days."""

    residents: int
    kinds: tuple[ReportKind, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Note:
    """A resident's own words with a report: for the comms desk only."""

    reported_at: datetime
    district_id: str
    kind: ReportKind
    subject: str
    text: str


@dataclass(frozen=True)
class Overview:
    """Reports of the last `days` days (one district or all) against the `days` before."""

    days: int
    district_id: str
    total: int
    previous_total: int
    by_district: tuple[tuple[str, int, int], ...]  # (district, now, the period before)
    by_kind: tuple[tuple[ReportKind, int, int], ...]
    top_subjects: tuple[tuple[str, int], ...]
    rows: tuple[tuple[str, ReportKind, str, int], ...]  # (district, kind, subject, count)
    spikes: tuple[Spike, ...]
    notes: tuple[Note, ...]  # the newest
    note_count: int = 0  # all notes of the `days` days


class Reports:
    def __init__(self, db: Database, city: City, keys: ReportKeys, clock: Clock = utc_now) -> None:
        self._db = db
        self._city = city
        self._keys = keys
        self._clock = clock
        self._folding: asyncio.Task | None = None
        self._desk_locks: weakref.WeakValueDictionary[int, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    def desk_lock(self, spike_id: int) -> asyncio.Lock:
        """One lock per spike while its desk messages are read, sent or edited: two residents
        in different chats whose reports grow the same spike at once give each admin one
        message, edited to the newest counts (not two, nor older counts last)."""
        lock = self._desk_locks.get(spike_id)
        if lock is None:
            lock = self._desk_locks[spike_id] = asyncio.Lock()
        return lock

    def start(self) -> None:
        """Fold reports older than KEPT_DAYS now and every FOLD_EVERY seconds."""
        self._folding = asyncio.create_task(self._fold_regularly(), name="reports:fold")

    async def close(self) -> None:
        if self._folding is not None:
            self._folding.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._folding

    async def _fold_regularly(self) -> None:
        while True:
            try:
                folded = await self.fold_old()
                if folded:
                    log.info("%d reports older than %d days kept as counts only", folded, KEPT_DAYS)
            except Exception as error:  # a full disk, say: try again next time
                log.warning("folding old reports failed: %s", error)
            await asyncio.sleep(FOLD_EVERY)

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
            spikes = await self._spikes_after(conn, draft, counts, now, since)
        return Submitted(ReportOutcome.SAVED, spikes)

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
        return await self._describe(self._db.connection, stored, since, new=new)

    async def recent_spikes(self, days: int) -> tuple[Spike, ...]:
        since = self._clock() - timedelta(days=days)
        conn = self._db.connection
        stored = await reports.recent_spikes(conn, since)
        return tuple([await self._describe(conn, s, since, new=False) for s in stored])

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
        spikes = await self.recent_spikes(days)
        if district_id:
            spikes = tuple(s for s in spikes if district_id in s.districts)
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
            spikes=spikes,
            notes=tuple(
                Note(t, d, ReportKind(k), subject, text) for t, d, k, subject, text in newest
            ),
            note_count=await reports.count_notes(conn, since, district_id),
        )

    async def vote(
        self, chat_id: int, alert_id: int, alert_districts: Iterable[str], own: Iterable[str]
    ) -> VoteOutcome:
        """ "Ich hatte auch so einen Anruf": one vote per chat and alert, only from a chat that
        received the alert while it is out (not withdrawn); counted for the first of the
        alert's Ortsteile the resident chose, else the first of hers, else none ("")."""
        mine = sorted(own)
        district_id = next((d for d in alert_districts if d in mine), mine[0] if mine else "")
        key = self._keys.voter(chat_id, alert_id)
        async with self._db.transaction() as conn:
            if not await reports.received(conn, alert_id, chat_id):
                return VoteOutcome.NOT_COUNTED
            counted = await reports.vote(conn, alert_id, key, district_id)
        return VoteOutcome.COUNTED if counted else VoteOutcome.ALREADY

    async def votes(self, alert_id: int) -> dict[str, int]:
        """Votes per district ("" where the resident chose none of the alert's)."""
        return await reports.votes(self._db.connection, alert_id)

    async def spike_messages(self, spike_id: int) -> dict[int, int]:
        """admin id -> the message that tells them about the spike."""
        return await reports.spike_messages(self._db.connection, spike_id)

    async def remember_spike_message(self, spike_id: int, admin_id: int, message_id: int) -> None:
        async with self._db.transaction() as conn:
            await reports.save_spike_message(conn, spike_id, admin_id, message_id)

    async def fold_old(self) -> int:
        """Reports older than KEPT_DAYS keep only their counts."""
        before = self._clock() - timedelta(days=KEPT_DAYS)
        async with self._db.transaction() as conn:
            return await reports.fold_older_than(conn, before)

    async def _spikes_after(
        self, conn, draft: ReportDraft, counts: tuple[int, int], now: datetime, since: datetime
    ) -> tuple[Spike, ...]:
        """The spike check: past a threshold, the open spike grows or a new one starts."""
        rules = self._city.report_rules
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
                spike_id = await reports.add_spike(
                    conn, scope, subject, kind, district_id, now, count
                )
                stored = reports.StoredSpike(
                    spike_id, scope, subject, kind, district_id, now, count
                )
            # what the comms desk is told (districts, top numbers) is read after the commit
            spikes.append(Spike(stored.id, SpikeScope(scope), count, stored.started_at, new=new))
        return tuple(spikes)

    async def _describe(self, conn, stored: reports.StoredSpike, since, *, new: bool) -> Spike:
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


def alert_draft(spike: Spike, city: City) -> AlertDraft:
    """The alert a spike suggests: its kind's template (a number spike: fake city callers),
    its Ortsteile, severity "warning", and its most reported number where the template
    takes one."""
    kind = spike.kind.alert_template if spike.kind else "fake_city_caller"
    numbers = [subject for subject, _ in spike.top_subjects if subject.startswith("+")]
    takes_number = numbers and "number" in KIND_VARIABLES[kind]
    return AlertDraft(
        kind=kind,
        severity="warning",
        district_ids=tuple(d for d in spike.districts if city.district(d)),
        variables={"number": shown(numbers[0])} if takes_number else {},
    )
