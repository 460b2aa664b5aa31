"""The CAP 1.2 messages: every file validates against the vendored OASIS schema; an alert's
life is Alert, Update, Cancel, each referencing the one before, which exists in the folder;
times carry the Berlin offset; the severity mapping; one <info> per language; an <area> per
Ortsteil with a closed polygon."""

import itertools
import re

import pytest
from lxml import etree

from bot.publish.cap import MAPPING, schema
from tests.auxil.public_site import CAP, TEXTS, cap_of, cap_text


def test_every_cap_file_validates_against_the_oasis_schema(site):
    checker = schema()
    files = sorted((site / "cap").glob("*.xml"))
    assert len(files) == 4
    for path in files:
        assert checker.validate(etree.parse(str(path))), (path.name, checker.error_log)


def test_an_alerts_life_is_alert_update_cancel_each_referencing_the_last(site):
    chain = [cap_of(site / "cap" / f"stadtwarn-jena-1-{n}.xml") for n in ("1", "2", "cancel")]
    assert [cap_text(m, "msgType") for m in chain] == ["Alert", "Update", "Cancel"]
    assert cap_text(chain[0], "references") is None
    for earlier, later in itertools.pairwise(chain):
        sender, identifier, sent = cap_text(later, "references").split(",")
        assert (sender, identifier, sent) == (
            cap_text(earlier, "sender"), cap_text(earlier, "identifier"), cap_text(earlier, "sent")
        )  # fmt: skip
        assert (site / "cap" / f"{identifier}.xml").is_file()
    for message in chain:
        assert cap_text(message, "status") == "Actual"
        assert cap_text(message, "scope") == "Public"


def test_sent_has_the_berlin_offset_never_z(site):
    for path in (site / "cap").glob("*.xml"):
        text = path.read_text("utf-8")
        assert "Z<" not in text
        sent = cap_text(cap_of(path), "sent")
        assert re.fullmatch(r"2026-12-03T1\d:\d\d:00\+01:00", sent), sent
    assert cap_text(cap_of(site / "cap" / "stadtwarn-jena-1-1.xml"), "sent") == (
        "2026-12-03T14:05:00+01:00"
    )


@pytest.mark.parametrize(
    ("name", "severity"), [("stadtwarn-jena-1-1", "warning"), ("stadtwarn-jena-2-1", "urgent")]
)
def test_severity_maps_to_urgency_severity_and_certainty(site, name, severity):
    root = cap_of(site / "cap" / f"{name}.xml")
    for info in root.findall("cap:info", CAP):
        found = tuple(
            info.findtext(f"cap:{k}", namespaces=CAP) for k in ("urgency", "severity", "certainty")
        )
        assert found == MAPPING[severity]
        assert info.findtext("cap:category", namespaces=CAP) == "Security"


def test_one_info_per_language_with_its_text(site):
    root = cap_of(site / "cap" / "stadtwarn-jena-1-2.xml")
    infos = root.findall("cap:info", CAP)
    languages = [i.findtext("cap:language", namespaces=CAP) for i in infos]
    assert languages[0] == "de-DE"
    assert "de-DE-x-einfach" in languages and "uk" in languages
    assert len(infos) == len(TEXTS.languages)
    german = infos[0]
    assert "Die Anrufe gehen weiter." in german.findtext("cap:description", namespaces=CAP)
    assert german.findtext("cap:headline", namespaces=CAP).startswith("Schockanrufe")
    assert german.findtext("cap:event", namespaces=CAP) == "Schockanrufe"
    english = infos[languages.index("en")]
    assert english.findtext("cap:senderName", namespaces=CAP) == "City of Jena"
    assert english.findtext("cap:instruction", namespaces=CAP).startswith("Do not give strangers")
    for info in infos:
        assert info.findtext("cap:instruction", namespaces=CAP), info.findtext("cap:language")


def test_an_area_per_ortsteil_with_a_closed_polygon(site):
    info = cap_of(site / "cap" / "stadtwarn-jena-1-1.xml").find("cap:info", CAP)
    areas = info.findall("cap:area", CAP)
    assert [a.findtext("cap:areaDesc", namespaces=CAP) for a in areas] == ["Neulobeda", "Winzerla"]
    for area in areas:
        polygon = area.findtext("cap:polygon", namespaces=CAP).split()
        assert polygon[0] == polygon[-1] and len(polygon) >= 4
        lat, lon = map(float, polygon[0].split(","))
        assert 50.8 < lat < 51.0 and 11.5 < lon < 11.7  # Jena, latitude first
    city = cap_of(site / "cap" / "stadtwarn-jena-2-1.xml").find("cap:info", CAP)
    (whole,) = city.findall("cap:area", CAP)
    assert whole.findtext("cap:areaDesc", namespaces=CAP) == "ganz Jena"
    assert whole.findall("cap:polygon", CAP)
