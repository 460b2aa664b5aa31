"""What every writer of the site needs besides the snapshot: the city, its words, the areas'
polygons, the bot's username for the subscribe link, the site's own address and the paths of
its files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from bot.city.model import City
from bot.deep_links import deep_link
from bot.publish.areas import Areas
from bot.publish.model import Message, PublicAlert
from bot.texts import Texts

WORDS = "site/words.txt.j2"
REGION = "DE"  # CAP's language codes name the region of the city's own language: de-DE


@dataclass(frozen=True)
class SiteSetup:
    city: City
    texts: Texts
    areas: Areas
    bot_username: str = ""  # empty: the pages offer no subscribe link
    base_url: str = ""  # e.g. "https://warnung.jena.de/"; empty: links are relative

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages of the site's pages: every language the bot speaks."""
        return self.texts.languages

    def home(self, language: str) -> str:
        """Where a language's pages are, from the site's root: the default language's at
        the root, every other's under <language>/ (en/index.html, ar/warnung/7.html)."""
        return "" if language == self.texts.default_language else f"{language}/"

    @cached_property
    def sender(self) -> str:
        """CAP's sender: based on the city's Internet domain, e.g. stadtwarn.jena.de."""
        host = urlsplit(self.city.website).hostname or self.city.id
        return "stadtwarn." + host.removeprefix("www.")

    @property
    def prefix(self) -> str:
        """The start of every CAP identifier, e.g. stadtwarn-jena."""
        return f"stadtwarn-{self.city.id}"

    def words(self, language: str) -> Any:
        """The site's words outside its pages (site/words.txt.j2) in `language`."""
        if language not in self._words:
            self._words[language] = self.texts.phrases(language, WORDS)
        return self._words[language]

    @cached_property
    def _words(self) -> dict[str, Any]:
        return {}

    def said(self, language: str, phrase: str) -> str:
        """One of the site's words that name nothing but the city (a macro of
        site/words.txt.j2 taking the city or nothing), stripped; each said once per language,
        however many files use it."""
        key = (language, phrase)
        if key not in self._said:
            macro = getattr(self.words(language), phrase)
            self._said[key] = (macro(self.city) if macro.arguments else macro()).strip()
        return self._said[key]

    @cached_property
    def _said(self) -> dict[tuple[str, str], str]:
        return {}

    def label(self, language: str, key: str) -> str:
        return self.texts.label(language, key)

    def district_names(self, alert: PublicAlert, language: str) -> str:
        if alert.all_districts:
            return self.said(language, "whole_city")
        return ", ".join(self.district_name(d) for d in alert.district_ids)

    def district_name(self, district_id: str) -> str:
        return self._names.get(district_id) or self.city.district_name(district_id)

    @cached_property
    def _names(self) -> dict[str, str]:
        return {d.id: d.name for d in self.city.districts}

    def cap_language(self, language: str) -> str:
        """de -> de-DE, de-x-einfach -> de-DE-x-einfach; other languages as they are."""
        primary, _, rest = language.partition("-")
        if primary != self.texts.default_language.partition("-")[0]:
            return language
        return "-".join(filter(None, [primary, REGION, rest]))

    # --- where each file is, relative to the site's folder ------------------------------------

    @staticmethod
    def alert_path(alert: PublicAlert) -> str:
        return f"warnung/{alert.id}.html"

    @staticmethod
    def cap_path(message: Message) -> str:
        return f"cap/{message.identifier}.xml"

    @staticmethod
    def district_page(district_id: str) -> str:
        return f"ortsteil/{district_id}.html"

    @staticmethod
    def district_feed(district_id: str) -> str:
        return f"ortsteil/{district_id}.atom"

    def url(self, path: str) -> str:
        """A file's address for feeds and CAP: absolute with STADTWARN_PUBLIC_URL, else
        relative to the site's root."""
        return self.base_url + path

    def deep_link(self, district_id: str = "") -> str:
        """The bot's link (subscribing to `district_id`, if given); empty without a username."""
        return deep_link(self.bot_username, district_id) if self.bot_username else ""
