"""The officer data's difference per contact area, and what a reload may change."""

from dataclasses import replace

from bot.city.officehours import OfficeHour
from bot.city.officer_data import changed_keys, officers_from_json, officers_json, read_city_file
from bot.city.officer_diff import diff_officers
from bot.settings import BUNDLED_CITY_PATH

CITY = read_city_file(BUNDLED_CITY_PATH)
WINZERLA, LOBEDA, NORTH = CITY.city.officers


def test_the_canonical_json_reads_back_as_the_same_officers():
    assert officers_from_json(CITY.officers_json) == CITY.city.officers
    assert officers_json(officers_from_json(CITY.officers_json)) == CITY.officers_json


def test_new_thursday_hours_in_winzerla_are_one_change_that_keeps_monday():
    later = replace(
        WINZERLA, office_hours=(WINZERLA.office_hours[0], OfficeHour.parse("Do 15:00-18:00"))
    )
    (change,) = diff_officers(CITY.city.officers, (later, LOBEDA, NORTH))
    assert change.area_id == "jena-winzerla" and change.hours_changed and change.tells_residents
    assert change.hours_added == (OfficeHour.parse("Do 15:00-18:00"),)
    assert change.hours_removed == (OfficeHour.parse("Do 15:00-17:00"),)
    assert change.hours_kept == (OfficeHour.parse("Mo 10:00-12:00"),)
    assert change.district_ids == ("winzerla",)
    assert not (change.names_added or change.phones_added or change.address_changed)


def test_officers_phones_addresses_and_ortsteile():
    lobeda = replace(LOBEDA, names=("Ralf Barthel",), phones=("03641 81-0",), address="Am Anger 30")
    north = replace(NORTH, district_ids=("nord", "zwaetzen"))
    changes = diff_officers(CITY.city.officers, (WINZERLA, lobeda, north))
    assert [c.area_id for c in changes] == ["jena-lobeda", "jena-nord-jena-ost"]
    assert changes[0].names_removed == ("Stefan Katzemann",)
    assert changes[0].phones_added == ("03641 81-0",) and changes[0].address_changed
    assert changes[1].districts_added == ("zwaetzen",)
    assert changes[1].districts_removed == ("wenigenjena",)
    assert changes[1].district_ids == ("nord", "wenigenjena", "zwaetzen")  # all are told


def test_an_area_added_or_gone_and_a_source_alone():
    changes = diff_officers((WINZERLA, LOBEDA), (replace(WINZERLA, source="[new]"), NORTH))
    by_area = {c.area_id: c for c in changes}
    assert by_area["jena-winzerla"].sources_changed
    assert not by_area["jena-winzerla"].tells_residents  # nothing residents read changed
    assert by_area["jena-nord-jena-ost"].added and by_area["jena-lobeda"].removed
    assert diff_officers(CITY.city.officers, CITY.city.officers) == ()


def test_any_key_but_the_officers_counts_as_more_than_officer_data():
    others = dict(CITY.others)
    assert changed_keys(CITY.others, others) == []
    others["districts"] = others["districts"].replace("Winzerla", "Winzerla-Süd")
    del others["aliases"]
    assert changed_keys(CITY.others, others) == ["aliases", "districts"]
