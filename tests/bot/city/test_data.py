"""The city data file: the bundled Jena data, and a clear error naming each bad key."""

import pytest

from bot.city.data import CityDataError, load_city
from bot.settings import BUNDLED_CITY_PATH

GOOD = """
districts = [{ id = "winzerla", name = "Winzerla" }]
[city]
id = "jena"
name = "Jena"
holiday_subdivision = "TH"
website = "https://www.jena.de"
police_name = "Landespolizeiinspektion Jena"
police_website = "https://polizei.thueringen.de/landespolizeiinspektionen/lpijena/"
[[officers]]
area = "Jena-Winzerla"
districts = ["winzerla"]
names = ["Mario Bergner"]
office_hours = ["Mo 10:00-12:00"]
phones = ["03641 233979"]
source = "seed 002"
[[local_sites]]
domain = "uni-jena.de"
owner = "Friedrich-Schiller-Universität Jena"
source = "a public page"
"""


def test_bundled_jena_file_holds_the_seed_facts():
    city = load_city(BUNDLED_CITY_PATH)
    assert city.name == "Jena"
    assert len(city.districts) == 30
    (winzerla,) = city.officers_for("winzerla")
    assert winzerla.names == ("Mario Bergner",)
    assert winzerla.address == "Anna-Siemsen-Str. 27"
    assert winzerla.phones == ("03641 233979", "0152 07168792")
    (lobeda,) = city.officers_for("neulobeda")
    assert lobeda.names == ("Ralf Barthel", "Stefan Katzemann")
    assert [str(h.start) for h in lobeda.office_hours] == ["10:00:00", "15:30:00"]
    assert all(site.source for site in city.local_sites)
    assert "uni-jena.de" in {site.domain for site in city.local_sites}
    assert (city.police_phone, city.card_block_number) == ("03641 81-0", "116 116")


def test_minimal_file_loads(tmp_path):
    path = tmp_path / "city.toml"
    path.write_text(GOOD)
    assert load_city(path).district("winzerla").name == "Winzerla"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('name = "Jena"\n', ""), "city.name: missing"),
        (('"TH"', '"XX"'), "city.holiday_subdivision: 'XX' is not a German state code"),
        (('"Mo 10:00-12:00"', '"Montag 10-12"'), r"officers\[0\].office_hours\[0\]"),
        (('districts = ["winzerla"]', 'districts = ["atlantis"]'), r"officers\[0\].districts"),
        (('id = "winzerla"', 'id = "Winz erla"'), r"districts\[0\].id"),
        (('"https://www.jena.de"', '"jena.de"'), "city.website: expected an https://"),
        (('phones = ["03641 233979"]', "phones = [3641]"), r"officers\[0\].phones"),
        (("[city]", "[town]"), "city: missing table"),
        (('name = "Winzerla" }]', 'name = "Winzerla" '), "not valid TOML"),
        (('domain = "uni-jena.de"', 'domain = "https://uni-jena.de/"'), r"local_sites\[0\].domain"),
        (('source = "a public page"', ""), r"local_sites\[0\].source: missing"),
    ],
)
def test_bad_file_names_the_key(tmp_path, change, message):
    path = tmp_path / "city.toml"
    path.write_text(GOOD.replace(*change))
    with pytest.raises(CityDataError, match=message):
        load_city(path)


def test_missing_file(tmp_path):
    with pytest.raises(CityDataError, match="cannot be read"):
        load_city(tmp_path / "nope.toml")
