"""The guided check's answers: money or data on the phone is fraud, whoever the caller is."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.numbercheck.guided import (
    ANSWERS_WAIT,
    LINK_REQUEST,
    NOTHING_YET,
    Caller,
    GuidedAnswers,
    Request,
    guided_flags,
)
from bot.numbercheck.redflags import FlagSeverity, RedFlagRules

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("caller", list(Caller))
@pytest.mark.parametrize("request_", [Request.MONEY, Request.DATA])
def test_money_or_data_is_fraud_from_anyone(caller, request_):
    (flag,) = guided_flags(caller, request_)
    assert flag.severity is FlagSeverity.FRAUD


def test_the_fraud_families_are_the_data_files_own():
    known = {flag.family for flag in RedFlagRules.load().families} | {LINK_REQUEST.family}
    for caller in Caller:
        for request_ in Request:
            for flag in guided_flags(caller, request_):
                if flag.severity is FlagSeverity.FRAUD:
                    assert flag.family in known


def test_police_asking_for_money_is_fake_police():
    assert guided_flags(Caller.POLICE, Request.MONEY)[0].family == "fake_police"


def test_nothing_yet_is_caution():
    assert guided_flags(Caller.OTHER, Request.NOTHING) == (NOTHING_YET,)


def test_answers_expire():
    answers = GuidedAnswers(Caller.BANK, Request.DATA, NOW)
    assert answers.flags(NOW + ANSWERS_WAIT)
    assert answers.flags(NOW + ANSWERS_WAIT + timedelta(seconds=1)) == ()
