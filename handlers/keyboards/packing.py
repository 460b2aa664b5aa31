"""Callback data that packs and parses itself: the base class of every prefix (the prefixes
are in handlers/keyboards/callback_data.py).

A press is read once, where it enters (`pressed_with`): every field is parsed, typed and
range-checked by its annotation. Data that no button of this bot could have made raises
`Forged`, and the press is answered "Dieser Knopf ist nicht mehr gültig" and changes nothing.
Telegram allows at most 64 bytes; `pack` checks it for every class, here and nowhere else.

Field types: `int` (1 to SQLite's largest integer, decimal digits only), a `StrEnum` or a
`Literal` of words (one of them), `str` (a short token of letters, digits and `+._*-`, such as
a district id or a number in E.164). A field whose default is None may be left off at the end.
The domain checks what only it knows (does the district exist, is the alert sent)."""

from __future__ import annotations

import enum
import functools
import re
import types
import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, fields
from typing import Any, ClassVar, Literal, Self

from telegram import Update

MAX_BYTES = 64  # Telegram's limit for callback data
MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger id cannot name a row
TOKEN = re.compile(r"[A-Za-z0-9+._*-]{1,48}")
_DIGITS = re.compile(r"[0-9]{1,19}")


class Forged(ValueError):
    """Callback data that no button of this bot made (or made for another version)."""


@dataclass(frozen=True)
class CallbackData:
    """Base: `PREFIX`, then the fields in order, joined with ":"."""

    PREFIX: ClassVar[str]

    def pack(self) -> str:
        data = self.pack_unchecked()
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data longer than {MAX_BYTES} bytes: {data!r}")
        return data

    def pack_unchecked(self) -> str:
        values = [getattr(self, f.name) for f in fields(self)]
        while values and values[-1] is None:
            values.pop()
        return ":".join([self.PREFIX, *(str(v) for v in values)])

    @classmethod
    def pattern(cls) -> str:
        """A regular expression for PTB's CallbackQueryHandler: this prefix, whatever follows
        (a wrong rest is answered as forged, not passed on to other handlers)."""
        return f"^{re.escape(cls.PREFIX)}(:|$)"

    @classmethod
    def unpack(cls, data: object) -> Self:
        """The typed data, or Forged."""
        if not isinstance(data, str) or len(data.encode("utf-8", "replace")) > MAX_BYTES:
            raise Forged("not a string of at most 64 bytes")
        # Buttons sent before this module wrote "gc:" for what is now "gc".
        head, *parts = data.removesuffix(":").split(":")
        own = fields(cls)
        if head != cls.PREFIX or len(parts) > len(own):
            raise Forged("another prefix or too many fields")
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for index, field in enumerate(own):
            if index < len(parts):
                values[field.name] = _parse(parts[index], hints[field.name])
            elif field.default is not None:
                raise Forged(f"{field.name} missing")
        parsed = cls(**values)
        parsed.check()
        return parsed

    def check(self) -> None:
        """Rules between fields; raise Forged. Nothing by default."""


def _parse(text: str, hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if hint is int:
        if not _DIGITS.fullmatch(text) or not 1 <= int(text) <= MAX_ID:
            raise Forged("not an id")
        return int(text)
    if isinstance(hint, type) and issubclass(hint, enum.StrEnum):
        try:
            return hint(text)
        except ValueError:
            raise Forged("not one of the choices") from None
    if typing.get_origin(hint) is Literal:
        if text not in typing.get_args(hint):
            raise Forged("not one of the choices")
        return text
    if not TOKEN.fullmatch(text):
        raise Forged("not a token")
    return text


Handler = Callable[..., Awaitable[Any]]


def pressed_with(
    data_type: type[CallbackData], refuse: Callable[[Update, Any], Awaitable[Any]]
) -> Callable[[Handler], Handler]:
    """A button callback that gets its data parsed: `callback(update, context, data)`.
    Forged data goes to `refuse(update, context)` instead (its answer and return value)."""

    def wrap(callback: Handler) -> Handler:
        @functools.wraps(callback)
        async def handler(update: Update, context: Any) -> Any:
            try:
                data = data_type.unpack(update.callback_query.data)
            except Forged:
                return await refuse(update, context)
            return await callback(update, context, data)

        return handler

    return wrap
