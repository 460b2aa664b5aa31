"""Plain value types of the number check: verdicts, findings, results and the city's rules."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.numbercheck.brands import BrandRules
from bot.numbercheck.detector import Detector
from bot.numbercheck.judge import Assessment, Outcome
from bot.numbercheck.redflags import FlagSeverity, RedFlag, RedFlagRules
from bot.numbercheck.registry import NumberRegistry
from bot.numbercheck.special import NumberFacts

# A reply lists at most this many findings, so that it stays well under Telegram's 4096 characters.
MAX_FINDINGS = 10


class Verdict(enum.Enum):
    """What one finding is; the templates pick their wording by this."""

    OFFICIAL = "official"  # number in the registry (exact or block); caller ID can still be spoofed
    EMERGENCY_AS_CALLER = "emergency_as_caller"  # 110/112 shown as caller: police never call so
    PREMIUM = "premium"  # costly special number (0900, 0137, 0180, 0700, 118xx): do not call back
    SERVICE = (
        "service"  # free special number (115, 116 116, 116 117, 0800): says nothing of a caller
    )
    FOREIGN = "foreign"  # non-German number: the city does not call from abroad
    UNKNOWN = "unknown"  # valid German number not in the registry: not proof of fraud
    INVALID_NUMBER = "invalid_number"  # looks like a phone number but is not a valid one
    OFFICIAL_LINK = "official_link"  # official domain (or subdomain) or listed Telegram channel
    LOCAL_SITE = "local_site"  # a real local institution's site, not the city administration
    LOOKALIKE_LINK = "lookalike_link"  # imitates an official domain or leads elsewhere than shown;
    # with an owner: imitates that company's or authority's site (reason "brand" ...)
    CITY_NAME_LINK = "city_name_link"  # another site with the city's name in it
    BRAND_SITE = "brand_site"  # a real site of a known company or authority (owner), not the city's
    BRAND_NAME_LINK = "brand_name_link"  # names a company (owner) but is no address of it we know:
    # maybe a regional branch ("sparkasse-jena.de") or its site abroad ("dhl.com"), maybe a fake
    SHORT_LINK = "short_link"  # a URL shortener (bit.ly ...): you cannot see where it leads
    UNKNOWN_LINK = "unknown_link"  # some other website: not the city's
    EMAIL = "email"  # an e-mail address: a sender that can be faked, never "official"
    TELEGRAM_HANDLE = "telegram_handle"  # t.me link or @name not listed as official
    APPOINTMENT_RESALE = "appointment_resale"  # offer to sell/broker official appointments


# Order of a reply: the most dangerous finding first (lower comes first).
DANGER_RANK = {
    Verdict.EMERGENCY_AS_CALLER: 0,
    Verdict.LOOKALIKE_LINK: 0,
    Verdict.APPOINTMENT_RESALE: 0,
    Verdict.FOREIGN: 1,
    Verdict.PREMIUM: 1,
    Verdict.TELEGRAM_HANDLE: 1,
    Verdict.CITY_NAME_LINK: 1,
    Verdict.BRAND_NAME_LINK: 1,
    Verdict.SHORT_LINK: 1,
    Verdict.OFFICIAL: 2,
    Verdict.SERVICE: 2,
    Verdict.EMAIL: 2,
    Verdict.OFFICIAL_LINK: 3,
    Verdict.LOCAL_SITE: 3,
    Verdict.BRAND_SITE: 3,
    Verdict.UNKNOWN: 4,
    Verdict.INVALID_NUMBER: 4,
    Verdict.UNKNOWN_LINK: 4,
}
# These collapse into one block per verdict when a message holds several.
COLLAPSED_VERDICTS = frozenset({Verdict.UNKNOWN, Verdict.INVALID_NUMBER, Verdict.UNKNOWN_LINK})


@dataclass(frozen=True, slots=True)
class Finding:
    """One checked item, in plain values.

    kind: the verdict.
    text: the item exactly as written in the message (or the shared contact's number).
    display: normalised form to show: national for German numbers ("03641 490"), international
        for foreign ones ("+44 20 7946 0958"), the host for links, "@name" for handles.
    e164: "+493641490" for numbers that parse, else "".
    owner, department, source: for OFFICIAL (from the registry entry); owner for LOCAL_SITE;
        the company's or authority's name ("DHL", "Sparkasse") for BRAND_SITE, BRAND_NAME_LINK,
        for LOOKALIKE_LINK that imitates it and for EMAIL at its address; source for special
        numbers.
    block: True if OFFICIAL came from a number block rather than an exact entry.
    domain: registrable domain for links ("jena.de"); "t.me" for Telegram links; "" otherwise.
    reason: short machine-readable reason, or "": a LookalikeReason ("homoglyph", "typo" ...)
        or "userinfo", "disguised", "email", "mixed_script" for links; for a company's or
        authority's name (owner set): "brand" (the address names it: "dhl-paket.info"),
        "brand_disguised" (its address written in the path: "evil.com/paypal.com/login"),
        "brand_email" (a sender that names it: "service@paypal-kundenservice.de") for
        LOOKALIKE_LINK, "regional" or "other_ending" for BRAND_NAME_LINK, "brand_domain" for an
        e-mail address at its real domain; "shortener" for SHORT_LINK; a SpecialKind
        ("premium_rate", "card_blocking" ...) for special numbers; "emergency" for 110/112;
        "official_domain" for an e-mail address at an official domain.
    """

    kind: Verdict
    text: str
    display: str
    e164: str = ""
    owner: str = ""
    department: str = ""
    source: str = ""
    block: bool = False  # OFFICIAL from a number block rather than an exact entry
    domain: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """Findings of one verdict shown as one block: one finding, or several unknown ones."""

    kind: Verdict
    findings: tuple[Finding, ...]

    @property
    def first(self) -> Finding:
        return self.findings[0]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What a check found: red flags (most dangerous first), then the findings grouped and
    ordered by danger (ties in order of appearance), capped at MAX_FINDINGS findings."""

    groups: tuple[FindingGroup, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()
    omitted: int = 0  # findings left out because of the cap
    incomplete: bool = False  # an internal error stopped part of the check (logged)
    # the detector's answer to "is this a scam?" (None for a contact card, or without a model)
    assessment: Assessment | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for group in self.groups for f in group.findings)

    @property
    def fraud(self) -> bool:
        """The detector says fraud (without one: a red flag says so)."""
        if self.assessment is not None:
            return self.assessment.outcome is Outcome.FRAUD
        return any(flag.severity is FlagSeverity.FRAUD for flag in self.red_flags)

    @property
    def outcome(self) -> Outcome | None:
        return self.assessment.outcome if self.assessment is not None else None

    @property
    def verdict_name(self) -> str:
        """The verdict in one word, for the metrics: the detector's outcome, else "fraud"
        (a red flag) or "findings" (numbers and links only)."""
        if self.outcome is not None:
            return self.outcome.value
        return "fraud" if self.fraud else "findings"

    @property
    def nothing_found(self) -> bool:
        """True if the text held nothing to check: no red flag, number, link, handle or offer,
        and the detector sees no signs either."""
        quiet = self.assessment is None or self.assessment.outcome is Outcome.NO_SIGNS
        return quiet and not self.groups and not self.omitted and not self.red_flags

    @property
    def nothing_to_say(self) -> bool:
        """Nothing found and nothing a scam is made of ("Hallo", "Guten Tag!"), and no call
        she tells of: the resident hears what the check can read, not "no signs"."""
        a = self.assessment
        signs = a is not None and bool(a.claims or a.asks or a.told)
        return self.nothing_found and not signs and not self.incomplete

    @property
    def kinds(self) -> tuple[Verdict, ...]:
        return tuple(f.kind for f in self.findings)


@dataclass(frozen=True, slots=True)
class CheckRules:
    """Everything the checker needs from the city data; build once at start-up."""

    registry: NumberRegistry
    official_domains: frozenset[str] = field(default_factory=frozenset)
    official_telegram: frozenset[str] = field(default_factory=frozenset)
    city_name: str = ""
    region: str = "DE"
    max_findings: int = MAX_FINDINGS
    # real local institutions that are not the administration: registrable domain -> owner
    local_sites: Mapping[str, str] = field(default_factory=dict)
    red_flags: RedFlagRules = field(default_factory=RedFlagRules.load)
    number_facts: NumberFacts = field(default_factory=NumberFacts.load)
    # companies and authorities scammers imitate, and URL shorteners (data/brands.toml)
    brands: BrandRules = field(default_factory=BrandRules.load)
    # the scam detector (bot/numbercheck/detector.py); None: findings and red flags only
    detector: Detector | None = field(default_factory=Detector.load)

    @classmethod
    def build(
        cls,
        *,
        registry: NumberRegistry,
        official_domains: tuple[str, ...] | list[str] | frozenset[str] = (),
        official_telegram: tuple[str, ...] | list[str] | frozenset[str] = (),
        city_name: str,
        region: str = "DE",
        max_findings: int = MAX_FINDINGS,
        local_sites: Mapping[str, str] | None = None,
    ) -> CheckRules:
        """Normalise the city data: lower-case domains and names, drop "@" and "www."."""
        domains = set()
        for domain in official_domains:
            d = domain.strip().lower().rstrip(".")
            d = d.removeprefix("https://").removeprefix("http://").split("/", 1)[0]
            d = d.removeprefix("www.")
            if not d or "." not in d:
                raise ValueError(f"official_domains: {domain!r} is not a domain name")
            domains.add(d)
        handles = set()
        for name in official_telegram:
            n = name.strip().lower().removeprefix("https://").removeprefix("t.me/").lstrip("@")
            if not n:
                raise ValueError(f"official_telegram: {name!r} is not a Telegram username")
            handles.add(n)
        if max_findings < 1:
            raise ValueError("max_findings must be at least 1")
        return cls(
            registry=registry,
            official_domains=frozenset(domains),
            official_telegram=frozenset(handles),
            city_name=city_name.strip().casefold(),
            region=region.upper(),
            max_findings=max_findings,
            local_sites={
                d.strip().lower().removeprefix("www."): owner
                for d, owner in (local_sites or {}).items()
            },
        )
