"""What a resident's free text asks for: a check, a district by its name, or just hello."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.city.model import City
from bot.city.names import NameMatch, match_name
from bot.numbercheck import CheckResult, CheckRules, check_text
from bot.numbercheck.redflags import RedFlag
from bot.numbercheck.wording import fold

MAX_NAME_WORDS = 4
# A text this long without signs is a message pasted to be checked (it gets "no signs"); a
# shorter one is a question to the bot (it gets the help).
PASTED_WORDS = 12  # "ich wohne in Lobeda"; longer texts are not read as a district's name


class Asks(StrEnum):
    CHECK = "check"  # something to check: a number, link, username or a scam's signs
    DISTRICT = "district"  # the name of a district ("Lobeda", "Winzerle")
    SMALL_TALK = "small_talk"  # a greeting, thanks, emoji: a warm answer and the main actions
    UNCLEAR = "unclear"  # anything else: what the bot can do


@dataclass(frozen=True)
class FreeText:
    asks: Asks
    check: CheckResult | None = None
    name: NameMatch = field(default_factory=NameMatch)


def read_free_text(
    text: str,
    rules: CheckRules,
    city: City,
    openers: frozenset[str],
    red_flags: tuple[RedFlag, ...] = (),
) -> FreeText:
    """The check comes first: whatever holds a number, a link or a scam's signs is checked.
    `openers`: the folded first words of small talk, of every language (the label
    `small_talk_openers`, Texts.words_of_every_language). `red_flags` (from a guided check
    waiting for its number) always make it a check."""
    result = check_text(text, rules, red_flags)
    if red_flags or result.incomplete or not result.nothing_found:
        return FreeText(Asks.CHECK, check=result)
    words = text.split()
    if (
        result.assessment is not None
        and len(words) >= PASTED_WORDS
        and not _small_talk(text, openers)
    ):
        # a whole message pasted to ask "is this a scam?": the detector's "no signs" answers it
        return FreeText(Asks.CHECK, check=result)
    if len(words) <= MAX_NAME_WORDS:
        name = match_name(text, city)
        if name.districts:
            return FreeText(Asks.DISTRICT, name=name)
    if _small_talk(text, openers):
        return FreeText(Asks.SMALL_TALK)
    return FreeText(Asks.UNCLEAR)


_AS_SPACE = str.maketrans(dict.fromkeys(",!?;،؛؟…", " "))


def _small_talk(text: str, openers: frozenset[str]) -> bool:
    """Emoji or punctuation only ("👍", "?"), or a text opening with a greeting or thanks."""
    if not any(c.isalnum() for c in text):
        return bool(text.strip())
    # The first word, punctuation of any script read as a space ("Hallo,", "مرحبا،").
    words = fold(text).translate(_AS_SPACE).split()
    return bool(words) and words[0] in openers
