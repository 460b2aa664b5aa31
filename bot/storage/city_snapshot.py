"""Table `city_snapshot`: the officer data residents were last told of (canonical JSON) and
the rest of the city file the bot runs with. One row. Functions take a connection."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from bot.storage.database import Connection, fetch_one
from bot.storage.utc import from_text, to_text


@dataclass(frozen=True)
class Snapshot:
    officers: str  # canonical JSON of the officer data (bot/city/officer_data.py)
    others: dict[str, str]  # every other top-level key of the file: its canonical JSON
    confirmed_at: datetime | None


async def get(conn: Connection) -> Snapshot | None:
    row = await fetch_one(conn, "SELECT * FROM city_snapshot WHERE id = 1")
    if row is None:
        return None
    return Snapshot(row["officers"], json.loads(row["others"]), from_text(row["confirmed_at"]))


async def save(conn: Connection, officers: str, others: dict[str, str], now: datetime) -> None:
    """Store both (replacing the row)."""
    await conn.execute(
        "INSERT INTO city_snapshot (id, officers, others, confirmed_at) VALUES (1, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET officers = excluded.officers, "
        "others = excluded.others, confirmed_at = excluded.confirmed_at",
        (officers, json.dumps(others, sort_keys=True), to_text(now)),
    )


async def save_others(conn: Connection, others: dict[str, str]) -> None:
    """The rest of the file the bot now runs with (a restart may change it)."""
    await conn.execute(
        "UPDATE city_snapshot SET others = ? WHERE id = 1", (json.dumps(others, sort_keys=True),)
    )
