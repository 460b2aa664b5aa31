"""Offers to sell or broker official appointments (seed 001)."""

import pytest

from bot.numbercheck import Verdict, check_text
from bot.numbercheck.appointments import find_appointment_offer

OFFERS = """
Verkaufe Termin Bürgeramt, sofort verfügbar
Biete Termin Ausländerbehörde Jena, 80 €
Ausländerbehörde-Termin für 50 Euro
Termine frei! Bürgeramt Jena, garantiert diese Woche
Freie Termine Ausländerbehörde, schreib mir
Bürgeramtstermin zu verkaufen, Preis VB
Terminvermittlung Bürgeramt, 40 EUR
Wer will Termin kaufen? Bürgerservice morgen
Bürgeramt Slots zu verkaufen
Selling appointment at the Ausländerbehörde, 100€
""".strip().splitlines()

NOT_OFFERS = [
    *"""
Ich habe morgen einen Termin beim Bürgeramt. Ist 03641 49-0 echt?
Wo kann ich einen Termin machen?
Die Ausländerbehörde hat angerufen
Der Personalausweis kostet Gebühren
Ich habe Brot gekauft
""".strip().splitlines(),
    "",  # an empty message
]


@pytest.mark.parametrize("text", OFFERS)
def test_offers_are_detected(text, small_rules):
    assert find_appointment_offer(text) is not None
    assert Verdict.APPOINTMENT_RESALE in check_text(text, small_rules).kinds


@pytest.mark.parametrize("text", NOT_OFFERS)
def test_ordinary_messages_are_not_offers(text, small_rules):
    assert find_appointment_offer(text) is None
    assert Verdict.APPOINTMENT_RESALE not in check_text(text, small_rules).kinds


def test_offer_with_handle_gives_both_findings_once(small_rules):
    text = "Termin Ausländerbehörde sofort, 80 €, Termin auch morgen: @termine_jena_24"
    assert check_text(text, small_rules).kinds == (
        Verdict.APPOINTMENT_RESALE,
        Verdict.TELEGRAM_HANDLE,
    )
