"""Registry of official phone numbers: exact numbers and number blocks, longest-prefix lookup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber
from phonenumbers import shortnumberinfo as sni

# A block must extend past the area code (or mobile network code) by at least this many digits,
# so that a typo like prefix = "03641" can never turn every number in Jena into an "official" one.
MIN_BLOCK_DIGITS_AFTER_AREA_CODE = 1
# Longest national significant number ITU-T E.164 allows; used to probe what a prefix can start.
_MAX_NSN_LENGTH = 15


@dataclass(frozen=True, slots=True)
class OfficialEntry:
    """One official number or number block, as published, with its normalised key."""

    key: str  # E.164 digits without "+", e.g. "493641490"; for blocks the digit prefix
    is_block: bool
    written: str  # as published, e.g. "03641 49-0"
    owner: str
    department: str
    source: str


@dataclass(frozen=True, slots=True)
class RegistryMatch:
    """Result of a registry lookup."""

    entry: OfficialEntry
    exact: bool


def _digits_key(number: PhoneNumber) -> str:
    """E.164 digits without "+" (country code followed by the national significant number)."""
    return f"{number.country_code}{phonenumbers.national_significant_number(number)}"


def _parse(raw: str, region: str) -> PhoneNumber | None:
    if not raw.strip() or any(ch.isalpha() for ch in raw):
        # phonenumbers maps letters to keypad digits ("0800-FLOWERS"); an official registry
        # entry must be written in digits, so letters mean a typo.
        return None
    try:
        return phonenumbers.parse(raw, region)
    except NumberParseException:
        return None


def _is_exact_number(number: PhoneNumber, region: str) -> bool:
    return phonenumbers.is_valid_number(number) or sni.is_valid_short_number_for_region(
        number, region
    )


def _block_prefix_error(number: PhoneNumber) -> str | None:
    """Return why `number` (a parsed prefix) is not a usable block prefix, or None if it is."""
    nsn = phonenumbers.national_significant_number(number)
    # Probe: pad the prefix with zeros until phonenumbers accepts it as a valid number. That tells
    # us the prefix can start real numbers and how long the area/network code is.
    for pad in range(_MAX_NSN_LENGTH - len(nsn) + 1):
        probe = phonenumbers.PhoneNumber(
            country_code=number.country_code,
            national_number=int(nsn + "0" * pad),
            italian_leading_zero=number.italian_leading_zero,
            number_of_leading_zeros=number.number_of_leading_zeros,
        )
        if phonenumbers.is_valid_number(probe):
            code_len = phonenumbers.length_of_national_destination_code(probe)
            if len(nsn) < code_len + MIN_BLOCK_DIGITS_AFTER_AREA_CODE:
                return "a block must be longer than the area code (it would cover a whole area)"
            return None
    return "is not the start of any valid phone number"


class NumberRegistry:
    """Official numbers; lookup is exact match first, then the longest matching block prefix.

    Exact numbers live in one dict; blocks in one dict per prefix length. A lookup costs at most
    one dict probe per distinct block length (at most 15), independent of the registry size.
    """

    def __init__(self, entries: Iterable[OfficialEntry] = ()) -> None:
        self._exact: dict[str, OfficialEntry] = {}
        self._blocks: dict[int, dict[str, OfficialEntry]] = {}
        self._block_lengths: tuple[int, ...] = ()
        for entry in entries:
            self._add(entry)

    def _add(self, entry: OfficialEntry) -> None:
        if entry.is_block:
            self._blocks.setdefault(len(entry.key), {})[entry.key] = entry
            self._block_lengths = tuple(sorted(self._blocks, reverse=True))
        else:
            self._exact[entry.key] = entry

    def __len__(self) -> int:
        return len(self._exact) + sum(len(b) for b in self._blocks.values())

    @property
    def entries(self) -> tuple[OfficialEntry, ...]:
        blocks = (e for by_len in self._blocks.values() for e in by_len.values())
        return (*self._exact.values(), *blocks)

    def lookup_key(self, key: str) -> RegistryMatch | None:
        """Look up E.164 digits (no "+"); an exact entry beats any block."""
        exact = self._exact.get(key)
        if exact is not None:
            return RegistryMatch(exact, exact=True)
        for length in self._block_lengths:
            if length > len(key):
                continue
            block = self._blocks[length].get(key[:length])
            if block is not None:
                return RegistryMatch(block, exact=False)
        return None

    def lookup(self, number: PhoneNumber) -> RegistryMatch | None:
        """Look up a parsed number."""
        return self.lookup_key(_digits_key(number))

    @classmethod
    def from_config(
        cls,
        items: Iterable[Mapping[str, Any]],
        *,
        region: str = "DE",
        field: str = "official_numbers",
    ) -> NumberRegistry:
        """Build from city-data dicts; raise ValueError naming the bad entry and what is wrong.

        Each item has either `number` (exact, written as published) or `prefix` (a block), plus
        `owner`, `source` and optionally `department`.
        """
        registry = cls()
        seen: dict[tuple[bool, str], int] = {}
        for index, item in enumerate(items):
            where = f"{field}[{index}]"
            entry = _entry_from_item(item, where, region)
            previous = seen.get((entry.is_block, entry.key))
            if previous is not None:
                raise ValueError(
                    f"{where}: {entry.written!r} duplicates {field}[{previous}]"
                    f" (both normalise to +{entry.key})"
                )
            seen[(entry.is_block, entry.key)] = index
            registry._add(entry)
        return registry


def _text_field(item: Mapping[str, Any], name: str, where: str, *, required: bool) -> str:
    value = item.get(name, "")
    if not isinstance(value, str):
        raise ValueError(f"{where}.{name}: must be text, got {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise ValueError(f"{where}.{name}: is missing or empty")
    return value


def _entry_from_item(item: Mapping[str, Any], where: str, region: str) -> OfficialEntry:
    if not isinstance(item, Mapping):
        raise ValueError(f"{where}: must be a table, got {type(item).__name__}")
    has_number, has_prefix = "number" in item, "prefix" in item
    if has_number == has_prefix:
        raise ValueError(f"{where}: needs exactly one of 'number' (exact) or 'prefix' (block)")
    name = "number" if has_number else "prefix"
    raw = _text_field(item, name, where, required=True)
    owner = _text_field(item, "owner", where, required=True)
    source = _text_field(item, "source", where, required=True)
    department = _text_field(item, "department", where, required=False)

    parsed = _parse(raw, region)
    if parsed is None:
        raise ValueError(f"{where}.{name}: {raw!r} is not a phone number")
    if has_number:
        if not _is_exact_number(parsed, region):
            raise ValueError(f"{where}.number: {raw!r} is not a phone number")
        if sni.is_emergency_number(raw, region):
            raise ValueError(f"{where}.number: {raw!r} is an emergency number, never a caller")
    else:
        problem = _block_prefix_error(parsed)
        if problem is not None:
            raise ValueError(f"{where}.prefix: {raw!r} {problem}")
    return OfficialEntry(
        key=_digits_key(parsed),
        is_block=has_prefix,
        written=raw,
        owner=owner,
        department=department,
        source=source,
    )
