"""The bot token never reaches a log line, even at DEBUG and in tracebacks."""

import logging

import pytest

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
