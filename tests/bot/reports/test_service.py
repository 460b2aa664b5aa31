"""Reports on the real database: one per chat, number and day; at most 20 a day; a spike once,
then updated; counts for the check from 3 residents; old reports keep only their counts; no
column of any report table holds a chat id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.city.data import load_city
from bot.reports.keys import ReportKeys
from bot.reports.service import MAX_PER_DAY, Reports
from bot.reports.values import ReportDraft, ReportInputError
from bot.reports.vocabulary import ReportOutcome, SpikeScope, VoteOutcome
from bot.settings import BUNDLED_CITY_PATH
from bot.storage import Database, outbox
from bot.vocabulary import ReportKind
from tests.auxil.delivery import NOW, add_resident, cancel, draft_alert, queued_alert

CITY = load_city(BUNDLED_CITY_PATH)
NUMBER = "+4936411234567"
COUNTED, NOT_COUNTED = VoteOutcome.COUNTED, VoteOutcome.NOT_COUNTED
REPORT_TABLES = ("reports", "report_counts", "spikes", "spike_messages", "alert_votes")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def reports(tmp_path):
    db = await Database.open(tmp_path / "db.sqlite3")
    clock = Clock()
    service = Reports(db, CITY, ReportKeys(b"k" * 32), clock)
    service.clock = clock
    service.db = db
    yield service
    await db.close()


def _draft(kind=ReportKind.FAKE_CITY_CALLER, district="winzerla", subject=NUMBER, note=""):
    return ReportDraft(kind, district, subject, note)


async def test_one_report_per_chat_number_and_day(reports):
    assert (await reports.submit(1, _draft())).outcome is ReportOutcome.SAVED
    assert (await reports.submit(1, _draft())).outcome is ReportOutcome.ALREADY_TODAY
    reports.clock.now += timedelta(days=1)
    assert (await reports.submit(1, _draft())).outcome is ReportOutcome.SAVED
    # the same resident on two days is one resident for the check
    assert await reports.about([NUMBER]) == {}


async def test_at_most_twenty_reports_a_day(reports):
    outcomes = [
        (await reports.submit(7, _draft(subject=f"+49364100{i:04d}"))).outcome
        for i in range(MAX_PER_DAY + 2)
    ]
    assert outcomes.count(ReportOutcome.SAVED) == MAX_PER_DAY
    assert outcomes[-2:] == [ReportOutcome.DAILY_LIMIT] * 2


async def test_a_spike_is_new_once_then_grows(reports):
    spikes = [(await reports.submit(chat, _draft())).spikes for chat in range(1, 8)]
    assert [len(s) for s in spikes] == [0, 0, 0, 0, 1, 1, 1]
    first, later = spikes[4][0], spikes[6][0]
    assert first.new and not later.new and first.id == later.id
    assert (first.scope, first.count, later.count) == (SpikeScope.NUMBER, 5, 7)
    told = await reports.spike(later.id)  # what the comms desk is told
    assert (told.subject, told.count, told.districts) == (NUMBER, 7, ("winzerla",))
    # a day later the wave is over: the next report past the threshold is a new spike
    reports.clock.now += timedelta(hours=25)
    again = [(await reports.submit(chat, _draft())).spikes for chat in range(1, 6)]
    assert again[-1][0].new and again[-1][0].id != first.id


async def test_ten_of_one_kind_in_one_district_is_a_spike(reports):
    kind = ReportKind.SHOCK_CALL
    results = [
        await reports.submit(chat, _draft(kind, "neulobeda", subject=f"+4915100000{chat:03d}"))
        for chat in range(10)
    ]
    (news,) = results[-1].spikes
    spike = await reports.spike(news.id)
    assert (spike.scope, spike.kind, spike.district_id, spike.count) == (
        SpikeScope.KIND,
        kind,
        "neulobeda",
        10,
    )
    assert all(not r.spikes for r in results[:-1])


async def test_the_check_sees_a_number_from_three_residents(reports):
    for chat, kind in ((1, ReportKind.FAKE_CITY_CALLER), (2, ReportKind.SHOCK_CALL)):
        await reports.submit(chat, _draft(kind))
    assert await reports.about([NUMBER]) == {}
    await reports.submit(3, _draft())
    seen = (await reports.about([NUMBER, "+4930000"]))[NUMBER]
    assert seen.residents == 3
    assert seen.kinds == (ReportKind.FAKE_CITY_CALLER, ReportKind.SHOCK_CALL)
    reports.clock.now += timedelta(days=31)
    assert await reports.about([NUMBER]) == {}


async def test_after_ninety_days_only_counts_remain(reports):
    await reports.submit(1, _draft(note="Er wollte meine PIN"))
    reports.clock.now += timedelta(days=91)
    assert await reports.fold_old() == 1
    rows = await reports.db.fetch_all("SELECT * FROM reports")
    counts = await reports.db.fetch_all(
        "SELECT day, district_id, kind, subject, count FROM report_counts"
    )
    assert rows == []
    assert [tuple(r) for r in counts] == [("2026-11-20", "winzerla", "fake_city_caller", NUMBER, 1)]


async def test_bad_reports_are_refused(reports):
    with pytest.raises(ReportInputError, match="note_too_long"):
        await reports.submit(1, _draft(note="x" * 501))
    with pytest.raises(ReportInputError, match="unknown_district"):
        await reports.submit(1, _draft(district="atlantis"))


async def test_no_report_table_holds_a_chat_id(reports):
    chat_ids = (1_234_567_890, 987_654_321, 5_000_000_001)
    for chat in chat_ids:
        await reports.submit(chat, _draft(note="Anruf heute"))
    for table in REPORT_TABLES:
        for row in await reports.db.fetch_all(f"SELECT * FROM {table}"):
            for value in tuple(row):
                for chat in chat_ids:
                    assert value != chat
                    if isinstance(value, str | bytes):
                        text = value if isinstance(value, str) else value.hex()
                        assert str(chat) not in text
                        assert chat.to_bytes(8, "big").hex() not in text


async def _delivered(db, alert_id: int, *chats: int) -> None:
    """Telegram took the alert's copies for these chats (as the delivery engine records it)."""
    async with db.transaction() as conn:
        for chat in chats:
            await outbox.mark_sent(conn, alert_id, chat, 100 + chat, 0, NOW)


async def test_a_vote_counts_where_the_alert_and_the_resident_meet(reports):
    db = reports.db
    await add_resident(db, 1, ("neulobeda", "lobeda-altstadt"))
    await add_resident(db, 2, ("zwaetzen",), all_districts=True)
    await add_resident(db, 3, all_districts=True)
    alert_id = await queued_alert(db, ("winzerla", "neulobeda"))
    await _delivered(db, alert_id, 1, 2, 3)
    alert = ("winzerla", "neulobeda")
    assert await reports.vote(1, alert_id, alert, ["neulobeda", "lobeda-altstadt"]) == COUNTED
    assert await reports.vote(2, alert_id, alert, ["zwaetzen"]) == COUNTED  # none of the alert's
    assert await reports.vote(3, alert_id, alert, []) == COUNTED  # no Ortsteil chosen
    assert await reports.vote(1, alert_id, alert, ["winzerla"]) == VoteOutcome.ALREADY
    assert await reports.votes(alert_id) == {"neulobeda": 1, "zwaetzen": 1, "": 1}


async def test_only_recipients_of_an_alert_still_out_are_counted(reports):
    db = reports.db
    for chat in (1, 2, 3):
        await add_resident(db, chat, ("winzerla",))
    never_sent = await draft_alert(db, ("winzerla",))
    assert await reports.vote(1, never_sent, ("winzerla",), ["winzerla"]) == NOT_COUNTED
    alert_id = await queued_alert(db, ("winzerla",))
    await _delivered(db, alert_id, 1, 2)  # chat 3's copy is still queued
    assert await reports.vote(3, alert_id, ("winzerla",), ["winzerla"]) == NOT_COUNTED
    assert await reports.vote(99, alert_id, ("winzerla",), ["winzerla"]) == NOT_COUNTED
    assert await reports.vote(1, alert_id, ("winzerla",), ["winzerla"]) == COUNTED
    await cancel(db, alert_id, {"de": "x", "en": "x"}, {"de": "y", "en": "y"})
    assert await reports.vote(2, alert_id, ("winzerla",), ["winzerla"]) == NOT_COUNTED
    assert await reports.votes(alert_id) == {"winzerla": 1}


async def test_one_desk_lock_per_spike_while_it_is_in_use(reports):
    first = reports.desk_lock(7)
    async with first:
        assert reports.desk_lock(7) is first  # a second report of the same spike waits
        assert reports.desk_lock(8) is not first  # another spike does not
        assert reports.desk_lock(7).locked()
