"""The template samples: every resident template has some, each alert kind too, they are the
same every time, and their values are the ones the handlers give (the check's reply, /hilfe's
commands); each text a sample sends to the check gets the verdict its name promises."""

from __future__ import annotations

from dataclasses import fields

import pytest

from bot.devtools.template_samples import rendered_samples, resident_templates, sample_texts
from bot.devtools.template_samples.checks import TEXTS_SENT, check_cases, check_reply
from bot.devtools.template_samples.residents import HELP_COMMANDS, ReportAnswers
from bot.numbercheck import Verdict
from bot.numbercheck.judge import Channel, Outcome
from handlers.check import render_result
from handlers.commands import for_residents
from handlers.report import ReportFlow

TEXTS = sample_texts()
DEFAULT = TEXTS.default_language


def test_every_resident_template_and_alert_kind_has_a_sample():
    found = rendered_samples(TEXTS, DEFAULT)
    assert sorted({s.template for s in found}) == sorted(resident_templates(TEXTS))
    assert "flyer.txt.j2" in resident_templates(TEXTS)
    assert not any(name.startswith("admin_") for name in resident_templates(TEXTS))
    kinds = {
        name.removeprefix("alert_kinds/").removesuffix(".html.j2")
        for name in TEXTS.template_names(DEFAULT)
        if name.startswith("alert_kinds/")
    }
    variants = {s.variant for s in found if s.template == "alert.html.j2"}
    assert {f"kind {kind}" for kind in kinds} <= variants


@pytest.mark.parametrize("language", TEXTS.languages)
def test_the_samples_are_the_same_every_time(language):
    first, again = rendered_samples(TEXTS, language), rendered_samples(TEXTS, language)
    assert first == again
    names = [(s.template, s.variant) for s in first]
    assert len(names) == len(set(names)), "two samples of a template share a name"


@pytest.mark.parametrize("language", TEXTS.languages)
def test_the_check_samples_are_the_replies_the_handler_sends(language):
    for case in check_cases():
        args = (case.result, case.reported, case.channel)
        assert check_reply(TEXTS, language, *args) == render_result(TEXTS, language, *args)


def test_help_lists_the_handlers_commands():
    assert tuple(c.key for c in for_residents() if c.in_help) == HELP_COMMANDS


def test_a_reports_answers_are_what_its_flow_holds():
    assert {f.name for f in fields(ReportAnswers)} <= {f.name for f in fields(ReportFlow)}


V, C = Verdict, Channel
FRAUD, UNSURE, WARNING, NO_SIGNS = Outcome
# What the check says about each text a sample sends: the outcome, and the first finding's
# verdict (or, without one, the channel or who the text claims to be).
PROMISED = {
    "fraud by call, an official number shown": (FRAUD, V.OFFICIAL),
    "fraud by message: a relative's new number": (FRAUD, C.MESSAGE),
    "fraud by message: a parcel service's look-alike link": (FRAUD, V.LOOKALIKE_LINK),
    "fraud by call: remote access": (FRAUD, C.CALL),
    "fraud at the door": (FRAUD, C.DOOR),
    "fraud by letter": (FRAUD, C.LETTER),
    "unsure about a call": (UNSURE, C.CALL),
    "unsure about a message": (UNSURE, C.MESSAGE),
    "unsure: appointment resale": (UNSURE, V.APPOINTMENT_RESALE),
    "unsure: 110 shown": (UNSURE, V.EMERGENCY_AS_CALLER),
    "a warning about fraud: police": (WARNING, "police"),
    "a warning about fraud: parcels": (WARNING, "parcel"),
    "a warning about fraud: authorities": (WARNING, "authority"),
    "a warning about fraud: other": (WARNING, "prize"),
    "no signs: an official number": (NO_SIGNS, V.OFFICIAL),
    "an official number block": (NO_SIGNS, V.OFFICIAL),
    "a premium number called": (NO_SIGNS, V.PREMIUM),
    "a premium number: mass calling": (NO_SIGNS, V.PREMIUM),
    "a premium number: directory enquiries": (NO_SIGNS, V.PREMIUM),
    "a premium number: other": (NO_SIGNS, V.PREMIUM),
    "a service number: 115": (NO_SIGNS, V.SERVICE),
    "a service number: card blocking": (NO_SIGNS, V.SERVICE),
    "a service number: on-call doctor": (NO_SIGNS, V.SERVICE),
    "a service number: freephone": (NO_SIGNS, V.SERVICE),
    "a foreign number": (NO_SIGNS, V.FOREIGN),
    "an unknown number": (NO_SIGNS, V.UNKNOWN),
    "unknown numbers": (NO_SIGNS, V.UNKNOWN),
    "an invalid number": (NO_SIGNS, V.INVALID_NUMBER),
    "invalid numbers": (NO_SIGNS, V.INVALID_NUMBER),
    "the official website": (NO_SIGNS, V.OFFICIAL_LINK),
    "the official Telegram channel": (NO_SIGNS, V.OFFICIAL_LINK),
    "a local site": (NO_SIGNS, V.LOCAL_SITE),
    "a look-alike: other alphabet": (UNSURE, V.LOOKALIKE_LINK),
    "a look-alike: typo": (UNSURE, V.LOOKALIKE_LINK),
    "a look-alike: user info": (UNSURE, V.LOOKALIKE_LINK),
    "a look-alike: disguised": (UNSURE, V.LOOKALIKE_LINK),
    "a look-alike: e-mail": (UNSURE, V.LOOKALIKE_LINK),
    "a look-alike: a brand's address in the path": (UNSURE, V.LOOKALIKE_LINK),
    "a look-alike: a brand's e-mail": (UNSURE, V.LOOKALIKE_LINK),
    "the city's name in another site": (UNSURE, V.CITY_NAME_LINK),
    "a brand's real site": (NO_SIGNS, V.BRAND_SITE),
    "a brand's name in an unknown site": (NO_SIGNS, V.BRAND_NAME_LINK),
    "a short link": (NO_SIGNS, V.SHORT_LINK),
    "an unknown site": (NO_SIGNS, V.UNKNOWN_LINK),
    "unknown sites": (NO_SIGNS, V.UNKNOWN_LINK),
    "an official e-mail address": (NO_SIGNS, V.EMAIL),
    "an e-mail address": (NO_SIGNS, V.EMAIL),
    "a Telegram name": (NO_SIGNS, V.TELEGRAM_HANDLE),
    "more findings than a reply shows": (UNSURE, V.UNKNOWN),
}


def test_each_text_sent_gets_the_verdict_its_sample_is_named_for():
    cases = {case.variant: case.result for case in check_cases()}
    assert set(PROMISED) == set(TEXTS_SENT)
    for variant, (outcome, detail) in PROMISED.items():
        result = cases[variant]
        a = result.assessment
        if isinstance(detail, Verdict):
            shown = result.kinds[0]
        else:
            shown = a.channel if isinstance(detail, Channel) else detail * (detail in a.claims)
        assert (result.outcome, shown) == (outcome, detail), variant
    several = [cases[v] for v in ("unknown numbers", "invalid numbers", "unknown sites")]
    assert all(len(r.groups[0].findings) == 2 for r in several)
    assert cases["more findings than a reply shows"].omitted > 0
