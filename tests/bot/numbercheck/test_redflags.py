"""Red flags of fraud: scripts as residents write them, and texts that must stay quiet."""

import pytest

from bot.numbercheck.redflags import FlagSeverity, RedFlagRules

RULES = RedFlagRules.load()


def families(text: str) -> list[str]:
    return [flag.family for flag in RULES.find(text)]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # German, with inflections
        ("Er wollte meine PIN wissen", "pin_request"),
        ("Sie fragte nach der TAN für das Online-Banking", "pin_request"),
        ("Ich sollte mein Passwort durchgeben", "pin_request"),
        ("Die Zugangsdaten fürs Onlinebanking wurden verlangt", "pin_request"),
        ("Ein Abholer kommt um 15 Uhr", "courier_pickup"),
        ("Legen Sie den Schmuck vor die Tür, er wird abgeholt", "courier_pickup"),
        ("Hier Kriminalpolizei, Ihr Bargeld ist in Gefahr", "fake_police"),
        ("Einbrecher sind unterwegs, bringen Sie Ihre Wertsachen in Sicherheit", "fake_police"),
        ("Ihr Sohn hat einen Unfall verursacht, er muss eine Kaution zahlen", "bail_accident"),
        ("Unfall! Ihre Enkelin braucht Geld für die Operation", "bail_accident"),
        ("Hallo Papa, mein Handy ist kaputt", "new_number"),
        ("Hi Mum, my phone broke", "new_number"),
        ("Das ist meine neue Handynummer, speichere sie", "new_number"),
        ("Rat mal wer dran ist", "relative_money"),
        ("Dein Neffe braucht dringend Geld für eine Wohnung", "relative_money"),
        ("Installieren Sie bitte AnyDesk", "remote_access"),
        ("Ein Techniker von Windows rief an wegen eines Virus", "remote_access"),
        ("Kaufen Sie Paysafecard-Karten", "gift_cards"),
        ("Bitte Amazon Gutscheine kaufen und die Codes schicken", "gift_cards"),
        ("Überweisen Sie das Geld umgehend", "immediate_transfer"),
        ("Das Geld geht auf ein Konto im Ausland", "immediate_transfer"),
        ("Zahlen Sie am Bitcoin-Automaten ein", "immediate_transfer"),
        ("Sie haben im Gewinnspiel gewonnen, nur noch die Notargebühr", "prize_fee"),
        ("Gegen Sie liegt ein Haftbefehl vor", "threats"),
        ("Ihr Strom wird heute abgestellt", "threats"),
        ("Offene Forderung, zahlen Sie sofort", "threats"),
        ("Ihr Konto wurde gesperrt, bestätigen Sie Ihre Daten über den Link", "threats"),
        ("Sichere Rendite, garantiert, investieren Sie in Krypto", "investment"),
        ("Der Zählerableser will in die Wohnung", "door_visit"),
        # missing umlauts and typos
        ("Ueberweisen Sie sofort", "immediate_transfer"),
        ("Uberweisung sofort bitte", "immediate_transfer"),
        ("Überweisumg sofort", "immediate_transfer"),
        ("Er wollte die Kautoin", "bail_accident"),
        ("Gutscheinkartn von Google", "gift_cards"),
        ("Teamviwer installieren", "remote_access"),
        # English
        ("They asked for my password", "pin_request"),
        ("A courier will pick up the cash", "courier_pickup"),
        ("Your grandson had an accident and needs money", "bail_accident"),
        ("Hi Mom, this is my new number", "new_number"),
        ("Buy Google Play cards and send me the codes", "gift_cards"),
        ("Transfer the money immediately", "immediate_transfer"),
        ("You won the lottery, just pay the fee", "prize_fee"),
        ("There is an arrest warrant against you", "threats"),
        ("Your pension will be suspended", "threats"),
        ("Guaranteed returns on crypto trading, risk-free", "investment"),
    ],
)
def test_scripts_are_recognised(text, family):
    assert family in families(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ist 03641 49-0 echt?",
        "Wann hat das Bürgeramt offen?",
        "Hallo, wie geht es Ihnen?",
        "Ich habe 110 Euro bezahlt",
        "Die Stadt fragt niemals nach PINs oder Passwörtern",
        "Geben Sie niemals Ihre PIN heraus",
        "We will never ask for your PIN or password",
        "Die Polizei fordert niemals Geld",
        "Mein Enkel kommt am Sonntag zu Besuch",
        "Die Mietkaution ist überwiesen",
        "Wo finde ich die Kontaktbeamten in Neulobeda?",
        "Tante Erna hat Geburtstag",
        "Pinnwand im Rathaus",
        "Ich tanke morgen",
        "Ich muss mein Paket abholen",
        "Ich habe ein neues Handy",
        "Mein Handy ist kaputt, wo kann ich es reparieren?",
        "Mein Mann hatte einen Unfall im Garten",
        "Meine Rente kommt am Monatsende",
        "Ich habe eine Gewinnbenachrichtigung bekommen",
        "Der Wasserzähler ist kaputt",
    ],
)
def test_everyday_texts_raise_no_flag(text):
    assert families(text) == []


# Scripts quoted in police warnings and press reports (sources in data/red_flags.toml and
# below): words we did not write.
REPORTED_SCRIPTS = [
    # Polizeipräsidium Karlsruhe, Prävention (nussbaum.de, [ka-schock])
    (
        "Hier ist die Polizei in Frankfurt. Ihre Tochter sitzt bei uns auf dem Revier. Sie hat "
        "mit ihrem Auto einen Verkehrsunfall verursacht. Mit Zahlung einer Kaution in Höhe von "
        "40.000 € kann die Untersuchungshaft abgewendet werden.",
        "bail_accident",
    ),
    # augsburger-allgemeine.de, "Polizist warnt vor Schockanrufen und Enkeltrick"
    ("Mama, Mama, es gab einen Unfall. Die Frau ist tot. Ich bin bei der Polizei", "bail_accident"),
    # NDR, "Polizei warnt vor WhatsApp-Betrügern" ([hallo-mama])
    ("Hallo Mama, mein Handy ist kaputt und das ist meine neue Nummer.", "new_number"),
    # rhein-zeitung.de, falsche Microsoft-Mitarbeiter ([microsoft])
    (
        "Der PC der Angerufenen sei von Viren befallen, eine Sicherheitslücke müsse "
        "geschlossen werden",
        "remote_access",
    ),
    # extremnews.com, Kriminalinspektion Trier ([microsoft])
    (
        "Dafür erwarb der Mann vier Google-Pay-Karten in einem Einkaufsmarkt zu je 100 Euro.",
        "gift_cards",
    ),
    # 112-magazin.de, Polizei Waldeck-Frankenberg ([gewinn])
    (
        "forderte den Angerufenen auf, I-Tunes-Gutscheine im Wert von 900 Euro zu erwerben",
        "gift_cards",
    ),
    (
        "Anschließend wird eine Bearbeitungsgebühr verlangt, damit der Gewinn ausgezahlt "
        "werden kann.",
        "prize_fee",
    ),
    # blaulichtlive.de ([software])
    (
        "Die Operation könne nur dann durchgeführt werden, wenn sie zuvor in bar bezahlt wird.",
        "bail_accident",
    ),
]


@pytest.mark.parametrize(("text", "family"), REPORTED_SCRIPTS)
def test_scripts_from_police_reports(text, family):
    assert family in families(text)


def test_most_dangerous_family_first():
    text = "Ihre Tochter hatte einen Unfall, Kaution. Der Abholer kommt. Sagen Sie uns Ihre PIN."
    assert families(text)[:3] == ["pin_request", "courier_pickup", "bail_accident"]


def test_door_visit_is_caution_the_rest_fraud():
    severities = {flag.family: flag.severity for flag in RULES.families}
    assert severities.pop("door_visit") is FlagSeverity.CAUTION
    assert set(severities.values()) == {FlagSeverity.FRAUD}


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"family": [{"id": "x", "severity": "fraud", "rules": [{"all": [["a"]]}]}]}, "source"),
        ({"family": [{"id": "x", "source": "s", "severity": "maybe", "rules": []}]}, "severity"),
        ({"family": [{"id": "x", "source": "s", "severity": "fraud", "rules": []}]}, "rules"),
        (
            {
                "family": [
                    {"id": "x", "source": "s", "severity": "fraud", "rules": [{"all": [[""]]}]}
                ]
            },
            "cue word",
        ),
        (
            {
                "family": [
                    {"id": "x", "source": "s", "severity": "fraud", "rules": [{"all": [["a"]]}]}
                ]
                * 2
            },
            "duplicate",
        ),
    ],
)
def test_a_bad_data_file_names_the_problem(raw, problem):
    with pytest.raises(ValueError, match=problem):
        RedFlagRules.from_config(raw)
