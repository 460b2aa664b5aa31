"""The check reply templates: always valid Telegram HTML, always within 4096, values escaped."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.city.data import check_rules, load_city
from bot.devtools.standin import parse_html
from bot.numbercheck import CheckResult, Finding, Verdict, check_phone, check_text
from bot.numbercheck.guided import APPOINTMENT_UNCLEAR, NOTHING_YET
from bot.numbercheck.model import MAX_FINDINGS, FindingGroup
from bot.settings import BUNDLED_CITY_PATH
from bot.telegram_html import utf16_length
from bot.telegram_limits import MAX_MESSAGE_LENGTH
from bot.texts import Texts
from handlers.check import render_result
from tests.auxil.running_bot import running_bot

CITY = load_city(BUNDLED_CITY_PATH)
TEXTS = Texts(city=CITY)
LANGUAGES = TEXTS.languages
RULES = check_rules(CITY)
HTML_SPECIALS = '<b>&amp;"</b> <a href="x">&lt;'
FRAGMENTS = [
    "03641 49-0",
    "+49 3641 49-3714",
    "0049 (0)3641 / 49-",
    "110",
    "+49 112",
    "0900 1234567",
    "+44 20 7946 0958",
    "030 12345678",
    "0000 0000",
    "jena.de",
    "jеna.de",
    "xn--jna-rdd.de",
    "https://jena-termine.de/x?a=1&b=<2>",
    "t.me/jena_termine",
    "t.me/+abcdefghijkl",
    "@termin_jena",
    "Verkaufe Termin beim Bürgeramt, 50 €",
    "<b>",
    "</b>",
    "&amp;",
    "&",
    '"',
    "<",
    "\u202e",
    "שלום",
    "مرحبا",
    "🙂",
    "\x00",
    "\ud800",
    " ",
    "\n",
]
MIXED = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=120).map(
    "".join
)


def assert_sendable(html: str) -> str:
    """What the Bot API would do with our HTML: parse it (raises if bad) and check the length."""
    plain, _ = parse_html(html)
    assert plain, "empty reply"
    assert utf16_length(plain) <= MAX_MESSAGE_LENGTH, f"{utf16_length(plain)} UTF-16 units"
    return plain


def render(language: str, result: CheckResult) -> str:
    return render_result(TEXTS, language, result)


ALL_FLAGS = (*RULES.red_flags.families, APPOINTMENT_UNCLEAR, NOTHING_YET)


def result_of(
    findings, omitted=0, incomplete=False, red_flags=(), *, together=False
) -> CheckResult:
    """A result with one block per finding, or (together) all findings of a kind in one."""
    if together:
        groups = (FindingGroup(findings[0].kind, tuple(findings)),) if findings else ()
    else:
        groups = tuple(FindingGroup(f.kind, (f,)) for f in findings)
    return CheckResult(groups, red_flags, omitted, incomplete)


def _worst_finding(kind: Verdict, index: int) -> Finding:
    long = "𝕁<&>\"'" * 200  # astral letters count twice in UTF-16; specials grow when escaped
    return Finding(
        kind,
        text=long,
        display=f"{index}{long}",
        e164=f"+49{index}",
        owner=long,
        department=long,
        source=long,
        block=index % 2 == 0,
        domain="t.me" if index % 3 == 0 else long,
        reason=("homoglyph", "userinfo", "email", "official_domain", "premium_rate", "")[index % 6],
    )


@pytest.mark.slow
@pytest.mark.parametrize("together", [False, True], ids=["apart", "together"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(Verdict), ids=lambda v: v.name)
def test_worst_case_of_each_verdict_fits(language, kind, together):
    findings = tuple(_worst_finding(kind, i) for i in range(MAX_FINDINGS))
    result = result_of(findings, 10**9, True, ALL_FLAGS, together=together)
    plain = assert_sendable(render(language, result))
    # "… and 1000000007 more": the count of what was left out is told, in any language
    assert re.search(r"\b1\d{9}\b", plain)


@pytest.mark.parametrize("language", LANGUAGES)
def test_worst_case_mix_fits(language):
    kinds = list(Verdict)
    findings = tuple(_worst_finding(kinds[i % len(kinds)], i) for i in range(MAX_FINDINGS))
    assert_sendable(render(language, result_of(findings, 99_999, True, ALL_FLAGS)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_red_flag_family_has_words(language):
    for flag in ALL_FLAGS:
        plain = assert_sendable(render(language, result_of((), red_flags=(flag,))))
        assert len(plain.splitlines()) >= 2, f"{flag.family} has no sentence in {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_values_are_shown_literally(language):
    finding = Finding(Verdict.UNKNOWN_LINK, text=HTML_SPECIALS, display=HTML_SPECIALS)
    plain = assert_sendable(render(language, result_of((finding,))))
    assert HTML_SPECIALS in plain


@pytest.mark.parametrize("language", LANGUAGES)
def test_incomplete_with_nothing_found_points_to_the_switchboard(language):
    plain = assert_sendable(render(language, CheckResult(incomplete=True)))
    assert plain.startswith("ℹ️") and CITY.switchboard in plain


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), MIXED), language=st.sampled_from(LANGUAGES))
def test_any_text_gives_a_sendable_reply(text, language):
    result = check_text(text, RULES)
    if not result.nothing_found or result.incomplete:
        assert_sendable(render(language, result))


@settings(max_examples=100, deadline=None)
@given(raw=st.one_of(st.text(max_size=80), st.sampled_from(FRAGMENTS)))
def test_any_contact_number_gives_a_sendable_reply(raw):
    result = check_phone(raw, RULES)
    if not result.nothing_found or result.incomplete:
        for language in LANGUAGES:
            assert_sendable(render(language, result))


FINDINGS = st.builds(
    Finding,
    kind=st.sampled_from(list(Verdict)),
    text=st.text(max_size=50),
    display=st.text(max_size=300),
    e164=st.text(max_size=20),
    owner=st.text(max_size=300),
    department=st.text(max_size=300),
    source=st.text(max_size=10),
    block=st.booleans(),
    domain=st.one_of(st.just("t.me"), st.text(max_size=300)),
    reason=st.sampled_from(["", "homoglyph", "userinfo", "email", "official_domain", "freephone"]),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    findings=st.lists(FINDINGS, min_size=1, max_size=MAX_FINDINGS),
    omitted=st.integers(min_value=0, max_value=10**6),
    incomplete=st.booleans(),
    language=st.sampled_from(LANGUAGES),
)
def test_any_findings_give_a_sendable_reply(findings, omitted, incomplete, language):
    assert_sendable(render(language, result_of(tuple(findings), omitted, incomplete, ALL_FLAGS)))


@pytest.mark.slow
async def test_random_mixed_texts_end_to_end(telegram, tmp_path):
    rng = random.Random(7)
    typeable = [f for f in FRAGMENTS if f not in ("\x00", "\ud800")]  # no client sends these
    texts = ["".join(rng.choice(typeable) for _ in range(rng.randrange(1, 40))) for _ in range(15)]
    users = [telegram.user(60_000 + i, language_code=rng.choice(LANGUAGES)) for i in range(15)]
    async with running_bot(telegram, tmp_path / "db.sqlite3"):
        for user, text in zip(users, texts, strict=True):
            user.send(text)
        for user, text in zip(users, texts, strict=True):
            reply = await user.next_message()
            assert reply.text, f"no text for {text!r}"
