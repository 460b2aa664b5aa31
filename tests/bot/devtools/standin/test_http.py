"""The HTTP surface: tokens, unknown methods and what gets recorded."""

from __future__ import annotations

import logging

import aiohttp
import pytest
from telegram import Bot
from telegram.error import InvalidToken

from bot.devtools.standin import FakeTelegram
from tests.conftest import FAKE_TOKEN


async def test_wrong_token_is_unauthorized(telegram: FakeTelegram) -> None:
    telegram.expect_rejections()
    with pytest.raises(InvalidToken):
        async with Bot("123456:WRONG-TOKEN", base_url=telegram.api_url):
            pass
    assert telegram.rejections[0].error_code == 401
    assert telegram.rejections[0].description == "Unauthorized"


async def test_unknown_method_is_not_found(telegram: FakeTelegram) -> None:
    telegram.expect_rejections()
    async with aiohttp.ClientSession() as session:
        url = f"{telegram.api_url}{FAKE_TOKEN}/sendTelepathy"
        async with session.post(url, data={"chat_id": "1"}) as response:
            assert response.status == 404
            assert await response.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found",
            }


async def test_get_me_and_recorded_requests_without_token(telegram: FakeTelegram, bot: Bot) -> None:
    assert bot.username == "stadtwarn_standin_bot"
    assert bot.id == 123456
    telegram.user(1001)
    await bot.send_message(1001, "Hallo", disable_notification=True)
    method, params = telegram.requests[-1]
    assert method == "sendMessage"
    assert params == {"chat_id": 1001, "text": "Hallo", "disable_notification": True}
    assert FAKE_TOKEN not in repr(telegram.requests)


async def test_json_bodies_are_accepted_too(telegram: FakeTelegram) -> None:
    telegram.user(1001)
    async with aiohttp.ClientSession() as session:
        url = f"{telegram.api_url}{FAKE_TOKEN}/sendMessage"
        async with session.post(url, json={"chat_id": 1001, "text": "123"}) as response:
            body = await response.json()
    assert body["ok"] is True
    assert body["result"]["text"] == "123"


async def test_token_stays_out_of_the_logs(
    telegram: FakeTelegram, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    telegram.user(1001)
    await bot.send_message(1001, "Hallo")
    telegram.expect_rejections()
    url = f"{telegram.api_url}{FAKE_TOKEN}/nope"
    async with aiohttp.ClientSession() as session, session.post(url) as response:
        assert response.status == 404
    server_logs = [
        r for r in caplog.records if r.name.startswith(("aiohttp", "bot.devtools.standin"))
    ]
    assert all(FAKE_TOKEN not in r.getMessage() for r in server_logs)
