"""Every prefix of the bot's callback data: one small class each, packed and parsed by
`CallbackData` (handlers/keyboards/packing.py, which also checks Telegram's 64 bytes).

Nothing outside handlers/keyboards/ takes callback data apart (tests/test_architecture.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from bot.alerts.compose import KINDS
from bot.numbercheck.detector import Channel
from bot.numbercheck.guided import Caller, Request
from bot.vocabulary import SEVERITIES, ReportKind
from handlers.keyboards.packing import MAX_BYTES, TOKEN, CallbackData, Forged, pressed_with

__all__ = [
    "AlertAction", "AlertChangePart", "AlertDistrict", "AlertKind", "AlertSeverity",
    "CallbackData", "CityAnnounce", "Forged", "Guided", "HoursDesk", "Join", "Language", "Menu",
    "Pick", "Remind", "ReportStep", "ScamHelp", "SpikeDraft", "Stop", "Unsure", "Vote",
    "pressed_with",
]  # fmt: skip


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
class Remind(CallbackData):
    """Under /kontakt and the answers of /erinnerung: switch reminders of office hours on
    or off (not a toggle: a double tap or a replay leaves it as the button said)."""

    PREFIX = "remind"
    to: Literal["on", "off"]


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
        if TOKEN.fullmatch(subject) and len(hint.pack_unchecked().encode()) <= MAX_BYTES:
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
class CityAnnounce(CallbackData):
    """Under officer data residents were not told of: announce it. `digest` names the data
    the admin saw (bot/city_reload.py Reload.digest), so a button under an older difference
    announces nothing."""

    PREFIX = "city"
    digest: str


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


@dataclass(frozen=True)
class AlertTranslation(CallbackData):
    """The composer's optional translations: a language to translate into, *done (on to the
    preview) or *back (from a language's question to the list)."""

    PREFIX = "at"
    DONE: ClassVar[str] = "*done"
    BACK: ClassVar[str] = "*back"
    target: str


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


HoursAction = Literal["open", "area", "cancel", "add", "substitute", "note", "send", "drop"]
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class HoursDesk(CallbackData):
    """ "Sprechstunde ändern" under /kontakt, for admins: open (the areas), area:<id>,
    cancel:<id>:<YYYY-MM-DD>, add:<id> (a typed day and time follow), substitute:<id> (a
    typed period, name and phone follow), note (under a preview: a typed reason follows),
    send, drop."""

    PREFIX = "hd"
    action: HoursAction
    area: str | None = None
    day: str | None = None

    def check(self) -> None:
        needs_area = self.action in ("area", "cancel", "add", "substitute")
        if needs_area != (self.area is not None) or (self.action == "cancel") != (
            self.day is not None
        ):
            raise Forged("an area or day where none belongs, or none where one must be")
        if self.day is not None:
            try:
                if not _DAY.fullmatch(self.day):
                    raise ValueError
                date.fromisoformat(self.day)
            except ValueError:
                raise Forged("not a day") from None

    @property
    def chosen_day(self) -> date:
        return date.fromisoformat(self.day or "")
