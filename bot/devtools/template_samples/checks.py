"""Samples of the check's replies (check_result.html.j2): what the real check, with the
shipped detector, answers to texts residents send, one for each kind of finding; the guided
check's and the unsure question's answers; what residents reported; and the check's other
templates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache

from bot.check_reply import render_result
from bot.devtools.template_samples.base import Sample, World, rendered, world
from bot.numbercheck import CheckResult, check_phone, check_text
from bot.numbercheck.guided import APPOINTMENT_UNCLEAR, NOTHING_YET, Caller, Request, guided_flags
from bot.numbercheck.judge import Assessment, Channel, Outcome
from bot.reports.values import SubjectReports
from bot.texts import Texts
from bot.vocabulary import ReportKind

# What residents send, and the branch of the reply it shows (the check reads it as the bot
# does; tests/bot/devtools/test_template_samples.py holds each to its verdict).
TEXTS_SENT = {
    "fraud by call, an official number shown": (
        "Mich rief 03641 490 an, angeblich die Polizei, und wollte meine PIN."
    ),
    "fraud by message: a relative's new number": (
        "Hallo Oma, ich bin es, dein Enkel. Das ist meine neue Nummer. Ich brauche "
        "dringend 3000 Euro, bitte überweise heute noch."
    ),
    "fraud by message: a parcel service's look-alike link": (
        "Ihr Paket konnte nicht zugestellt werden. Bestätigen Sie Ihre Adresse: "
        "https://dhl-paket-info.com/x"
    ),
    "fraud by call: remote access": "Mich hat jemand angerufen und gesagt, er ist von Microsoft.",
    "fraud at the door": (
        "Es hat jemand an der Tür geklingelt und gesagt, er sei von den Stadtwerken."
    ),
    "fraud by letter": (
        "Im Brief vom Amtsgericht steht, ich soll sofort 500 Euro Bußgeld überweisen, "
        "sonst droht Haft."
    ),
    "unsure about a call": "Mich hat gestern jemand von der Stadt angerufen.",
    "unsure about a message": "Ich habe eine Nachricht bekommen, ich soll meine Daten bestätigen.",
    "unsure: appointment resale": "Verkaufe Termin beim Bürgeramt, 50 €",
    "unsure: 110 shown": "110",
    "a warning about fraud: police": (
        "Polizei warnt vor dem Enkeltrick: Betrüger geben sich am Telefon als Enkel aus "
        "und bitten um Geld für einen Notfall."
    ),
    "a warning about fraud: parcels": (
        "Die Verbraucherzentrale warnt vor SMS mit Links zu angeblichen Paketen. Öffnen "
        "Sie keine Links aus solchen SMS."
    ),
    "a warning about fraud: authorities": (
        "Das Bürgeramt warnt: Betrüger geben sich als Mitarbeiter der Stadt aus und "
        "verlangen am Telefon Gebühren."
    ),
    "a warning about fraud: other": (
        "Die Verbraucherzentrale warnt vor falschen Gewinnspielen im Internet. Betrüger "
        "versprechen hohe Gewinne mit Kryptowährungen."
    ),
    "no signs: an official number": "Ist 03641 49-0 echt?",
    "an official number block": "03641 49-3714",
    "a premium number called": "Ich habe einen Anruf von 0900 1234567 bekommen.",
    "a premium number: mass calling": "0137 1234567",
    "a premium number: directory enquiries": "11880",
    "a premium number: other": "0180 5 123456",
    "a service number: 115": "115",
    "a service number: card blocking": "116 116",
    "a service number: on-call doctor": "116 117",
    "a service number: freephone": "0800 1234567",
    "a foreign number": "+44 20 7946 0958",
    "an unknown number": "030 12345678",
    "unknown numbers": "Diese Nummern riefen an: 030 12345678, 040 87654321",
    "an invalid number": "0000 0000",
    "invalid numbers": "Diese Nummern sind ungültig: 0000 0000 und 0000 1111",
    "the official website": "jena.de",
    "the official Telegram channel": "t.me/stadtwarn_jena_bot",
    "a local site": "https://www.uni-jena.de",
    "a look-alike: other alphabet": "jеna.de",
    "a look-alike: typo": "jenaa.de",
    "a look-alike: user info": "https://jena.de@evil.com",
    "a look-alike: disguised": "https://evil.com\\@jena.de",
    "a look-alike: e-mail": "jena.de@gmail.com",
    "a look-alike: a brand's address in the path": "https://evil.com/paypal.com/login",
    "a look-alike: a brand's e-mail": "service@paypal-kundenservice.de",
    "the city's name in another site": "jena-termine.de",
    "a brand's real site": "dhl.de",
    "a brand's name in an unknown site": "sparkasse-jena.de",
    "a short link": "bit.ly/abc",
    "an unknown site": "beispiel-shop.de",
    "unknown sites": "beispiel-shop.de und foo-bar.com",
    "an official e-mail address": "info@jena.de",
    "an e-mail address": "max@web.de",
    "a Telegram name": "@termin_jena",
    "more findings than a reply shows": ", ".join(f"030 1234{i:04d}" for i in range(12)),
}


@dataclass(frozen=True)
class CheckCase:
    """A check's result and what else its reply shows."""

    variant: str
    result: CheckResult
    reported: Mapping[str, SubjectReports] = field(default_factory=dict)
    channel: Channel | None = None


def check_reply(
    texts: Texts,
    language: str,
    result: CheckResult,
    reported: Mapping[str, SubjectReports] | None = None,
    channel: Channel | None = None,
) -> str:
    """check_result.html.j2 with the values the check's handler gives it (bot/check_reply.py)."""
    return render_result(texts, language, result, reported, channel)


@cache
def check_cases() -> tuple[CheckCase, ...]:
    """Every sample of check_result.html.j2 (computed once)."""
    w = world()
    sent = [CheckCase(variant, check_text(text, w.rules)) for variant, text in TEXTS_SENT.items()]
    return (*sent, *_warnings(), *_answers(), *_flags(w), *_reported(w), *_without_detector(w))


def _warnings() -> list[CheckCase]:
    """Warnings about fraud that name who the scammers claim to be, as the detector reads
    them (its texts for these are rare)."""
    return [
        CheckCase(
            f"a warning about fraud: {claim}",
            CheckResult(assessment=Assessment(Outcome.WARNING, 0.2, channel, claims=(claim,))),
        )
        for claim, channel in (("bank", Channel.CALL), ("relative", Channel.MESSAGE))
    ]


def _answers() -> list[CheckCase]:
    """The guided check's verdict without a number ("Keine Nummer"), and the answers to the
    question after an unsure check, which keep its channel."""
    guided = [
        CheckCase(
            f"the guided check: {caller} wanted {request}",
            CheckResult(red_flags=guided_flags(caller, request)),
        )
        for caller, request in (
            (Caller.POLICE, Request.MONEY),
            (Caller.RELATIVE, Request.MONEY),
            (Caller.CITY, Request.MONEY),
            (Caller.BANK, Request.DATA),
            (Caller.UTILITY, Request.VISIT),
            (Caller.CITY, Request.APPOINTMENT),
            (Caller.OTHER, Request.NOTHING),
        )
    ]
    unsure = [
        CheckCase(
            f"the unsure question's answer by {channel}: {request}",
            CheckResult(red_flags=guided_flags(Caller.OTHER, request)),
            channel=channel,
        )
        for channel, request in (
            (Channel.MESSAGE, Request.CODE),
            (Channel.MESSAGE, Request.LINK),
            (Channel.MESSAGE, Request.NOTHING),
            (Channel.DOOR, Request.MONEY),
            (Channel.LETTER, Request.MONEY),
        )
    ]
    return guided + unsure


def _flags(w: World) -> list[CheckCase]:
    """Each red flag alone: every family's sentence."""
    flags = (*w.rules.red_flags.families, APPOINTMENT_UNCLEAR, NOTHING_YET)
    return [CheckCase(f"red flag: {f.family}", CheckResult(red_flags=(f,))) for f in flags]


def _reported(w: World) -> list[CheckCase]:
    """What residents reported about a number: an official one callers fake, an unknown one
    with the kinds of fraud reported."""
    official = check_text("Ist 03641 49-0 echt?", w.rules)
    unknown = check_text("Mich rief 0151 23456789 an und wollte Geld.", w.rules)
    kinds = (ReportKind.FAKE_POLICE, ReportKind.SHOCK_CALL)
    return [
        CheckCase(
            "an official number residents report (spoofing)",
            official,
            {f.e164: SubjectReports(5) for f in official.findings},
        ),
        CheckCase(
            "a number residents report",
            unknown,
            {f.e164: SubjectReports(4, kinds) for f in unknown.findings},
        ),
    ]


def _without_detector(w: World) -> list[CheckCase]:
    """Replies without the detector's answer: a shared contact card, several findings when
    the model file is missing, and a check that failed in part."""
    no_model = replace(w.rules, detector=None)
    several = check_text("030 12345678, jena.de und beispiel-shop.de", no_model)
    return [
        CheckCase("a shared contact card", check_phone("+49 3641 49-0", w.rules)),
        CheckCase("several findings, no detector", several),
        CheckCase("part of the check failed", replace(several, incomplete=True)),
        CheckCase("the check failed, nothing found", CheckResult(incomplete=True)),
    ]


PLAIN = (
    "check_explain.html.j2",
    "check_guided_request.html.j2",
    "check_guided_number.html.j2",
    "check_nothing_found.html.j2",
    "scam_help.html.j2",
)


def samples(texts: Texts, language: str) -> list[Sample]:
    """The check's templates."""
    replies = [
        Sample("check_result.html.j2", case.variant, check_reply(texts, language, *_args(case)))
        for case in check_cases()
    ]
    return [*replies, *(rendered(texts, language, name) for name in PLAIN)]


def _args(case: CheckCase) -> tuple:
    return case.result, case.reported, case.channel
