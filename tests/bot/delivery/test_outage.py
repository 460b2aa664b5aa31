"""A Telegram outage of 45 s during a broadcast to 300, through the real bot process: every
resident still gets the alert, nobody twice, and the log says what happens in a few lines."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.alerts.compose import AlertDraft
from bot.devtools.bot_process import queue_alert, start_bot_process
from bot.devtools.standin import FakeTelegram
from tests.auxil.delivery import residents_in_file

TOKEN = "123456:OUTAGE-TEST"
CHATS = range(70_001, 70_301)  # 300 residents of Winzerla
OUTAGE = 45.0  # seconds: longer than the old 5 tries (about 30 s) lasted
MARKER = "Ausfall-Test-Warnung"
KINDS = ("502", "disconnect")  # a proxy's HTML error page; connections dropped


@pytest.mark.slow
async def test_a_45_second_outage_loses_no_copy(tmp_path):
    # Both kinds at once, each against its own stand-in and bot: the bar, in half the time.
    await asyncio.gather(*(broadcast_through_an_outage(tmp_path / kind, kind) for kind in KINDS))


async def broadcast_through_an_outage(folder: Path, kind: str) -> None:
    folder.mkdir()
    db_path, log = folder / "stadtwarn.sqlite3", folder / "bot.log"
    await residents_in_file(db_path, CHATS)
    async with FakeTelegram(TOKEN) as tg:  # the strict flood model, 30/s
        for chat_id in CHATS:
            tg.user(chat_id)
        bot = await start_bot_process(tg, db_path, rate=30, log=log)
        try:
            await tg.wait_for(lambda t: any(m == "getUpdates" for m, _ in t.requests), 30)
            tg.outage(OUTAGE, kind=kind)
            draft = AlertDraft("free_text", "warning", ("winzerla",), False, text=MARKER)
            await queue_alert(db_path, draft)

            def copies(chat_id: int) -> int:
                return sum(MARKER in m.text for m in tg.user(chat_id).messages)

            # Tries back off to 32 s between them: the last try inside the outage is at
            # about 30 s, the next one at about 62 s; then 300 at 28/s.
            await tg.wait_for(lambda _: all(copies(c) for c in CHATS), timeout=OUTAGE + 70)
        finally:
            bot.terminate()
            await bot.wait()
    assert all(copies(c) == 1 for c in CHATS), kind  # no answer was lost, so no duplicate
    text = log.read_text()
    assert "Traceback" not in text
    assert "Telegram unreachable for" in text and "Telegram reachable again" in text
    assert len(text.splitlines()) < 40  # a handful of lines, not one per failed send
