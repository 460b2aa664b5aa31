"""Find phone numbers in free text and classify one number against the registry."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumber, PhoneNumberType
from phonenumbers import shortnumberinfo as sni

from bot.numbercheck.model import Finding, Verdict
from bot.numbercheck.registry import NumberRegistry

# A POSSIBLE-only match (not a valid number) is reported as INVALID_NUMBER only if it is written
# like a dialled number: starting with "+" or a trunk/international "0" and at least this many
# digits. This keeps dates, times, postcodes and prices out of the findings.
_MIN_DIGITS_FOR_INVALID = 6

_PREMIUM_TYPES = {
    PhoneNumberType.PREMIUM_RATE: "premium_rate",  # 0900, 0137 is reported as shared cost
    PhoneNumberType.SHARED_COST: "shared_cost",  # 0180x
}

# Fallbacks where libphonenumber's German metadata does not say "costly":
# - 118xx directory enquiries are valid short numbers, but their expected cost is UNKNOWN_COST;
# - 0191-0194 (online services, dial-in) are not in the metadata at all, so the number is invalid.
_DIRECTORY_ENQUIRIES_PREFIX = "118"
_ONLINE_SERVICE_PREFIXES = ("191", "192", "193", "194")

# Runs of number-like groups ("+44 20 7946 0958 03641 49-0"), only to cut them into candidates
# that libphonenumber validates; a number rarely has more than six groups.
_NUMBER_RUN = re.compile(r"(?<![\d()/+-])[+(]?\d[\d()/-]*+(?: [+(]?\d[\d()/-]*+)++")
_GROUP = re.compile(r"\S+")
_MAX_GROUPS = 6


@dataclass(frozen=True, slots=True)
class PhoneHit:
    """A number found in text: its span, the raw text and the parsed number."""

    start: int
    end: int
    raw: str
    number: PhoneNumber


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _written_like_a_number(raw: str) -> bool:
    stripped = raw.lstrip("( ")
    digits = sum(ch.isdigit() for ch in raw)
    return stripped[:1] in {"+", "0"} and digits >= _MIN_DIGITS_FOR_INVALID


def _starts_a_number(group: str) -> bool:
    """A group that may open a new number: "+…", or "0…" with three or more digits (a trunk or
    international prefix). It does when the groups before it are a valid number already."""
    return group.startswith("+") or (group.startswith("0") and sum(c.isdigit() for c in group) >= 3)


def _valid_number(candidate: str, region: str) -> PhoneNumber | None:
    if sum(c.isdigit() for c in candidate) < _MIN_DIGITS_FOR_INVALID:
        return None  # too short for a full number; short numbers are pass 2's
    try:
        number = phonenumbers.parse(candidate, region)
    except NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _run_together(text: str, region: str) -> list[PhoneHit]:
    """Valid numbers inside runs of digit groups that libphonenumber reads as one candidate.

    The matcher takes "0900 1234567 03641 490" (two numbers, one space apart) as one invalid
    candidate and loses both. Here each run of number-like groups is cut greedily into the
    longest valid numbers; libphonenumber still decides what is valid.
    """
    hits = []
    for run in _NUMBER_RUN.finditer(text):
        groups = list(_GROUP.finditer(run.group()))
        i = 0
        while i < len(groups):
            found = None
            for j in range(min(len(groups), i + _MAX_GROUPS), i, -1):
                start, end = run.start() + groups[i].start(), run.start() + groups[j - 1].end()
                number = _valid_number(text[start:end], region)
                if number is not None and not any(
                    _starts_a_number(groups[k].group())
                    and _valid_number(text[start : run.start() + groups[k - 1].end()], region)
                    for k in range(i + 1, j)
                ):
                    found = PhoneHit(start, end, text[start:end], number)
                    i = j
                    break
            if found is None:
                i += 1
            else:
                hits.append(found)
    return hits


def find_phone_numbers(text: str, region: str = "DE") -> list[PhoneHit]:
    """Every phone number in `text`, in order of appearance.

    Pass 1 uses Leniency.VALID: it accepts every German way of writing a number (+49, 0049,
    "(0)", spaces, slashes, dashes, parentheses, "03641 49-0"), while STRICT_GROUPING and
    EXACT_GROUPING reject extension dashes like "49-0".
    Before both, runs of digit groups are cut into valid numbers (see _run_together), which
    libphonenumber would otherwise read as one invalid number.
    Pass 2 uses Leniency.POSSIBLE, because VALID drops short numbers ("110", "+49 110", "11833")
    and numbers libphonenumber does not know ("0191 ..."), which we must still warn about. From
    it we keep only valid short numbers and things written like a dialled number.
    """
    hits = _run_together(text, region)
    spans = [(h.start, h.end) for h in hits]
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
        if _overlaps(match.start, match.end, spans):
            continue
        hits.append(PhoneHit(match.start, match.end, match.raw_string, match.number))
        spans.append((match.start, match.end))
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.POSSIBLE):
        if _overlaps(match.start, match.end, spans):
            continue
        short = sni.is_valid_short_number_for_region(match.number, region)
        if short or _written_like_a_number(match.raw_string):
            hits.append(PhoneHit(match.start, match.end, match.raw_string, match.number))
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


def _display(number: PhoneNumber, region_cc: int) -> str:
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == region_cc
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)


def _emergency_reason(number: PhoneNumber, region: str) -> str:
    """ "emergency" for 110/112 (also "+49 110"), "emergency_with_area_code" for "03641 110"."""
    nsn = phonenumbers.national_significant_number(number)
    if sni.is_emergency_number(nsn, region):
        return "emergency"
    if phonenumbers.is_valid_number(number):
        area = phonenumbers.length_of_geographical_area_code(number)
        if area and sni.is_emergency_number(nsn[area:], region):
            return "emergency_with_area_code"
    return ""


def _premium_reason(number: PhoneNumber, region: str, short: bool) -> str:
    nsn = phonenumbers.national_significant_number(number)
    reason = _PREMIUM_TYPES.get(phonenumbers.number_type(number), "")
    if reason:
        return reason
    if short:
        if sni.expected_cost_for_region(number, region) == sni.ShortNumberCost.PREMIUM_RATE:
            return "premium_rate"
        if nsn.startswith(_DIRECTORY_ENQUIRIES_PREFIX):
            return "directory_enquiries"
    if nsn.startswith(_ONLINE_SERVICE_PREFIXES):
        return "online_service"
    return ""


def classify_number(
    raw: str, number: PhoneNumber | None, registry: NumberRegistry, region: str = "DE"
) -> Finding:
    """The verdict for one number. Order: emergency, official, premium, foreign, unknown."""
    if number is None:
        return Finding(Verdict.INVALID_NUMBER, text=raw, display=raw.strip())
    region_cc = phonenumbers.country_code_for_region(region)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    display = _display(number, region_cc)
    domestic = number.country_code == region_cc

    def finding(kind: Verdict, reason: str = "") -> Finding:
        return Finding(kind, text=raw, display=display, e164=e164, reason=reason)

    if domestic:
        reason = _emergency_reason(number, region)
        if reason:
            return finding(Verdict.EMERGENCY_AS_CALLER, reason)
    valid = phonenumbers.is_valid_number(number)
    short = domestic and not valid and sni.is_valid_short_number_for_region(number, region)
    if valid or short:
        match = registry.lookup(number)
        if match is not None:
            entry = match.entry
            return Finding(
                Verdict.OFFICIAL,
                text=raw,
                display=display,
                e164=e164,
                owner=entry.owner,
                department=entry.department,
                source=entry.source,
                block=not match.exact,
            )
    if domestic:
        reason = _premium_reason(number, region, short)
        if reason:
            shown = display if valid or short else raw.strip()
            return Finding(Verdict.PREMIUM, text=raw, display=shown, e164=e164, reason=reason)
    elif valid or phonenumbers.is_possible_number(number):
        return finding(Verdict.FOREIGN)
    if valid or short:
        return finding(Verdict.UNKNOWN, "short_number" if short else "")
    # libphonenumber formats an invalid number as bare digits; show it as the person wrote it
    return Finding(Verdict.INVALID_NUMBER, text=raw, display=raw.strip(), e164=e164)
