"""Districts as residents name them: the id, the official name, an alias from the city data
("Lobeda"), without umlauts ("Goeschwitz"), or with a typo (rapidfuzz)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.city.data import Alias, City, District
from bot.numbercheck.wording import fold

TYPO_CUTOFF = 85  # rapidfuzz token_set_ratio, 0-100: below it a name means nothing
# (token_set_ratio, not WRatio: WRatio matches parts of words, so "kostet" would name "Ost")


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
    matches = process.extract(key, list(names), scorer=_score, score_cutoff=TYPO_CUTOFF)
    if not matches:
        return NameMatch()
    best = matches[0][1]
    ids = [i for name, score, _ in matches if score >= best - 2 for i in names[name]]
    return NameMatch(_districts(ids, city))


def _score(text: str, name: str, **_: object) -> float:
    """Word by word ("ich wohne in lobeda"), or as one word ("neu lobeda" is "neulobeda")."""
    joined = fuzz.ratio(text.replace(" ", ""), name.replace(" ", ""))
    return max(fuzz.token_set_ratio(text, name), joined)


def alias_named(text: str, city: City) -> Alias | None:
    """The alias `text` is, folded ("lobeda", "Jena Ost"), or None."""
    key = _key(text, city).replace(" ", "")
    return next((a for a in city.aliases if _key(a.name, city).replace(" ", "") == key), None)


def districts_named(text: str, city: City) -> tuple[District, ...]:
    """The districts `text` names, exactly or by a close typo."""
    return match_name(text, city).districts


def _names(city: City) -> dict[str, tuple[str, ...]]:
    """Every way to name a district, folded, to the district ids it means."""
    names: dict[str, tuple[str, ...]] = {}
    for district in city.districts:
        for name in (district.id, district.name):
            names[_key(name, city)] = (district.id,)
    for alias in city.aliases:
        names.setdefault(_key(alias.name, city), alias.district_ids)
    return names


def _key(text: str, city: City) -> str:
    """Folded, separators as spaces, without the city's own name in front ("Jena-Nord" and
    "Nord" are one key; so "Jena-Ost" is not close to "Jena-West" just for the "Jena")."""
    words = fold(text).replace("-", " ").replace("/", " ").replace("_", " ").split()
    if len(words) > 1 and words[0] == fold(city.name):
        words = words[1:]
    return " ".join(words)


def _districts(ids, city: City) -> tuple[District, ...]:
    found = (city.district(i) for i in dict.fromkeys(ids))
    return tuple(d for d in found if d is not None)
