"""The Sender for real Telegram: PTB calls, with PTB's errors mapped to the engine's."""

from __future__ import annotations

from telegram import Bot, LinkPreviewOptions
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
from bot.delivery.rate_limiter import BudgetArgs, retry_after_seconds
from bot.delivery.sender import PermanentFailure, RecipientGone, RetryLater, TransientFailure

# 400 descriptions that mean the chat itself is unreachable (lower case).
_GONE_MARKERS = ("chat not found", "user not found", "peer_id_invalid", "user is deactivated")
_UNCHANGED_MARKER = "message is not modified"


class TelegramSender:
    """Sends HTML through a PTB bot. If the bot has our BudgetRateLimiter, requests carry
    `BudgetArgs(priority, paced=True)`: the engine already took the budget slot."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        self._limited = getattr(bot, "rate_limiter", None) is not None

    async def send(self, chat_id: int, html: str, *, silent: bool, priority: Priority) -> int:
        try:
            message = await self._bot.send_message(
                chat_id=chat_id,
                text=html,
                parse_mode=ParseMode.HTML,
                disable_notification=silent,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                **self._rate_limit(priority),
            )
        except TelegramError as error:
            raise domain_error(error) from error
        return message.message_id

    async def edit(self, chat_id: int, message_id: int, html: str, *, priority: Priority) -> None:
        try:
            await self._bot.edit_message_text(
                chat_id=chat_id,
                message_id=message_id,
                text=html,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                **self._rate_limit(priority),
            )
        except BadRequest as error:
            if _UNCHANGED_MARKER in error.message.lower():
                return
            raise domain_error(error) from error
        except TelegramError as error:
            raise domain_error(error) from error

    def _rate_limit(self, priority: Priority) -> dict:
        if not self._limited:
            return {}
        return {"rate_limit_args": BudgetArgs(priority=priority, paced=True)}


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
