"""Every button's callback data: one small class per prefix that packs and parses itself.

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

from bot.alerts.compose import KINDS
from bot.numbercheck.detector import Channel
from bot.numbercheck.guided import Caller, Request
from bot.vocabulary import SEVERITIES, ReportKind

MAX_BYTES = 64  # Telegram's limit for callback data
MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger id cannot name a row
_TOKEN = re.compile(r"[A-Za-z0-9+._*-]{1,48}")
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
    if not _TOKEN.fullmatch(text):
        raise Forged("not a token")
    return text


# --- residents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Pick(CallbackData):
    """The residents' district picker: a district id, or *all (whole city), *done."""

    PREFIX = "pick"
    ALL: ClassVar[str] = "*all"
    DONE: ClassVar[str] = "*done"
    target: str


@dataclass(frozen=True)
class Join(CallbackData):
    """Subscribe to one district (a name's or a location's proposal); never unsubscribes."""

    PREFIX = "join"
    district: str


@dataclass(frozen=True)
class Menu(CallbackData):
    """Under a greeting: choose districts (checking a number is Guided())."""

    PREFIX = "menu"
    action: Literal["districts"]


@dataclass(frozen=True)
class Guided(CallbackData):
    """The guided check: gc, gc:<caller>, gc:<caller>:<request>, gc:<caller>:<request>:none."""

    PREFIX = "gc"
    caller: Caller | None = None
    request: Request | None = None
    no_number: Literal["none"] | None = None

    def check(self) -> None:
        if (self.no_number and not self.request) or (self.request and not self.caller):
            raise Forged("a step without the one before")


@dataclass(frozen=True)
class Unsure(CallbackData):
    """The detector was unsure about a text: what did they want? uq:<channel>:<caller>:<request>
    (the text itself is in no button and nowhere stored)."""

    PREFIX = "uq"
    channel: Channel
    caller: Caller
    request: Request


@dataclass(frozen=True)
class ScamHelp(CallbackData):
    """What to do if it already happened."""

    PREFIX = "scamhelp"


@dataclass(frozen=True)
class Stop(CallbackData):
    """After /stop: delete everything, or keep it."""

    PREFIX = "stop"
    answer: Literal["yes", "no"]


@dataclass(frozen=True)
class Language(CallbackData):
    """A language; `kept` when shown to a chat with stored data, so that the button is stale
    once /stop deleted it instead of storing the chat again."""

    PREFIX = "lang"
    code: str
    kept: Literal["kept"] | None = None


ReportAction = Literal["new", "none", "k", "d", "nonote", "send", "cancel"]


@dataclass(frozen=True)
class ReportStep(CallbackData):
    """The report flow: new[:<number or site, as the check read it>], none, k:<kind>,
    d:<district id>|*other, nonote, send, cancel. The subject in `new` is only a hint: the
    report's subject is what the bot's own check reads from it."""

    PREFIX = "rp"
    OTHER_DISTRICT: ClassVar[str] = "*other"
    action: ReportAction
    value: str | None = None

    def check(self) -> None:
        needs = {"new": None, "k": True, "d": True}.get(self.action, False)
        if (needs is True and self.value is None) or (needs is False and self.value is not None):
            raise Forged("a value where none belongs, or none where one must be")
        if self.action == "k" and self.value not in ReportKind.__members__.values():
            raise Forged("not a kind of report")

    @property
    def kind(self) -> ReportKind:
        return ReportKind(self.value)

    @classmethod
    def new(cls, subject: str) -> ReportStep:
        """ "Melden" under a check: with the subject as a hint where it fits, else without."""
        hint = cls("new", subject)
        if _TOKEN.fullmatch(subject) and len(hint.pack_unchecked().encode()) <= MAX_BYTES:
            return hint
        return cls("new")


@dataclass(frozen=True)
class Vote(CallbackData):
    """Under every alert: "Ich hatte auch so einen Anruf"."""

    PREFIX = "vote"
    alert_id: int


# --- the comms desk ----------------------------------------------------------------------


@dataclass(frozen=True)
class SpikeDraft(CallbackData):
    """A spike's message to the admins: draft the matching alert."""

    PREFIX = "spike"
    action: Literal["draft"]
    spike_id: int


@dataclass(frozen=True)
class AlertKind(CallbackData):
    """The composer's first step: a kind of alert, or abort."""

    PREFIX = "ak"
    ABORT: ClassVar[str] = "*abort"
    kind: str

    def check(self) -> None:
        if self.kind != self.ABORT and self.kind not in KINDS:
            raise Forged("not a kind of alert")


@dataclass(frozen=True)
class AlertDistrict(CallbackData):
    """The composer's district picker: a district id, *all, *done; after "0 recipients"
    *anyway or *back."""

    PREFIX = "ad"
    ALL: ClassVar[str] = "*all"
    DONE: ClassVar[str] = "*done"
    ANYWAY: ClassVar[str] = "*anyway"
    BACK: ClassVar[str] = "*back"
    target: str


@dataclass(frozen=True)
class AlertSeverity(CallbackData):
    PREFIX = "as"
    severity: str

    def check(self) -> None:
        if self.severity not in SEVERITIES:
            raise Forged("not a severity")


@dataclass(frozen=True)
class AlertChangePart(CallbackData):
    """After "Ändern": which part to change."""

    PREFIX = "ac"
    part: Literal["districts", "severity", "text"]


AlertVerb = Literal[
    "send", "edit", "drop", "ok", "no",  # preview and approval
    "withdraw", "withdraw_yes", "withdraw_no",  # Entwarnung, after a yes/no question
    "update", "update_yes", "update_no",  # a new text for a sent alert
]  # fmt: skip


@dataclass(frozen=True)
class AlertAction(CallbackData):
    """The desk's buttons under a preview or a sent alert's status: adm:<verb>:<alert id>."""

    PREFIX = "adm"
    verb: AlertVerb
    alert_id: int

    @classmethod
    def pattern_for(cls, *verbs: str) -> str:
        return f"^{cls.PREFIX}:({'|'.join(verbs)}):"


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
