"""Samples of the public site's pages (messages/<lang>/site/): the index with a current warning
and a withdrawn one and with none, an alert's page (updated; withdrawn), an Ortsteil's page,
the widget and the words of the feeds and CAP. Each page is rendered as `stadtwarn publish`
writes it (bot/publish/pages.py); the sample is its visible text, one paragraph per block
(title, heading, paragraph, list item, term), escaped, so the language checks and the
readability bench read it like a message. The alerts' own texts are quoted (the desk's words),
and so is the list of languages, each of which names itself in its own language."""

from __future__ import annotations

from datetime import timedelta
from html import escape

import lxml.html

from bot.devtools.template_samples.base import BOT_USERNAME, Sample, world
from bot.publish.model import Snapshot, public_alerts
from bot.publish.pages import Pages
from bot.publish.site import setup_for
from bot.storage.public import PublicRecord, RevisionRecord
from bot.texts import Texts
from bot.vocabulary import Severity

BLOCKS = frozenset({"title", "h1", "h2", "h3", "p", "li", "dt", "dd"})
HEADING = "<b>Warnung der Stadt Jena</b>\n"
FIRST = HEADING + "Betrüger rufen an und sagen, sie sind von der Polizei.\nLegen Sie auf."
UPDATED = HEADING + "Die Anrufe gehen weiter.\nLegen Sie auf."
WITHDRAWN = "Die Warnung gilt nicht mehr."
QUOTED = (  # the longest first: each is taken out of the text in this order
    "Betrüger rufen an und sagen, sie sind von der Polizei.",
    WITHDRAWN,
    "Die Anrufe gehen weiter.",
    "Warnung der Stadt Jena",
    "Legen Sie auf.",
)


def samples(texts: Texts, language: str) -> list[Sample]:
    city, now = world().city, world().now
    setup = setup_for(city, texts, None, bot_username=BOT_USERNAME)
    two = Snapshot(_alerts(setup, now), now)
    pages, empty = Pages(two, setup, language), Pages(Snapshot((), now), setup, language)
    withdrawn, updated = two.alerts  # newest first
    words = setup.words(language)
    district = next(d for d in city.districts if d.id == "winzerla")
    return [
        _page("site/index.html.j2", "a warning and an all-clear", pages.index()),
        _page("site/index.html.j2", "no warnings", empty.index()),
        _page("site/alert.html.j2", "updated", pages.alert(updated)),
        _page("site/alert.html.j2", "withdrawn", pages.alert(withdrawn)),
        _page("site/district.html.j2", "Winzerla", pages.district(district)),
        _page("site/district.html.j2", "no warnings", empty.district(district)),
        _page("site/widget.html.j2", "", pages.widget()),
        _words(words, city, district.name),
    ]


def _words(words, city, district: str) -> Sample:
    """The words of the feeds and the CAP messages, one paragraph each."""
    said = [
        words.feed_title(city),
        words.feed_subtitle(city),
        words.instruction(),
        words.entry_title("Warnung", "Legen Sie auf.", district, True),
    ]
    text = "\n\n".join(str(line).strip() for line in said)
    return Sample("site/words.txt.j2", "", escape(text), quoted=QUOTED, message=False)


def _alerts(setup, now):
    """A warning for Winzerla, updated; and one for the whole city, withdrawn."""
    sent = now - timedelta(hours=2)
    records = [
        PublicRecord(
            2, "fake_police", Severity.URGENT, (), True, "de", sent, now - timedelta(hours=1),
            (RevisionRecord(1, sent, {"de": FIRST}),), {"de": WITHDRAWN},
        ),
        PublicRecord(
            1, "shock_call", Severity.WARNING, ("winzerla",), False, "de", sent, None,
            (RevisionRecord(1, sent, {"de": FIRST}),
             RevisionRecord(2, now - timedelta(minutes=30), {"de": UPDATED})), {},
        ),
    ]  # fmt: skip
    every = tuple(d.id for d in setup.city.districts)
    return public_alerts(records, prefix=setup.prefix, every_district=every, lasts=_day)


def _day(severity: str) -> timedelta:
    return timedelta(days=1)


def _page(template: str, variant: str, html: bytes) -> Sample:
    """The page's visible text: each innermost block a paragraph; what is marked as another
    language (the list of languages) left out. The Ortsteile's names (the index lists all
    30) are the city file's, not the template's words: quoted."""
    root = lxml.html.fromstring(html)
    own = root.get("lang")
    for other in root.xpath("//body//*[@lang]"):
        if other.get("lang") != own:
            other.getparent().remove(other)
    blocks = [
        " ".join(element.text_content().split())
        for element in root.iter(*BLOCKS)
        if not any(inner.tag in BLOCKS for inner in element.iterdescendants())
    ]
    text = "\n\n".join(block for block in blocks if block)
    names = tuple(sorted((d.name for d in world().city.districts), key=len, reverse=True))
    return Sample(template, variant, escape(text), quoted=QUOTED + names, message=False)
