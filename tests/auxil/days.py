"""Days for tests that enter office hours on the command line, which runs on today's date:
the next such weekday that is an ordinary working week in the city, so that "next
Thursday" never meets Ascension Day, nor its following Monday Easter or Whit Monday."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import holidays

from bot.city.data import load_city
from bot.clock import BERLIN
from bot.settings import BUNDLED_CITY_PATH


def next_working(weekday: int) -> date:
    """The next such day after today (Berlin; 0 Monday … 3 Thursday) that is no public
    holiday, in a week whose Monday to Friday and next Monday are none either."""
    today = datetime.now(BERLIN).date()
    subdivision = load_city(BUNDLED_CITY_PATH).holiday_subdivision
    years = range(today.year, today.year + 2)
    free = holidays.country_holidays("DE", subdiv=subdivision, years=years)
    day = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    while True:
        monday = day - timedelta(days=day.weekday())
        week = [monday + timedelta(days=n) for n in (*range(5), 7)]
        if not any(d in free for d in week):
            return day
        day += timedelta(days=7)
