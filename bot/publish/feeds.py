"""The Atom feeds (RFC 4287), one for every warning and one per Ortsteil, and alerts.json in the
field names of NINA's API (its warning details are CAP in JSON: identifier, sent, msgType,
info[].severity, headline, description, area[].areaDesc).

An entry is an alert: its id stays (a UUID from the city and the alert's number), an update
or the withdrawal gives it a new `updated`. It links the alert's page and its latest CAP
message."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence

from lxml import etree

from bot.publish.cap import CATEGORY, cap_time, references, scale
from bot.publish.model import PublicAlert, Snapshot, content_of
from bot.publish.setup import SiteSetup

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50  # the newest; keeps a feed well under 100 KB
CAP_TYPE = "application/cap+xml"


def feed_id(setup: SiteSetup, name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{setup.sender}/{name}").urn


def atom_feed(
    alerts: Sequence[PublicAlert],
    snapshot: Snapshot,
    setup: SiteSetup,
    *,
    title: str,
    name: str,
    page: str,
) -> bytes:
    """A feed of `alerts` (newest first). `name`: its own path, `page`: the page it mirrors."""
    language = setup.texts.default_language
    words = setup.words(language)
    shown = list(alerts)[:MAX_ENTRIES]
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    _add(root, "id", feed_id(setup, name))
    _add(root, "title", title)
    _add(root, "subtitle", words.feed_subtitle(setup.city).strip())
    updated = max((a.last.sent for a in shown), default=None) or snapshot.now
    _add(root, "updated", cap_time(updated))
    author = _add(root, "author")
    _add(author, "name", words.sender_name(setup.city).strip())
    _link(root, "self", setup.url(name), "application/atom+xml")
    _link(root, "alternate", setup.url(page), "text/html")
    for alert in shown:
        _entry(root, alert, setup, language)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _entry(root, alert: PublicAlert, setup: SiteSetup, language: str) -> None:
    words = setup.words(language)
    entry = _add(root, "entry")
    _add(entry, "id", feed_id(setup, f"alert/{alert.id}"))
    severity = setup.label(language, f"severity_{alert.severity}")
    title = words.entry_title(
        severity, content_of(alert).headline(language), setup.district_names(alert, language),
        alert.withdrawn,
    )  # fmt: skip
    _add(entry, "title", title.strip())
    _add(entry, "published", cap_time(alert.first.sent))
    _add(entry, "updated", cap_time(alert.last.sent))
    _link(entry, "alternate", setup.url(setup.alert_path(alert)), "text/html")
    _link(entry, "related", setup.url(setup.cap_path(alert.last)), CAP_TYPE)
    category = _add(entry, "category")
    category.set("term", alert.kind)
    category.set("label", setup.label(language, f"kind_{alert.kind}"))
    content = _add(entry, "content", alert.last.description(language))
    content.set("type", "text")


def _link(parent, rel: str, href: str, kind: str) -> None:
    link = _add(parent, "link")
    link.set("rel", rel)
    link.set("href", href)
    link.set("type", kind)


def _add(parent, tag: str, text: str | None = None):
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}")
    if text is not None:
        element.text = text
    return element


def nina_json(snapshot: Snapshot, setup: SiteSetup) -> bytes:
    """Every alert on the site at its latest message, as NINA's API gives a warning."""
    found = [_nina(alert, setup) for alert in snapshot.alerts]
    return json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode()


def _nina(alert: PublicAlert, setup: SiteSetup) -> dict:
    message = alert.last
    urgency, severity, certainty = scale(alert, message)
    previous = alert.previous(message)
    found = {
        "identifier": message.identifier,
        "sender": setup.sender,
        "sent": cap_time(message.sent),
        "status": "Actual",
        "msgType": message.msg_type.value,
        "scope": "Public",
        "info": [
            {
                "language": setup.cap_language(language),
                "category": [CATEGORY],
                "event": setup.label(language, f"kind_{alert.kind}"),
                "urgency": urgency,
                "severity": severity,
                "certainty": certainty,
                "expires": cap_time(max(alert.expires, message.sent)),
                "headline": message.headline(language),
                "description": message.description(language),
                "web": setup.url(setup.alert_path(alert)),
                "area": [{"areaDesc": setup.district_names(alert, language)}],
            }
            for language in message.texts
        ],
    }
    if previous is not None:
        found["references"] = references(setup, previous)
    return found
