"""PTB rate limiter: every message the bot sends or edits takes a slot of the FloodBudget."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.delivery.flood import FloodBudget, Priority

log = logging.getLogger(__name__)

DEFAULT_MAX_TRIES = 5
# Bot API methods that put or change a message in a chat, i.e. count against flood limits.
_SENDING_PREFIXES = ("send", "edit", "copyMessage", "forwardMessage", "stopPoll")
_NOT_SENDING = frozenset({"sendChatAction"})


@dataclass(frozen=True)
class BudgetArgs:
    """`rate_limit_args` for a request. `paced=True`: the caller already took the slot
    (the delivery engine does) and handles a 429 itself after the budget is paused."""

    priority: Priority = Priority.REPLY
    paced: bool = False


def is_sending(endpoint: str) -> bool:
    return endpoint.startswith(_SENDING_PREFIXES) and endpoint not in _NOT_SENDING


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

    def __init__(self, budget: FloodBudget, *, max_tries: int = DEFAULT_MAX_TRIES) -> None:
        self.budget = budget
        self.max_tries = max_tries

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
            return await callback(*args, **kwargs)
        options = _options(rate_limit_args)
        for attempt in range(1, self.max_tries + 1):
            if not options.paced or attempt > 1:
                await self.budget.acquire(options.priority)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                seconds = retry_after_seconds(error)
                self.budget.pause(seconds)
                log.warning(
                    "%s hit flood control (try %d): all sending paused for %g s",
                    endpoint,
                    attempt,
                    seconds,
                )
                if options.paced or attempt == self.max_tries:
                    raise
        raise AssertionError("unreachable")


def _options(rate_limit_args: BudgetArgs | None) -> BudgetArgs:
    return rate_limit_args if rate_limit_args is not None else BudgetArgs()
