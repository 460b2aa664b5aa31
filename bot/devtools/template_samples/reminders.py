"""Samples of the reminders of office hours: the reminder itself (tomorrow, today, an extra
hour at another place, officers without a phone), and the answers of /erinnerung (on for
one area and for two, off, no published hours). Officers and hours come from the bundled
city data through the bot's own functions."""

from __future__ import annotations

from datetime import time, timedelta

from bot.city.officehours import next_opening
from bot.devtools.template_samples.base import Sample, rendered, world
from bot.reminders.switch import with_hours
from bot.residents import police_contacts_for
from bot.texts import Texts
from bot.vocabulary import HourChange

PLACE = "Stadtteilbüro Winzerla"


def samples(texts: Texts, language: str) -> list[Sample]:
    return [*_reminders(texts, language), *_answers(texts, language)]


def _reminders(texts: Texts, language: str) -> list[Sample]:
    city, now = world().city, world().now
    winzerla, lobeda = city.officers[0], city.officers[1]
    extra_day = now.date() + timedelta(days=2)
    extra = HourChange(winzerla.area_id, HourChange.EXTRA, extra_day, time(10), time(11, 30),
                       place=PLACE, entered_at=now)  # fmt: skip
    # A real officer of another area stands in (the city file's name; he has no phone there).
    standing_in = HourChange(winzerla.area_id, HourChange.SUBSTITUTE, now.date(),
                             until=extra_day, substitute=lobeda.names[0])  # fmt: skip
    cases = (
        ("tomorrow", winzerla, now - timedelta(days=1), (), None),
        ("today, two officers without a phone", lobeda, now, (), None),
        ("an extra hour at another place", winzerla, now + timedelta(days=1), (extra,), None),
        ("a substitute", winzerla, now - timedelta(days=1), (), standing_in),
    )
    return [
        rendered(
            texts,
            language,
            "hours_reminder.html.j2",
            variant,
            quoted=(PLACE,),  # the desk's own words, German
            officer=officer,
            opening=next_opening(officer.office_hours, moment, city.holiday_subdivision, changes),
            substitute=substitute,
        )
        for variant, officer, moment, changes, substitute in cases
    ]


def _answers(texts: Texts, language: str) -> list[Sample]:
    city, now = world().city, world().now

    def reminded(*ids: str):
        chosen = [d for d in city.districts if d.id in ids]
        return with_hours(police_contacts_for(city, chosen, now))

    return [
        rendered(texts, language, "reminder_on.html.j2", "one area", contacts=reminded("winzerla")),
        rendered(
            texts,
            language,
            "reminder_on.html.j2",
            "two areas",
            contacts=reminded("winzerla", "neulobeda", "nord"),
        ),
        rendered(texts, language, "reminder_off.html.j2", contacts=()),
        rendered(texts, language, "reminder_unavailable.html.j2", contacts=()),
    ]
