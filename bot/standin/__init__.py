"""A loopback stand-in for Telegram's Bot API that enforces Telegram's server-side rules."""

from bot.standin.models import Button, CallbackAnswer, SentMessage, Stats
from bot.standin.server import FakeTelegram
from bot.standin.telegram_html import TelegramHtmlError, parse_html
from bot.standin.users import FakeUser

__all__ = [
    "Button",
    "CallbackAnswer",
    "FakeTelegram",
    "FakeUser",
    "SentMessage",
    "Stats",
    "TelegramHtmlError",
    "parse_html",
]
