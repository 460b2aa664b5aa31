"""The Sender for real Telegram (a PTB adapter): HTML messages through a PTB bot, with PTB's
errors mapped to the engine's."""

from __future__ import annotations

import json
from functools import lru_cache

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

from bot.delivery.flood import Priority
from bot.delivery.ptb import BudgetArgs, retry_after_seconds
from bot.delivery.sender import (
    Button,
    PermanentFailure,
    RecipientGone,
    RetryLater,
    TransientFailure,
)

# 400 descriptions that mean the chat itself is unreachable (lower case).
_GONE_MARKERS = ("chat not found", "user not found", "peer_id_invalid", "user is deactivated")
_UNCHANGED_MARKER = "message is not modified"


NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
NO_PREVIEW_JSON = json.dumps(NO_PREVIEW.to_dict())  # as PTB would send it, made once
# send() asks for the method by its name (Bot API method names are case-insensitive), for
# the plain answer; spelt in lower case it is not one of PTB's methods, so no notice either.
SEND_MESSAGE = "sendmessage"


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
        parameters = {  # the same markup for every copy of an alert: as JSON, made once
            "chat_id": chat_id, "text": html, "parse_mode": ParseMode.HTML,
            "disable_notification": silent, "link_preview_options": NO_PREVIEW_JSON,
            "reply_parameters": reply, "reply_markup": _markup_json(button),
            "allow_paid_broadcast": paid or None,
        }  # fmt: skip
        try:  # the message id only: a PTB Message per copy was 1/5 of the time at paid speed
            sent = await self._bot.do_api_request(
                SEND_MESSAGE,
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


@lru_cache(maxsize=64)
def _markup_json(button: Button | None) -> str | None:
    """The button's reply_markup as PTB would send it (JSON of its dict)."""
    markup = _markup(button)
    return None if markup is None else json.dumps(markup.to_dict())


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
