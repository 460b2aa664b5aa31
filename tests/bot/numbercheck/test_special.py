"""The special-numbers data file: every entry sourced, and a clear error for a bad one."""

import pytest

from bot.numbercheck.special import NumberFacts, SpecialKind

FACTS = NumberFacts.load()


def test_every_kind_is_listed_with_a_source():
    assert {s.kind for s in FACTS.specials} == set(SpecialKind)
    assert all(s.source.strip() for s in FACTS.specials)


@pytest.mark.parametrize(
    ("national", "kind"),
    [("115", "authority_line"), ("116116", "card_blocking"), ("9001234567", "premium_rate")],
)
def test_lookup(national, kind):
    assert FACTS.special(national).kind == kind


def test_exact_entries_need_the_whole_number():
    assert FACTS.special("1151234") is None


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"special": [{"prefix": "09x", "kind": "premium_rate", "source": "s"}]}, "digits"),
        ({"special": [{"prefix": "900", "kind": "premium_rate"}]}, "source"),
        ({"special": [{"prefix": "900", "kind": "expensive", "source": "s"}]}, "kind"),
    ],
)
def test_a_bad_entry_names_the_problem(raw, problem):
    with pytest.raises(ValueError, match=problem):
        NumberFacts.from_config(raw)
