"""The alerts' votes ("Ich hatte auch so einen Anruf"): one per chat and alert, from a chat
that received the alert, counted per Ortsteil without the chat."""

from __future__ import annotations

from collections.abc import Iterable

from bot.reports.keys import ReportKeys
from bot.reports.vocabulary import VoteOutcome
from bot.storage import Database
from bot.storage import votes as stored


async def vote(
    db: Database,
    keys: ReportKeys,
    chat_id: int,
    alert_id: int,
    alert_districts: Iterable[str],
    own: Iterable[str],
) -> VoteOutcome:
    """One vote per chat and alert, only from a chat that received the alert while it is
    out (not withdrawn); counted for the first of the alert's Ortsteile the resident chose,
    else the first of hers, else none ("")."""
    mine = sorted(own)
    district_id = next((d for d in alert_districts if d in mine), mine[0] if mine else "")
    key = keys.voter(chat_id, alert_id)
    async with db.transaction() as conn:
        if not await stored.received(conn, alert_id, chat_id):
            return VoteOutcome.NOT_COUNTED
        counted = await stored.vote(conn, alert_id, key, district_id)
    return VoteOutcome.COUNTED if counted else VoteOutcome.ALREADY


async def votes(db: Database, alert_id: int) -> dict[str, int]:
    """Votes per district ("" where the resident chose none of the alert's)."""
    return await stored.votes(db.connection, alert_id)
