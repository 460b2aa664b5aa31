"""What the reports service takes and gives, as plain values: a resident's report, a spike,
what the check and the comms desk are shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.reports.vocabulary import ReportOutcome, SpikeScope
from bot.vocabulary import ReportKind

MAX_NOTE = 500  # characters of the resident's own words


class ReportInputError(ValueError):
    """A report that cannot be stored as given (`code`: note_too_long, unknown_district)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class ReportDraft:
    kind: ReportKind
    district_id: str
    subject: str = ""  # E.164 number or site; "" if the resident had none
    note: str = ""


@dataclass(frozen=True)
class Spike:
    """A wave: `count` reports of `subject` (NUMBER) or of `kind` in `district_id` (KIND)
    within the window; with the districts and numbers it touches."""

    id: int
    scope: SpikeScope
    count: int
    started_at: datetime
    subject: str = ""
    kind: ReportKind | None = None
    district_id: str = ""
    districts: tuple[str, ...] = ()
    top_subjects: tuple[tuple[str, int], ...] = ()
    new: bool = False  # first told now (else: its message is updated)


@dataclass(frozen=True)
class Submitted:
    outcome: ReportOutcome
    spikes: tuple[Spike, ...] = ()


@dataclass(frozen=True)
class SubjectReports:
    """What residents reported about one number in the last SHOWN_DAYS days."""

    residents: int
    kinds: tuple[ReportKind, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Note:
    """A resident's own words with a report: for the comms desk only."""

    reported_at: datetime
    district_id: str
    kind: ReportKind
    subject: str
    text: str


@dataclass(frozen=True)
class Overview:
    """Reports of the last `days` days (one district or all) against the `days` before."""

    days: int
    district_id: str
    total: int
    previous_total: int
    by_district: tuple[tuple[str, int, int], ...]  # (district, now, the period before)
    by_kind: tuple[tuple[ReportKind, int, int], ...]
    top_subjects: tuple[tuple[str, int], ...]
    rows: tuple[tuple[str, ReportKind, str, int], ...]  # (district, kind, subject, count)
    spikes: tuple[Spike, ...]
    notes: tuple[Note, ...]  # the newest
    note_count: int = 0  # all notes of the `days` days
