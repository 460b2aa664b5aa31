"""DeliveryEngine against a real SQLite file and a recording Sender."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.alerts import lifecycle
from bot.delivery import worklist
from bot.delivery.engine import DeliveryEngine
from bot.delivery.expiry import Expiry
from bot.delivery.flood import FloodBudget, Priority
from bot.delivery.sender import PermanentFailure, RecipientGone, RetryLater, TransientFailure
from bot.storage import alerts, subscribers
from bot.storage.database import Database
from bot.texts import Texts
from tests.auxil.delivery import (
    NOW,
    RecordingSender,
    add_resident,
    cancel,
    daytime_clock,
    delivery_states,
    progress_of,
    queued_alert,
    wait_for,
)


@pytest.fixture
def sender():
    return RecordingSender()


@pytest.fixture
async def make_engine(db, sender):
    engines = []

    async def make(budget=None, *, start=True, **options):
        options.setdefault("poll_interval", 0.05)
        options.setdefault("retry_base", 0.01)
        options.setdefault("clock", daytime_clock())
        engine = DeliveryEngine(db, sender, budget or FloodBudget(rate=None), **options)
        engines.append(engine)
        if start:
            await engine.start()
        return engine

    yield make
    for engine in engines:
        await engine.stop()


async def all_in(db, alert_id, *states):
    values = (await delivery_states(db, alert_id)).values()
    return bool(values) and all(state in states for state in values)


async def alert_state(db, alert_id):
    return (await alerts.get(db.connection, alert_id)).state


async def test_delivers_once_to_each_in_their_language_and_finishes(db, sender, make_engine):
    await add_resident(db, 1, ("nord",))
    await add_resident(db, 2, ("nord",), language="en")
    await add_resident(db, 3, all_districts=True)
    alert_id = await queued_alert(db, ("nord",), body="Achtung")
    engine = await make_engine()
    engine.notify()
    await wait_for(lambda: _is(db, alert_id, "done"), what="alert done")
    assert sorted((c.chat_id, c.html) for c in sender.sends()) == [
        (1, "<b>Achtung</b> DE"),
        (2, "<b>Achtung</b> EN"),
        (3, "<b>Achtung</b> DE"),
    ]
    assert all(c.silent is False and c.priority is Priority.BROADCAST for c in sender.sends())
    rows = await db.fetch_all("SELECT chat_id, message_id FROM deliveries ORDER BY chat_id")
    by_chat = {c.chat_id: c.message_id for c in sender.sends()}
    assert {r["chat_id"]: r["message_id"] for r in rows} == by_chat
    progress = await progress_of(db, alert_id)
    assert (progress.total, progress.sent, progress.pending, progress.finished) == (3, 3, 0, True)


async def _is(db, alert_id, state):
    return await alert_state(db, alert_id) == state


@pytest.mark.slow
async def test_picks_up_work_queued_by_another_process(db, sender, make_engine, tmp_path):
    await add_resident(db, 1, ("nord",))
    await make_engine(poll_interval=0.5)
    cli = await Database.open(tmp_path / "stadtwarn.sqlite3")  # a second connection: the CLI
    try:
        alert_id = await queued_alert(cli, ("nord",))
    finally:
        await cli.close()
    await wait_for(lambda: all_in(db, alert_id, "sent"), timeout=1.5, what="sent within a second")
    assert [c.chat_id for c in sender.sends()] == [1]


@pytest.mark.slow
async def test_urgent_alert_overtakes_a_queued_broadcast(db, sender, make_engine):
    for chat in range(1, 201):
        await add_resident(db, chat, ("nord",))
    for chat in range(1001, 1006):
        await add_resident(db, chat, ("ost",))
    broadcast = await queued_alert(db, ("nord",), severity="info")
    engine = await make_engine(FloodBudget(rate=200), max_in_flight=8)
    await wait_for(lambda: len(sender.sends()) >= 20, what="broadcast under way")
    urgent = await queued_alert(db, ("ost",), severity="urgent")
    engine.notify()
    sent_before = len(sender.sends())
    await wait_for(lambda: all_in(db, urgent, "sent"), what="urgent sent")
    positions = [i for i, c in enumerate(sender.sends()) if c.chat_id > 1000]
    # Only work already claimed (at most max_in_flight) may go before the urgent alert.
    assert max(positions) < sent_before + 8 + 5
    assert all(sender.sends()[i].priority is Priority.URGENT for i in positions)
    assert not await all_in(db, broadcast, "sent")
    await wait_for(lambda: all_in(db, broadcast, "sent"), what="broadcast finished")
    assert len(sender.sends()) == 205


@pytest.mark.slow
async def test_retry_later_pauses_all_sending_and_loses_nothing(db, sender, make_engine):
    for chat in range(1, 21):
        await add_resident(db, chat, ("nord",))
    sender.fail[5] = [RetryLater(0.3)]
    budget = FloodBudget(rate=None)
    alert_id = await queued_alert(db, ("nord",))
    await make_engine(budget, max_in_flight=4)
    await wait_for(lambda: 5 in sender.failed_at, what="the 429")
    hit = sender.failed_at[5]
    assert budget.paused_for > 0
    await wait_for(lambda: all_in(db, alert_id, "sent"), what="all sent")
    late = [c for c in sender.sends() if c.at > hit + 0.01]
    assert late and min(c.at for c in late) >= hit + 0.28  # nothing went out in the pause
    assert sorted(c.chat_id for c in sender.sends()) == list(range(1, 21))
    row = await db.fetch_one("SELECT attempts FROM deliveries WHERE chat_id = 5")
    assert row["attempts"] == 1  # a 429 does not use up an attempt


async def test_recipient_gone_is_marked_inactive_and_never_retried(db, sender, make_engine):
    await add_resident(db, 1, ("nord",))
    await add_resident(db, 2, ("nord",))
    sender.always_fail[2] = RecipientGone("403: Forbidden: bot was blocked by the user")
    alert_id = await queued_alert(db, ("nord",))
    engine = await make_engine()
    await wait_for(lambda: _is(db, alert_id, "done"), what="alert done")
    assert await delivery_states(db, alert_id) == {1: "sent", 2: "blocked"}
    assert sender.attempts.count(("send", 2)) == 1
    row = await db.fetch_one("SELECT active, inactive_reason FROM subscribers WHERE chat_id = 2")
    assert (row["active"], row["inactive_reason"]) == (
        0,
        "403: Forbidden: bot was blocked by the user",
    )
    second = await queued_alert(db, ("nord",))
    engine.notify()
    await wait_for(lambda: _is(db, second, "done"), what="second alert done")
    assert sender.attempts.count(("send", 2)) == 1
    progress = await progress_of(db, alert_id)
    assert (progress.sent, progress.blocked) == (1, 1)


@pytest.mark.slow
async def test_network_errors_are_retried_until_the_alert_expires(db, sender, make_engine):
    await add_resident(db, 1, ("nord",))
    await add_resident(db, 2, ("nord",))
    await add_resident(db, 3, ("nord",))
    sender.fail[1] = [TransientFailure("timed out"), TransientFailure("network: reset")]
    sender.always_fail[2] = TransientFailure("network: 502 Bad Gateway")
    sender.always_fail[3] = PermanentFailure("400: can't parse entities")
    alert_id = await queued_alert(db, ("nord",))
    # Expiry after 1 s (the tests' clock runs at real speed); retried meanwhile, however
    # many times that takes.
    await make_engine(expiry=Expiry(default=timedelta(seconds=1)))
    await wait_for(lambda: _is(db, alert_id, "done"), what="alert done")
    rows = {
        r["chat_id"]: (r["state"], r["attempts"], r["reason"])
        for r in await db.fetch_all("SELECT * FROM deliveries")
    }
    assert rows[1] == ("sent", 3, None)
    state, attempts, reason = rows[2]
    assert state == "failed" and reason.startswith("network: 502 Bad Gateway (expired: tried")
    assert attempts > 5  # well past the old limit of 5 tries
    assert rows[3] == ("failed", 1, "400: can't parse entities")
    assert sender.attempts.count(("send", 2)) == attempts
    assert sender.attempts.count(("send", 3)) == 1
    progress = await progress_of(db, alert_id)
    assert (progress.sent, progress.failed) == (1, 2)


async def test_restart_after_crash_sends_everything_left_in_flight(db, sender, make_engine):
    for chat in range(1, 11):
        await add_resident(db, chat, ("nord",))
    alert_id = await queued_alert(db, ("nord",))
    # The crashed run: claimed 6 (left 'sending'), of which 2 were recorded as sent.
    claimed = await worklist.claim(db, NOW, 6)
    await worklist.record(
        db,
        [worklist.Sent(j.alert_id, j.chat_id, 99, j.revision) for j in claimed[:2]],
        NOW,
    )
    states = await delivery_states(db, alert_id)
    assert list(states.values()).count("sending") == 4
    await make_engine()
    await wait_for(lambda: all_in(db, alert_id, "sent"), what="all sent after restart")
    done_before = {j.chat_id for j in claimed[:2]}
    assert sorted(c.chat_id for c in sender.sends()) == sorted(set(range(1, 11)) - done_before)


@pytest.mark.slow
async def test_stop_is_prompt_and_loses_nothing(db, sender, make_engine):
    for chat in range(1, 31):
        await add_resident(db, chat, ("nord",))
    alert_id = await queued_alert(db, ("nord",))
    engine = await make_engine(FloodBudget(rate=10), max_in_flight=8)
    await wait_for(lambda: len(sender.sends()) >= 3, what="some sent")
    loop = asyncio.get_running_loop()
    start = loop.time()
    await engine.stop()
    assert loop.time() - start < 0.5
    states = await delivery_states(db, alert_id)
    assert "sending" not in states.values()
    sent_by_first = {c.chat_id for c in sender.sends()}
    assert {c for c, s in states.items() if s == "sent"} == sent_by_first

    await make_engine(FloodBudget(rate=None))
    await wait_for(lambda: all_in(db, alert_id, "sent"), what="rest sent after restart")
    chats = [c.chat_id for c in sender.sends()]
    assert sorted(chats) == list(range(1, 31))  # each exactly once


async def test_stop_waits_briefly_for_sends_already_with_telegram(db, sender, make_engine):
    await add_resident(db, 1, ("nord",))
    sender.hold = asyncio.Event()
    alert_id = await queued_alert(db, ("nord",))
    engine = await make_engine(stop_grace=5)
    await wait_for(lambda: ("send", 1) in sender.attempts, what="send started")
    stopping = asyncio.create_task(engine.stop())
    await asyncio.sleep(0.05)
    sender.hold.set()
    await asyncio.wait_for(stopping, timeout=5)
    assert await delivery_states(db, alert_id) == {1: "sent"}


async def _delivered_to_nord(db, make_engine, residents: int, english: int, **alert):
    """Residents 1..`residents` of Nord (`english` reads English) all got a new alert."""
    for chat in range(1, residents + 1):
        await add_resident(db, chat, ("nord",), language="en" if chat == english else "de")
    alert_id = await queued_alert(db, ("nord",), **alert)
    engine = await make_engine()
    await wait_for(lambda: all_in(db, alert_id, "sent"), what="all sent")
    return alert_id, engine


async def test_update_edits_every_delivered_copy_and_unsent_get_new_text(db, sender, make_engine):
    alert_id, engine = await _delivered_to_nord(db, make_engine, 5, english=2, body="alt")
    await add_resident(db, 6, ("nord",))  # subscribes later: not a recipient

    assert await lifecycle.update(db, alert_id, {"de": "neu", "en": "new"}, NOW) == 5
    engine.notify()
    await wait_for(lambda: len(sender.edits()) == 5, what="5 edits")
    sent_ids = {c.chat_id: c.message_id for c in sender.sends()}
    assert {(c.chat_id, c.message_id, c.html) for c in sender.edits()} == {
        (chat, sent_ids[chat], "new" if chat == 2 else "neu") for chat in range(1, 6)
    }
    progress = await wait_for(lambda: _finished_progress(db, alert_id), what="follow-ups recorded")
    assert progress.followups_done == 5


async def _finished_progress(db, alert_id):
    progress = await progress_of(db, alert_id)
    return progress if progress.finished else None


async def test_cancel_withdraws_every_copy_and_sends_a_notice(db, sender, make_engine):
    alert_id, engine = await _delivered_to_nord(db, make_engine, 4, english=4, severity="urgent")

    count = await cancel(
        db,
        alert_id,
        {"de": "<s>zurückgezogen</s>", "en": "<s>withdrawn</s>"},
        {"de": "Entwarnung", "en": "All clear"},
    )
    assert count == 4
    engine.notify()
    await wait_for(lambda: _finished_progress(db, alert_id), what="withdrawals done")
    message_ids = {c.chat_id: c.message_id for c in sender.sends() if "<b>" in c.html}
    assert {(c.chat_id, c.message_id, c.html) for c in sender.edits()} == {
        (1, message_ids[1], "<s>zurückgezogen</s>"),
        (2, message_ids[2], "<s>zurückgezogen</s>"),
        (3, message_ids[3], "<s>zurückgezogen</s>"),
        (4, message_ids[4], "<s>withdrawn</s>"),
    }
    notices = sorted((c.chat_id, c.html) for c in sender.sends() if "<b>" not in c.html)
    assert notices == [(1, "Entwarnung"), (2, "Entwarnung"), (3, "Entwarnung"), (4, "All clear")]
    rows = await db.fetch_all("SELECT notice_message_id FROM followups WHERE state = 'done'")
    assert len(rows) == 4 and all(r["notice_message_id"] for r in rows)
    assert (await alerts.get(db.connection, alert_id)).state == "cancelled"


async def test_cancel_before_sending_sends_nothing(db, sender, make_engine):
    await add_resident(db, 1, ("nord",))
    alert_id = await queued_alert(db, ("nord",))
    await cancel(db, alert_id, {"de": "x", "en": "x"}, {"de": "x", "en": "x"})
    await make_engine()
    progress = await progress_of(db, alert_id)
    assert (progress.withdrawn, progress.pending) == (1, 0)
    await asyncio.sleep(0.2)  # give a wrongly-claiming engine the chance to misbehave
    assert sender.calls == []


async def test_copy_in_flight_when_cancelled_is_withdrawn_after_it_lands(db, sender, make_engine):
    await add_resident(db, 1, ("nord",))
    sender.hold = asyncio.Event()
    alert_id = await queued_alert(db, ("nord",))
    engine = await make_engine()
    await wait_for(lambda: ("send", 1) in sender.attempts, what="send started")
    await cancel(db, alert_id, {"de": "weg", "en": "gone"}, {"de": "Entwarnung", "en": "All clear"})
    sender.hold.set()
    engine.notify()
    await wait_for(lambda: len(sender.edits()) == 1, what="withdrawal edit")
    await wait_for(lambda: len(sender.sends()) == 2, what="notice")
    assert sender.edits()[0].html == "weg"


async def test_non_urgent_is_silent_at_night_urgent_rings(db, sender, make_engine):
    await add_resident(db, 1, ("nord",))
    night = datetime(2026, 7, 15, 21, 30, tzinfo=UTC)  # 23:30 in Berlin (CEST)
    info = await queued_alert(db, ("nord",), severity="info")
    urgent = await queued_alert(db, ("nord",), severity="urgent")
    await make_engine(clock=lambda: night)
    await wait_for(lambda: all_in(db, info, "sent"), what="info sent")
    await wait_for(lambda: all_in(db, urgent, "sent"), what="urgent sent")
    by_text = {c.priority: c.silent for c in sender.sends()}
    assert by_text == {Priority.URGENT: False, Priority.BROADCAST: True}


async def test_deleted_resident_mid_broadcast_leaves_no_rows(db, sender, make_engine):
    for chat in range(1, 11):
        await add_resident(db, chat, ("nord",))
    alert_id = await queued_alert(db, ("nord",))
    async with db.transaction() as conn:
        await subscribers.delete(conn, 7)
    await make_engine()
    await wait_for(lambda: _is(db, alert_id, "done"), what="alert done")
    assert 7 not in {c.chat_id for c in sender.sends()}
    row = await db.fetch_one("SELECT COUNT(*) FROM deliveries WHERE chat_id = 7")
    assert row[0] == 0


async def test_a_copy_in_an_outage_counts_as_waiting_for_telegram_not_failed(
    db, sender, make_engine
):
    await add_resident(db, 1, ("nord",))
    sender.fail[1] = [TransientFailure("network: 502 Bad Gateway")]
    alert_id = await queued_alert(db, ("nord",))
    await make_engine(retry_base=30.0)  # the next try is far away
    await wait_for(lambda: 1 in sender.failed_at, what="the failed try")

    async def waiting():
        return (await progress_of(db, alert_id)).waiting == 1

    await wait_for(waiting, what="recorded as waiting")
    progress = await progress_of(db, alert_id)
    assert (progress.pending, progress.failed, progress.finished) == (1, 0, False)
    texts = Texts()
    assert "Wartet auf Telegram: 1 (wird weiter versucht)" in texts.render(
        "de", "admin_status.html.j2", p=progress
    )
