"""The scam detector's answer: the model's probabilities and the text's signals to an outcome
(fraud, unsure, a warning about fraud, no signs), the channel it came by, and what it claims
and asks. None of the signals decides alone; thresholds taken from the corpus's dev split turn
the calibrated score into an outcome, and a few rules weighed over the corpus correct it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

_NOT_IN_A_WARNING = frozenset(
    {"found.unknown_link", "found.lookalike_link", "found.city_name_link", "found.telegram_handle"}
)


# Who a call or visit claims to be that makes the bot ask even without other signs.
_OFFICIAL_CLAIMS = frozenset(
    {"claims.police", "claims.bank", "claims.authority", "claims.support", "claims.utility"}
)

_SECRETS = frozenset({"asks.pin", "asks.code"})  # not negated: negated asks end ".negated"
_TOLD_CHANNELS = frozenset({"channel.call", "channel.door", "channel.message", "channel.letter"})

# What a scam is made of: who it claims to be, what it asks for, a red flag, pressure, secrecy,
# a number or link the check found.
_EVIDENCE = ("asks.", "claims.", "found.", "flag.", "pressure.", "secrecy.")
# Findings that are what they claim to be (the city's own link, a real local or brand site) are
# no sign of a scam.
_BENIGN = frozenset({"found.official_link", "found.local_site", "found.brand_site"})
_DEEDS = tuple(e for e in _EVIDENCE if e != "claims.")  # evidence beyond who it claims to be
_SAID = tuple(e for e in _EVIDENCE if e != "found.")  # evidence in its words, not its findings


class Outcome(enum.StrEnum):
    """The answer to "Is this a scam?"."""

    FRAUD = "fraud"  # ⛔ this is fraud
    UNSURE = "unsure"  # ❔ ask the question that decides
    WARNING = "warning"  # ℹ️ a warning about fraud (news, police advice), not a fraud itself
    NO_SIGNS = "no_signs"  # no signs of fraud


class Channel(enum.StrEnum):
    """How it reached the resident; the advice fits it."""

    CALL = "call"
    MESSAGE = "message"
    DOOR = "door"
    LETTER = "letter"


@dataclass(frozen=True, slots=True)
class Assessment:
    outcome: Outcome
    score: float  # the model's probability that the text is a scam
    channel: Channel
    claims: tuple[str, ...] = ()  # who it claims to be: police, bank, relative, authority …
    asks: tuple[str, ...] = ()  # what it asks for (not negated): money, code, pin, data …
    told: bool = False  # she tells of a call, visit, message or letter of her own


@dataclass(frozen=True)
class Thresholds:
    fraud: float  # score from which the answer is "fraud"
    unsure: float  # score from which the bot asks


def judge(
    scam: float,
    warning: float,
    honest: float,
    present: set[str],
    thresholds: Thresholds,
    dangerous: bool = False,
) -> Assessment:
    """Probabilities and signals to an outcome. The score decides unless the signs say
    otherwise: a brief text with nothing a scam is made of is "no signs"; a few words are no
    proof;
    something dangerous the check found, a "new number", a call or visit from someone official,
    or a call or message she tells of with nothing in it to judge, is asked about; an official
    number that called and wanted a PIN is fraud (each rule weighed by cross-validation over
    the corpus's train and dev splits, bench/detector_dev.py)."""
    channel = channel_of(present)
    outcome = _by_score(scam, warning, honest, thresholds)
    evidence = len(_signs(present, _EVIDENCE))
    short = "shape.short" in present
    # A few words, or a brief text with one sign ("IBAN DE89 …") or that only says who it
    # claims to be ("Meine Bank hat mir eine SMS geschickt"), are no proof: ask
    claims_only = not _signs(present, _DEEDS)
    brief = "shape.brief" in present and (claims_only or evidence < 2)
    if outcome is Outcome.FRAUD and (short or brief):
        outcome = Outcome.UNSURE
    # A greeting, an amount, numbers or links alone: in a few words, nothing a scam is made of
    # is no sign, whatever the score (the findings speak). A longer text the model reads as a
    # scam is one even if no listed word is in it: its wording is the evidence.
    bare = "shape.brief" in present and not _signs(present, _SAID)
    if outcome in (Outcome.FRAUD, Outcome.UNSURE) and (
        (evidence < 2 and short) or bare or (evidence == 0 and "shape.brief" in present)
    ):
        outcome = Outcome.NO_SIGNS
    # she tells of a call, visit, message or letter of her own ("hat mich angerufen")
    told = "stance.own" in present and bool(present & _TOLD_CHANNELS)
    # A "new number" from a child is always asked about (the police: call the old number);
    # so is a call or visit from someone official, the fake officials' way in.
    new_number = "flag.new_number" in present
    in_person = told and channel in (Channel.CALL, Channel.DOOR)
    official = in_person and bool(present & _OFFICIAL_CLAIMS)
    # "Ich habe eine komische SMS bekommen" holds nothing to judge: ask what they wanted
    untold = told and evidence == 0
    asked = dangerous or new_number or official or untold
    if (outcome is Outcome.NO_SIGNS and asked) or (outcome is Outcome.FRAUD and untold):
        outcome = Outcome.UNSURE
    # Caller-ID spoofing: an official number called her and wanted a PIN or a code. The city,
    # the police and banks never ask for them on the phone.
    spoofed = in_person and "found.official" in present and bool(present & _SECRETS)
    if spoofed:
        outcome = Outcome.FRAUD
    # A warning about scams holds no link to an unknown site, and one that asks her for
    # something without a word of warning ("warnt", "Betrüger") is her own experience.
    asks = tuple(sorted(n.removeprefix("asks.") for n in _signs(present, ("asks.",))))
    own_ask = "stance.own" in present and "stance.report" not in present and bool(asks)
    if outcome is Outcome.WARNING and (present & _NOT_IN_A_WARNING or own_ask):
        outcome = Outcome.UNSURE
    claims = tuple(sorted(n.removeprefix("claims.") for n in present if n.startswith("claims.")))
    return Assessment(outcome, scam, channel, claims, asks, told)


def _by_score(scam: float, warning: float, honest: float, thresholds: Thresholds) -> Outcome:
    if scam >= thresholds.fraud:
        return Outcome.FRAUD
    if scam >= thresholds.unsure:
        return Outcome.UNSURE
    if warning > honest and warning > scam:
        return Outcome.WARNING
    return Outcome.NO_SIGNS


def _signs(present: set[str], groups: tuple[str, ...]) -> set[str]:
    """The signals of these groups that speak for a scam: an ask a negation takes back
    (".negated") does not, nor does a finding that is what it claims to be."""
    return {
        name
        for name in present
        if name.startswith(groups) and not name.endswith(".negated") and name not in _BENIGN
    }


def channel_of(present: set[str]) -> Channel:
    """Someone at the door, or a call or letter she tells of ("hat mich angerufen"); else the
    text is the message itself (an SMS that says "call us back" is still a message)."""
    if "channel.door" in present:
        return Channel.DOOR
    own = "stance.own" in present
    if "channel.call" in present and (own or "asks.call_back" not in present):
        return Channel.CALL
    if "channel.letter" in present and own:
        return Channel.LETTER
    return Channel.MESSAGE
