"""Districts as residents name them, against the bundled city data."""

import pytest

from bot.city.data import CityDataError, load_city
from bot.city.names import districts_named
from bot.settings import BUNDLED_CITY_PATH

CITY = load_city(BUNDLED_CITY_PATH)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("winzerla", ["winzerla"]),
        ("Lobeda", ["lobeda-altstadt", "neulobeda"]),  # an alias with its reason in the data
        ("Lobeda Altstadt", ["lobeda-altstadt"]),
        ("Neu-Lobeda", ["neulobeda"]),
        ("Nord", ["nord"]),  # the name without the city's
        ("Jena Süd", ["sued"]),
        ("Innenstadt", ["zentrum"]),
        ("Goeschwitz", ["goeschwitz"]),  # without the umlaut
        ("Goschwitz", ["goeschwitz"]),
        ("Winzerl", ["winzerla"]),  # a typo
        ("Zwaetzen", ["zwaetzen"]),
        ("kunitz", ["kunitz-laasan"]),
        ("Jena-Ost", ["wenigenjena"]),  # as far as a public source says (see the data file)
        ("Jena Ost", ["wenigenjena"]),
        ("Camsdorf", ["wenigenjena"]),
        ("ich wohne in Lobeda", ["lobeda-altstadt", "neulobeda"]),
        # words that merely contain a name ("kostet" holds "Ost") name nothing
        ("Was kostet das", []),
        ("Soest", []),  # folds to "sost": one typo from "ost", but short names are never guessed
        ("klobeda west", ["neulobeda"]),  # the whole text first: Lobeda-West, not West
        ("Lobeda-Ost", ["neulobeda"]),
        ("Alt-Lobeda", ["lobeda-altstadt"]),
        ("Stadt", []),
        ("Jena", []),
        ("Atlantis", []),
        ("", []),
    ],
)
def test_a_name_means_these_districts(text, ids):
    assert [d.id for d in districts_named(text, CITY)] == ids


def test_every_alias_names_its_reason_and_known_districts():
    assert CITY.aliases
    for alias in CITY.aliases:
        assert alias.reason.strip()
        assert all(CITY.district(d) for d in alias.district_ids)


def test_a_top_level_key_below_the_aliases_is_refused(tmp_path):
    bundled = BUNDLED_CITY_PATH.read_text(encoding="utf-8")
    city = tmp_path / "city.toml"
    city.write_text(bundled + '\nofficial_domains = ["jena.de"]\n', encoding="utf-8")
    (tmp_path / "jena_ortsteile.geojson").write_text("{}")
    with pytest.raises(CityDataError, match=r"aliases\[\d+\]: unknown key 'official_domains'"):
        load_city(city)
