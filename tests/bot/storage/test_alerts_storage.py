"""Alert storage: recipients, approvals, state changes, listings, stats, GDPR deletion."""

from datetime import timedelta

import pytest

from bot.alerts import lifecycle
from bot.delivery import worklist
from bot.storage import alerts, outbox, subscribers
from bot.storage.subscribers import DistrictStats
from bot.vocabulary import AlertStateError
from tests.auxil.delivery import (
    NOW,
    add_resident,
    came_back,
    delivery_states,
    draft_alert,
    queued_alert,
)


async def test_each_recipient_once_across_overlapping_districts_and_all_districts(db):
    await add_resident(db, 1, ("nord", "ost"))
    await add_resident(db, 2, ("ost",), language="en")
    await add_resident(db, 3, all_districts=True)
    await add_resident(db, 4, ("sued",))
    await add_resident(db, 5, ("nord",))
    await add_resident(db, 6, ("nord", "ost"), all_districts=True)
    await add_resident(db, 7)  # /start only, no district chosen
    await worklist.mark_gone(db, 5, "403: blocked", NOW)

    alert_id = await queued_alert(db, ("nord", "ost"))

    rows = await db.fetch_all(
        "SELECT chat_id, language, state FROM deliveries WHERE alert_id = ? ORDER BY chat_id",
        (alert_id,),
    )
    assert [(r["chat_id"], r["language"], r["state"]) for r in rows] == [
        (1, "de", "queued"),
        (2, "en", "queued"),
        (3, "de", "queued"),
        (6, "de", "queued"),
    ]
    assert (await alerts.get(db.connection, alert_id)).state == "queued"


async def test_all_districts_alert_reaches_every_active_resident_with_a_choice(db):
    await add_resident(db, 1, ("nord",))
    await add_resident(db, 2, ("sued",))
    await add_resident(db, 3, all_districts=True)
    await add_resident(db, 4)
    await add_resident(db, 5, ("nord",))
    await worklist.mark_gone(db, 5, "403: blocked", NOW)
    alert_id = await queued_alert(db, (), all_districts=True)
    assert set(await delivery_states(db, alert_id)) == {1, 2, 3}


async def test_queue_needs_the_required_approvals_and_happens_once(db):
    await add_resident(db, 1, ("nord",))
    alert_id = await draft_alert(db, ("nord",), severity="info", approvals_required=2)
    with pytest.raises(AlertStateError):
        await lifecycle.queue(db, alert_id, NOW)
    assert (await lifecycle.approve(db, alert_id, 11, NOW)).complete is False
    assert (await lifecycle.approve(db, alert_id, 11, NOW)).approvals == 1  # same admin twice
    assert (await lifecycle.approve(db, alert_id, 12, NOW)).complete is True
    assert await lifecycle.queue(db, alert_id, NOW) == 1
    with pytest.raises(AlertStateError):
        await lifecycle.queue(db, alert_id, NOW)
    alert = await alerts.get(db.connection, alert_id)
    assert alert.approved_by == (11, 12)
    assert alert.district_ids == ("nord",)


async def test_alert_without_recipients_is_done_at_once(db):
    alert_id = await queued_alert(db, ("nowhere",))
    assert (await alerts.get(db.connection, alert_id)).state == "done"


async def test_gdpr_deleting_a_resident_leaves_no_row_about_the_chat(db):
    await add_resident(db, 1, ("nord",))
    await add_resident(db, 2, ("nord",))
    first = await queued_alert(db, ("nord",))
    jobs = await worklist.claim(db, NOW, 10)
    await worklist.record(
        db, [worklist.Sent(j.alert_id, j.chat_id, 500 + j.chat_id, j.revision) for j in jobs], NOW
    )
    await lifecycle.update(db, first, {"de": "neu", "en": "new"}, NOW)
    await queued_alert(db, ("nord",))  # a second alert, still queued

    async with db.transaction() as conn:
        await subscribers.delete(conn, 1)

    tables = await db.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table'")
    for table in (t["name"] for t in tables):
        columns = await db.fetch_all(f"PRAGMA table_info({table})")
        if any(c["name"] == "chat_id" for c in columns):
            row = await db.fetch_one(f"SELECT COUNT(*) FROM {table} WHERE chat_id = 1")
            assert row[0] == 0, f"{table} still holds a row about chat 1"
    assert await delivery_states(db, first) == {2: "sent"}


async def test_counts_and_reasons_for_alert_show(db):
    for chat in (1, 2, 3, 4):
        await add_resident(db, chat, ("nord",))
    alert_id = await queued_alert(db, ("nord",))
    jobs = {j.chat_id: j for j in await worklist.claim(db, NOW, 10)}
    await worklist.record(
        db,
        [
            worklist.Sent(alert_id, 1, 11, 1),
            worklist.Gone(2, "403: Forbidden: bot was blocked by the user"),
            worklist.Failed(jobs[3], "400: message is too long"),
            worklist.Retry(jobs[4], NOW + timedelta(seconds=30), "timed out"),
        ],
        NOW,
    )
    counts = await outbox.counts(db.connection, alert_id)
    assert counts.by_state == {"sent": 1, "blocked": 1, "failed": 1, "queued": 1}
    assert counts.reasons == {
        ("blocked", "403: Forbidden: bot was blocked by the user"): 1,
        ("failed", "400: message is too long"): 1,
    }
    assert await worklist.claim(db, NOW, 10) == []  # the retry is not due yet
    assert [j.chat_id for j in await worklist.claim(db, NOW + timedelta(minutes=1), 10)] == [4]


async def test_blocked_resident_is_inactive_and_skipped_by_other_queued_alerts(db):
    await add_resident(db, 1, ("nord",))
    await add_resident(db, 2, ("nord",))
    first = await queued_alert(db, ("nord",))
    second = await queued_alert(db, ("nord",))
    await worklist.mark_gone(db, 1, "403: blocked", NOW)
    assert (await delivery_states(db, first))[1] == "blocked"
    assert (await delivery_states(db, second))[1] == "blocked"
    assert (await subscribers.get(db.connection, 1)) is not None
    third = await queued_alert(db, ("nord",))
    assert set(await delivery_states(db, third)) == {2}
    await came_back(db, 1)
    fourth = await queued_alert(db, ("nord",))
    assert set(await delivery_states(db, fourth)) == {1, 2}


async def test_lists_recent_alerts_and_stats(db):
    await add_resident(db, 1, ("nord", "ost"))
    await add_resident(db, 2, ("nord",))
    await add_resident(db, 3, all_districts=True)
    await worklist.mark_gone(db, 2, "403", NOW)
    nord = await queued_alert(db, ("nord",), body="nord")
    everywhere = await queued_alert(db, (), all_districts=True, body="all")
    sued = await queued_alert(db, ("sued",), body="sued")
    old = await draft_alert(
        db,
        ("nord",),
        severity="info",
        bodies={"de": "alt", "en": "old"},
        approvals_required=0,
        now=NOW - timedelta(days=40),
    )
    await lifecycle.queue(db, old, NOW - timedelta(days=40))

    recent = await alerts.recent_for_districts(db.connection, ["nord"], NOW + timedelta(hours=1))
    assert [a.id for a in recent] == [everywhere, nord]
    assert [a.id for a in await alerts.newest(db.connection)] == [old, sued, everywhere, nord]

    stats = await subscribers.stats(db.connection)
    assert stats.by_district["nord"] == DistrictStats(active=1, inactive=1)
    assert stats.by_district["ost"] == DistrictStats(active=1, inactive=0)
    assert stats.all_districts == DistrictStats(active=1, inactive=0)
    assert (stats.active, stats.inactive) == (2, 1)
