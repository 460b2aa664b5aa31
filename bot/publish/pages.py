"""The site's HTML pages, rendered from the templates in messages/<lang>/site/: the index, one
page per alert, one per Ortsteil and the widget. Each page is made of plain view values
(AlertView), so the templates only place words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import segno
from markupsafe import Markup, escape

from bot.city.model import District
from bot.publish.cap import cap_time
from bot.publish.model import MessageType, PublicAlert, Snapshot, Standing, content_of
from bot.publish.setup import SiteSetup

MACROS = "site/macros.html.j2"

# Slots in a fragment rendered once and used on many pages: the way to this language's home
# (a card in the index and in an Ortsteil's page) and the page's own path (the language
# links). Each holds "<", which no escaped value can: a desk's text never fills a slot.
HOME = Markup("<home/>")
PAGE = Markup("<page/>")


@dataclass(frozen=True)
class AlertView:
    id: int
    href: str  # from the site's root
    severity: str
    severity_label: str
    kind_label: str
    districts: str
    headline: str
    description: str
    sent: datetime
    changed: datetime
    withdrawn: bool
    expired: bool
    updated: bool

    @property
    def sent_iso(self) -> str:
        return cap_time(self.sent)

    @property
    def changed_iso(self) -> str:
        return cap_time(self.changed)


@dataclass(frozen=True)
class HistoryView:
    kind: str  # CAP's msgType
    sent: datetime
    text: str
    cap: str  # the CAP file, from the site's root

    @property
    def sent_iso(self) -> str:
        return cap_time(self.sent)


@dataclass(frozen=True)
class DistrictLink:
    name: str
    href: str  # from the language's home


@dataclass(frozen=True)
class LanguageLink:
    """The same page in one language: its code (lang, hreflang), its own name for itself."""

    code: str
    name: str
    href: Markup  # relative to the page; ends in the PAGE slot
    direction: str
    current: bool


def alert_view(alert: PublicAlert, snapshot: Snapshot, setup: SiteSetup, language: str):
    last = alert.last
    return AlertView(
        id=alert.id,
        href=setup.alert_path(alert),
        severity=alert.severity,
        severity_label=setup.label(language, f"severity_{alert.severity}"),
        kind_label=setup.label(language, f"kind_{alert.kind}"),
        districts=setup.district_names(alert, language),
        # a withdrawn alert keeps the headline it had; the page says "Entwarnung" itself
        headline=content_of(alert).headline(language),
        description=content_of(alert).description(language),
        sent=alert.first.sent,
        changed=last.sent,
        withdrawn=alert.withdrawn,
        expired=alert.standing(snapshot.now) == Standing.EXPIRED,
        updated=any(m.msg_type == MessageType.UPDATE for m in alert.messages)
        and not alert.withdrawn,
    )


class Pages:
    """Renders the pages of one snapshot in one language. Each page gets `root` (the way up
    to the site's root: style.css, cap/, the feeds) and `home` (to this language's pages)."""

    def __init__(self, snapshot: Snapshot, setup: SiteSetup, language: str) -> None:
        self.snapshot, self.setup, self.language = snapshot, setup, language
        self._views = {a.id: alert_view(a, snapshot, setup, language) for a in snapshot.alerts}
        # the pages' macros, made once per language (with `language`, so a right-to-left
        # language's values are isolated in them too), passed to every page as `site`
        self._macros = setup.texts.phrases(language, MACROS)
        self._cards: dict[int, str] = {}  # each alert's card, with the HOME slot
        self._links: dict[str, tuple[str, str]] = {}  # by `root`: alternates, nav

    def _card(self, view: AlertView, home: str) -> Markup:
        """The alert's card as a list shows it, rendered once for every list of this
        language, with links that start at `home`."""
        card = self._cards.get(view.id)
        if card is None:
            card = self._cards[view.id] = str(self._macros.card(view, HOME))
        return Markup(card.replace(HOME, escape(home)))  # noqa: S704 -- rendered escaped

    def _render(self, name: str, path: str, **values) -> bytes:
        """The template `name` as the page at `path` (from this language's home)."""
        root = "../" * (self.setup.home(self.language) + path).count("/")
        home = root + self.setup.home(self.language)
        html = self.setup.texts.render(
            self.language,
            f"site/{name}",
            city=self.setup.city,
            root=root,
            home=home,
            card=lambda view: self._card(view, home),
            **self._language_links(root, path),
            direction=self.setup.texts.direction(self.language),
            now=self.snapshot.now,
            now_iso=cap_time(self.snapshot.now),
            body_class="",
            site=self._macros,
            **values,
        )
        return (html + "\n").encode()

    def _language_links(self, root: str, path: str) -> dict[str, Markup]:
        """The page in every language: `alternates` for the head, `language_nav` for the
        header. Rendered once per folder depth (`root`), the page's path put in its slot."""
        if root not in self._links:
            texts = self.setup.texts
            links = [
                LanguageLink(
                    code=code,
                    name=texts.label(code, "language_name"),
                    href=escape(root + self.setup.home(code)) + PAGE,
                    direction=texts.direction(code),
                    current=code == self.language,
                )
                for code in self.setup.languages
            ]
            fragments = self._macros.alternates(links), self._macros.site_languages(links)
            self._links[root] = (str(fragments[0]), str(fragments[1]))
        page = escape(path)
        alternates, nav = (Markup(f.replace(PAGE, page)) for f in self._links[root])  # noqa: S704
        return {"alternates": alternates, "language_nav": nav}

    def _lists(self, alerts: tuple[PublicAlert, ...]) -> dict:
        now = self.snapshot.now
        current = [self._views[a.id] for a in alerts if a.standing(now) == Standing.CURRENT]
        earlier = [self._views[a.id] for a in alerts if a.standing(now) != Standing.CURRENT]
        return {"current": current, "earlier": earlier}

    def index(self) -> bytes:
        links = [
            DistrictLink(d.name, self.setup.district_page(d.id))
            for d in sorted(self.setup.city.districts, key=lambda d: d.name)
        ]
        link = self.setup.deep_link()
        return self._render(
            "index.html.j2", "index.html", districts=links, deep_link=link, qr=qr_svg(link),
            **self._lists(self.snapshot.alerts),
        )  # fmt: skip

    def district(self, district: District) -> bytes:
        link = self.setup.deep_link(district.id)
        return self._render(
            "district.html.j2", self.setup.district_page(district.id), district=district,
            feed=self.setup.district_feed(district.id), deep_link=link, qr=qr_svg(link),
            **self._lists(self.snapshot.in_district(district.id)),
        )  # fmt: skip

    def widget(self) -> bytes:
        return self._render("widget.html.j2", "widget.html", **self._lists(self.snapshot.alerts))

    def alert(self, alert: PublicAlert) -> bytes:
        history = [
            HistoryView(m.msg_type.value, m.sent, m.text(self.language), self.setup.cap_path(m))
            for m in alert.messages
        ]
        return self._render(
            "alert.html.j2", self.setup.alert_path(alert), a=self._views[alert.id],
            history=history,
        )  # fmt: skip


@lru_cache(maxsize=64)
def qr_svg(link: str) -> Markup:
    """The link's QR code as inline SVG (no request to another host), named for screen
    readers by the link it holds."""
    if not link:
        return Markup("")
    code = segno.make(link, error="m", micro=False)
    svg = code.svg_inline(border=2, omitsize=True, svgclass="qr-code", lineclass=None)
    named = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(link)}" ', 1)
    return Markup(named)  # noqa: S704 -- segno's own SVG; the link is escaped
