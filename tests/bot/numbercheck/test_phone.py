"""Phone numbers in free text: every German writing form, short numbers, verdicts."""

import pytest

from bot.numbercheck import Verdict, check_phone, check_text
from bot.numbercheck.phone import find_phone_numbers
from bot.numbercheck.special import NumberFacts

OFFICIAL_FORMS = [
    "03641 49-0",
    "03641/49-0",
    "03641 / 49 0",
    "(03641) 49 0",
    "03641-490",
    "0 36 41 / 49 - 0",
    "+49 3641 49-0",
    "+49 (0) 3641 490",
    "+49(0)3641-49-0",
    "0049 3641 49-0",
    "0049 (0)3641 490",
    "+493641490",
]


@pytest.mark.parametrize("written", OFFICIAL_FORMS)
def test_all_german_writing_forms_find_the_switchboard(written, small_rules):
    result = check_text(f"Ist {written} echt?", small_rules)
    assert len(result.findings) == 1
    finding = result.findings[0]
    assert finding.kind is Verdict.OFFICIAL
    assert finding.text == written
    assert finding.e164 == "+493641490"
    assert finding.display == "03641 490"
    assert (finding.owner, finding.department, finding.block) == (
        "Stadtverwaltung Jena",
        "Zentrale",
        False,
    )


def test_extension_in_block_is_official_via_block(small_rules):
    (finding,) = check_text("Anruf von 03641 49-2006 heute", small_rules).findings
    assert finding.kind is Verdict.OFFICIAL
    assert finding.block is True
    assert finding.department == ""


def test_longest_block_wins_in_text(small_rules):
    (finding,) = check_text("03641 49-3799", small_rules).findings
    assert finding.department == "Block 37"


def test_contact_officer_numbers_from_seed_002(small_rules):
    text = "Herr Bergner: 03641 233979 oder 0152 07168792"
    findings = check_text(text, small_rules).findings
    assert [f.kind for f in findings] == [Verdict.OFFICIAL, Verdict.OFFICIAL]
    assert {f.department for f in findings} == {"Kontaktbereichsbeamter Winzerla"}


@pytest.mark.parametrize("text", ["+44 20 7946 0958", "0044 20 7946 0958", "+7 495 123-45-67"])
def test_foreign_numbers(text, small_rules):
    (finding,) = check_text(text, small_rules).findings
    assert finding.kind is Verdict.FOREIGN
    assert finding.display.startswith("+")


EMERGENCY, PREMIUM, SERVICE = Verdict.EMERGENCY_AS_CALLER, Verdict.PREMIUM, Verdict.SERVICE


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        # 110 and 112 never call anyone: shown as a caller, they are spoofed.
        ("Angezeigt wurde 110", EMERGENCY, "emergency"),
        ("Display: 112", EMERGENCY, "emergency"),
        ("Anruf von +49 110", EMERGENCY, "emergency"),
        ("Anruf von 0049 110", EMERGENCY, "emergency"),
        ("Die Polizei rief an: 03641 110", EMERGENCY, "emergency_with_area_code"),
        ("Nummer +49 3641 110", EMERGENCY, "emergency_with_area_code"),
        ("(03641) 112", EMERGENCY, "emergency_with_area_code"),
        # Costly numbers.
        ("0900 1234567", PREMIUM, "premium_rate"),
        ("09005 123456", PREMIUM, "premium_rate"),
        ("0137 1234567", PREMIUM, "mass_calling"),
        ("0700 12345678", PREMIUM, "personal_number"),
        ("01805 123456", PREMIUM, "shared_cost"),
        ("+49 180 5123456", PREMIUM, "shared_cost"),
        ("11833", PREMIUM, "directory_enquiries"),
        ("Auskunft 11880", PREMIUM, "directory_enquiries"),
        # Free special numbers get their meaning.
        ("0800 1234567", SERVICE, "freephone"),
        ("Nummer 115", SERVICE, "authority_line"),
        ("116 116", SERVICE, "card_blocking"),
        ("116117", SERVICE, "on_call_doctor"),
    ],
)
def test_special_numbers_get_their_kind_and_meaning(text, kind, reason, small_rules):
    (finding,) = check_text(text, small_rules).findings
    assert finding.kind is kind
    assert finding.reason == reason
    if kind is SERVICE:
        assert finding.source  # every special number names its public source


@pytest.mark.parametrize("text", ["03641 233978", "0151 23456789", "030 1234567"])
def test_valid_german_numbers_not_in_registry_are_unknown(text, small_rules):
    (finding,) = check_text(text, small_rules).findings
    assert finding.kind is Verdict.UNKNOWN


@pytest.mark.parametrize(
    "text", ["Ruf an: 03641 4", "+49 152 123", "0152 123", "0191 1234567", "0900 1234567 03641 490"]
)
def test_number_like_but_invalid(text, small_rules):
    (finding,) = check_text(text, small_rules).findings
    assert finding.kind is Verdict.INVALID_NUMBER


@pytest.mark.parametrize(
    "text",
    [
        "Termin am 12.03.2025 um 10:30 Uhr",
        "PLZ 07743 Jena, Am Anger 15",
        "Das kostet 150 Euro",
        "Seit 2022 rund 150 Fälle",
        "Version 3.5.1",
        "Ich habe 110 Euro bezahlt",
        "IBAN DE89 3704 0044 0532 0130 00",
        "DE89370400440532013000",
        "Kundennummer: 0123 4567 890",
        "Auftragsnummer 4711 0815 42",
        "am 01.03.2024",
        "€ 1.200,00",
    ],
)
def test_dates_postcodes_prices_are_not_numbers(text, small_rules):
    result = check_text(text, small_rules)
    assert result.findings == ()
    assert result.outcome != "fraud"  # an amount or a date alone is no fraud


def test_find_phone_numbers_reports_spans():
    (hit,) = find_phone_numbers("Ist 03641 49-0 echt?", NumberFacts.load())
    assert (hit.start, hit.end, hit.raw) == (4, 14, "03641 49-0")


def test_several_numbers_in_order_and_deduplicated(small_rules):
    text = "Erst 0900 1234567, dann 03641 49-0, wieder +49 3641 490 und +44 20 7946 0958."
    result = check_text(text, small_rules)
    # most dangerous first; ties in order of appearance
    assert result.kinds == (Verdict.PREMIUM, Verdict.FOREIGN, Verdict.OFFICIAL)


@pytest.mark.parametrize(
    ("raw", "kind", "e164"),
    [
        ("+4915207168792", Verdict.OFFICIAL, "+4915207168792"),
        ("4915207168792", Verdict.OFFICIAL, "+4915207168792"),  # Telegram omits the "+"
        ("03641 233979", Verdict.OFFICIAL, "+493641233979"),
        ("110", Verdict.EMERGENCY_AS_CALLER, "+49110"),
        ("+49 3641 110", Verdict.EMERGENCY_AS_CALLER, "+493641110"),
        ("447946000000", Verdict.FOREIGN, "+447946000000"),
        ("+49 900 1234567", Verdict.PREMIUM, "+499001234567"),
        ("03641 233978", Verdict.UNKNOWN, "+493641233978"),
        ("abc", Verdict.INVALID_NUMBER, ""),
    ],
)
def test_check_phone_for_shared_contacts(raw, kind, e164, small_rules):
    (finding,) = check_phone(raw, small_rules).findings
    assert finding.kind is kind
    assert finding.e164 == e164


def test_check_phone_empty_is_nothing(small_rules):
    assert check_phone("   ", small_rules).nothing_found


def test_real_fragment_numbers(jena_rules):
    text = "Polizei 03641-810, Ausländerbehörde 03641 49-3748, Bürgerservice 03641 49 3714"
    findings = check_text(text, jena_rules).findings
    assert [f.owner for f in findings] == [
        "Landespolizeiinspektion Jena",
        "Stadtverwaltung Jena",
        "Stadtverwaltung Jena",
    ]
    assert findings[2].department == "Bürgerservice"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("0900 1234567, 03641 490", [Verdict.PREMIUM, Verdict.OFFICIAL]),
        ("+44 20 7946 0958 / 03641 49-0", [Verdict.FOREIGN, Verdict.OFFICIAL]),
        ("03641 490 / 03641 810", [Verdict.OFFICIAL, Verdict.UNKNOWN]),
        ("03641 200000; 03641 200001 und 03641 200002", [Verdict.UNKNOWN] * 3),
        ("03641 49 0", [Verdict.OFFICIAL]),
    ],
)
def test_separated_numbers_are_found_separately(text, kinds, small_rules):
    assert [f.kind for f in check_text(text, small_rules).findings] == kinds


@pytest.mark.parametrize(
    "text",
    [
        "+44 3641 490",
        "0044 (0) 3641 49-0",
        "+44 (0) 152 07168792",
        "(+44 7400 123456)",
        "+1 3641 490",
        "00 43 3641 490",
        "+44 20 7946 0958 03641 49-0",
    ],
)
def test_a_foreign_country_code_is_never_dropped(text, small_rules):
    kinds = check_text(text, small_rules).kinds
    assert Verdict.OFFICIAL not in kinds
    assert kinds and kinds[0] in (Verdict.FOREIGN, Verdict.INVALID_NUMBER)
