"""BudgetRateLimiter and TelegramSender with a real PTB ExtBot over a scripted BaseRequest
(no network, no stand-in server)."""

import asyncio
import json

import pytest
from telegram.ext import ExtBot
from telegram.request import BaseRequest

from bot.delivery.flood import FloodBudget, Priority
from bot.delivery.ptb import BudgetArgs, BudgetRateLimiter, is_sending
from bot.delivery.sender import PermanentFailure, RecipientGone, RetryLater, TransientFailure
from bot.delivery.telegram_sender import TelegramSender
from bot.devtools.standin.methods import DOCUMENTED_NAME

BOT_USER = {"id": 42, "is_bot": True, "first_name": "Stadtwarn", "username": "stadtwarn_bot"}


def message(chat_id: int, message_id: int) -> dict:
    return {
        "message_id": message_id,
        "date": 0,
        "chat": {"id": chat_id, "type": "private"},
        "text": "x",
    }


def error(code: int, description: str, **parameters) -> tuple[int, dict]:
    body = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return code, body


class ScriptedRequest(BaseRequest):
    """Answers each Bot API call from a per-endpoint script (default: success)."""

    def __init__(self) -> None:
        self.script: dict[str, list[tuple[int, dict]]] = {}
        self.calls: list[tuple[str, dict, float]] = []

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float:
        return 5.0

    async def do_request(self, url, method, request_data=None, **_timeouts):
        endpoint = url.rsplit("/", 1)[-1]
        endpoint = DOCUMENTED_NAME.get(endpoint.lower(), endpoint)  # case-insensitive, as Telegram
        parameters = request_data.parameters if request_data else {}
        self.calls.append((endpoint, parameters, asyncio.get_running_loop().time()))
        if self.script.get(endpoint):
            code, body = self.script[endpoint].pop(0)
            return code, json.dumps(body).encode()
        result = {
            "getMe": BOT_USER,
            "sendMessage": message(parameters.get("chat_id", 1), 77),
            "editMessageText": message(parameters.get("chat_id", 1), 77),
        }.get(endpoint, True)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def endpoints(self) -> list[str]:
        return [c[0] for c in self.calls]


@pytest.fixture
async def bot_parts():
    budget = FloodBudget(rate=None)
    request = ScriptedRequest()
    bot = ExtBot(
        token="123456:TEST",
        request=request,
        get_updates_request=ScriptedRequest(),
        rate_limiter=BudgetRateLimiter(budget),
    )
    await bot.initialize()
    yield bot, request, budget
    await bot.shutdown()


def test_which_endpoints_are_paced():
    assert is_sending("sendMessage") and is_sending("editMessageText")
    assert is_sending("sendmessage") and not is_sending("sendchataction")
    assert is_sending("copyMessage") and is_sending("sendPhoto")
    for endpoint in ("getUpdates", "answerCallbackQuery", "getMe", "setMyCommands"):
        assert not is_sending(endpoint)
    assert not is_sending("sendChatAction")


@pytest.mark.slow
async def test_reply_hit_by_429_pauses_the_budget_and_is_retried(bot_parts):
    bot, request, _budget = bot_parts
    request.script["sendMessage"] = [error(429, "Too Many Requests: retry after 1", retry_after=1)]
    sent = await asyncio.wait_for(bot.send_message(chat_id=5, text="Hallo"), timeout=5)
    assert sent.message_id == 77
    sends = [c for c in request.calls if c[0] == "sendMessage"]
    assert len(sends) == 2
    assert sends[1][2] - sends[0][2] >= 0.99  # waited out retry_after


@pytest.mark.slow
async def test_a_reply_is_retried_up_to_the_limit_then_raises(bot_parts):
    bot, request, _budget = bot_parts
    bot.rate_limiter.max_tries = 2
    request.script["sendMessage"] = [error(429, "Too Many Requests", retry_after=1)] * 2
    with pytest.raises(Exception, match="Flood control"):
        await asyncio.wait_for(bot.send_message(chat_id=5, text="Hallo"), timeout=5)
    assert request.endpoints().count("sendMessage") == 2


async def test_non_sending_calls_pass_a_paused_budget(bot_parts):
    bot, _request, budget = bot_parts
    budget.pause(30)
    await asyncio.wait_for(bot.get_me(), timeout=2)
    await asyncio.wait_for(bot.answer_callback_query("abc"), timeout=2)
    waiting = asyncio.create_task(bot.send_message(chat_id=5, text="later"))
    await asyncio.sleep(0.1)
    assert not waiting.done()
    waiting.cancel()


async def test_priority_from_rate_limit_args_orders_waiting_sends(bot_parts):
    bot, request, budget = bot_parts
    budget.rate = 20
    await budget.acquire()  # next slot 50 ms away
    broadcast = asyncio.create_task(
        bot.send_message(
            chat_id=1, text="b", rate_limit_args=BudgetArgs(priority=Priority.BROADCAST)
        )
    )
    await asyncio.sleep(0)
    reply = asyncio.create_task(bot.send_message(chat_id=2, text="r"))
    await asyncio.wait_for(asyncio.gather(broadcast, reply), timeout=5)
    chats = [c[1]["chat_id"] for c in request.calls if c[0] == "sendMessage"]
    assert chats == [2, 1]


async def test_sender_sends_html_silently_and_maps_errors(bot_parts):
    bot, request, _budget = bot_parts
    sender = TelegramSender(bot)
    message_id = await sender.send(9, "<b>Warnung</b>", silent=True, priority=Priority.URGENT)
    assert message_id == 77
    _, parameters, _ = request.calls[-1]
    assert parameters["parse_mode"] == "HTML"
    assert parameters["disable_notification"] is True
    assert parameters["text"] == "<b>Warnung</b>"

    cases = [
        (error(403, "Forbidden: bot was blocked by the user"), RecipientGone),
        (error(403, "Forbidden: user is deactivated"), RecipientGone),
        (error(400, "Bad Request: chat not found"), RecipientGone),
        (error(400, "Bad Request: can't parse entities"), PermanentFailure),
        (error(500, "Internal Server Error"), TransientFailure),
        (error(502, "Bad Gateway"), TransientFailure),
    ]
    for response, expected in cases:
        request.script["sendMessage"] = [response]
        with pytest.raises(expected):
            await sender.send(9, "x", silent=False, priority=Priority.BROADCAST)


async def test_sender_429_pauses_budget_and_is_not_retried_inside(bot_parts):
    bot, request, budget = bot_parts
    sender = TelegramSender(bot)
    request.script["sendMessage"] = [error(429, "Too Many Requests", retry_after=7)]
    with pytest.raises(RetryLater) as caught:
        await sender.send(9, "x", silent=False, priority=Priority.BROADCAST)
    assert caught.value.seconds == 7
    assert budget.paused_for > 6
    assert request.endpoints().count("sendMessage") == 1


async def test_paced_requests_do_not_take_a_second_slot(bot_parts):
    bot, _request, budget = bot_parts
    budget.rate = 5  # one slot per 200 ms
    await budget.acquire()
    start = asyncio.get_running_loop().time()
    await bot.send_message(chat_id=1, text="x", rate_limit_args=BudgetArgs(paced=True))
    assert asyncio.get_running_loop().time() - start < 0.1


async def test_edit_unchanged_is_fine_other_edit_errors_map(bot_parts):
    bot, request, _budget = bot_parts
    sender = TelegramSender(bot)
    await sender.edit(9, 77, "<i>neu</i>", priority=Priority.BROADCAST)
    assert request.calls[-1][0] == "editMessageText"
    assert request.calls[-1][1]["message_id"] == 77
    request.script["editMessageText"] = [
        error(400, "Bad Request: message is not modified: specified new message content")
    ]
    await sender.edit(9, 77, "<i>neu</i>", priority=Priority.BROADCAST)
    request.script["editMessageText"] = [error(400, "Bad Request: message to edit not found")]
    with pytest.raises(PermanentFailure):
        await sender.edit(9, 77, "<i>neu</i>", priority=Priority.BROADCAST)
