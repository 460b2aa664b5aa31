"""Tables `subscribers` and `subscriptions`: residents, their language, districts and reach."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.storage.database import Connection, fetch_all, fetch_one
from bot.storage.utc import from_text, to_text


@dataclass(frozen=True)
class Subscriber:
    """A resident's row: language, chosen districts and when they first subscribed."""

    chat_id: int
    language: str
    all_districts: bool
    district_ids: frozenset[str]
    subscribed_at: datetime


@dataclass(frozen=True)
class DistrictStats:
    """Residents who can be reached (active) and who blocked the bot (inactive)."""

    active: int
    inactive: int


@dataclass(frozen=True)
class SubscriberStats:
    """Residents per district (a resident counts in every district they chose)."""

    by_district: dict[str, DistrictStats]
    all_districts: DistrictStats
    active: int
    inactive: int


@dataclass(frozen=True)
class Recipients:
    """A SELECT of (chat_id, language) of the active residents an alert reaches: those who
    chose one of its districts or all districts (for an all-districts alert: every active
    resident with any choice). For other tables' INSERT … SELECT."""

    sql: str
    parameters: tuple


async def get(conn: Connection, chat_id: int) -> Subscriber | None:
    row = await fetch_one(
        conn,
        "SELECT chat_id, language, all_districts, subscribed_at FROM subscribers WHERE chat_id = ?",
        (chat_id,),
    )
    if row is None:
        return None
    districts = await fetch_all(
        conn, "SELECT district_id FROM subscriptions WHERE chat_id = ?", (chat_id,)
    )
    return Subscriber(
        chat_id=row["chat_id"],
        language=row["language"],
        all_districts=bool(row["all_districts"]),
        district_ids=frozenset(r["district_id"] for r in districts),
        subscribed_at=from_text(row["subscribed_at"]),
    )


async def language(conn: Connection, chat_id: int) -> str | None:
    """The chat's stored language, or None if nothing is stored about the chat."""
    row = await fetch_one(conn, "SELECT language FROM subscribers WHERE chat_id = ?", (chat_id,))
    return row["language"] if row else None


async def set_language(conn: Connection, chat_id: int, language: str, now: datetime) -> None:
    await conn.execute(
        "INSERT INTO subscribers (chat_id, language, subscribed_at) VALUES (?, ?, ?) "
        "ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language",
        (chat_id, language, to_text(now)),
    )


async def ensure(conn: Connection, chat_id: int, language: str, now: datetime) -> None:
    """Create the resident's row if there is none; an existing row is left as it is."""
    await conn.execute(
        "INSERT INTO subscribers (chat_id, language, subscribed_at) VALUES (?, ?, ?) "
        "ON CONFLICT (chat_id) DO NOTHING",
        (chat_id, language, to_text(now)),
    )


async def add_district(conn: Connection, chat_id: int, district_id: str) -> None:
    await conn.execute(
        "INSERT OR IGNORE INTO subscriptions (chat_id, district_id) VALUES (?, ?)",
        (chat_id, district_id),
    )


async def remove_district(conn: Connection, chat_id: int, district_id: str) -> None:
    await conn.execute(
        "DELETE FROM subscriptions WHERE chat_id = ? AND district_id = ?", (chat_id, district_id)
    )


async def set_all_districts(conn: Connection, chat_id: int, value: bool) -> None:
    await conn.execute(
        "UPDATE subscribers SET all_districts = ? WHERE chat_id = ?", (int(value), chat_id)
    )


async def delete(conn: Connection, chat_id: int) -> bool:
    """Delete every row about the chat: the subscriber row cascades to the residents'
    tables; an admin's status and spike messages go too (the alerts they created or
    approved keep their id: who sent what is the city's record). Returns whether there was
    a subscriber to delete."""
    await conn.execute("DELETE FROM status_messages WHERE admin_id = ?", (chat_id,))
    await conn.execute("DELETE FROM spike_messages WHERE admin_id = ?", (chat_id,))
    cursor = await conn.execute("DELETE FROM subscribers WHERE chat_id = ?", (chat_id,))
    return cursor.rowcount > 0


async def mark_unreachable(conn: Connection, chat_id: int, reason: str, now: datetime) -> None:
    """The resident blocked the bot (or the chat is gone): no alert is queued for them."""
    await conn.execute(
        "UPDATE subscribers SET active = 0, inactive_reason = ?, inactive_since = ? "
        "WHERE chat_id = ?",
        (reason, to_text(now), chat_id),
    )


async def reactivate(conn: Connection, chat_id: int) -> None:
    """The resident is reachable again (e.g. pressed /start after blocking the bot)."""
    await conn.execute(
        "UPDATE subscribers SET active = 1, inactive_reason = NULL, inactive_since = NULL "
        "WHERE chat_id = ?",
        (chat_id,),
    )


def recipients(
    district_ids: Iterable[str], all_districts: bool, *, reminders_only: bool = False
) -> Recipients:
    """Who an alert to these districts (or the whole city) reaches, each chat once;
    `reminders_only`: only residents who switched on reminders of office hours."""
    if all_districts:
        chooses, parameters = (
            "EXISTS (SELECT 1 FROM subscriptions sub WHERE sub.chat_id = s.chat_id)",
            (),
        )
    else:
        parameters = tuple(sorted(set(district_ids)))
        marks = ",".join("?" * len(parameters)) or "NULL"
        chooses = (
            "EXISTS (SELECT 1 FROM subscriptions sub WHERE sub.chat_id = s.chat_id "  # noqa: S608 -- placeholders only
            f"AND sub.district_id IN ({marks}))"
        )
    return Recipients(
        "SELECT s.chat_id, s.language FROM subscribers s "  # noqa: S608 -- fixed SQL fragments only
        f"WHERE s.active = 1 {'AND s.reminders = 1 ' if reminders_only else ''}"
        f"AND (s.all_districts = 1 OR {chooses}) ORDER BY s.chat_id",
        parameters,
    )


async def count_recipients(
    conn: Connection, district_ids: Iterable[str], all_districts: bool, *, reminders_only=False
) -> int:
    """How many residents an alert to these districts would reach now."""
    districts = tuple(district_ids)
    if not districts and not all_districts:
        return 0
    reach = recipients(districts, all_districts, reminders_only=reminders_only)
    row = await fetch_one(conn, f"SELECT COUNT(*) FROM ({reach.sql})", reach.parameters)  # noqa: S608
    return int(row[0])


async def stats(conn: Connection) -> SubscriberStats:
    rows = await fetch_all(
        conn,
        "SELECT sub.district_id, SUM(s.active) AS active, SUM(1 - s.active) AS inactive "
        "FROM subscriptions sub JOIN subscribers s ON s.chat_id = sub.chat_id "
        "GROUP BY sub.district_id",
    )
    totals = await fetch_one(
        conn,
        "SELECT COALESCE(SUM(active), 0) AS active, COALESCE(SUM(1 - active), 0) AS inactive, "
        "COALESCE(SUM(all_districts * active), 0) AS all_active, "
        "COALESCE(SUM(all_districts * (1 - active)), 0) AS all_inactive FROM subscribers",
    )
    return SubscriberStats(
        by_district={r["district_id"]: DistrictStats(r["active"], r["inactive"]) for r in rows},
        all_districts=DistrictStats(totals["all_active"], totals["all_inactive"]),
        active=totals["active"],
        inactive=totals["inactive"],
    )


@dataclass(frozen=True)
class StoredDelivery:
    """One alert for the chat, as the outbox holds it."""

    alert_id: int
    kind: str
    severity: str
    state: str
    sent_at: datetime | None
    reason: str


@dataclass(frozen=True)
class StoredFollowup:
    """An edit or withdrawal of a delivered alert, as the outbox holds it."""

    alert_id: int
    kind: str
    state: str
    done_at: datetime | None


@dataclass(frozen=True)
class StoredAbout:
    """Every row about one chat, in every table that names it (GDPR Art. 15)."""

    subscriber: Subscriber
    active: bool
    inactive_reason: str
    inactive_since: datetime | None
    deliveries: tuple[StoredDelivery, ...]
    followups: tuple[StoredFollowup, ...]
    reminders: bool = False  # a reminder the day before each office hour (/erinnerung)


async def stored_about(conn: Connection, chat_id: int) -> StoredAbout | None:
    subscriber = await get(conn, chat_id)
    if subscriber is None:
        return None
    row = await fetch_one(
        conn,
        "SELECT active, inactive_reason, inactive_since, reminders FROM subscribers "
        "WHERE chat_id = ?",
        (chat_id,),
    )
    deliveries = await fetch_all(
        conn,
        "SELECT d.alert_id, a.kind, a.severity, d.state, d.sent_at, d.reason FROM deliveries d"
        " JOIN alerts a ON a.id = d.alert_id WHERE d.chat_id = ? ORDER BY d.alert_id",
        (chat_id,),
    )
    followups = await fetch_all(
        conn,
        "SELECT alert_id, kind, state, done_at FROM followups WHERE chat_id = ?"
        " ORDER BY alert_id, kind",
        (chat_id,),
    )
    return StoredAbout(
        subscriber=subscriber,
        active=bool(row[0]),
        inactive_reason=row[1] or "",
        inactive_since=from_text(row[2]),
        deliveries=tuple(
            StoredDelivery(r[0], r[1], r[2], r[3], from_text(r[4]), r[5] or "") for r in deliveries
        ),
        followups=tuple(StoredFollowup(r[0], r[1], r[2], from_text(r[3])) for r in followups),
        reminders=bool(row[3]),
    )
