"""Samples of everything else a resident reads: /start and the district picker, names and
locations, the contact officers, /melden, /hilfe, /stop, the error messages and the flyer's
words. Districts, officers and names come from the bundled city data through the bot's own
functions (names, geo, police contacts, flyer content)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta
from functools import cache

from bot.city.geo import load_boundaries
from bot.city.model import District
from bot.city.names import match_name
from bot.city.officehours import next_opening
from bot.clock import BERLIN
from bot.devtools.template_samples.base import BOT_USERNAME, Sample, plain_text, rendered, world
from bot.flyer.content import flyer_targets, make_flyer
from bot.numbercheck import check_text
from bot.reports.subject import subject_of
from bot.reports.values import MAX_NOTE
from bot.reports.vocabulary import ReportOutcome
from bot.residents import DistrictChoice, Picker, police_contacts_for
from bot.texts import Texts
from bot.vocabulary import HourChange, ReportKind

# Templates that print nothing but the city's data.
PLAIN = (
    "deep_link_unknown.html.j2",
    "error.html.j2",
    "fallback.html.j2",
    "language_prompt.html.j2",
    "language_set.html.j2",
    "location_offer.html.j2",
    "location_outside.html.j2",
    "officers_none.html.j2",
    "picker_empty.html.j2",
    "picker_prompt.html.j2",
    "privacy.html.j2",
    "report_ask_district.html.j2",
    "report_ask_note.html.j2",
    "report_ask_subject.html.j2",
    "report_cancelled.html.j2",
    "report_no_subject.html.j2",
    "small_talk.html.j2",
    "start.html.j2",
    "stop_confirm.html.j2",
    "stop_done.html.j2",
    "stop_kept.html.j2",
    "storage_full.html.j2",
)
# /hilfe lists these commands, in this order (handlers/commands.py: COMMANDS, for residents,
# in_help; tests/bot/devtools/test_template_samples.py holds the two lists equal).
HELP_COMMANDS = (
    "start", "check", "scam_help", "district", "officer", "reminder", "report", "warnings", "test",
    "mydata", "privacy", "language", "stop",
)  # fmt: skip
# A point in Winzerla, as a phone shares it (latitude, longitude).
IN_WINZERLA = (50.8935, 11.5665)
RESIDENT_NOTE = "Er sagte, er sei vom Bürgeramt, und wollte 50 Euro für einen Termin."


@dataclass(frozen=True)
class ReportAnswers:
    """What a report's templates read of its flow (handlers/report.py: ReportFlow)."""

    display: str = ""
    official: bool = False
    kind: ReportKind | None = None
    note: str = ""


def samples(texts: Texts, language: str) -> list[Sample]:
    return [
        *(rendered(texts, language, name) for name in PLAIN),
        *_districts(texts, language),
        *_officers(texts, language),
        *_reports(texts, language),
        *_help(texts, language),
        *_flyers(texts, language),
    ]


def _district(district_id: str) -> District:
    return world().city.district(district_id)


@cache
def _located() -> District:
    """The Ortsteil of a shared location, read from the bundled boundaries."""
    city = world().city
    return load_boundaries(city.boundaries_file, city).district_at(*IN_WINZERLA)


def _picker(chosen: tuple[str, ...], all_districts: bool) -> Picker:
    districts = world().city.districts
    return Picker(tuple(DistrictChoice(d, d.id in chosen) for d in districts), all_districts)


def _districts(texts: Texts, language: str) -> list[Sample]:
    city = world().city
    lobeda = match_name("Lobeda", city)
    typo = match_name("Winzerle", city)
    both = (_district("neulobeda"), _district("lobeda-altstadt"))
    return [
        rendered(texts, language, "deep_link.html.j2", district=_district("winzerla")),
        rendered(texts, language, "district_joined.html.j2", "one", districts=both[:1]),
        rendered(texts, language, "district_joined.html.j2", "two", districts=both),
        rendered(
            texts,
            language,
            "district_which.html.j2",
            "a name for two Ortsteile",
            asked="Lobeda",
            districts=lobeda.districts,
            guessed=not lobeda.exact,
        ),
        rendered(
            texts,
            language,
            "district_which.html.j2",
            "a typo",
            asked="Winzerle",
            districts=typo.districts,
            guessed=not typo.exact,
        ),
        rendered(texts, language, "location_found.html.j2", district=_located()),
        rendered(
            texts,
            language,
            "picker_done.html.j2",
            "Ortsteile",
            picker=_picker(("neulobeda", "winzerla"), False),
        ),
        rendered(
            texts, language, "picker_done.html.j2", "the whole city", picker=_picker((), True)
        ),
    ]


def _officers(texts: Texts, language: str) -> list[Sample]:
    """/kontakt: officers with office hours (today, tomorrow), without a phone, without hours;
    an Ortsteil without an officer; the whole city."""
    city, now = world().city, world().now
    cases = (
        ("an officer with office hours today", ("winzerla",), now),
        ("an officer with office hours tomorrow", ("winzerla",), now - timedelta(days=1)),
        ("two officers without a phone", ("neulobeda", "lobeda-altstadt"), now),
        ("officers without office hours", ("nord",), now),
        ("no officer", ("ammerbach",), now),
        ("the whole city", tuple(d.id for d in city.districts), now),
        ("an hour cancelled, an extra one, a substitute", ("winzerla",), now),
    )
    changes = _hour_changes()
    return [
        rendered(
            texts,
            language,
            "officers.html.j2",
            variant,
            # the desk's own words, German, and a name
            quoted=("Fortbildung", "Stadtteilbüro", city.officers[1].names[0]),
            contacts=police_contacts_for(
                city,
                [d for d in city.districts if d.id in ids],
                moment,
                changes if variant.startswith("an hour cancelled") else (),
            ),
        )
        for variant, ids, moment in cases
    ] + [
        rendered(
            texts,
            language,
            "hours_notice.html.j2",
            change.kind,
            quoted=("Fortbildung", "Stadtteilbüro", city.officers[1].names[0]),
            officer=city.officers[0],
            change=change,
            next_opening=next_opening(city.officers[0].office_hours, now, city.holiday_subdivision),
        )
        for change in changes
    ]


def _hour_changes(more: int = 0) -> tuple[HourChange, ...]:
    """The desk's changes of Winzerla's hours in the coming weeks: an hour cancelled, an
    extra one, a substitute; and `more` Thursdays cancelled after them."""
    city, now = world().city, world().now
    local = now.astimezone(BERLIN).date()
    return (
        HourChange("jena-winzerla", HourChange.CANCELLED, local + timedelta(days=7),
                   time(15), time(17), note="Fortbildung", entered_at=now),
        HourChange("jena-winzerla", HourChange.EXTRA, local + timedelta(days=8), time(10),
                   time(11, 30), place="Stadtteilbüro", entered_at=now),
        # A real officer of another area stands in (the city file's name and phone).
        HourChange("jena-winzerla", HourChange.SUBSTITUTE, local + timedelta(days=10),
                   until=local + timedelta(days=14), substitute=city.officers[1].names[0],
                   phone=city.officers[1].phones[0] if city.officers[1].phones else "",
                   entered_at=now),
        *(HourChange("jena-winzerla", HourChange.CANCELLED, local + timedelta(days=7 * n),
                     time(15), time(17), entered_at=now) for n in range(2, 2 + more)),
    )  # fmt: skip


def _reports(texts: Texts, language: str) -> list[Sample]:
    """/melden: its steps with a number and without, its answers."""
    rules = world().rules
    unknown = subject_of(check_text("0151 23456789", rules))
    official = subject_of(check_text("03641 49-0", rules))
    reported = ReportAnswers(unknown.display, kind=ReportKind.FAKE_POLICE, note=RESIDENT_NOTE)
    bare = ReportAnswers(kind=ReportKind.OTHER)
    spoofed = ReportAnswers(official.display, official=True, kind=ReportKind.FAKE_CITY_CALLER)
    district = world().city.district_name("winzerla")
    thanks = (
        ("saved", ReportOutcome.SAVED, reported),
        ("already reported today", ReportOutcome.ALREADY_TODAY, reported),
        ("the daily limit", ReportOutcome.DAILY_LIMIT, bare),
        ("saved, an official number", ReportOutcome.SAVED, spoofed),
    )
    return [
        rendered(texts, language, "report_ask_kind.html.j2", "a number", flow=reported),
        rendered(texts, language, "report_ask_kind.html.j2", "no number", flow=bare),
        rendered(texts, language, "report_note_too_long.html.j2", length=MAX_NOTE + 112),
        rendered(
            texts,
            language,
            "report_confirm.html.j2",
            "a number and a note",
            quoted=(RESIDENT_NOTE,),
            flow=reported,
            district=district,
        ),
        rendered(
            texts, language, "report_confirm.html.j2", "nothing more", flow=bare, district=district
        ),
        *(
            rendered(
                texts,
                language,
                "report_thanks.html.j2",
                variant,
                outcome=outcome,
                outcomes=ReportOutcome,
                flow=flow,
            )
            for variant, outcome, flow in thanks
        ),
    ]


def _help(texts: Texts, language: str) -> list[Sample]:
    commands = [
        (texts.label(language, f"command_{key}"), texts.label(language, f"command_{key}_about"))
        for key in HELP_COMMANDS
    ]
    return [rendered(texts, language, "help.html.j2", commands=commands)]


def _flyers(texts: Texts, language: str) -> list[Sample]:
    """The flyer's words (messages/<lang>/flyer.txt.j2) as bot/flyer/content.py puts them
    together: an Ortsteil with an officer, a name for two, one without an officer; Winzerla
    with the desk's changes of its hours, and with more than the page has room for."""
    city, today = world().city, world().now.astimezone(BERLIN).date()
    found = []
    cases = [(name, "", ()) for name in ("winzerla", "lobeda", "ammerbach")]
    cases += [
        ("winzerla", "with changes", _hour_changes()),
        ("winzerla", "with more changes than room", _hour_changes(more=2)),
    ]
    for name, variant, changes in cases:
        for target in flyer_targets(name, city):
            flyer = make_flyer(target, city, texts, language, BOT_USERNAME, changes, today)
            text = "\n".join(block.text for block in flyer.blocks if block.text != flyer.deep_link)
            found.append(plain_text("flyer.txt.j2", f"{target.name} {variant}".strip(), text))
    return found
