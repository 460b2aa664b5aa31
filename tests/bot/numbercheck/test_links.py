"""Links and Telegram handles: official, subdomains, look-alikes, t.me and @names."""

import pytest

from bot.numbercheck import Verdict, check_text


def only(text, rules):
    (finding,) = check_text(text, rules).findings
    return finding


def assert_only(text, rules, kind, **expected):
    """The text has exactly one finding, of `kind`, with these attribute values."""
    finding = only(text, rules)
    assert finding.kind is kind
    assert {name: getattr(finding, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("https://jena.de", "jena.de"),
        ("Siehe jena.de.", "jena.de"),
        ("www.jena.de/kontakt", "jena.de"),
        ("https://rathaus.jena.de/de/dezernat-3", "jena.de"),
        ("HTTPS://SERVICE.JENA.DE/online-termin", "jena.de"),
        (
            "(https://polizei.thueringen.de/landespolizeiinspektionen/lpijena/)",
            "polizei.thueringen.de",
        ),
        ("ｊｅｎａ.de", "jena.de"),  # fullwidth letters: a browser opens jena.de
    ],
)
def test_official_domains_and_subdomains(text, domain, small_rules):
    assert_only(text, small_rules, Verdict.OFFICIAL_LINK, domain=domain)


def test_email_at_an_official_domain_is_a_sender_never_official(small_rules):
    assert_only("Mail an buero-ob@jena.de", small_rules, Verdict.EMAIL, reason="official_domain")


@pytest.mark.parametrize(
    "text", ["https://jena-termine.de/buchen", "stadt-jena.info", "termine.jena-buergeramt.com"]
)
def test_city_name_inside_another_domain(text, small_rules):
    assert only(text, small_rules).kind is Verdict.CITY_NAME_LINK


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("jena.de.example.com/login", "contains_official"),
        ("polizei.thueringen.de.evil.com", "contains_official"),
        ("info@jena-service.net", "email"),
        ("jena.de@gmail.com", "email"),
        ("jеna.de", "homoglyph"),  # Cyrillic "е"
        ("https://јena.de/termin", "homoglyph"),  # Cyrillic "ј"
        ("https://xn--jna-rdd.de/", "homoglyph"),  # punycode of "jеna.de"
        ("xn--jna-rdd.de", "homoglyph"),
        ("jéna.de", "homoglyph"),
        ("jna.de", "typo"),
        ("jean.de", "typo"),
        ("jana.de", "typo"),
        ("polizei.thüringen.de", "typo"),
        ("polizei-thueringen.de", "swapped"),
        ("jena.com", "swapped"),
        ("https://evil.com\\@jena.de", "disguised"),
        ("https://jena.de@evil.example.com/x", "userinfo"),
    ],
)
def test_lookalike_links(text, reason, small_rules):
    assert_only(text, small_rules, Verdict.LOOKALIKE_LINK, reason=reason)


def test_userinfo_trick_names_the_real_host(small_rules):
    assert_only(
        "https://jena.de@evil.example.com/x",
        small_rules,
        Verdict.LOOKALIKE_LINK,
        display="evil.example.com",
    )


def test_police_domain_is_not_all_of_thueringen(small_rules):
    finding = only("https://thueringen.de", small_rules)
    assert finding.kind is Verdict.UNKNOWN_LINK


@pytest.mark.parametrize(
    "text", ["https://example.com/a", "leipzig.de", "https://münchen.de", "http://192.0.2.1/x"]
)
def test_unknown_links(text, small_rules):
    assert only(text, small_rules).kind is Verdict.UNKNOWN_LINK


@pytest.mark.parametrize("text", ["z.B. morgen", "Version 3.5", "bild.jpg", "Ende.Neuer Satz"])
def test_non_domains_are_ignored(text, small_rules):
    assert check_text(text, small_rules).nothing_found


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("t.me/termine_jena", "@termine_jena"),
        ("https://t.me/termine_jena/123", "@termine_jena"),
        ("telegram.me/BuergeramtTermine", "@BuergeramtTermine"),
        ("Schreib @jena_termine_24 an", "@jena_termine_24"),
        ("https://t.me/+AbCdEf123", "https://t.me/+AbCdEf123"),
        ("https://t.me/s/termine_jena", "@termine_jena"),
    ],
)
def test_telegram_handles_are_not_official(text, display, small_rules):
    assert_only(text, small_rules, Verdict.TELEGRAM_HANDLE, display=display)


@pytest.mark.parametrize("text", ["@StadtJenaOffiziell", "t.me/stadtjenaoffiziell"])
def test_listed_telegram_channel_is_official(text, small_rules):
    assert_only(text, small_rules, Verdict.OFFICIAL_LINK, domain="t.me")


def test_real_fragment_has_no_official_telegram(jena_rules):
    assert only("@StadtJenaOffiziell", jena_rules).kind is Verdict.TELEGRAM_HANDLE


def test_short_at_names_and_emails_are_not_handles(small_rules):
    assert check_text("@abc und x@y", small_rules).nothing_found


def test_digits_inside_links_are_not_numbers(small_rules):
    finding = only("https://jena.de/seite/036414900", small_rules)
    assert finding.kind is Verdict.OFFICIAL_LINK


def test_links_and_numbers_most_dangerous_first(small_rules):
    text = "Echt: jena.de, bitte 0900 1234567 anrufen oder jena-termine.de und @termin_jena"
    assert check_text(text, small_rules).kinds == (
        Verdict.PREMIUM,
        Verdict.CITY_NAME_LINK,
        Verdict.TELEGRAM_HANDLE,
        Verdict.OFFICIAL_LINK,
    )
