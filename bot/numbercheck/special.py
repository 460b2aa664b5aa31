"""German special numbers (115, 116 116, 0800, 0900 ...) and what is never a phone number."""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NUMBERS_PATH = Path(__file__).resolve().parent / "data" / "numbers_de.toml"

# Shapes that are never phone numbers: IBANs, amounts of money, dates, clock times, and
# postcodes before a place name ("07743 Jena", "D-07743 Jena").
_IBAN = r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b"
_AMOUNT = r"(?:€|\bEUR\b|\bEuro\b)\s?\d[\d.,]*|\d[\d.,]*(?: \d{3})*\s?(?:€|EUR\b|Euro?s?\b|,-)"
_DATE = r"\b\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{4}\b|\s?\d{2}\b)?|\b\d{4}-\d{2}-\d{2}\b"
_TIME = r"\b\d{1,2}:\d{2}\b"
_POSTCODE = r"\b(?:D-)?\d{5}(?=\s+(?-i:[A-ZÄÖÜ][a-zäöüß]{2,}))"
_UMLAUTS = {"ä": "(?:ä|ae|a)", "ö": "(?:ö|oe|o)", "ü": "(?:ü|ue|u)", "ß": "(?:ß|ss)"}


class SpecialKind(enum.StrEnum):
    """What a special number is; the templates word each kind."""

    AUTHORITY_LINE = "authority_line"  # 115
    CARD_BLOCKING = "card_blocking"  # 116 116
    ON_CALL_DOCTOR = "on_call_doctor"  # 116 117
    FREEPHONE = "freephone"  # 0800
    PERSONAL_NUMBER = "personal_number"  # 0700
    SHARED_COST = "shared_cost"  # 0180
    MASS_CALLING = "mass_calling"  # 0137
    PREMIUM_RATE = "premium_rate"  # 0900
    DIRECTORY_ENQUIRIES = "directory_enquiries"  # 118xx


@dataclass(frozen=True, slots=True)
class SpecialNumber:
    """One special number or number range, as listed with its source."""

    prefix: str  # national significant number (or its start), e.g. "900", "116116"
    exact: bool
    kind: SpecialKind
    costly: bool
    source: str


class NumberFacts:
    """The special numbers and the mask that hides what is never a phone number."""

    def __init__(self, specials: tuple[SpecialNumber, ...], labels: tuple[str, ...]) -> None:
        self.specials = specials
        self._by_length = sorted(specials, key=lambda s: len(s.prefix), reverse=True)
        label_pattern = "|".join(_label_regex(label) for label in labels)
        not_phone = [_IBAN, _AMOUNT, _DATE, _TIME, _POSTCODE]
        if label_pattern:
            # the label, then its number: digits with spaces, dots, slashes and dashes
            not_phone.insert(
                0, rf"\b(?:{label_pattern})\b[\s:#.-]*(?:nr\.?\s*)?[A-Z]{{0,4}}\d[\d /.-]*"
            )
        self._not_phone = re.compile("|".join(not_phone), re.IGNORECASE)

    def special(self, national_number: str) -> SpecialNumber | None:
        """The special number this national number is, or belongs to; the longest wins."""
        for entry in self._by_length:
            if entry.exact and national_number == entry.prefix:
                return entry
            if not entry.exact and national_number.startswith(entry.prefix):
                return entry
        return None

    def mask(self, text: str) -> str:
        """`text` with IBANs, amounts, dates, times, postcodes and labelled numbers blanked out.
        The result has the same length, so positions still point into `text`."""
        return self._not_phone.sub(lambda m: " " * len(m.group()), text)

    @classmethod
    def load(cls, path: Path = NUMBERS_PATH) -> NumberFacts:
        with path.open("rb") as file:
            return cls.from_config(tomllib.load(file))

    @classmethod
    def from_config(cls, raw: Mapping[str, Any]) -> NumberFacts:
        specials = []
        for index, item in enumerate(raw.get("special", [])):
            where = f"special[{index}]"
            prefix = str(item.get("prefix", ""))
            if not prefix.isdigit():
                raise ValueError(f"{where}.prefix: {prefix!r} must be digits")
            if not str(item.get("source", "")).strip():
                raise ValueError(f"{where}.source: every special number needs its source")
            try:
                kind = SpecialKind(item.get("kind", ""))
            except ValueError:
                raise ValueError(
                    f"{where}.kind: {item.get('kind')!r} is not a known kind"
                ) from None
            specials.append(
                SpecialNumber(
                    prefix=prefix,
                    exact=bool(item.get("exact", False)),
                    kind=kind,
                    costly=bool(item.get("costly", False)),
                    source=str(item["source"]),
                )
            )
        labels = tuple(str(label) for label in raw.get("not_phone_labels", []))
        return cls(tuple(specials), labels)


def _label_regex(label: str) -> str:
    escaped = re.escape(label.lower()).replace(r"\ ", r"\s?").replace(r"\-", "[-\\s]?")
    for umlaut, alternatives in _UMLAUTS.items():
        escaped = escaped.replace(umlaut, alternatives)
    return escaped
