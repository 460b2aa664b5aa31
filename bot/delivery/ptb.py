"""The PTB adapters of the delivery engine, the only delivery code that touches PTB:
a rate limiter that makes every message the bot sends take a slot of the FloodBudget, and
the Sender for real Telegram, with PTB's errors mapped to the engine's."""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBUserWarning

from bot.delivery.flood import FloodBudget, Priority
from bot.delivery.sender import (
    Button,
    PermanentFailure,
    RecipientGone,
    RetryLater,
    TransientFailure,
)
from bot.telemetry import Telemetry

log = logging.getLogger(__name__)

DEFAULT_MAX_TRIES = 5
# A reply that fails for the network (or a 5xx) is tried again for this long, so a resident
# who writes during an outage still gets the answer once Telegram is back.
REPLY_DEADLINE = 60.0  # seconds
REPLY_RETRY_CAP = 16.0
# Bot API methods that put or change a message in a chat, i.e. count against flood limits.
_SENDING_PREFIXES = ("send", "edit", "copyMessage", "forwardMessage", "stopPoll")
_NOT_SENDING = frozenset({"sendChatAction"})


@dataclass(frozen=True)
class BudgetArgs:
    """`rate_limit_args` for a request. `paced=True`: the caller already took the slot
    (the delivery engine does) and handles a 429 itself after the budget is paused."""

    priority: Priority = Priority.REPLY
    paced: bool = False
    paid: bool = False  # a paid broadcast: paced by the paid budget


def is_sending(endpoint: str) -> bool:
    return endpoint.startswith(_SENDING_PREFIXES) and endpoint not in _NOT_SENDING


def _new_message_to(endpoint: str, data: dict[str, Any]) -> int | None:
    """The chat a request puts a new message into (paced per chat), else None (edits)."""
    if endpoint.startswith("edit") or endpoint == "stopPoll":
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


# 400 descriptions that mean the chat itself is unreachable (lower case).
_GONE_MARKERS = ("chat not found", "user not found", "peer_id_invalid", "user is deactivated")
_UNCHANGED_MARKER = "message is not modified"


NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# send() asks for sendMessage by name, for the plain answer: PTB's notice of send_message
warnings.filterwarnings("ignore", r"Please use 'Bot\.send_message'", PTBUserWarning)


class TelegramSender:
    """Sends HTML through a PTB bot. If the bot has our BudgetRateLimiter, requests carry
    `BudgetArgs(priority, paced=True)`: the engine already took the budget slot."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        self._limited = getattr(bot, "rate_limiter", None) is not None

    async def send(
        self,
        chat_id: int,
        html: str,
        *,
        silent: bool,
        priority: Priority,
        reply_to: int | None = None,
        paid: bool = False,
        button: Button | None = None,
    ) -> int:
        reply = None
        if reply_to is not None:  # a deleted original must not stop the message
            reply = ReplyParameters(reply_to, allow_sending_without_reply=True)
        parameters = {
            "chat_id": chat_id, "text": html, "parse_mode": ParseMode.HTML,
            "disable_notification": silent, "link_preview_options": NO_PREVIEW,
            "reply_parameters": reply, "reply_markup": _markup(button),
            "allow_paid_broadcast": paid or None,
        }  # fmt: skip
        try:  # the message id only: a PTB Message per copy was 1/5 of the time at paid speed
            sent = await self._bot.do_api_request(
                "send_message",
                api_kwargs={k: v for k, v in parameters.items() if v is not None},
                **self._rate_limit(priority, paid),
            )
        except TelegramError as error:
            raise domain_error(error) from error
        return int(sent["message_id"])

    async def edit(
        self,
        chat_id: int,
        message_id: int,
        html: str,
        *,
        priority: Priority,
        button: Button | None = None,
    ) -> None:
        try:
            await self._bot.edit_message_text(
                chat_id=chat_id,
                message_id=message_id,
                text=html,
                parse_mode=ParseMode.HTML,
                reply_markup=_markup(button),
                link_preview_options=NO_PREVIEW,
                **self._rate_limit(priority),
            )
        except BadRequest as error:
            if _UNCHANGED_MARKER in error.message.lower():
                return
            raise domain_error(error) from error
        except TelegramError as error:
            raise domain_error(error) from error

    def _rate_limit(self, priority: Priority, paid: bool = False) -> dict:
        if not self._limited:
            return {}
        return {"rate_limit_args": BudgetArgs(priority=priority, paced=True, paid=paid)}


def _markup(button: Button | None) -> InlineKeyboardMarkup | None:
    if button is None:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(button.label, callback_data=button.data)]])


def domain_error(
    error: TelegramError,
) -> RecipientGone | RetryLater | TransientFailure | PermanentFailure:
    """What a PTB error means for a delivery."""
    match error:
        case RetryAfter():
            return RetryLater(retry_after_seconds(error))
        case Forbidden():
            return RecipientGone(f"403: {error.message}")
        case ChatMigrated():
            return RecipientGone("chat migrated to a supergroup")
        case BadRequest() if any(m in error.message.lower() for m in _GONE_MARKERS):
            return RecipientGone(f"400: {error.message}")
        case BadRequest():
            return PermanentFailure(f"400: {error.message}")
        case TimedOut():
            return TransientFailure("timed out")
        case NetworkError():
            return TransientFailure(f"network: {error.message}")
        case _:
            return TransientFailure(f"{type(error).__name__}: {error.message}")
