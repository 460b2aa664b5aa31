"""Check a message or a shared contact number: red flags, numbers, links, handles, offers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from bot.numbercheck.appointments import find_appointment_offer
from bot.numbercheck.detector import Detector
from bot.numbercheck.judge import Assessment, Channel, Outcome
from bot.numbercheck.links import find_links
from bot.numbercheck.model import (
    COLLAPSED_VERDICTS,
    DANGER_RANK,
    CheckResult,
    CheckRules,
    Finding,
    FindingGroup,
    Verdict,
)
from bot.numbercheck.phone import classify_number, find_phone_numbers, parse_contact_number
from bot.numbercheck.redflags import FlagSeverity, RedFlag
from bot.numbercheck.signals import finding_signals, flag_signals
from bot.text_hygiene import clean

log = logging.getLogger(__name__)

# Telegram messages have at most 4096 characters (captions 1024); anything longer is cut here so a
# forwarded wall of text cannot make the check slow.
MAX_TEXT_LENGTH = 10_000
# A shared contact number longer than this is not a phone number.
MAX_PHONE_LENGTH = 64

_Located = tuple[int, Finding]


def _clean(text: str, limit: int) -> str:
    """Make any str safe to scan and to echo: cut to `limit`, NUL into space (so it cannot
    join two words), then without control and direction characters (bot/text_hygiene.py):
    an RLO could make an echoed number or link read differently from what it is."""
    return clean(text[:limit].replace("\x00", " "))


def _numbers(text: str, rules: CheckRules, taken: list[tuple[int, int]]) -> list[_Located]:
    found = []
    for hit in find_phone_numbers(text, rules.number_facts, rules.region):
        if any(hit.start < e and s < hit.end for s, e in taken):
            continue  # digits inside a link ("jena.de/seite/0364149")
        finding = classify_number(
            hit.raw, hit.number, rules.registry, rules.number_facts, rules.region
        )
        found.append((hit.start, finding))
    return found


def _dedup_key(finding: Finding) -> tuple[object, ...]:
    if finding.e164:
        return ("number", finding.e164)
    if finding.kind is Verdict.APPOINTMENT_RESALE:
        return ("appointment",)
    return (finding.kind, finding.display.lower())


def _group(unique: list[Finding], limit: int) -> tuple[list[FindingGroup], int]:
    """One group per finding, but one group per verdict for the collapsed (unknown) kinds,
    ordered by danger (ties in order of appearance). At most `limit` findings are kept in all;
    returns the groups and how many findings were left out."""
    groups: list[FindingGroup] = []
    collapsed_at: dict[Verdict, int] = {}
    for finding in unique:
        index = collapsed_at.get(finding.kind)
        if index is not None:
            groups[index] = FindingGroup(finding.kind, (*groups[index].findings, finding))
            continue
        if finding.kind in COLLAPSED_VERDICTS:
            collapsed_at[finding.kind] = len(groups)
        groups.append(FindingGroup(finding.kind, (finding,)))
    groups.sort(key=lambda g: DANGER_RANK[g.kind])
    kept: list[FindingGroup] = []
    room = limit
    for group in groups:
        if room <= 0:
            break
        kept.append(FindingGroup(group.kind, group.findings[:room]))
        room -= len(kept[-1].findings)
    return kept, len(unique) - (limit - room)


def _finish(
    located: list[_Located], red_flags: tuple[RedFlag, ...], rules: CheckRules, incomplete: bool
) -> CheckResult:
    located.sort(key=lambda item: item[0])
    seen: set[tuple[object, ...]] = set()
    unique: list[Finding] = []
    for _, finding in located:
        key = _dedup_key(finding)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    groups, omitted = _group(unique, rules.max_findings)
    return CheckResult(
        groups=tuple(groups), red_flags=red_flags, omitted=omitted, incomplete=incomplete
    )


def _guarded(step: Callable[[], list[_Located]], name: str) -> tuple[list[_Located], bool]:
    """Run one extraction step; a bug in it must not stop the other steps or raise."""
    try:
        return step(), False
    except Exception:
        log.exception("number check step %s failed", name)
        return [], True


def check_text(text: str, rules: CheckRules, extra_flags: tuple[RedFlag, ...] = ()) -> CheckResult:
    """Read `text` for red flags of fraud, then find and judge every phone number, link, e-mail
    address, Telegram handle and appointment offer in it. `extra_flags` come from elsewhere
    (the guided check's answers) and lead the red flags.

    Never raises: the input is sanitised first and each step is guarded; if a step fails, its
    findings are missing and `incomplete` is set.
    """
    try:
        clean = _clean(text if isinstance(text, str) else str(text), MAX_TEXT_LENGTH)
    except Exception:
        log.exception("number check could not read the text")
        return CheckResult(incomplete=True)

    located: list[_Located] = []
    link_spans: list[tuple[int, int]] = []

    def links() -> list[_Located]:
        hits = find_links(clean, rules)
        link_spans.extend((h.start, h.end) for h in hits)
        return [(h.start, h.finding) for h in hits]

    def numbers() -> list[_Located]:
        return _numbers(clean, rules, link_spans)

    def appointments() -> list[_Located]:
        span = find_appointment_offer(clean)
        if span is None:
            return []
        start, end = span
        word = clean[start:end]
        return [(start, Finding(Verdict.APPOINTMENT_RESALE, text=word, display=word))]

    incomplete = False
    for name, step in (("links", links), ("numbers", numbers), ("appointments", appointments)):
        found, failed = _guarded(step, name)
        located.extend(found)
        incomplete = incomplete or failed
    try:
        flags = rules.red_flags.find(clean)
    except Exception:
        log.exception("number check step red flags failed")
        flags, incomplete = (), True
    red_flags = extra_flags + tuple(f for f in flags if f not in extra_flags)
    result = _finish(located, red_flags, rules, incomplete)
    if rules.detector is None:
        return result
    try:
        assessment = _assess(clean, result, rules.detector, extra_flags)
    except Exception:
        log.exception("number check step detector failed")
        return replace(result, incomplete=True)
    return replace(result, assessment=assessment)


# What the check can find that makes a text dangerous whatever the model says.
DANGEROUS = frozenset(
    {
        Verdict.LOOKALIKE_LINK,
        Verdict.EMERGENCY_AS_CALLER,
        Verdict.APPOINTMENT_RESALE,
        Verdict.CITY_NAME_LINK,
    }
)


def result_signals(result: CheckResult) -> set[str]:
    """The detector's signals from what the check found: verdicts, reasons, red flags."""
    findings = result.findings
    return finding_signals(
        (f.kind.value for f in findings), (f.reason for f in findings)
    ) | flag_signals(flag.family for flag in result.red_flags)


def _assess(
    text: str, result: CheckResult, detector: Detector, extra_flags: tuple[RedFlag, ...]
) -> Assessment:
    dangerous = any(f.kind in DANGEROUS for f in result.findings)
    assessment = detector.assess(text, result_signals(result), dangerous)
    if extra_flags:  # the guided check of a call: its answers decide, and it was a call
        fraud = any(flag.severity is FlagSeverity.FRAUD for flag in extra_flags)
        outcome = Outcome.FRAUD if fraud else assessment.outcome
        return replace(assessment, outcome=outcome, channel=Channel.CALL)
    return assessment


def check_phone(raw: str, rules: CheckRules) -> CheckResult:
    """Judge the phone number of a shared contact card (a single number, not free text)."""
    try:
        clean = _clean(raw if isinstance(raw, str) else str(raw), MAX_PHONE_LENGTH).strip()
        if not clean:
            return CheckResult()
        number = parse_contact_number(clean, rules.region)
        finding = classify_number(clean, number, rules.registry, rules.number_facts, rules.region)
    except Exception:
        log.exception("number check of a contact number failed")
        return CheckResult(incomplete=True)
    return CheckResult(groups=(FindingGroup(finding.kind, (finding,)),))
