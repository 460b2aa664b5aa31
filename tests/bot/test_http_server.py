"""The bot's HTTP server (STADTWARN_HTTP) through the real process `python -m bot run`
against the strict stand-in: the webhook, /healthz and /metrics, the public site (no symlink
out of its folder), a taken port (one line, exit status 2)."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.alerts.compose import AlertDraft
from bot.devtools.bot_process import queue_alert
from bot.devtools.standin import FakeTelegram
from tests.auxil.delivery import residents_in_file
from tests.auxil.http_bot import SECRET, start_bot, stop
from tests.auxil.ports import free_port

TOKEN = "123456:SECRET-TOKEN-abcdefgh"
ALERT_TEXT = "Falsche Polizisten rufen in Winzerla an"
CHAT_IDS = (4711001, 4711002)


async def until(check, timeout: float = 20):
    """check()'s first truthy value, asked again as soon as the last answer came."""
    async with asyncio.timeout(timeout):
        while not (found := await check()):
            await asyncio.sleep(0.1)
        return found


async def health(client: httpx.AsyncClient) -> httpx.Response | None:
    try:
        return await client.get("/healthz")
    except httpx.TransportError:  # not listening yet
        return None


def counted(metrics: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(metrics):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


@pytest.mark.slow
async def test_webhook_mode_answers_an_update_and_refuses_a_wrong_secret(tmp_path):
    port = free_port()
    async with (
        FakeTelegram(TOKEN) as tg,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client,
    ):
        bot = await start_bot(tg, tmp_path / "db.sqlite3", port, tmp_path / "bot.log", webhook=True)
        try:
            await tg.wait_for(lambda t: t.state.webhook is not None, 30)
            assert tg.state.webhook.secret_token == SECRET
            reply = await tg.user(CHAT_IDS[0]).ask("/start winzerla", 15)
            assert reply.text
            assert 200 in tg.state.webhook_answers
            update = {"update_id": 99, "message": {"message_id": 1, "date": 0, "text": "x"}}
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong" * 8}):
                refused = await client.post("/telegram", json=update, headers=headers)
                assert refused.status_code == 403
        finally:
            status = await stop(bot)
    assert status == 0
    log = (tmp_path / "bot.log").read_text()
    assert log.count("refused") == 1  # two refusals, one line (at most one a minute)
    assert SECRET not in log and TOKEN.partition(":")[2] not in log
    assert not any(r.method == "getUpdates" for r in tg.rejections)


@pytest.mark.slow
async def test_polling_deletes_the_webhook_so_switching_back_works(tmp_path):
    async with FakeTelegram(TOKEN) as tg:
        db_path = tmp_path / "db.sqlite3"
        bot = await start_bot(tg, db_path, free_port(), tmp_path / "1.log", webhook=True)
        try:
            await tg.wait_for(lambda t: t.state.webhook is not None, 30)
        finally:
            assert await stop(bot) == 0
        assert tg.state.webhook is not None  # kept: Telegram holds updates while it is down
        bot = await start_bot(tg, db_path, free_port(), tmp_path / "2.log", webhook=False)
        try:
            reply = await tg.user(CHAT_IDS[0]).ask("/start winzerla", 30)
            assert reply.text and tg.state.webhook is None
        finally:
            assert await stop(bot) == 0
    assert not tg.rejections  # no getUpdates met a webhook (409)


@pytest.mark.slow
async def test_healthz_and_metrics(tmp_path):
    db_path = tmp_path / "data" / "db.sqlite3"
    db_path.parent.mkdir()
    await residents_in_file(db_path, CHAT_IDS)
    port = free_port()
    async with (
        FakeTelegram(TOKEN) as tg,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client,
    ):
        for chat_id in CHAT_IDS:
            tg.user(chat_id)
        bot = await start_bot(tg, db_path, port, tmp_path / "bot.log", webhook=False)
        try:
            ok = await until(lambda: health(client))
            assert ok.status_code == 200, ok.text
            await _metrics_count_a_sent_alert(tg, client, db_path)
            await _healthz_follows_the_database_file(client, db_path)
            texts = [ok.text, (await client.get("/healthz")).text]
            texts.append((await client.get("/metrics")).text)
        finally:
            db_path.chmod(0o644)
            status = await stop(bot)
    assert status == 0
    for text in texts:  # nothing of a resident, nothing secret
        assert TOKEN.partition(":")[2] not in text
        assert ALERT_TEXT not in text and "Falsche" not in text
        assert not any(str(chat_id) in text for chat_id in CHAT_IDS)


async def _metrics_count_a_sent_alert(tg: FakeTelegram, client, db_path: Path) -> None:
    before = (await client.get("/metrics")).text
    assert counted(before, "stadtwarn_messages_sent_total", kind="alert") == 0
    assert counted(before, "stadtwarn_subscribers", state="active") == len(CHAT_IDS)
    draft = AlertDraft("free_text", "warning", ("winzerla",), False, text=ALERT_TEXT)
    await queue_alert(db_path, draft)
    await tg.wait_for(lambda t: all(t.user(c).messages for c in CHAT_IDS), 20)

    async def sent() -> str | None:
        text = (await client.get("/metrics")).text
        done = counted(text, "stadtwarn_messages_sent_total", kind="alert") == len(CHAT_IDS)
        # the copies are marked sent in the database just after Telegram took them
        empty = counted(text, "stadtwarn_outbox_backlog", priority="normal") == 0
        return text if done and empty else None

    after = await until(sent)
    assert counted(after, "stadtwarn_event_loop_lag_seconds") >= 0
    health = (await client.get("/healthz")).json()
    assert health["telegram_reached"] is True and health["database_writable"] is True
    assert health["outbox_backlog"] == 0 and health["oldest_queued_seconds"] is None


async def _healthz_follows_the_database_file(client, db_path: Path) -> None:
    async def status(expected: int):
        async def check():
            answer = await client.get("/healthz")
            return answer if answer.status_code == expected else None

        return await until(check, 10)

    db_path.chmod(0o444)
    down = await status(503)
    assert down.json()["database_writable"] is False
    db_path.chmod(0o644)
    up = await status(200)
    assert up.json()["database_writable"] is True


@pytest.mark.slow
async def test_a_taken_port_is_one_line_and_exit_status_2(tmp_path):
    log = tmp_path / "bot.log"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        async with FakeTelegram(token=TOKEN) as tg:
            bot = await start_bot(tg, tmp_path / "db.sqlite3", port, log, webhook=False)
            status = await asyncio.wait_for(bot.wait(), 30)
            webhook, sent = tg.state.webhook, tg.stats.sent
    lines = log.read_text().strip().splitlines()
    assert status == 2, lines
    assert len(lines) == 1 and str(port) in lines[0], lines
    assert "Traceback" not in log.read_text()
    assert webhook is None and sent == 0  # Telegram was asked nothing that matters


@pytest.mark.slow
async def test_the_public_site_is_served_and_no_symlink_out_of_it(tmp_path):
    site = tmp_path / "site"
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web")
    port, log = free_port(), tmp_path / "bot.log"
    async with FakeTelegram(token=TOKEN) as tg:
        bot = await start_bot(
            tg, tmp_path / "db.sqlite3", port, log, webhook=False, STADTWARN_PUBLIC_DIR=str(site)
        )
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:

                async def index():
                    try:
                        answer = await client.get("/")
                    except httpx.TransportError:
                        return None
                    return answer if answer.status_code == 200 else None

                page = await until(index, timeout=30)
                assert "Zurzeit keine Warnungen" in page.text
                assert page.headers["content-type"].startswith("text/html")
                (site / "leak.txt").symlink_to(secret)
                leaked = await client.get("/leak.txt")
                assert leaked.status_code == 404 and "not for the web" not in leaked.text
                assert (await client.get("/../secret.txt")).status_code == 404
        finally:
            assert await stop(bot) == 0
