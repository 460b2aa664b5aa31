"""Find links, e-mail addresses and Telegram names in text; judge them against the city's official
domains, its local institutions, the companies and authorities scammers imitate (brands.py) and
URL shorteners."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import ada_url
from confusable_homoglyphs import confusables

from bot.numbercheck.brands import BrandMatchKind
from bot.numbercheck.lookalike import EXTRACT, lookalike_reason, registrable, skeleton, under
from bot.numbercheck.model import CheckRules, Finding, Verdict

# Candidate patterns. They only find *candidates*: a WHATWG URL parser (ada, as browsers do)
# takes each apart, and a bare "word.word" counts only under a real public suffix (tldextract).
# Backslashes stay in a candidate: browsers read "https://evil.com\@jena.de" as evil.com.
_STOP = r"\s<>\"'`«»„“”‚‘’\[\]{}|^"
_URL_WITH_SCHEME = re.compile(rf"\b(?:https?|ftp)://[^{_STOP}]+", re.IGNORECASE)
_TELEGRAM_LINK = re.compile(
    r"(?<![\w.-])(?:https?://)?(?:www\.)?(?:t|telegram)\.(?:me|dog)/([^\s/?#]+)(?:/[^\s?#]*)?",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@((?:[\w-]{1,63}\.)+[\w-]{2,63})(?![\w-])")
# Hostname-like run: labels of Unicode word characters and hyphens (IDN and homoglyphs included).
_BARE_DOMAIN = re.compile(
    r"(?<![\w.@-])(?:[\w-]{1,63}\.)+[\w-]{2,63}\.?(?::\d{1,5})?(?:[/\\?#][^\s<>\"']*)?"
)
# Telegram usernames: 5-32 characters, letters, digits and underscores, starting with a letter.
_USERNAME = re.compile(r"(?<![\w@])@([A-Za-z][A-Za-z0-9_]{4,31})(?!\w)")
_TRAILING_PUNCT = ".,;:!?)]}'\"»“”’"


@dataclass(frozen=True, slots=True)
class LinkHit:
    """A link, e-mail address or handle found in text, with its finding."""

    start: int
    end: int
    finding: Finding


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence punctuation that the patterns swallowed at the end of a link."""
    while end > start and text[end - 1] in _TRAILING_PUNCT:
        # keep a closing parenthesis that belongs to the URL, e.g. Wikipedia links
        if text[end - 1] == ")" and text[start:end].count("(") >= text[start:end].count(")"):
            break
        end -= 1
    return start, end


def _parse(candidate: str) -> ada_url.URL | None:
    """The URL as a browser reads it; a candidate without a scheme is read as http://."""
    try:
        return ada_url.URL(candidate if "://" in candidate else "http://" + candidate)
    except ValueError:
        return None


def _host(url: ada_url.URL) -> str:
    return url.hostname.rstrip(".").lower()


def _unicode(host: str) -> str:
    try:
        return ada_url.idna_to_unicode(host) or host
    except (ValueError, UnicodeError):
        return host


def _display(host: str) -> str:
    shown = _unicode(host)
    return shown if shown == host else f"{host} ({shown})"


@lru_cache(maxsize=16)
def _official_mention(domains: frozenset[str]) -> re.Pattern[str]:
    names = "|".join(re.escape(d) for d in sorted(domains, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])", re.IGNORECASE)


def _mentions_official(text: str, rules: CheckRules) -> bool:
    """An official domain written as such in `text` (path, user name, e-mail local part)."""
    return _official_mention(rules.official_domains).search(text) is not None


def _city_name_in(host: str, rules: CheckRules) -> bool:
    return bool(rules.city_name) and rules.city_name in skeleton(host)


def classify_host(host: str, raw: str, rules: CheckRules) -> Finding:
    """The verdict for a web host (ASCII, as a URL parser gives it) found as `raw`.

    In this order: the city's own domains, its local institutions, a company's or authority's
    real site, an imitation of the city (the city's check wins), a URL shortener, an imitation
    of a company or authority, other alphabets mixed in, a company's name on an address we do
    not know, the city's name in another site.
    """
    unicode_host = _unicode(host)
    display = _display(host)
    domain = registrable(host)

    def finding(kind: Verdict, reason: str = "", owner: str = "") -> Finding:
        return Finding(kind, text=raw, display=display, domain=domain, reason=reason, owner=owner)

    official = under(host, rules.official_domains)
    if official:
        return Finding(Verdict.OFFICIAL_LINK, text=raw, display=display, domain=official)
    owner = rules.local_sites.get(domain, "")
    if owner:
        return finding(Verdict.LOCAL_SITE, owner=owner)
    brand = rules.brands.site(host)
    if brand is not None:
        return finding(Verdict.BRAND_SITE, owner=brand.name)
    reason = lookalike_reason(unicode_host, rules.official_domains)
    if reason is not None:
        return finding(Verdict.LOOKALIKE_LINK, reason)
    if rules.brands.is_shortener(host):
        return finding(Verdict.SHORT_LINK, "shortener")
    named = rules.brands.imitation(unicode_host)
    if named is not None and named.kind is BrandMatchKind.IMITATION:
        return finding(Verdict.LOOKALIKE_LINK, named.kind.value, owner=named.brand.name)
    if not unicode_host.isascii() and confusables.is_mixed_script(unicode_host.replace(".", "")):
        return finding(Verdict.LOOKALIKE_LINK, "mixed_script")
    if named is not None:
        return finding(Verdict.BRAND_NAME_LINK, named.kind.value, owner=named.brand.name)
    if _city_name_in(unicode_host, rules):
        return finding(Verdict.CITY_NAME_LINK)
    return finding(Verdict.UNKNOWN_LINK)


def classify_url(raw: str, url: ada_url.URL, rules: CheckRules) -> Finding:
    """A link: where it really leads, and whether it shows one address but leads to another."""
    host = _host(url)
    finding = classify_host(host, raw, rules)
    if finding.kind in (Verdict.OFFICIAL_LINK, Verdict.LOOKALIKE_LINK):
        return finding
    if url.username or url.password:
        return _disguised(finding, "userinfo")
    if _mentions_official(raw, rules):
        return _disguised(finding, "disguised")
    if finding.kind is not Verdict.BRAND_SITE:
        # "https://evil.example/www.paypal.com/signin": a company's address as a path
        brand = rules.brands.mentioned_in(url.pathname)
        if brand is not None:
            return _disguised(finding, "brand_disguised", owner=brand.name)
    return finding


def _disguised(finding: Finding, reason: str, owner: str = "") -> Finding:
    return Finding(
        Verdict.LOOKALIKE_LINK,
        text=finding.text,
        display=finding.display,
        domain=finding.domain,
        reason=reason,
        owner=owner,
    )


def classify_email(raw: str, host: str, rules: CheckRules) -> Finding:
    """An e-mail address is a sender: it can be faked, so it is never "official"."""
    local_part = raw.rsplit("@", 1)[0]
    site = classify_host(host, raw, rules)
    if site.kind is Verdict.BRAND_SITE and rules.brands.is_mailbox(host):
        # "anna@gmail.com": anyone has an address there, the sender is not Google
        site = replace(site, kind=Verdict.UNKNOWN_LINK, owner="")

    def lookalike(reason: str, owner: str = "") -> Finding:
        return Finding(
            Verdict.LOOKALIKE_LINK, raw, raw, domain=site.domain, reason=reason, owner=owner
        )

    if site.kind is Verdict.LOOKALIKE_LINK and site.owner:
        return lookalike("brand_email", site.owner)  # "service@paypal-kundenservice.de"
    if site.kind in (Verdict.LOOKALIKE_LINK, Verdict.CITY_NAME_LINK):
        return lookalike("email")
    if site.kind is not Verdict.OFFICIAL_LINK and (
        _mentions_official(local_part, rules) or _city_name_in(local_part, rules)
    ):
        return lookalike("email")
    if site.kind is Verdict.BRAND_NAME_LINK:
        return replace(site, display=raw)
    if site.kind is not Verdict.BRAND_SITE:
        brand = rules.brands.named_in_sender(local_part)
        if brand is not None:
            return lookalike("brand_email", brand.name)  # "paypal.service@gmail.com"
    reasons = {Verdict.OFFICIAL_LINK: "official_domain", Verdict.BRAND_SITE: "brand_domain"}
    reason = reasons.get(site.kind, "")
    return Finding(Verdict.EMAIL, raw, raw, domain=site.domain, reason=reason, owner=site.owner)


def _telegram_finding(raw: str, name: str, rules: CheckRules) -> Finding:
    handle = name.lower()
    if handle in rules.official_telegram:
        return Finding(
            Verdict.OFFICIAL_LINK, text=raw, display=f"@{name}", domain="t.me", reason="telegram"
        )
    return Finding(Verdict.TELEGRAM_HANDLE, text=raw, display=f"@{name}", domain="t.me")


def _telegram_link(raw: str, name: str, rules: CheckRules) -> Finding:
    name = name.rstrip(_TRAILING_PUNCT)
    if name.lower() not in {"s", "joinchat"} and not name.startswith("+"):
        return _telegram_finding(raw, name, rules)
    # private invite links ("t.me/+abc", "t.me/joinchat/abc") or web previews ("t.me/s/x")
    path = raw.split("/", 3)[-1] if "://" in raw else raw.split("/", 1)[-1]
    parts = path.split("/")
    if name.lower() == "s" and len(parts) > 1 and parts[1]:
        return _telegram_finding(raw, parts[1], rules)
    return Finding(Verdict.TELEGRAM_HANDLE, text=raw, display=raw, domain="t.me", reason="invite")


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def find_links(text: str, rules: CheckRules) -> list[LinkHit]:
    """Every URL, e-mail address, bare domain, t.me link and @username, in order of appearance."""
    hits: list[LinkHit] = []
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int, finding: Finding) -> None:
        hits.append(LinkHit(start, end, finding))
        spans.append((start, end))

    for match in _TELEGRAM_LINK.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        add(start, end, _telegram_link(text[start:end], match.group(1), rules))

    for match in _URL_WITH_SCHEME.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        url = None if _overlaps(start, end, spans) else _parse(text[start:end])
        if url is not None and url.hostname:
            add(start, end, classify_url(text[start:end], url, rules))

    for match in _EMAIL.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        url = None if _overlaps(start, end, spans) else _parse(match.group(1))
        if url is not None and url.hostname and EXTRACT(_host(url)).suffix:
            add(start, end, classify_email(text[start:end], _host(url), rules))

    for match in _BARE_DOMAIN.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        url = None if _overlaps(start, end, spans) else _parse(text[start:end])
        # "z.B", "3.5", "bild.jpg": not a domain under a public suffix
        if url is not None and url.hostname and EXTRACT(_host(url)).suffix:
            add(start, end, classify_url(text[start:end], url, rules))

    for match in _USERNAME.finditer(text):
        if _overlaps(match.start(), match.end(), spans):
            continue
        add(match.start(), match.end(), _telegram_finding(match.group(0), match.group(1), rules))

    hits.sort(key=lambda h: h.start)
    return hits
