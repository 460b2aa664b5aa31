"""What the public site shows, as plain values: each sent alert with its messages (the first,
each update, the withdrawal), each message's plain text per language, and whether the alert
is current, withdrawn or expired.

Every page and feed is written from one Snapshot, so they all agree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.storage.public import PublicRecord
from bot.telegram_html import plain_text

KEPT = timedelta(days=30)  # how long a warning stays on the site, withdrawn or not
HEADLINE_MAX = 160  # characters; CAP advises a headline short enough for a pager


class MessageType(StrEnum):
    """CAP's msgType of each message about an alert."""

    ALERT = "Alert"
    UPDATE = "Update"
    CANCEL = "Cancel"


class Standing(StrEnum):
    CURRENT = "current"
    WITHDRAWN = "withdrawn"  # Entwarnung
    EXPIRED = "expired"


@dataclass(frozen=True)
class Message:
    """One message about an alert, as the CAP file of that name holds it."""

    identifier: str
    msg_type: MessageType
    sent: datetime  # UTC
    texts: dict[str, str]  # language -> plain text as residents read it, default language first

    def lines(self, language: str) -> list[str]:
        return [line.strip() for line in self.text(language).splitlines() if line.strip()]

    def text(self, language: str) -> str:
        return self.texts.get(language) or next(iter(self.texts.values()))

    def headline(self, language: str) -> str:
        """The line that says what it is about: the withdrawal's first line; else the line
        after the heading ("Warnung der Stadt …"), the kind's first sentence or the desk's."""
        lines = self.lines(language) or [""]
        chosen = lines[0] if self.msg_type == MessageType.CANCEL or len(lines) < 2 else lines[1]
        return chosen if len(chosen) <= HEADLINE_MAX else chosen[: HEADLINE_MAX - 1] + "…"

    def description(self, language: str) -> str:
        """The text without its heading line (the page shows severity and city itself)."""
        lines = self.text(language).strip().splitlines()
        if self.msg_type != MessageType.CANCEL and len(lines) > 1:
            lines = lines[1:]
        return "\n".join(lines).strip()


@dataclass(frozen=True)
class PublicAlert:
    id: int
    kind: str
    severity: str
    district_ids: tuple[str, ...]  # every district if it went to the whole city
    all_districts: bool
    messages: tuple[Message, ...]  # oldest first: Alert, Update …, Cancel
    expires: datetime

    @property
    def first(self) -> Message:
        return self.messages[0]

    @property
    def last(self) -> Message:
        return self.messages[-1]

    @property
    def withdrawn(self) -> bool:
        return self.last.msg_type == MessageType.CANCEL

    def standing(self, now: datetime) -> Standing:
        if self.withdrawn:
            return Standing.WITHDRAWN
        return Standing.EXPIRED if now >= self.expires else Standing.CURRENT

    def previous(self, message: Message) -> Message | None:
        """The message this one refers to (CAP references): the one before it."""
        index = self.messages.index(message)
        return self.messages[index - 1] if index else None


@dataclass(frozen=True)
class Snapshot:
    """The site at one moment: alerts newest first."""

    alerts: tuple[PublicAlert, ...]
    now: datetime

    def in_district(self, district_id: str) -> tuple[PublicAlert, ...]:
        return tuple(a for a in self.alerts if district_id in a.district_ids)

    def standing(self, standing: Standing) -> tuple[PublicAlert, ...]:
        return tuple(a for a in self.alerts if a.standing(self.now) == standing)

    def next_expiry(self) -> datetime | None:
        """When the next current alert expires (the site changes then)."""
        ahead = [a.expires for a in self.alerts if a.standing(self.now) == Standing.CURRENT]
        return min(ahead, default=None)


def content_of(alert: PublicAlert) -> Message:
    """The latest message with the warning's own text (not the withdrawal's)."""
    return next(m for m in reversed(alert.messages) if m.msg_type != MessageType.CANCEL)


def public_alerts(
    records: Sequence[PublicRecord],
    *,
    prefix: str,
    every_district: tuple[str, ...],
    lasts: Callable[[str], timedelta],
) -> tuple[PublicAlert, ...]:
    """The records as the site shows them. `prefix`: the start of every CAP identifier
    (e.g. "stadtwarn-jena"); `every_district`: the city's district ids; `lasts`: how long
    an alert of a severity is current (STADTWARN_EXPIRY)."""
    return tuple(
        PublicAlert(
            id=record.id,
            kind=record.kind,
            severity=record.severity,
            district_ids=every_district if record.all_districts else record.district_ids,
            all_districts=record.all_districts,
            messages=_messages(record, prefix),
            expires=record.queued_at + lasts(record.severity),
        )
        for record in records
        if record.revisions
    )


def _messages(record: PublicRecord, prefix: str) -> tuple[Message, ...]:
    messages = [
        Message(
            identifier=f"{prefix}-{record.id}-{revision.revision}",
            msg_type=MessageType.UPDATE if index else MessageType.ALERT,
            sent=max(revision.made_at, record.queued_at),  # the first goes out when queued
            texts=_plain(revision.bodies, record.default_language),
        )
        for index, revision in enumerate(record.revisions)
    ]
    if record.withdrawn and record.cancelled_at is not None:
        messages.append(
            Message(
                identifier=f"{prefix}-{record.id}-cancel",
                msg_type=MessageType.CANCEL,
                sent=record.cancelled_at,
                texts=_plain(record.withdrawn, record.default_language),
            )
        )
    return tuple(messages)


def _plain(bodies: dict[str, str], default: str) -> dict[str, str]:
    """Telegram HTML as the plain text residents read; the default language first."""
    ordered = sorted(bodies.items(), key=lambda item: item[0] != default)
    return {language: plain_text(html) for language, html in ordered}
