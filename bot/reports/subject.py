"""What a report is about, read from a check: the first number (E.164) or site in it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass

import phonenumbers

from bot.numbercheck import CheckResult
from bot.numbercheck.model import Verdict

HARMLESS = frozenset({Verdict.OFFICIAL, Verdict.SERVICE, Verdict.OFFICIAL_LINK})
OFFICIAL = frozenset({Verdict.OFFICIAL, Verdict.OFFICIAL_LINK})


@dataclass(frozen=True)
class Subject:
    value: str  # what is stored and counted: "+4936414900", "jena-termine.de"
    display: str  # as the resident wrote it
    official: bool  # the city's own number or site: reports mean it is being faked


@dataclass(frozen=True)
class VerdictReports:
    """What a check's verdict shows about reports: what residents reported about its numbers
    and sites, the subject a report of it is about, and whether to offer "Melden"."""

    reported: Mapping[str, object]  # by subject: what Reports.about found
    subject: Subject | None
    offer_report: bool


async def verdict_reports(
    result: CheckResult, about: Callable[[list[str]], Awaitable[Mapping[str, object]]]
) -> VerdictReports:
    """One call for the check's handler: `about` (Reports.about) looks up what residents
    reported about the result's subjects."""
    reported = await about(subjects_in(result))
    return VerdictReports(reported, subject_of(result), worth_reporting(result, reported))


def subject_of(result: CheckResult) -> Subject | None:
    """The first number or site; an official one only if nothing else is in the text."""
    found = [f for f in result.findings if f.e164 or f.domain]
    found.sort(key=lambda f: f.kind in OFFICIAL)  # stable: others first, in their order
    if not found:
        return None
    first = found[0]
    return Subject(first.e164 or first.domain, first.display, first.kind in OFFICIAL)


def subjects_in(result: CheckResult) -> list[str]:
    return [f.e164 or f.domain for f in result.findings if f.e164 or f.domain]


def worth_reporting(result: CheckResult, reported: Collection[str] = ()) -> bool:
    """Every verdict but "official and harmless" offers the report button; so does an
    official number residents already report (callers fake it)."""
    if result.nothing_found:
        return False
    if any(subject in reported for subject in subjects_in(result)):
        return True
    return bool(result.red_flags) or any(f.kind not in HARMLESS for f in result.findings)


def shown(subject: str) -> str:
    """A stored subject as residents write it: a number in national format, a site as it is."""
    if not subject.startswith("+"):
        return subject
    try:
        number = phonenumbers.parse(subject)
    except phonenumbers.NumberParseException:
        return subject
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
