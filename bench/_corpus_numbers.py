"""The number categories of bench/check_corpus.py: official numbers in every written form and
behind every country code, libphonenumber's example numbers, special numbers, and Faker's
IBANs, amounts and dates that must not be read as phone numbers."""

from __future__ import annotations

import random
from collections.abc import Callable

import phonenumbers
from faker import Faker
from phonenumbers import PhoneNumberType

from bench._corpus_common import NUMBER_VERDICTS, RULES, SEED, Category
from bot.numbercheck import Verdict, check_text

CONTEXTS = ("{}", "Tel. {}", "Rückruf unter {}.", "({})", "Ist {} echt?")
# The meaning of each special number, from the public sources in numbercheck/data/numbers_de.toml.
SPECIAL_EXPECTED = {
    "0800": (Verdict.SERVICE, "freephone"),
    "0700": (Verdict.PREMIUM, "personal_number"),
    "0180": (Verdict.PREMIUM, "shared_cost"),
    "0137": (Verdict.PREMIUM, "mass_calling"),
    "0900": (Verdict.PREMIUM, "premium_rate"),
}


def plain_matcher_official(text: str) -> bool:
    """What a developer would write instead: libphonenumber's VALID matcher, then a registry
    lookup of every match. (Our check must beat it on foreign codes and written forms.)"""
    return any(
        RULES.registry.lookup(match.number) is not None
        for match in phonenumbers.PhoneNumberMatcher(text, "DE", phonenumbers.Leniency.VALID)
    )


# --- official numbers --------------------------------------------------------------------------


def _pairs(digits: str) -> str:
    return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def _written_forms(national: str, area: str, subscriber: str, extension: str) -> dict[str, str]:
    """Every common German way of writing one number; `extension` splits "49-3714" forms."""
    base, ext = (subscriber[: -len(extension)], extension) if extension else (subscriber, "")
    forms = {
        "DIN national": f"0{area} {subscriber}",
        "slash": f"0{area}/{subscriber}",
        "slash spaced": f"0{area} / {subscriber}",
        "dash": f"0{area}-{subscriber}",
        "brackets": f"(0{area}) {subscriber}",
        "solid": f"0{national}",
        "dots": f"0{area}.{subscriber}",
        "pairs": f"0{area} {_pairs(subscriber)}",
        "slash pairs": f"0{area} / {_pairs(subscriber)}",
        "spaced area": f"0 {_pairs(area)} / {_pairs(subscriber)}",
        "DIN international": f"+49 {area} {subscriber}",
        "+49 (0)": f"+49 (0){area} {subscriber}",
        "+49 (0) spaced": f"+49 (0) {area} {subscriber}",
        "0049": f"0049 {area} {subscriber}",
        "0049 (0)": f"0049 (0){area} {subscriber}",
        "+49 dashes": f"+49-{area}-{subscriber}",
        "+49 solid": f"+49{national}",
        "+49 slash": f"+49 {area}/{subscriber}",
        "+49 (0) slash": f"+49(0){area}/{subscriber}",
    }
    if ext:
        forms |= {
            "DIN extension": f"0{area} {base}-{ext}",
            "slash extension": f"0{area}/{base}-{ext}",
            "+49 extension": f"+49 {area} {base}-{ext}",
            "0049 extension": f"0049 {area} {base}-{ext}",
            "spaced extension": f"0{area} / {base} {_pairs(ext)}",
        }
    return forms


def _split(entry_written: str, number: phonenumbers.PhoneNumber) -> tuple[str, str, str, str]:
    national = phonenumbers.national_significant_number(number)
    area_length = phonenumbers.length_of_national_destination_code(number)
    extension = entry_written.rsplit("-", 1)[1] if "-" in entry_written else ""
    return national, national[:area_length], national[area_length:], extension


def official_numbers() -> tuple[Category, Category]:
    german = Category(
        "Official numbers, German written forms", ("recognised", "plain matcher recognised")
    )
    foreign = Category(
        "Official digits behind a foreign country code", ("official", "plain matcher official")
    )
    codes = sorted(c for c in phonenumbers.COUNTRY_CODE_TO_REGION_CODE if c != 49)
    for entry in RULES.registry.entries:
        if entry.is_block:
            continue
        number = phonenumbers.parse(entry.written, "DE")
        if not phonenumbers.is_valid_number(number):
            continue  # short numbers have no written forms
        national, area, subscriber, extension = _split(entry.written, number)
        for form, written in _written_forms(national, area, subscriber, extension).items():
            for context in CONTEXTS:
                found = check_text(context.format(written), RULES).findings
                ok = any(
                    f.kind is Verdict.OFFICIAL and f.department == entry.department for f in found
                )
                failure = "" if ok else f"{context.format(written)!r} -> {[f.kind for f in found]}"
                plain = plain_matcher_official(context.format(written))
                outcomes = ["recognised"] * ok + ["plain matcher recognised"] * plain
                german.add(form, *outcomes, failure=failure)
        for code in codes:
            for form, written in (
                ("+cc", f"+{code} {area} {subscriber}"),
                ("00cc", f"00{code} {area} {subscriber}"),
                ("+cc (0)", f"+{code} (0) {area} {subscriber}"),
            ):
                found = check_text(written, RULES).findings
                official = any(f.kind is Verdict.OFFICIAL for f in found)
                failure = f"{written!r} -> official" if official else ""
                plain = ["plain matcher official"] * plain_matcher_official(written)
                foreign.add(form, *["official"] * official, *plain, failure=failure)
    return german, foreign


def example_numbers() -> Category:
    """libphonenumber's example numbers of every region but Germany: never official."""
    category = Category("libphonenumber example numbers (other regions)", ("official",))
    for region in sorted(phonenumbers.SUPPORTED_REGIONS - {"DE"}):
        for kind_name in ("FIXED_LINE", "MOBILE", "TOLL_FREE", "PREMIUM_RATE", "VOIP"):
            number = phonenumbers.example_number_for_type(
                region, getattr(PhoneNumberType, kind_name)
            )
            if number is None:
                continue
            for style in (phonenumbers.PhoneNumberFormat.INTERNATIONAL, None):
                written = (
                    phonenumbers.format_number(number, style)
                    if style is not None
                    else "00" + phonenumbers.format_number(number, 0)[1:]
                )
                found = check_text(written, RULES).findings
                official = any(f.kind is Verdict.OFFICIAL for f in found)
                category.add(kind_name, *["official"] * official, failure=written * official)
    return category


# --- special numbers ---------------------------------------------------------------------------


def special_numbers(rng: random.Random) -> Category:
    category = Category("Special numbers", ("meaning right", "official"))

    def check(row: str, written: str, expected: Verdict, reason: str) -> None:
        found = check_text(written, RULES).findings
        right = (
            bool(found) and found[0].kind is expected and (not reason or found[0].reason == reason)
        )
        official = any(f.kind is Verdict.OFFICIAL for f in found)
        failure = "" if right else f"{written!r} -> {[(f.kind, f.reason) for f in found]}"
        category.add(row, *["meaning right"] * right, *["official"] * official, failure=failure)

    for written in ("110", "112", "+49 110", "Anruf von 110"):
        check("110/112 as caller", written, Verdict.EMERGENCY_AS_CALLER, "")
    for written in ("115", "Behördennummer 115", "+49 115"):
        check("115", written, Verdict.SERVICE, "authority_line")
    for written in ("116 116", "116116", "+49 116 116"):
        check("116 116", written, Verdict.SERVICE, "card_blocking")
    for written in ("116 117", "116117"):
        check("116 117", written, Verdict.SERVICE, "on_call_doctor")
    for prefix, (verdict, reason) in SPECIAL_EXPECTED.items():
        example = phonenumbers.example_number_for_type(
            "DE",
            {
                "0800": PhoneNumberType.TOLL_FREE,
                "0700": PhoneNumberType.PERSONAL_NUMBER,
                "0180": PhoneNumberType.SHARED_COST,
                "0900": PhoneNumberType.PREMIUM_RATE,
                "0137": PhoneNumberType.PREMIUM_RATE,
            }[prefix],
        )
        written = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
        if written.startswith(prefix):
            check(prefix, written, verdict, reason)
        for _ in range(100):
            digits = {"0180": "5", "0137": "1", "0900": "1"}.get(prefix, "")
            length = 8 if prefix == "0700" else 7 - len(digits)
            subscriber = digits + "".join(rng.choice("0123456789") for _ in range(length))
            check(prefix, f"{prefix} {subscriber}", verdict, reason)
    for _ in range(100):
        check("118xx", f"118{rng.randrange(10, 100)}", Verdict.PREMIUM, "directory_enquiries")
    return category


# --- not phone numbers -------------------------------------------------------------------------


def not_numbers() -> Category:
    category = Category("IBANs, amounts, dates (Faker)", ("phone number found",))
    fakers = [Faker(locale) for locale in ("de_DE", "de_AT", "fr_FR", "nl_NL", "it_IT", "en_GB")]
    for fake in fakers:
        fake.seed_instance(SEED)
    de = fakers[0]
    labels = ("Kundennummer", "Auftragsnummer", "Rechnungsnummer", "Vertragsnummer", "Az.")
    makers: dict[str, Callable[[Faker], str]] = {
        "IBAN": lambda f: f.iban(),
        "IBAN grouped": lambda f: " ".join(f.iban()[i : i + 4] for i in range(0, 34, 4)).strip(),
        "IBAN in a sentence": lambda f: f"Bitte auf {f.iban()} überweisen",
        "amount": lambda f: f"Das kostet {f.pricetag()}",
        "amount in Euro": lambda f: f"Ich habe {f.random_int(1, 99999)} Euro bezahlt",
        "amount EUR": lambda f: f"EUR {f.random_int(1, 99999)},{f.random_int(10, 99)}",
        "date": lambda f: f"am {f.date(pattern='%d.%m.%Y')}",
        "date and time": lambda f: f"{f.date(pattern='%d.%m.%y')} um {f.time(pattern='%H:%M')} Uhr",
        "ISO date": lambda f: f.date(pattern="%Y-%m-%d"),
        "postcode": lambda f: f"{f.postcode()} {f.city()}",
        "labelled number": lambda f: f"{f.random_element(labels)} {f.numerify('0#########')}",
    }
    for name, make in makers.items():
        for fake in fakers if name.startswith("IBAN") else [de]:
            for _ in range(200 if name.startswith("IBAN") else 400):
                text = make(fake)
                found = [f for f in check_text(text, RULES).findings if f.kind in NUMBER_VERDICTS]
                failure = f"{text!r} -> {[f.display for f in found]}" if found else ""
                category.add(name, *["phone number found"] * bool(found), failure=failure)
    return category
