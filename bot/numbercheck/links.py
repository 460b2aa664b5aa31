"""Find links and Telegram usernames in text and judge them against the city's domains."""

from __future__ import annotations

import contextlib
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache

import tldextract
from confusable_homoglyphs import confusables

from bot.numbercheck.model import CheckRules, Finding, Verdict

# tldextract with its bundled Public Suffix List snapshot: never downloads, never writes a cache.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

# Candidate patterns. They only find *candidates*; whether a bare "word.word" is a domain is
# decided by tldextract (the public suffix must exist), and hosts are taken apart by urllib.
_STOP = r"\s<>\"'`«»„“”‚‘’\[\]{}|\\^"
_URL_WITH_SCHEME = re.compile(rf"\bhttps?://[^{_STOP}]+", re.IGNORECASE)
_TELEGRAM_LINK = re.compile(
    r"(?<![\w.-])(?:https?://)?(?:www\.)?(?:t|telegram)\.(?:me|dog)/([^\s/?#]+)(?:/[^\s?#]*)?",
    re.IGNORECASE,
)
# Hostname-like run: labels of Unicode word characters and hyphens (IDN and homoglyphs included).
_BARE_DOMAIN = re.compile(r"(?<![\w.-])(?:[\w-]{1,63}\.)+[\w-]{2,63}(?::\d{1,5})?(?:/[^\s<>\"']*)?")
# Telegram usernames: 5-32 characters, letters, digits and underscores, starting with a letter.
_USERNAME = re.compile(r"(?<![\w@])@([A-Za-z][A-Za-z0-9_]{4,31})(?!\w)")
_TRAILING_PUNCT = ".,;:!?)]}'\"»“”’"


@dataclass(frozen=True, slots=True)
class LinkHit:
    """A link or handle found in text, with its finding."""

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


def _hostname(candidate: str) -> str | None:
    url = candidate if "://" in candidate else "//" + candidate
    try:
        host = urllib.parse.urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.rstrip(".").lower()


def _decode_punycode(host: str) -> tuple[str, bool]:
    """Unicode form of a host with "xn--" labels, and whether there were any."""
    labels = host.split(".")
    had_punycode = False
    decoded = []
    for label in labels:
        if label.startswith("xn--"):
            had_punycode = True
            with contextlib.suppress(UnicodeError):  # invalid punycode stays as written
                label = label.encode("ascii").decode("idna")
        decoded.append(label)
    return ".".join(decoded), had_punycode


@lru_cache(maxsize=4096)
def _latin_skeleton(host: str) -> str:
    """Map look-alikes (Cyrillic "е", fullwidth "ｊ", ...) to the Latin letter they imitate."""
    text = unicodedata.normalize("NFKC", host).lower()
    found = confusables.is_confusable(text, greedy=True, preferred_aliases=["latin"]) or []
    mapping = {}
    for item in found:
        glyphs = [g["c"] for g in item["homoglyphs"] if g["c"].isascii()]
        if glyphs:
            mapping[item["character"]] = glyphs[0]
    return "".join(mapping.get(ch, ch) for ch in text)


def _under(host: str, domains: frozenset[str]) -> str:
    """The official domain that `host` is or is a subdomain of, else ""."""
    for domain in domains:
        if host == domain or host.endswith("." + domain):
            return domain
    return ""


def _registrable(host: str) -> str:
    return _EXTRACT(host).top_domain_under_public_suffix or host


def classify_host(host: str, raw: str, rules: CheckRules) -> Finding:
    """OFFICIAL_LINK, LOOKALIKE_LINK or UNKNOWN_LINK for one hostname."""
    unicode_host, had_punycode = _decode_punycode(host)
    is_ascii = unicode_host.isascii()
    official = _under(host, rules.official_domains) if host.isascii() and not had_punycode else ""
    if official:
        return Finding(Verdict.OFFICIAL_LINK, text=raw, display=host, domain=official)

    skeleton = _latin_skeleton(unicode_host)
    imitated = _under(skeleton, rules.official_domains) or _under(
        _registrable(skeleton), rules.official_domains
    )
    if had_punycode:
        tricky = "punycode"
    elif not is_ascii:
        tricky = "homoglyph"
    else:
        tricky = ""
    reason = ""
    if imitated and not is_ascii:
        reason = tricky
    elif rules.city_name and rules.city_name in skeleton:
        reason = tricky or "city_name"
    elif not is_ascii and confusables.is_mixed_script(unicode_host.replace(".", "")):
        reason = "mixed_script"
    display = unicode_host if not had_punycode else f"{host} ({unicode_host})"
    domain = _registrable(host)
    if reason:
        return Finding(
            Verdict.LOOKALIKE_LINK, text=raw, display=display, domain=domain, reason=reason
        )
    return Finding(
        Verdict.UNKNOWN_LINK, text=raw, display=display, domain=domain, reason=tricky or ""
    )


def _telegram_finding(raw: str, name: str, rules: CheckRules) -> Finding:
    handle = name.lower()
    if handle in rules.official_telegram:
        return Finding(
            Verdict.OFFICIAL_LINK, text=raw, display=f"@{name}", domain="t.me", reason="telegram"
        )
    return Finding(Verdict.TELEGRAM_HANDLE, text=raw, display=f"@{name}", domain="t.me")


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def find_links(text: str, rules: CheckRules) -> list[LinkHit]:
    """Every URL, bare domain, t.me link and @username in `text`, in order of appearance."""
    hits: list[LinkHit] = []
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int, finding: Finding) -> None:
        hits.append(LinkHit(start, end, finding))
        spans.append((start, end))

    for match in _TELEGRAM_LINK.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        raw, name = text[start:end], match.group(1).rstrip(_TRAILING_PUNCT)
        if name.lower() in {"s", "joinchat"} or name.startswith("+"):
            # private invite links ("t.me/+abc", "t.me/joinchat/abc") or web previews ("t.me/s/x")
            path = raw.split("/", 3)[-1] if "://" in raw else raw.split("/", 1)[-1]
            parts = path.split("/")
            if name.lower() == "s" and len(parts) > 1 and parts[1]:
                add(start, end, _telegram_finding(raw, parts[1], rules))
            else:
                finding = Finding(
                    Verdict.TELEGRAM_HANDLE, text=raw, display=raw, domain="t.me", reason="invite"
                )
                add(start, end, finding)
        else:
            add(start, end, _telegram_finding(raw, name, rules))

    for pattern, needs_suffix in ((_URL_WITH_SCHEME, False), (_BARE_DOMAIN, True)):
        for match in pattern.finditer(text):
            start, end = _trim(text, match.start(), match.end())
            if _overlaps(start, end, spans):
                continue
            raw = text[start:end]
            host = _hostname(raw)
            if host is None:
                continue
            if needs_suffix and not _EXTRACT(host).suffix:
                continue  # "z.B", "3.5", "bild.jpg": not a domain under a public suffix
            add(start, end, classify_host(host, raw, rules))

    for match in _USERNAME.finditer(text):
        if _overlaps(match.start(), match.end(), spans):
            continue
        add(match.start(), match.end(), _telegram_finding(match.group(0), match.group(1), rules))

    hits.sort(key=lambda h: h.start)
    return hits
