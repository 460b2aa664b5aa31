"""Companies and authorities scammers imitate (data/brands.toml), and URL shorteners: their real
sites, look-alikes of them, regional branches we do not list, and the city's check first."""

import tomllib

import pytest

from bot.city.data import check_rules, load_city
from bot.numbercheck import Verdict, check_text
from bot.numbercheck.brand_config import BRANDS_PATH, SHORTENERS_PATH, read_shorteners
from bot.numbercheck.brands import BrandRules
from bot.settings import BUNDLED_CITY_PATH

BRANDS = BrandRules.load()
BY_ID = {brand.id: brand for brand in BRANDS.brands}


def only(text, rules):
    (finding,) = check_text(text, rules).findings
    return finding


def assert_only(text, rules, kind, **expected):
    """The text has exactly one finding, of `kind`, with these attribute values."""
    finding = only(text, rules)
    assert finding.kind is kind, finding
    assert {name: getattr(finding, name) for name in expected} == expected


def name_of(brand_id):
    return BY_ID[brand_id].name


@pytest.fixture(scope="module")
def city_rules():
    """The bot's own rules: the bundled city data, its local sites, the brands file."""
    return check_rules(load_city(BUNDLED_CITY_PATH))


# --- the data --------------------------------------------------------------------------------


def test_the_brief_s_brands_are_all_there():
    wanted = {
        "sparkasse", "volksbank", "ing", "commerzbank", "deutsche-bank", "dkb", "postbank", "n26",
        "paypal", "dhl", "deutsche-post", "dpd", "hermes", "gls", "ups", "zoll", "amazon",
        "telekom", "vodafone", "1und1", "o2", "microsoft", "apple", "netflix", "google",
        "deutsche-bahn", "rundfunkbeitrag", "aok", "tk", "barmer", "dak", "ikk", "finanzamt",
        "arbeitsagentur", "jobcenter", "rentenversicherung", "europol", "bka", "interpol",
        "bundespolizei", "whatsapp", "telegram", "kleinanzeigen", "ebay",
    }  # fmt: skip
    assert wanted <= set(BY_ID)


def test_every_brand_has_a_source_and_a_real_domain():
    for brand in BRANDS.brands:
        assert brand.source, brand.id
        assert brand.domains, brand.id


def test_the_shortener_list_names_its_source_and_licence():
    text = SHORTENERS_PATH.read_text(encoding="utf-8")
    assert "misp-warninglists" in text and "CC0" in text
    hosts = read_shorteners(text)
    assert {"bit.ly", "tinyurl.com", "is.gd", "cutt.ly", "rb.gy", "shorturl.at", "ow.ly"} <= set(
        hosts
    )
    assert {"tiny.cc", "rebrand.ly", "s.id", "bit.do", "t.ly", "qrco.de", "t.co"} <= set(hosts)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda b: b.pop("source"), r"brand\[0\].source"),
        (lambda b: b.update(domains=["dhl.de", "https://dhl.de"]), r"brand\[0\].domains"),
        (lambda b: b.update(words=["DHL Paket"]), r"brand\[0\].words"),
        (lambda b: b.update(names=["dh"]), r"brand\[0\].names"),
        (lambda b: b.update(mailboxes=["gmail.com"]), r"brand\[0\].mailboxes"),
    ],
)
def test_bad_brand_entries_are_refused_by_name(change, message):
    brand = {"id": "dhl", "name": "DHL", "domains": ["dhl.de"], "names": ["dhl"], "source": "x"}
    change(brand)
    with pytest.raises(ValueError, match=message):
        BrandRules.from_config({"brand": [brand]})


def test_a_domain_belongs_to_one_brand():
    brands = [
        {"id": "a", "name": "A", "domains": ["a.de"], "source": "x"},
        {"id": "b", "name": "B", "domains": ["a.de"], "source": "x"},
    ]
    with pytest.raises(ValueError, match=r"brand\[1\].domains"):
        BrandRules.from_config({"brand": brands})


def test_the_data_file_is_the_one_the_checker_uses(small_rules):
    with BRANDS_PATH.open("rb") as file:
        ids = [item["id"] for item in tomllib.load(file)["brand"]]
    assert [brand.id for brand in small_rules.brands.brands] == ids


# --- every brand: its real site, and one look-alike --------------------------------------------


@pytest.mark.parametrize("brand", BRANDS.brands, ids=lambda b: b.id)
def test_each_brand_s_real_domain_is_its_site(brand, small_rules):
    domain = brand.domains[0]
    for written in (domain, f"https://www.{domain}/kontakt"):
        assert_only(written, small_rules, Verdict.BRAND_SITE, owner=brand.name)


@pytest.mark.parametrize("brand", BRANDS.brands, ids=lambda b: b.id)
def test_each_brand_s_name_in_another_address_is_a_lookalike(brand, small_rules):
    token = (*brand.names, *brand.words, *brand.domain_words)[0]
    assert_only(
        f"https://{token}-verifizierung.info/login",
        small_rules,
        Verdict.LOOKALIKE_LINK,
        reason="brand",
        owner=brand.name,
    )


# --- look-alikes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "brand_id"),
    [
        ("https://dhl-paket-zustellung.info/track?id=123", "dhl"),
        ("dhI-paket.info", "dhl"),  # capital I for l
        ("dh1-paket.info", "dhl"),
        ("dhі-paket.info", "dhl"),  # Cyrillic і
        ("https://mydhlpaket.com", "dhl"),
        ("sparkasse-sicherheit.com", "sparkasse"),
        ("sparkasse-sicherheit.de", "sparkasse"),  # a phishing word, not a place
        ("https://s-pushtan-verifizierung.de", "sparkasse"),
        ("https://paypal.com.secure-login.net/webscr", "paypal"),
        ("paypal.com.de", "paypal"),
        ("paypa1-login.com", "paypal"),
        ("ｐaypal-konto.com", "paypal"),  # fullwidth p
        ("elster-erstattung.de", "finanzamt"),
        ("finanzamt-rueckzahlung.com", "finanzamt"),
        ("rnicrosoft-support.com", "microsoft"),
        ("deutsche-bank-login.com", "deutsche-bank"),
        ("ing-login.com", "ing"),
        ("ing.de-sicherheit.info", "ing"),
        ("kleinanzeigen-sicher-bezahlen.de", "kleinanzeigen"),
        ("amazon-prime-verify.com", "amazon"),
        ("rundfunkbeitrag-online.de", "rundfunkbeitrag"),
        ("europol-fahndung.eu", "europol"),
        ("interpol.int.verfahren.info", "interpol"),
        ("dhl.github.io", "dhl"),  # a page on a hosting platform is not DHL's site abroad
        ("db-ticket.info", "deutsche-bahn"),
        ("o2-rechnung.de", "o2"),
        ("1und1-rechnung.de", "1und1"),
        ("gemeinde-tk.de", "tk"),  # "tk" as a hyphen part names TK: the rule, not a guess
        ("sparkasse-paypal.de", "paypal"),  # an imitation outranks "maybe a regional Sparkasse"
    ],
)
def test_a_brand_s_name_in_another_address_is_a_lookalike(text, brand_id, small_rules):
    assert_only(text, small_rules, Verdict.LOOKALIKE_LINK, reason="brand", owner=name_of(brand_id))


def test_a_punycode_lookalike_shows_how_it_reads(small_rules):
    finding = only("https://xn--dh-paket-uhh.info", small_rules)  # "dhі-paket.info"
    assert (finding.kind, finding.owner) == (Verdict.LOOKALIKE_LINK, "DHL")
    assert "dhі-paket.info" in finding.display


@pytest.mark.parametrize(
    "text",
    [
        "singen.de",  # "ing" inside a word
        "mailing-liste.de",
        "startups.de",  # "ups" inside a word
        "co2-rechner.de",  # "o2" inside a word
        "awsdns-02.com",  # a number, not "o2"
        "gandhi-institut.de",  # "dhi" inside a word is not "dhl"
        "blockdh100b.net",
        "amazonas-reisen.de",
        "forticloud.com",  # another cloud, not iCloud
        "thepiratebay.org",
        "kleinanzeigen.zeitung-beispiel.de",  # the paper's classifieds
        "finanzamt.thueringen.de",  # a state's tax office pages
        "gls-bank.de",  # GLS Gemeinschaftsbank
        "herzberg-elster.de",  # a town on the river Elster
        "badelster.de",
        "db.example.com",
        "bucket.s3.amazonaws.com",  # Amazon's cloud hosts anyone's pages
        "leipzig.de",
    ],
)
def test_words_that_only_contain_a_short_name_are_no_alarm(text, small_rules):
    assert only(text, small_rules).kind is Verdict.UNKNOWN_LINK


# --- names we cannot confirm: regional branches, other endings ---------------------------------


@pytest.mark.parametrize(
    ("text", "brand_id"),
    [
        ("sparkasse-jena.de", "sparkasse"),
        ("https://www.sparkasse-gera-greiz.de/de/home.html", "sparkasse"),
        ("kreissparkasse-saalfeld-rudolstadt.de", "sparkasse"),
        ("volksbank-saaletal.de", "volksbank"),
        ("vr-bank-altenburgerland.de", "volksbank"),
        ("ikk-gesundplus.de", "ikk"),
        ("jobcenter-jena.de", "jobcenter"),
    ],
)
def test_a_regional_member_we_do_not_list_is_not_called_fake(text, brand_id, small_rules):
    assert_only(
        text, small_rules, Verdict.BRAND_NAME_LINK, reason="regional", owner=name_of(brand_id)
    )


@pytest.mark.parametrize(
    ("text", "brand_id"),
    [
        ("dhl.com", "dhl"),
        ("https://www.amazon.fr/", "amazon"),
        ("google.com.br", "google"),
        ("dpd.de", "dpd"),
        ("1und1.com", "1und1"),
    ],
)
def test_a_brand_s_exact_name_under_another_ending_is_not_called_fake(text, brand_id, small_rules):
    assert_only(
        text, small_rules, Verdict.BRAND_NAME_LINK, reason="other_ending", owner=name_of(brand_id)
    )


# --- real sites, shorteners --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "brand_id"),
    [
        ("https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html", "dhl"),
        ("https://www.sparkasse.de/pk/produkte/finanzen-apps/s-pushtan.html", "sparkasse"),
        ("europol.europa.eu", "europol"),
        ("https://amzn.to/3abcDEF", "amazon"),  # Amazon's own short links
        ("youtu.be/dQw4w9WgXcQ", "google"),
        ("wa.me/4915112345678", "whatsapp"),
        ("www.bka.de", "bka"),
    ],
)  # fmt: skip
def test_a_brand_s_real_site_says_whose_it_is(text, brand_id, small_rules):
    assert_only(text, small_rules, Verdict.BRAND_SITE, owner=name_of(brand_id))


def test_a_page_on_a_hosting_platform_is_nobody_s_site():
    assert BRANDS.site("dhl.github.io") is None
    assert BRANDS.site("www.dhl.de").id == "dhl"


@pytest.mark.parametrize(
    "text",
    ["https://bit.ly/3xYzAbc", "tinyurl.com/2p8abcd", "https://t.co/AbCdEf", "qrco.de/bcXyZ"],
)
def test_a_shortener_is_a_warning_sign(text, small_rules):
    assert_only(text, small_rules, Verdict.SHORT_LINK, reason="shortener", owner="")


def test_a_shortener_is_ranked_before_unknown_sites(small_rules):
    kinds = check_text("leipzig.de und https://bit.ly/3xYzAbc", small_rules).kinds
    assert kinds == (Verdict.SHORT_LINK, Verdict.UNKNOWN_LINK)


# --- disguised links, e-mail senders -----------------------------------------------------------


def test_a_brand_s_address_written_as_a_path_is_a_disguise(small_rules):
    assert_only(
        "https://login-check.example/www.paypal.com/signin",
        small_rules,
        Verdict.LOOKALIKE_LINK,
        reason="brand_disguised",
        owner="PayPal",
        display="login-check.example",
    )


def test_the_real_site_may_name_other_addresses(small_rules):
    finding = only("https://www.google.com/search?q=paypal.com", small_rules)
    assert (finding.kind, finding.owner) == (Verdict.BRAND_SITE, "Google")


@pytest.mark.parametrize(
    ("text", "brand_id"),
    [
        ("service@paypal-kundenservice.de", "paypal"),
        ("paypal.service@gmail.com", "paypal"),
        ("dhl-zustellung@web.de", "dhl"),
        ("info@sparkasse-sicherheit.de", "sparkasse"),
    ],
)
def test_a_sender_that_names_a_brand_is_a_lookalike(text, brand_id, small_rules):
    assert_only(
        text, small_rules, Verdict.LOOKALIKE_LINK, reason="brand_email", owner=name_of(brand_id)
    )


def test_a_sender_at_the_brand_s_domain_is_still_only_a_sender(small_rules):
    assert_only(
        "service@paypal.de", small_rules, Verdict.EMAIL, reason="brand_domain", owner="PayPal"
    )


@pytest.mark.parametrize("text", ["anna.schmidt@gmail.com", "max@icloud.com", "x@vodafonemail.de"])
def test_a_free_mail_address_is_not_the_company(text, small_rules):
    assert_only(text, small_rules, Verdict.EMAIL, reason="", owner="")


def test_a_person_named_like_a_brand_is_a_person(small_rules):
    assert_only("hermes.mueller@gmx.de", small_rules, Verdict.EMAIL, reason="", owner="")


def test_a_sender_at_a_regional_name_is_unconfirmed(small_rules):
    assert_only(
        "info@sparkasse-jena.de",
        small_rules,
        Verdict.BRAND_NAME_LINK,
        reason="regional",
        owner="Sparkasse",
        display="info@sparkasse-jena.de",
    )


# --- the city first ------------------------------------------------------------------------------


def test_an_imitation_of_the_city_stays_the_city_s(small_rules):
    assert_only(
        "jena.de.paypal-login.com", small_rules, Verdict.LOOKALIKE_LINK, reason="contains_official"
    )
    assert_only("https://jena.de", small_rules, Verdict.OFFICIAL_LINK)


def test_a_local_institution_stays_local(city_rules):
    assert_only("https://www.s-jena.de", city_rules, Verdict.LOCAL_SITE)
    assert_only("uni-jena.de", city_rules, Verdict.LOCAL_SITE)


def test_the_parcel_sms_leads_with_the_fake(city_rules):
    text = (
        "DHL: Ihr Paket konnte nicht zugestellt werden. Bestaetigen Sie Ihre Adresse: "
        "https://dhl-paket-zustellung.info/de?id=8812 oder sehen Sie auf www.dhl.de nach."
    )
    first, second = check_text(text, city_rules).findings
    assert (first.kind, first.reason, first.owner) == (Verdict.LOOKALIKE_LINK, "brand", "DHL")
    assert (second.kind, second.owner) == (Verdict.BRAND_SITE, "DHL")
