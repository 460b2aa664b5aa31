"""Find phone numbers in free text and classify one number against the registry."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumber
from phonenumbers import shortnumberinfo as sni

from bot.numbercheck.model import Finding, Verdict
from bot.numbercheck.registry import NumberRegistry
from bot.numbercheck.special import NumberFacts

# A POSSIBLE-only match (not a valid number) is reported as INVALID_NUMBER only if it is written
# like a dialled number: starting with "+" or a trunk/international "0" and at least this many
# digits. This keeps postcodes and counts out of the findings.
_MIN_DIGITS_FOR_INVALID = 6

# A country code written just before a match ("+44 (0) 152 ...", "0044 3641 ..."): libphonenumber's
# matcher may return only the part after it, read as a German number. The code is never dropped.
_COUNTRY_CODE_BEFORE = re.compile(r"(?:\+|(?<!\d)00)(\d{1,3})[\s./-]*(?:\(0\)[\s./-]*)?\(?$")
_LOOK_BEHIND = 12
# Leniencies: VALID accepts every German way of writing a number, extension dashes included
# ("03641 49-0"); POSSIBLE then finds short and invalid numbers. VALID may read two numbers as
# one long one ("03641 490 / 03641 810"): a match with a national number longer than this is
# read again with STRICT_GROUPING, which keeps the two apart. (STRICT_GROUPING on every text
# would cost twice the time of both passes.)
_PASSES = (Leniency.VALID, Leniency.POSSIBLE)
_LONGEST_SINGLE_NUMBER = 11
# Only a number ending like this can be an emergency number behind an area code ("03641 110").
_EMERGENCY_ENDINGS = ("110", "112")
# A run of digits the matcher took for no number at all (two numbers one space apart, a typo):
# reported as not valid, never silently dropped.
_DIGIT_RUN = re.compile(r"(?<![\w+])[+(]?\d[\d ()/.-]*\d")


@dataclass(frozen=True, slots=True)
class PhoneHit:
    """A number found in text: its span, the raw text and the parsed number."""

    start: int
    end: int
    raw: str
    number: PhoneNumber | None  # None: written like a number, but no number at all


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _written_like_a_number(raw: str) -> bool:
    stripped = raw.lstrip("( ")
    digits = sum(ch.isdigit() for ch in raw)
    return stripped[:1] in {"+", "0"} and digits >= _MIN_DIGITS_FOR_INVALID


def _keep_country_code(text: str, hit: PhoneHit, region: str) -> PhoneHit:
    """Extend a hit over a foreign country code written just before it, and parse it again."""
    if hit.raw.lstrip("(").startswith(("+", "00")):
        return hit
    window_start = max(0, hit.start - _LOOK_BEHIND)
    before = _COUNTRY_CODE_BEFORE.search(text[window_start : hit.start])
    if before is None:
        return hit
    start = window_start + before.start()
    raw = text[start : hit.end]
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException:
        digits = "".join(ch for ch in hit.raw if ch.isdigit()).lstrip("0") or "0"
        number = PhoneNumber(country_code=int(before.group(1)), national_number=int(digits))
    return PhoneHit(start, hit.end, raw, number)


def _keeps(match: phonenumbers.PhoneNumberMatch, leniency: Leniency, region: str) -> bool:
    if leniency is not Leniency.POSSIBLE:
        return True
    # POSSIBLE also finds years, counts and prices: keep valid short numbers ("110", "11833")
    # and what is written like a dialled number
    return sni.is_valid_short_number_for_region(match.number, region) or _written_like_a_number(
        match.raw_string
    )


def _apart(match: phonenumbers.PhoneNumberMatch, region: str) -> list[tuple[int, int, PhoneNumber]]:
    """The match, or the numbers STRICT_GROUPING finds in it if it is too long for one."""
    whole = [(match.start, match.end, match.number)]
    if len(phonenumbers.national_significant_number(match.number)) <= _LONGEST_SINGLE_NUMBER:
        return whole
    strict = list(
        phonenumbers.PhoneNumberMatcher(match.raw_string, region, Leniency.STRICT_GROUPING)
    )
    if len(strict) < 2:
        return whole
    return [(match.start + m.start, match.start + m.end, m.number) for m in strict]


def find_phone_numbers(text: str, facts: NumberFacts, region: str = "DE") -> list[PhoneHit]:
    """Every phone number in `text`, in order of appearance, found by libphonenumber's matcher.

    IBANs, amounts, dates, times, postcodes and labelled numbers are blanked out
    first. The matcher runs at two leniencies, strictest first; a later pass only adds
    numbers that do not overlap earlier ones. A foreign country code written before a match is
    never dropped (see _keep_country_code). Runs of digits written like a number that no pass
    accepted come last, without a number: they are reported as not valid.
    """
    masked = facts.mask(text)
    hits: list[PhoneHit] = []
    spans: list[tuple[int, int]] = []
    for leniency in _PASSES:
        found = []
        for match in phonenumbers.PhoneNumberMatcher(masked, region, leniency=leniency):
            if _overlaps(match.start, match.end, spans) or not _keeps(match, leniency, region):
                continue
            for start, end, number in _apart(match, region):
                hit = PhoneHit(start, end, text[start:end], number)
                found.append(_keep_country_code(text, hit, region))
        for hit in found:
            hits.append(hit)
            spans.append((hit.start, hit.end))
            # a later, more lenient pass need not read this number again
            masked = masked[: hit.start] + " " * (hit.end - hit.start) + masked[hit.end :]
        if not any(ch.isdigit() for ch in masked):
            break
    for run in _DIGIT_RUN.finditer(masked):
        if not _overlaps(run.start(), run.end(), spans) and _written_like_a_number(run.group()):
            hits.append(PhoneHit(run.start(), run.end(), text[run.start() : run.end()], None))
    hits.sort(key=lambda h: h.start)
    return hits


def parse_contact_number(raw: str, region: str = "DE") -> PhoneNumber | None:
    """Parse the phone number of a shared contact card; None if it is not a number.

    Telegram contact cards often carry the international number without "+"
    ("4915207168792"), so digits that do not start with "0" are tried as international first.
    """
    text = raw.strip()
    candidates = [text]
    if text[:1].isdigit() and not text.startswith("0"):
        candidates.insert(0, "+" + text)
    parsed: list[PhoneNumber] = []
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, region)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
        parsed.append(number)
    # Nothing valid: prefer the regional reading (short numbers like "110"), else the first parse.
    for number in reversed(parsed):
        if sni.is_valid_short_number_for_region(number, region):
            return number
    return parsed[-1] if parsed else None


def _display(number: PhoneNumber, domestic: bool) -> str:
    """National form for German numbers ("03641 490"), international for others."""
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if domestic
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)


def _emergency_reason(number: PhoneNumber, nsn: str, valid: bool, region: str) -> str:
    """ "emergency" for 110/112 (also "+49 110"), "emergency_with_area_code" for "03641 110"."""
    if sni.is_emergency_number(nsn, region):
        return "emergency"
    if valid and nsn.endswith(_EMERGENCY_ENDINGS):
        area = phonenumbers.length_of_geographical_area_code(number)
        if area and sni.is_emergency_number(nsn[area:], region):
            return "emergency_with_area_code"
    return ""


def classify_number(
    raw: str,
    number: PhoneNumber | None,
    registry: NumberRegistry,
    facts: NumberFacts,
    region: str = "DE",
) -> Finding:
    """The verdict for one number. Order: emergency, official, special, foreign, unknown."""
    if number is None:
        return Finding(Verdict.INVALID_NUMBER, text=raw, display=raw.strip())
    key = (
        number.country_code,
        number.national_number,
        bool(number.italian_leading_zero),
        number.number_of_leading_zeros or 1,
    )
    finding, as_written = _classify(key, registry, facts, region)
    return replace(finding, text=raw, display=raw.strip() if as_written else finding.display)


@lru_cache(maxsize=4096)
def _classify(
    key: tuple[int, int, bool, int], registry: NumberRegistry, facts: NumberFacts, region: str
) -> tuple[Finding, bool]:
    """The verdict for one parsed number (a pure function of it and the rules, so cached: in a
    scam wave many residents check the same number), and whether to show it as written."""
    country_code, national_number, leading_zero, zeros = key
    number = PhoneNumber(
        country_code=country_code,
        national_number=national_number,
        italian_leading_zero=leading_zero or None,
        number_of_leading_zeros=zeros if leading_zero else None,
    )
    domestic = country_code == phonenumbers.country_code_for_region(region)
    if not domestic:  # a foreign country code: never the city's, whatever digits follow
        return _finding(Verdict.FOREIGN, number, domestic), False
    nsn = phonenumbers.national_significant_number(number)
    valid = phonenumbers.is_valid_number(number)
    reason = _emergency_reason(number, nsn, valid, region)
    if reason:
        return _finding(Verdict.EMERGENCY_AS_CALLER, number, domestic, reason=reason), False
    short = not valid and sni.is_valid_short_number_for_region(number, region)
    match = registry.lookup(number) if valid or short else None
    if match is not None:
        entry = match.entry
        official = _finding(
            Verdict.OFFICIAL,
            number,
            domestic,
            owner=entry.owner,
            department=entry.department,
            source=entry.source,
            block=not match.exact,
        )
        return official, False
    special = facts.special(nsn)
    if special is not None and (valid or short or special.costly):
        kind = Verdict.PREMIUM if special.costly else Verdict.SERVICE
        found = _finding(kind, number, domestic, reason=special.kind, source=special.source)
        return found, not (valid or short)
    if valid or short:
        return _finding(Verdict.UNKNOWN, number, domestic, reason="short_number" * short), False
    # libphonenumber formats an invalid number as bare digits; show it as the person wrote it
    return _finding(Verdict.INVALID_NUMBER, number, domestic), True


def _finding(kind: Verdict, number: PhoneNumber, domestic: bool, **values: Any) -> Finding:
    display = _display(number, domestic)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Finding(kind, text="", display=display, e164=e164, **values)
