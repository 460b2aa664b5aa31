"""One OASIS CAP 1.2 message per message about an alert (Alert, each Update, the Cancel), built
with lxml. The mapping of Stadtwarn's severity to CAP's urgency, severity and certainty is
documented in README ("Public site")."""

from __future__ import annotations

import copy
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from lxml import etree

from bot.clock import BERLIN
from bot.publish.model import Message, MessageType, PublicAlert
from bot.publish.setup import SiteSetup
from bot.vocabulary import Severity

NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
SCHEMA = Path(__file__).parent / "schema" / "CAP-v1.2.xsd"

# Stadtwarn's severity -> CAP (urgency, severity, certainty). A fraud warning never threatens
# life as CAP's "Extreme" means; an urgent one is about calls happening now.
MAPPING = {
    Severity.INFO: ("Future", "Minor", "Possible"),
    Severity.WARNING: ("Expected", "Moderate", "Likely"),
    Severity.URGENT: ("Immediate", "Severe", "Observed"),
}
CATEGORY = "Security"
RESPONSE = {"Alert": "Avoid", "Update": "Avoid", "Cancel": "AllClear"}


@lru_cache(maxsize=4096)
def cap_time(moment: datetime) -> str:
    """CAP's dateTime: seconds and the Berlin offset, never "Z" (2026-12-03T14:05:00+01:00)."""
    return moment.astimezone(BERLIN).replace(microsecond=0).isoformat()


def scale(alert: PublicAlert, message: Message) -> tuple[str, str, str]:
    """CAP's urgency, severity and certainty of `message` (urgency "Past" once withdrawn)."""
    urgency, severity, certainty = MAPPING[Severity(alert.severity)]
    past = message.msg_type == MessageType.CANCEL
    return ("Past" if past else urgency), severity, certainty


def references(setup: SiteSetup, previous: Message) -> str:
    """CAP's <references>: sender, identifier and sent of the message this one follows."""
    return f"{setup.sender},{previous.identifier},{cap_time(previous.sent)}"


def cap_message(alert: PublicAlert, message: Message, setup: SiteSetup) -> bytes:
    """The CAP XML of one message, UTF-8 with its declaration."""
    root = etree.Element(f"{{{NAMESPACE}}}alert", nsmap={None: NAMESPACE})
    _add(root, "identifier", message.identifier)
    _add(root, "sender", setup.sender)
    _add(root, "sent", cap_time(message.sent))
    _add(root, "status", "Actual")
    _add(root, "msgType", message.msg_type.value)
    _add(root, "scope", "Public")
    previous = alert.previous(message)
    if previous is not None:
        _add(root, "references", references(setup, previous))
    first = None
    for language in message.texts:
        if first is None:
            first = _info(root, alert, message, language, setup)
        else:  # the same info, copied in C, with its words in this language
            _translated(root, copy.deepcopy(first), alert, message, language, setup)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _info(root, alert: PublicAlert, message: Message, language: str, setup: SiteSetup):
    urgency, severity, certainty = scale(alert, message)
    info = _add(root, "info")
    _add(info, "language", setup.cap_language(language))
    _add(info, "category", CATEGORY)
    _add(info, "event", setup.label(language, f"kind_{alert.kind}"))
    _add(info, "responseType", RESPONSE[message.msg_type.value])
    _add(info, "urgency", urgency)
    _add(info, "severity", severity)
    _add(info, "certainty", certainty)
    _add(info, "effective", cap_time(message.sent))
    _add(info, "expires", cap_time(max(alert.expires, message.sent)))
    _add(info, "senderName", setup.said(language, "sender_name"))
    _add(info, "headline", message.headline(language))
    _add(info, "description", message.description(language))
    _add(info, "instruction", setup.said(language, "instruction"))
    _add(info, "web", setup.url(setup.alert_path(alert)))
    _areas(info, alert, language, setup)
    return info


def _translated(root, info, alert: PublicAlert, message: Message, language: str, setup) -> None:
    """A copy of the first language's <info> with this language's words (the areas' names
    are German names in every language; only the whole city's is said in words)."""
    found = {child.tag.rpartition("}")[2]: child for child in info}
    found["language"].text = setup.cap_language(language)
    found["senderName"].text = setup.said(language, "sender_name")
    found["event"].text = setup.label(language, f"kind_{alert.kind}")
    found["headline"].text = message.headline(language)
    found["description"].text = message.description(language)
    found["instruction"].text = setup.said(language, "instruction")
    if alert.all_districts:
        area = found["area"].find(f"{{{NAMESPACE}}}areaDesc")
        area.text = setup.district_names(alert, language)
    root.append(info)


def _areas(info, alert: PublicAlert, language: str, setup: SiteSetup) -> None:
    if alert.all_districts:
        area = _add(info, "area")
        _add(area, "areaDesc", setup.district_names(alert, language))
        for polygon in setup.areas.whole_city:
            _add(area, "polygon", polygon)
        return
    for district_id in alert.district_ids:
        area = _add(info, "area")
        _add(area, "areaDesc", setup.district_name(district_id))
        for polygon in setup.areas.of(district_id):
            _add(area, "polygon", polygon)


def _add(parent, tag: str, text: str | None = None):
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
    if text is not None:
        element.text = text
    return element


def schema() -> etree.XMLSchema:
    """The OASIS CAP 1.2 schema, vendored beside this module (schema/README.md)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA)))
