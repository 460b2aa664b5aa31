"""Whether a text reads as one of the bot's languages: lingua-language-detector, built from the
bot's languages only, over the words a translator translates (names, links, /commands and
numbers taken out). Used by tests/messages/test_languages.py and the end-to-end tests of each
language."""

from __future__ import annotations

import re

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from bot.devtools.template_samples import sample_texts
from bot.devtools.template_samples.base import world

LANGUAGES = sample_texts().languages


def lingua_language(code: str) -> Language:
    """The detector's language for a code, by its primary subtag: de-x-einfach is German."""
    return Language.from_iso_code_639_1(IsoCode639_1.from_str(code.split("-")[0]))


# The bot's languages only: a detector that also knew Dutch or Bulgarian would find them in
# short German or Russian texts.
BOT_LANGUAGES = {
    Language.GERMAN, Language.ENGLISH, Language.UKRAINIAN, Language.RUSSIAN,
    Language.ARABIC, Language.TURKISH,
}  # fmt: skip
DETECTOR = LanguageDetectorBuilder.from_languages(
    *BOT_LANGUAGES, *(lingua_language(code) for code in LANGUAGES)
).build()
MIN_WORDS = 3  # fewer words say too little about their language
# A label or paragraph this short can be told apart only roughly between languages that share
# loanwords ("A code or a PIN" reads a little more German than English): it needs a quarter
# of the detector's confidence, not its first place. Measured on the labels of de, en, uk, ru,
# tr and ar: right ones get at least 0.33; a German label left in another folder at most 0.18.
SHORT_WORDS = 6
SHORT_CONFIDENCE = 0.25


# What a translator does not translate: names (the city data's places, streets, people, the
# police and the city; the bot's own name and the city's utility, which every language
# keeps), links, e-mail addresses, /commands, @names and numbers.
def names() -> re.Pattern[str]:
    city = world().city
    names = {city.name, city.police_name, city.police_address, "Stadtwarn", "Stadtwerke"}
    names |= {d.name for d in city.districts} | {a.name for a in city.aliases}
    names |= {part for o in city.officers for part in (o.area, o.address, *o.names)}
    names |= {c.name for c in city.contacts} | {s.owner for s in city.local_sites}
    names |= {part for e in city.number_registry.entries for part in (e.owner, e.department)}
    ordered = sorted(filter(None, names), key=len, reverse=True)  # "Jena-Nord" before "Jena"
    return re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in ordered))


NAMES = names()
NOT_WORDS = re.compile(
    r"https?://\S*[^\s.,;:!?)»“”\"']|\S+@\S+\.\w+"  # links (not a full stop after one), e-mail
    r"|(?<![\w.])(?:[\w-]+\.)+[a-z]{2,}\b(?:[/?]\S*[^\s.,;:!?)»“”\"'])?"  # bare links
    r"|(?<!\S)[/@]\w+"  # /commands and @names
    r"|\+?\d(?:[\d\s/().–-]*\d)?"  # numbers and phone numbers
    r"|[\u2066-\u2069]"  # the isolates of a right-to-left language
)
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def words_of(text: str, quoted: tuple[str, ...] = ()) -> str:
    """The text without what is not the template's to translate: quoted text (the desk's
    German text, a resident's note), names, links, commands, numbers."""
    for line in (line.strip() for q in quoted for line in q.splitlines()):
        if line:
            text = text.replace(line, " ")
    return NOT_WORDS.sub(" ", NAMES.sub(" ", text))


def read_as(text: str, language: str) -> str | None:
    """None if `text` reads as `language` (or is too short to tell), else what it reads as."""
    count = len(WORD.findall(text))
    if count < MIN_WORDS:
        return None
    expected = lingua_language(language)
    found = DETECTOR.detect_language_of(text)
    if found == expected:
        return None
    if count < SHORT_WORDS:
        confidence = DETECTOR.compute_language_confidence(text, expected)
        if confidence >= SHORT_CONFIDENCE:
            return None
    return found.name.title() if found else "no language of the bot"
