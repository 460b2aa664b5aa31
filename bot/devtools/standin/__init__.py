"""A loopback stand-in for Telegram's Bot API that enforces Telegram's server-side rules."""

from bot.devtools.standin.models import Button, CallbackAnswer, SentMessage, Stats
from bot.devtools.standin.server import FakeTelegram
from bot.devtools.standin.users import FakeUser
from bot.telegram_html import TelegramHtmlError, parse_html

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
