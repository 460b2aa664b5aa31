"""check_text never raises, stays bounded and reports what it left out."""

import dataclasses
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.numbercheck import CheckResult, Finding, Verdict, check_phone, check_text
from bot.numbercheck.checker import MAX_TEXT_LENGTH
from bot.numbercheck.model import MAX_FINDINGS

# Pieces that make the random texts hit the interesting code paths, not only random letters.
FRAGMENTS = [
    "03641 49-0",
    "+49 110",
    "0900 1234567",
    "jena.de",
    "jеna.de",
    "xn--jna-rdd.de",
    "https://t.me/x",
    "@termine_jena",
    "Termin verkaufen €",
    "0049 (0)3641 / 49-",
    "\x00",
    "\ud800",
    "\u202e",
    "<b>&amp;</b>",
    "١٢٣٤٥٦٧٨٩",
    "📞",
]
TEXTS = st.one_of(
    st.text(),
    # every code point incl. lone surrogates (Cs) and NUL, which st.text() leaves out by default
    st.text(alphabet=st.characters(codec=None, exclude_categories=())),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=400).map("".join),
)


def assert_well_formed(result: CheckResult, limit: int = MAX_FINDINGS) -> None:
    assert isinstance(result, CheckResult)
    assert len(result.findings) <= limit
    assert result.omitted >= 0
    assert all(isinstance(f, Finding) and isinstance(f.kind, Verdict) for f in result.findings)
    quiet = result.assessment is None or result.assessment.outcome == "no_signs"
    assert result.nothing_found == (
        quiet and not result.findings and not result.omitted and not result.red_flags
    )


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_check_text_never_raises_and_is_bounded(small_rules, text):
    assert_well_formed(check_text(text, small_rules))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_check_phone_never_raises(small_rules, raw):
    result = check_phone(raw, small_rules)
    assert_well_formed(result, limit=1)


@pytest.mark.slow
def test_hostile_inputs(small_rules):
    for text in [
        "",
        "\x00" * 100,
        "\ud800\udfff\ud83d",
        "‮03641 49-0‬ שלום עליכם 0900 1234567",
        "<script>alert(1)</script> &lt;03641 49-0&gt;",
        "🙂" * 5000,
        "9" * 20_000,
        "+" * 5000,
        "http://" + "a." * 3000 + "de",
        "@" * 5000,
        "xn--" * 1000 + ".de",
    ]:
        assert_well_formed(check_text(text, small_rules))


def test_long_text_is_fast_and_capped(small_rules):
    text = " ".join(f"Nummer 03641 23{i:04d} und" for i in range(700))[:MAX_TEXT_LENGTH]
    assert len(text) == MAX_TEXT_LENGTH
    started = time.perf_counter()
    result = check_text(text, small_rules)
    assert time.perf_counter() - started < 5
    assert len(result.findings) == MAX_FINDINGS
    assert result.omitted > 0
    assert not result.nothing_found


def test_nothing_checkable(small_rules):
    result = check_text("Guten Tag, wie geht es Ihnen?", small_rules)
    assert result.nothing_found
    assert result.findings == ()
    assert not result.incomplete


def test_a_failing_step_is_reported_not_raised(small_rules, monkeypatch):
    import bot.numbercheck.checker as checker

    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(checker, "find_links", boom)
    result = check_text("03641 49-0 und jena.de", small_rules)
    assert result.incomplete
    assert result.kinds == (Verdict.OFFICIAL,)


def test_non_str_input_is_tolerated(small_rules):
    assert_well_formed(check_text(None, small_rules))  # type: ignore[arg-type]
    assert_well_formed(check_phone(4915207168792, small_rules))  # type: ignore[arg-type]


def test_failing_red_flags_still_check_the_numbers(small_rules):
    class BrokenRedFlags:
        def find(self, text):
            raise RuntimeError("bug")

    rules = dataclasses.replace(small_rules, red_flags=BrokenRedFlags())
    result = check_text("Er wollte meine PIN, angezeigt war 03641 49-0", rules)
    assert result.incomplete
    assert result.kinds == (Verdict.OFFICIAL,)
    assert result.red_flags == ()
