"""Districts as residents name them: the id, the official name, an alias from the city data
("Lobeda"), without umlauts ("Goeschwitz"), or with a typo (rapidfuzz)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from bot.city.model import Alias, City, District
from bot.numbercheck.wording import fold

SHORT_NAME = 4  # letters; names this short are never guessed from a typo
TYPO_CUTOFF = 85  # rapidfuzz scores, 0-100: below it a name means nothing
# (not WRatio: it matches parts of words, so "kostet" would name "Ost"; bench/district_names.py)


@dataclass(frozen=True)
class NameMatch:
    """The districts a text names; `exact` unless they were guessed from a typo."""

    districts: tuple[District, ...] = ()
    exact: bool = False

    @property
    def certain(self) -> bool:
        """One district, named as such: nothing to ask."""
        return self.exact and len(self.districts) == 1


def match_name(text: str, city: City) -> NameMatch:
    """The districts `text` names: one, several (an alias, or a close tie), or none."""
    key = _key(text, city)
    if not key:
        return NameMatch()
    names = _names(city)
    exact = {name.replace(" ", ""): ids for name, ids in names.items()}.get(key.replace(" ", ""))
    if exact:  # also "neu lobeda" for "Neulobeda"
        return NameMatch(_districts(exact, city), exact=True)
    # The whole text against each name first ("klobeda west" is Lobeda-West, not West);
    # only then a name among the text's words ("ich wohne in Lobeda").
    for scorer in (_whole_score, _word_score):
        matches = process.extract(key, list(names), scorer=scorer, score_cutoff=TYPO_CUTOFF)
        if matches:
            break
    else:
        return NameMatch()
    best = matches[0][1]
    ids = [i for name, score, _ in matches if score >= best - 2 for i in names[name]]
    return NameMatch(_districts(ids, city))


def _whole_score(text: str, name: str, **_: object) -> float:
    """The words in any order, or as one word ("neu lobeda" is "neulobeda"). A short name
    is never guessed: one typo away from "ost" lie too many words ("Soest" folds to "sost")."""
    if len(name) <= SHORT_NAME:
        return 0.0
    joined = fuzz.ratio(text.replace(" ", ""), name.replace(" ", ""))
    return max(fuzz.token_sort_ratio(text, name), joined)


def _word_score(text: str, name: str, **_: object) -> float:
    """The name among the text's words; a short name only as one of them, unchanged."""
    if len(name) <= SHORT_NAME:
        return 100.0 if name in text.split() else 0.0
    return fuzz.token_set_ratio(text, name)


def alias_named(text: str, city: City) -> Alias | None:
    """The alias `text` is, folded ("lobeda", "Jena Ost"), or None."""
    key = _key(text, city).replace(" ", "")
    return next((a for a in city.aliases if _key(a.name, city).replace(" ", "") == key), None)


def districts_named(text: str, city: City) -> tuple[District, ...]:
    """The districts `text` names, exactly or by a close typo."""
    return match_name(text, city).districts


def _names(city: City) -> dict[str, tuple[str, ...]]:
    """Every way to name a district, folded, to the district ids it means."""
    return _names_of(city.name, city.districts, city.aliases)


@cache
def _names_of(
    city_name: str, districts: tuple[District, ...], aliases: tuple[Alias, ...]
) -> dict[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    for district in districts:
        for name in (district.id, district.name):
            names[_key_for(name, city_name)] = (district.id,)
    for alias in aliases:
        names.setdefault(_key_for(alias.name, city_name), alias.district_ids)
    return names


def _key(text: str, city: City) -> str:
    return _key_for(text, city.name)


def _key_for(text: str, city_name: str) -> str:
    """Folded, separators as spaces, without the city's own name in front ("Jena-Nord" and
    "Nord" are one key; so "Jena-Ost" is not close to "Jena-West" just for the "Jena")."""
    words = fold(text).replace("-", " ").replace("/", " ").replace("_", " ").split()
    if len(words) > 1 and words[0] == fold(city_name):
        words = words[1:]
    return " ".join(words)


def _districts(ids, city: City) -> tuple[District, ...]:
    found = (city.district(i) for i in dict.fromkeys(ids))
    return tuple(d for d in found if d is not None)
