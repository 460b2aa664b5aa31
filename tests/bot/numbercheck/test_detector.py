"""The scam detector: the shipped model is the one the corpus gives; one text scored fast is
scored as the training matrix scores it; signals, negation per sentence, channels, outcomes."""

from __future__ import annotations

import numpy as np
import pytest

from bench.scam_corpus import in_split, load
from bench.train_detector import build
from bot.numbercheck.detector import Detector
from bot.numbercheck.judge import Channel, Outcome, Thresholds, channel_of, judge
from bot.numbercheck.signals import SignalReader

READER = SignalReader.load()
THRESHOLDS = Thresholds(fraud=0.7, unsure=0.5)


@pytest.mark.slow
def test_the_shipped_model_is_the_one_the_corpus_gives():
    shipped = Detector.load()
    assert shipped is not None, "bot/numbercheck/data/detector.npz is missing: run make model"
    rebuilt, _ = build()
    assert rebuilt.features.signal_names == shipped.features.signal_names
    assert rebuilt.thresholds == pytest.approx(shipped.thresholds, abs=1e-4)
    np.testing.assert_allclose(rebuilt.weights, shipped.weights, atol=1e-4)
    np.testing.assert_allclose(rebuilt.intercept, shipped.intercept, atol=1e-4)


def test_the_model_is_small():
    from bot.numbercheck.detector import MODEL_PATH

    assert MODEL_PATH.stat().st_size <= 10 * 1024 * 1024


@pytest.mark.slow
def test_one_text_scores_as_the_training_matrix_does():
    detector = Detector.load()
    texts = [c.text for c in in_split(load(), "train")[:60]] + ["", "a", "€", "مرحبا ماما"]
    for text in texts:
        present = READER.read(text) | {"found.unknown"}
        fast = detector.features.row_scores(text, present, detector._by_feature)
        slow = (detector.features.matrix([text], [present]) @ detector._by_feature)[0]
        np.testing.assert_allclose(fast, slow, atol=1e-9)


def test_an_ask_in_a_sentence_with_a_negation_is_negated():
    notice = READER.read("Wir fragen Sie niemals nach Ihrer PIN. Ihre Sparkasse.")
    assert "asks.pin.negated" in notice and "asks.pin" not in notice
    scam = READER.read("Wir fragen nie nach Daten. Bitte nennen Sie jetzt Ihre PIN.")
    assert "asks.pin" in scam  # the PIN is asked in a sentence without the negation


@pytest.mark.parametrize(
    ("text", "signals"),
    [
        ("Мама, я попал в аварию, нужны деньги на залог", {"claims.relative", "asks.money"}),
        ("Oğlum kaza yaptı, kefalet için para lazım", {"claims.relative", "asks.money"}),
        ("ماما هذا رقمي الجديد ابعتي فلوس", {"claims.relative", "asks.money"}),
        ("Мені подзвонили з банку, просили код з смс", {"claims.bank", "asks.code"}),
        ("Ein Mann stand vor der Tür, er wollte in die Wohnung", {"channel.door", "asks.home"}),
    ],
)
def test_signals_are_read_in_six_languages(text, signals):
    assert signals <= READER.read(text)


def test_the_channel_fits_what_happened():
    assert channel_of(READER.read("Eben hat mich einer angerufen, angeblich Polizei")) == "call"
    assert channel_of(READER.read("Ihr Konto ist gesperrt. Rufen Sie uns an: 0800")) == "message"
    assert channel_of(READER.read("Es klingelte, ein Mann vor der Tür")) == "door"
    assert channel_of(READER.read("DHL: Ihr Paket wartet, bitte bezahlen Sie hier")) == "message"


def test_outcomes_from_scores_and_signs():
    signs = {"claims.bank", "asks.pin", "stance.own"}
    assert judge(0.9, 0.05, 0.05, signs, THRESHOLDS).outcome is Outcome.FRAUD
    assert judge(0.6, 0.2, 0.2, signs, THRESHOLDS).outcome is Outcome.UNSURE
    assert judge(0.1, 0.8, 0.1, {"claims.police"}, THRESHOLDS).outcome is Outcome.WARNING
    assert judge(0.1, 0.1, 0.8, {"claims.bank"}, THRESHOLDS).outcome is Outcome.NO_SIGNS
    # one sign and a high score is fraud; in a brief text without a sign a scam is made of (a
    # greeting) the score does not count; a short text with one sign is nothing
    assert judge(0.9, 0.05, 0.05, {"asks.money"}, THRESHOLDS).outcome is Outcome.FRAUD
    greeting = {"stance.own", "shape.brief"}
    assert judge(0.9, 0.05, 0.05, greeting, THRESHOLDS).outcome is Outcome.NO_SIGNS
    # a longer text the model reads as a scam is one, even with no listed word in it
    assert judge(0.9, 0.05, 0.05, {"stance.own"}, THRESHOLDS).outcome is Outcome.FRAUD
    short = {"asks.money", "shape.short"}
    assert judge(0.9, 0.05, 0.05, short, THRESHOLDS).outcome is Outcome.NO_SIGNS
    assert judge(0.9, 0.05, 0.05, {"shape.short"}, THRESHOLDS).outcome is Outcome.NO_SIGNS
    # a dangerous finding or a "new number" is never "no signs": the bot asks
    assert judge(0.1, 0.1, 0.8, set(), THRESHOLDS, dangerous=True).outcome is Outcome.UNSURE
    assert judge(0.1, 0.1, 0.8, {"flag.new_number"}, THRESHOLDS).outcome is Outcome.UNSURE
    # a brief text that only says who it claims to be is no proof: the bot asks
    brief = {"claims.bank", "stance.own", "channel.message", "shape.brief"}
    assert judge(0.9, 0.05, 0.05, brief, THRESHOLDS).outcome is Outcome.UNSURE
    assert judge(0.9, 0.05, 0.05, brief | {"asks.pin"}, THRESHOLDS).outcome is Outcome.FRAUD
    bare = {"found.foreign", "found.official", "shape.brief"}  # two numbers: findings speak
    # a real local site is no sign: "stadtbibliothek-jena.de/de/700681" holds "stadt" only
    local = {"claims.authority", "found.local_site", "shape.short", "shape.brief"}
    assert judge(0.6, 0.05, 0.35, local, THRESHOLDS).outcome is Outcome.NO_SIGNS
    assert judge(0.9, 0.05, 0.05, bare, THRESHOLDS).outcome is Outcome.NO_SIGNS
    iban = {"asks.data", "shape.brief"}  # "IBAN DE89 3704 …": one sign in a few words
    assert judge(0.9, 0.05, 0.05, iban, THRESHOLDS).outcome is Outcome.UNSURE
    # a message or call she tells of with nothing in it to judge: the bot asks what they wanted
    untold = {"stance.own", "channel.message"}
    assert judge(0.9, 0.05, 0.05, untold, THRESHOLDS).outcome is Outcome.UNSURE
    # an official number that called and wanted a PIN was faked on her display: fraud
    spoofed = {"channel.call", "stance.own", "found.official", "asks.pin"}
    assert judge(0.3, 0.1, 0.6, spoofed, THRESHOLDS).outcome is Outcome.FRAUD
    assert judge(0.3, 0.1, 0.6, spoofed - {"stance.own"}, THRESHOLDS).outcome is not Outcome.FRAUD
    # a call she tells of from someone official is asked about; others are judged as said
    official = {"channel.call", "stance.own", "claims.authority"}
    assert judge(0.1, 0.1, 0.8, official, THRESHOLDS).outcome is Outcome.UNSURE
    told = judge(0.1, 0.1, 0.8, {"channel.call", "stance.own", "claims.relative"}, THRESHOLDS)
    assert (told.outcome, told.channel, told.told) == (Outcome.NO_SIGNS, Channel.CALL, True)
    # a warning about scams holds no link to an unknown site, and asks her for nothing
    own = {"claims.police", "stance.own"}
    assert judge(0.1, 0.8, 0.1, own, THRESHOLDS).outcome is Outcome.WARNING
    asked = own | {"asks.money"}
    assert judge(0.1, 0.8, 0.1, asked, THRESHOLDS).outcome is Outcome.UNSURE
    warned = asked | {"stance.report"}
    assert judge(0.1, 0.8, 0.1, warned, THRESHOLDS).outcome is Outcome.WARNING
    linked = own | {"found.unknown_link"}
    assert judge(0.1, 0.8, 0.1, linked, THRESHOLDS).outcome is Outcome.UNSURE
    assert judge(0.1, 0.8, 0.1, own, THRESHOLDS).channel is Channel.MESSAGE
