"""Offline terminal demo: chat with the real bot as a resident through the Telegram stand-in."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import sys
import tempfile
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.devtools.standin import FakeTelegram, FakeUser, SentMessage
from bot.terminal_text import entities_to_terminal
from bot.texts import telegram_language

DEMO_USER_ID = 4242
DEMO_FIRST_NAME = "Demo"
PLACEHOLDER_API_URL = "http://127.0.0.1/bot"  # replaced once the stand-in has its port


LineReader = Callable[[], Awaitable[str | None]]
Writer = Callable[[str], None]


def styled_text(message: SentMessage, *, ansi: bool) -> str:
    """The message text; with `ansi`, bold/italic/underline/code rendered as terminal styles."""
    return entities_to_terminal(message.text, message.entities, ansi=ansi)


def button_line(message: SentMessage) -> str:
    """Buttons numbered across rows, one keyboard row per line: `[1] Ammerbach  [2] Burgau`."""
    lines, number = [], 0
    for row in message.buttons:
        labels = []
        for button in row:
            number += 1
            labels.append(f"[{number}] {button.text}" + (f" ({button.url})" if button.url else ""))
        lines.append("  ".join(labels))
    return "\n  ".join(lines)


class TerminalChat:
    """Prints the bot's messages for one resident and turns typed lines into their actions."""

    def __init__(
        self,
        tg: FakeTelegram,
        user: FakeUser,
        *,
        read_line: LineReader,
        write: Writer,
        ansi: bool = False,
        reply_timeout: float = 5.0,
        settle: float = 0.3,
        say: Any,
        language: str = "de",
    ) -> None:
        self._tg = tg
        self._user = user
        self._read_line = read_line
        self._write = write
        self._ansi = ansi
        self._reply_timeout = reply_timeout
        self._settle = settle
        self._shown: dict[int, int] = {}  # message_id -> edit_count already printed
        self._pending_queries: list[str] = []
        self._say = say  # the demo's own words: bot.cli.wording.Wording (cli.txt.j2)
        self._language = language  # the resident's language in the chat

    async def run(self) -> None:
        """Chat until /quit or end of input."""
        self._write(self._say.demo_banner(self._language) + "\n")
        printer = asyncio.create_task(self._print_forever())
        try:
            while True:
                if self._ansi:
                    self._write_prompt()
                line = await self._read_line()
                if line is None:
                    break
                line = line.strip()
                if not self._ansi:
                    self._write(f"{self._say.demo_you()}> {line}")
                if line in ("/quit", "/exit"):
                    break
                if line and self._act(line):
                    await self._await_reaction()
        finally:
            printer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await printer
            self.render_changes()
            self._write(self._say.demo_bye())

    def _write_prompt(self) -> None:
        self._write(f"\033[2m{self._say.demo_you()}>\033[0m ")

    def _act(self, line: str) -> bool:
        """Do what the line says; False when nothing was sent to the bot."""
        if line.isdigit():
            return self._press(int(line))
        self._user.send(line)
        return True

    def _press(self, number: int) -> bool:
        keyboard = next((m for m in reversed(self._user.messages) if m.buttons), None)
        buttons = [button for row in keyboard.buttons for button in row] if keyboard else []
        if not 1 <= number <= len(buttons):
            self._write(f"({self._say.demo_no_button(number)})")
            return False
        button = buttons[number - 1]
        if button.callback_data is None:
            self._write(f"({self._say.demo_link(button.url)})")
            return False
        self._pending_queries.append(self._user.press_data(button.callback_data, keyboard))
        return True

    async def _await_reaction(self) -> None:
        """Wait for the bot's first reaction, then until it has been quiet for a moment."""
        timeout = self._reply_timeout
        with contextlib.suppress(TimeoutError):
            while True:
                await self._user.wait_for(lambda _user: self._has_unseen(), timeout=timeout)
                self.render_changes()
                timeout = self._settle

    async def _print_forever(self) -> None:
        while True:
            await self._user.wait_for(lambda _user: self._has_unseen(), timeout=None)
            self.render_changes()

    def _has_unseen(self) -> bool:
        if any(self._tg.callback_answers.get(q) for q in self._pending_queries):
            return True
        return any(self._shown.get(m.message_id) != m.edit_count for m in self._user.messages)

    def render_changes(self) -> None:
        """Print new and edited bot messages and answered button presses, once each."""
        for query_id in list(self._pending_queries):
            answer = self._tg.callback_answers.get(query_id)
            if answer is not None:
                self._pending_queries.remove(query_id)
                if answer.text:
                    kind = self._say.demo_popup() if answer.show_alert else self._say.demo_toast()
                    self._write(f"  ({kind}: {answer.text})")
        for message in self._user.messages:
            seen = self._shown.get(message.message_id)
            if seen == message.edit_count:
                continue
            label = "Bot" if seen is None else f"Bot ({self._say.demo_edited()})"
            self._shown[message.message_id] = message.edit_count
            self._write(f"{label}: {styled_text(message, ansi=self._ansi)}")
            if message.buttons:
                self._write(f"  {button_line(message)}")
            if message.reply_keyboard:
                self._write(
                    f"  {self._say.demo_keyboard()}: "
                    + " | ".join(label for row in message.reply_keyboard for label in row)
                )


def stdin_reader() -> LineReader:
    """Read stdin lines on a daemon thread so the event loop never blocks (None at EOF)."""
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(lines.put_nowait, line)
        loop.call_soon_threadsafe(lines.put_nowait, None)

    threading.Thread(target=pump, name="demo-stdin", daemon=True).start()
    return lines.get


def _print(text: str) -> None:
    end = "" if text.endswith(" ") and not text.endswith("\n") else "\n"
    print(text, end=end, flush=True)


async def run_demo(
    *,
    read_line: LineReader | None = None,
    write: Writer | None = None,
    ansi: bool | None = None,
    db_path: Path | None = None,
    language: str | None = None,
    say: Any,
) -> None:
    """Start the stand-in and the real bot against it, then chat in the terminal as a
    resident whose Telegram app is in `language` (default: the bot's default language). A
    language no Telegram app has (plain German) is chosen with /sprache first."""
    from bot.app import running_application
    from bot.settings import Settings

    languages = say.texts.languages
    language = language or languages[0]
    app_language = language if telegram_language(language) else languages[0]

    with tempfile.TemporaryDirectory(prefix="stadtwarn-demo-") as tmp:
        settings = Settings.for_demo(
            api_url=PLACEHOLDER_API_URL,
            db_path=db_path or Path(tmp) / "demo.sqlite3",
            admin_ids=frozenset({DEMO_USER_ID}),
        )
        async with FakeTelegram(settings.token) as tg:
            settings = dataclasses.replace(settings, api_url=tg.api_url)
            user = tg.user(DEMO_USER_ID, first_name=DEMO_FIRST_NAME, language_code=app_language)
            async with running_application(settings):
                if language != app_language:
                    await _choose_language(user, languages.index(language))
                chat = TerminalChat(
                    tg,
                    user,
                    read_line=read_line or stdin_reader(),
                    write=write or _print,
                    ansi=sys.stdout.isatty() if ansi is None else ansi,
                    say=say,
                    language=language,
                )
                await chat.run()


async def _choose_language(user: FakeUser, index: int) -> None:
    """/sprache, then the button of the language at `index` (the buttons follow
    messages/languages.txt)."""
    prompt = await user.ask("/sprache")
    buttons = [button for row in prompt.buttons for button in row]
    user.press_data(buttons[index].callback_data, prompt)
    await user.wait_for(lambda u: u.last_message.edit_count > 0, timeout=10)


def main(language: str, say: Any) -> int:
    """Entry point for `python -m bot demo [--language CODE]`; `say`: the command line's
    words (bot.cli.wording.Wording), in the language LANG asks for."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_demo(language=language, say=say))
    return 0
