"""The PTB adapter of the delivery engine's pacing: a rate limiter that makes every message
the bot sends take a slot of the FloodBudget (the Sender is in telegram_sender.py)."""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import (
    BadRequest,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import BaseRateLimiter

from bot.delivery.flood import FloodBudget, Priority
from bot.telemetry import Telemetry

log = logging.getLogger(__name__)

DEFAULT_MAX_TRIES = 5
# A reply that fails for the network (or a 5xx) is tried again for this long, so a resident
# who writes during an outage still gets the answer once Telegram is back.
REPLY_DEADLINE = 60.0  # seconds
REPLY_RETRY_CAP = 16.0
# Bot API methods that put or change a message in a chat, i.e. count against flood limits.
# Lower case: Telegram's method names are case-insensitive.
_SENDING_PREFIXES = ("send", "edit", "copymessage", "forwardmessage", "stoppoll")
_NOT_SENDING = frozenset({"sendchataction"})


@dataclass(frozen=True)
class BudgetArgs:
    """`rate_limit_args` for a request. `paced=True`: the caller already took the slot
    (the delivery engine does) and handles a 429 itself after the budget is paused."""

    priority: Priority = Priority.REPLY
    paced: bool = False
    paid: bool = False  # a paid broadcast: paced by the paid budget


def is_sending(endpoint: str) -> bool:
    method = endpoint.lower()
    return method.startswith(_SENDING_PREFIXES) and method not in _NOT_SENDING


def _new_message_to(endpoint: str, data: dict[str, Any]) -> int | None:
    """The chat a request puts a new message into (paced per chat), else None (edits)."""
    if endpoint.lower().startswith(("edit", "stoppoll")):
        return None
    chat_id = data.get("chat_id")
    return chat_id if isinstance(chat_id, int) else None


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB's int-vs-timedelta deprecation notice
        value = error.retry_after
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)


class BudgetRateLimiter(BaseRateLimiter[BudgetArgs]):
    """Paces sends and edits through the shared budget (default lane: REPLY). A 429 pauses
    the whole budget (never shortening a running pause) and the request is retried, up to
    `max_tries` attempts in all. Other methods (getUpdates, answerCallbackQuery, getMe,
    setMyCommands, ...) pass straight through."""

    def __init__(
        self,
        budget: FloodBudget,
        *,
        paid_budget: FloodBudget | None = None,
        max_tries: int = DEFAULT_MAX_TRIES,
        telemetry: Telemetry | None = None,
    ) -> None:
        self.budget = budget
        self.paid_budget = paid_budget or budget
        self.max_tries = max_tries
        self.telemetry = telemetry or Telemetry()

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: BudgetArgs | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if not is_sending(endpoint):
            return await self._observed(callback(*args, **kwargs))
        options = _options(rate_limit_args)
        budget = self.paid_budget if options.paid else self.budget
        deadline = asyncio.get_running_loop().time() + REPLY_DEADLINE
        delay, floods = 1.0, 0
        while True:
            if not options.paced or floods:
                await budget.acquire(options.priority, _new_message_to(endpoint, data))
            try:
                with budget.in_flight():
                    result = await self._observed(callback(*args, **kwargs))
                self.telemetry.sent[_kind(endpoint, options)] += 1
                return result
            except RetryAfter as error:
                floods += 1
                seconds = retry_after_seconds(error)
                self.telemetry.flooded(seconds)
                budget.pause(seconds)
                log.warning(
                    "%s hit flood control (try %d): all sending paused for %g s",
                    endpoint,
                    floods,
                    seconds,
                )
                if options.paced or floods == self.max_tries:
                    raise
            except TelegramError as error:
                self.telemetry.send_errors[type(error).__name__] += 1
                # The engine retries its own sends; a reply is retried here, within a deadline.
                late = asyncio.get_running_loop().time() + delay > deadline
                if options.paced or not _may_pass(error) or late:
                    raise
                await asyncio.sleep(delay)
                delay = min(REPLY_RETRY_CAP, delay * 2)

    async def _observed(self, request: Coroutine[Any, Any, Any]) -> Any:
        """The request's answer; notes whether Telegram answered at all."""
        try:
            result = await request
        except TelegramError as error:
            if _may_pass(error):
                self.telemetry.unreachable()
            else:
                self.telemetry.reached()
            raise
        self.telemetry.reached()
        return result


def _kind(endpoint: str, options: BudgetArgs) -> str:
    """What a sent message was, for the metrics: reply, alert, follow-up (the engine's
    edits) or paid (a paid broadcast)."""
    if options.paid:
        return "paid"
    if options.priority is Priority.REPLY:
        return "reply"
    return "follow-up" if endpoint.startswith("edit") else "alert"


def _may_pass(error: TelegramError) -> bool:
    """A network error, a timeout, a 5xx, or a proxy's non-JSON error page: not the
    request's fault, so the same request may work later."""
    if isinstance(error, BadRequest):  # a subclass of NetworkError in PTB
        return False
    return isinstance(error, NetworkError) or type(error) is TelegramError


def _options(rate_limit_args: BudgetArgs | None) -> BudgetArgs:
    return rate_limit_args if rate_limit_args is not None else BudgetArgs()
