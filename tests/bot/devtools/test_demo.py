"""The terminal demo chat, driven by scripted input against a tiny PTB bot of the test's own."""

from __future__ import annotations

import contextlib
import dataclasses
import sys
import types
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.cli.wording import wording
from bot.devtools import demo
from bot.devtools.standin import FakeTelegram, SentMessage
from tests.conftest import FAKE_TOKEN

GERMAN = wording({})  # the demo's own words, as with LANG unset


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_html(
        "<b>Willkommen</b>! Welcher Stadtteil?",
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Winzerla", callback_data="winzerla"),
                    InlineKeyboardButton("Lobeda", callback_data="lobeda"),
                ],
                [InlineKeyboardButton("Webseite", url="https://www.jena.de")],
            ]
        ),
    )


async def _pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer("Gespeichert")
    await query.edit_message_text(f"Abonniert: <b>{query.data}</b>", parse_mode="HTML")


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(f"Echo: {update.message.text}")


@contextlib.asynccontextmanager
async def echo_bot(token: str, api_url: str) -> AsyncIterator[Application]:
    app = Application.builder().token(token).base_url(api_url).build()
    app.add_handler(CommandHandler("start", _start))
    app.add_handler(CallbackQueryHandler(_pressed))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    async with app:
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


def scripted(*lines: str):
    remaining = list(lines)

    async def read_line() -> str | None:
        return remaining.pop(0) if remaining else None

    return read_line


@pytest.mark.slow
async def test_demo_chat_prints_replies_and_presses_numbered_buttons(
    telegram: FakeTelegram,
) -> None:
    transcript: list[str] = []
    user = telegram.user(demo.DEMO_USER_ID, first_name="Demo")
    async with echo_bot(FAKE_TOKEN, telegram.api_url):
        chat = demo.TerminalChat(
            telegram,
            user,
            read_line=scripted("/start", "9", "3", "2", "2", "Hallo Bot", "/quit", "never read"),
            write=transcript.append,
            settle=0.05,
            say=GERMAN,
        )
        await chat.run()
    text = "\n".join(transcript)
    assert "Offline-Demo" in transcript[0]
    assert "Bot: Willkommen! Welcher Stadtteil?" in text
    assert "  [1] Winzerla  [2] Lobeda\n  [3] Webseite (https://www.jena.de)" in text
    assert "(Hinweis: Gespeichert)" in text
    assert "Bot (bearbeitet): Abonniert: lobeda" in text
    assert "(Es gibt keinen Knopf Nummer 9)" in text
    assert "(Link: https://www.jena.de)" in text
    # The edit removed the keyboard, so a second "2" presses nothing.
    assert text.count("keinen Knopf Nummer 2") == 1
    assert "Bot: Echo: Hallo Bot" in text
    assert "never read" not in text
    assert transcript[-1] == "Auf Wiedersehen!"
    # The transcript follows the conversation's order.
    order = ["Sie> /start", "Bot: Willkommen", "Sie> 2", "Abonniert: lobeda", "Sie> Hallo Bot"]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)


async def test_end_of_input_exits_cleanly(telegram: FakeTelegram) -> None:
    transcript: list[str] = []
    user = telegram.user(demo.DEMO_USER_ID)
    chat = demo.TerminalChat(
        telegram, user, read_line=scripted(), write=transcript.append, say=GERMAN
    )
    await chat.run()
    assert transcript[-1] == "Auf Wiedersehen!"


def test_bold_is_rendered_with_ansi_only_on_a_terminal() -> None:
    message = SentMessage(
        message_id=1,
        chat_id=1,
        text="😀 Achtung Betrug",
        html="😀 <b>Achtung</b> Betrug",
        entities=[{"type": "bold", "offset": 3, "length": 7}],
    )
    assert demo.styled_text(message, ansi=False) == "😀 Achtung Betrug"
    assert demo.styled_text(message, ansi=True) == "😀 \033[1mAchtung\033[22m Betrug"


@pytest.mark.slow
async def test_run_demo_wires_settings_stand_in_and_application(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """run_demo against the contract of bot.app / bot.settings, with stand-ins for both."""
    seen: dict[str, object] = {}

    @dataclasses.dataclass(frozen=True)
    class FakeSettings:
        token: str
        api_url: str
        db_path: Path
        admin_ids: frozenset[int]

        @classmethod
        def for_demo(cls, *, api_url: str, db_path: Path, admin_ids: frozenset[int]):
            return cls(FAKE_TOKEN, api_url, db_path, admin_ids)

    @contextlib.asynccontextmanager
    async def running_application(settings):
        seen["settings"] = settings
        async with echo_bot(settings.token, settings.api_url) as app:
            yield app

    monkeypatch.setitem(
        sys.modules, "bot.app", types.SimpleNamespace(running_application=running_application)
    )
    monkeypatch.setitem(sys.modules, "bot.settings", types.SimpleNamespace(Settings=FakeSettings))
    monkeypatch.setattr(
        demo.dataclasses,
        "replace",
        lambda obj, **changes: FakeSettings(**{**obj.__dict__, **changes}),
    )

    transcript: list[str] = []
    await demo.run_demo(
        read_line=scripted("Hallo", "/quit"),
        write=transcript.append,
        say=GERMAN,
        ansi=False,
        db_path=tmp_path / "demo.sqlite3",
    )
    settings = seen["settings"]
    assert settings.admin_ids == frozenset({demo.DEMO_USER_ID})
    assert settings.api_url.startswith("http://127.0.0.1:")
    assert "Bot: Echo: Hallo" in transcript


@pytest.mark.slow
async def test_the_demo_speaks_the_chosen_language_and_addresses_with_sie(tmp_path: Path) -> None:
    """The real bot: `--language en` is a resident whose Telegram app is in English; the
    demo's own words stay German (LANG decides them) and say Sie, never du."""
    lines: list[str] = []
    await demo.run_demo(
        read_line=scripted("/start", "/quit"),
        write=lines.append,
        ansi=False,
        db_path=tmp_path / "demo.sqlite3",
        language="en",
        say=GERMAN,
    )
    text = "\n".join(lines)
    assert "Probieren Sie" in text and "Sie> /start" in text
    assert "Tippe" not in text and "Du>" not in text
    assert "Bot: " in text and "Welcome" in text
