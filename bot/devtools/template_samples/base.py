"""What every sample builder shares: the sample, the world its values come from (the bundled
city, the check's rules with the shipped detector, a fixed clock) and one rendering helper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from html import escape
from typing import Any

from bot.city.data import check_rules, load_city
from bot.city.model import City
from bot.numbercheck import CheckRules
from bot.settings import BUNDLED_CITY_PATH
from bot.texts import Texts

# A Thursday morning in Jena (09:30 local time): Winzerla's contact officer has office
# hours this afternoon, Lobeda's this afternoon too, nobody's is a public holiday.
NOW = datetime(2026, 11, 19, 8, 30, tzinfo=UTC)
# The bot's own username: an official Telegram channel of the city (as in the bot, which
# adds its own name to the city's channels) and the flyers' deep links.
BOT_USERNAME = "stadtwarn_jena_bot"
CHAT_ID = 4242


@dataclass(frozen=True)
class Sample:
    """One rendered template: which template, which of its branches, and what the resident
    gets. `quoted`: text the message shows that is not the template's own words (the comms
    desk's German text, a resident's note); the language checks leave it out. `message`:
    a Telegram message (HTML, one message); False for the flyer's printed words."""

    template: str
    variant: str
    html: str
    quoted: tuple[str, ...] = ()
    message: bool = True

    @property
    def name(self) -> str:
        """The template and, if it has several samples, which: "alert.html.j2 [updated]"."""
        return f"{self.template} [{self.variant}]" if self.variant else self.template


@dataclass(frozen=True)
class World:
    """Where the samples' values come from."""

    city: City
    rules: CheckRules
    now: datetime = NOW


@cache
def world() -> World:
    """The bundled city and the check's rules as the bot builds them (read once)."""
    city = load_city(BUNDLED_CITY_PATH)
    return World(city, check_rules(city, (BOT_USERNAME,)))


def sample_texts() -> Texts:
    """The bundled messages with the bundled city, as the bot renders them."""
    return Texts(city=world().city)


def rendered(
    texts: Texts,
    language: str,
    template: str,
    variant: str = "",
    *,
    quoted: tuple[str, ...] = (),
    **values: Any,
) -> Sample:
    """`template` rendered in `language` with `values`, as a sample; an error says which."""
    try:
        html = texts.render(language, template, **values)
    except Exception as error:
        error.add_note(f"rendering the sample {template} [{variant}] in {language}")
        raise
    return Sample(template, variant, html, quoted)


def plain_text(template: str, variant: str, text: str) -> Sample:
    """Plain text that is not a message (the flyer's words), as HTML that shows it as is."""
    return Sample(template, variant, escape(text, quote=False), message=False)
