"""The bot token never reaches a log line, even at DEBUG and in tracebacks."""

import asyncio
import json
import logging
from datetime import datetime, timedelta

import pytest

from bot.devtools.bot_process import start_bot_process
from bot.devtools.standin import FakeTelegram
from bot.logsetup import configure_logging, quiet_tracebacks
from tests.auxil.running_bot import running_bot


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    yield
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.mark.slow
async def test_token_absent_from_a_whole_session_at_debug(
    telegram, tmp_path, capfd, restore_logging
):
    configure_logging(telegram.token, level=logging.DEBUG)
    # Make httpx as chatty as it gets: the formatter must still catch its URLs.
    logging.getLogger("httpx").setLevel(logging.DEBUG)
    erika = telegram.user(3001)
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        await erika.ask("/start winzerla")
    logging.getLogger("stadtwarn.test").error("boom %s", telegram.token)
    output = capfd.readouterr().err
    assert "HTTP Request: POST" in output  # httpx did log request URLs …
    assert "[token]" in output  # … and they were redacted
    assert telegram.token not in output
    assert telegram.token.split(":")[1] not in output


def test_httpx_is_quiet_by_default(restore_logging):
    configure_logging("123456:TEST-TOKEN")
    assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING


def test_token_in_a_traceback_is_redacted(capfd, restore_logging):
    configure_logging("123456:TEST-TOKEN")
    try:
        raise RuntimeError("request to https://api.telegram.org/bot123456:TEST-TOKEN/getMe failed")
    except RuntimeError:
        logging.getLogger("stadtwarn.test").exception("failed")
    output = capfd.readouterr().err
    assert "RuntimeError: request to https://api.telegram.org/bot[token]/getMe failed" in output
    assert "TEST-TOKEN" not in output


def test_an_expected_error_logs_one_line_without_traceback(capfd, restore_logging):
    configure_logging("123456:TEST-TOKEN")
    quiet_tracebacks(ConnectionError)
    try:
        raise ConnectionResetError("peer went away for 123456:TEST-TOKEN")
    except ConnectionError:
        logging.getLogger("stadtwarn.test").exception("send %d failed", 7)
    try:
        raise ValueError("a bug")
    except ValueError:
        logging.getLogger("stadtwarn.test").exception("unexpected")
    lines = capfd.readouterr().err.strip().splitlines()
    assert lines[0].endswith("send 7 failed (ConnectionResetError: peer went away for [token])")
    assert "Traceback" in lines[2]  # a bug still shows where it happened


@pytest.mark.slow
async def test_json_logs_are_one_object_a_line_to_the_last_without_the_token(tmp_path):
    # STADTWARN_LOG_FORMAT=json: a collector reads every line, the end's too, as JSON.
    token = "123456:SECRET-TOKEN-abcdefgh"
    log = tmp_path / "bot.log"
    async with FakeTelegram(token) as tg:
        env = {"STADTWARN_LOG_FORMAT": "json"}
        bot = await start_bot_process(tg, tmp_path / "db.sqlite3", rate=30, log=log, env=env)
        try:
            await tg.wait_for(lambda t: any(m == "getUpdates" for m, _ in t.requests), 30)
            tg.revoke_token()
            status = await asyncio.wait_for(bot.wait(), 15)
        finally:
            if bot.returncode is None:
                bot.kill()
                await bot.wait()
    assert status == 4  # the token was rejected, as documented
    text = log.read_text()
    assert token not in text and token.partition(":")[2] not in text
    records = [json.loads(line) for line in text.splitlines()]
    assert any(r["message"] == "Stadtwarn is running; stop with Ctrl-C" for r in records)
    last = records[-1]
    assert last["level"] == "CRITICAL"
    assert last["message"].startswith("Telegram rejected the bot token")
    for record in records:
        assert {"time", "level", "logger", "message"} <= record.keys()
        moment = datetime.fromisoformat(record["time"])
        assert moment.utcoffset() == timedelta(0)  # stored and logged in UTC


def test_a_json_record_with_a_traceback_keeps_it_and_hides_the_token(restore_logging, capfd):
    token = "654321:ANOTHER-SECRET-xyz"
    configure_logging(token, log_format="json")
    try:
        raise RuntimeError(f"failed at https://api.telegram.org/bot{token}/getMe")
    except RuntimeError:
        logging.getLogger("stadtwarn.test").exception("Wörter für %s", "Lobeda")
    line = capfd.readouterr().err.strip()
    record = json.loads(line)
    assert record["message"] == "Wörter für Lobeda"  # readable, not \u-escaped
    assert "Traceback" in record["exc_info"] and "[token]" in record["exc_info"]
    assert token.partition(":")[2] not in line
