"""The public site for tests: alerts made through the real comms desk on a clock the test
moves, then the site written from the database as `stadtwarn publish` writes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from lxml import etree

from bot.alerts.compose import AlertDraft
from bot.alerts.desk import AlertDesk
from bot.city.data import load_city
from bot.city.geo import load_boundaries
from bot.clock import BERLIN
from bot.delivery.expiry import Expiry
from bot.publish.cap import NAMESPACE
from bot.publish.site import Written, read_snapshot, setup_for, write_site
from bot.settings import BUNDLED_CITY_PATH
from bot.storage import Database
from bot.texts import Texts

CITY = load_city(BUNDLED_CITY_PATH)
TEXTS = Texts(city=CITY)
BOUNDARIES = load_boundaries(CITY.boundaries_file, CITY)
SETUP = setup_for(CITY, TEXTS, BOUNDARIES, bot_username="stadtwarn_jena_bot")
START = datetime(2026, 12, 3, 14, 5, tzinfo=BERLIN)  # a Thursday in winter: +01:00
CAP = {"cap": NAMESPACE}


@dataclass
class Desk:
    """The comms desk on a clock that only moves when the test says so."""

    db: Database
    now: datetime = START
    desk: AlertDesk = field(init=False)

    def __post_init__(self) -> None:
        self.desk = AlertDesk(
            self.db, CITY, TEXTS, approvals_required=1, rate=None, clock=lambda: self.now
        )

    def later(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    async def send(self, text: str = "Bitte Vorsicht.", **changes) -> int:
        values = dict(kind="shock_call", severity="warning", district_ids=("winzerla",))
        alert_id = await self.desk.create(AlertDraft(**{**values, **changes, "text": text}), 900)
        await self.desk.send(alert_id, 900)
        return alert_id

    async def publish(
        self, out: Path, now: datetime | None = None, *, processes: int = 1
    ) -> Written:
        snapshot = await read_snapshot(self.db.connection, SETUP, now or self.now, Expiry().of)
        return write_site(out, snapshot, SETUP, processes=processes)


def cap_of(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def cap_text(root: etree._Element, name: str) -> str:
    return root.findtext(f"cap:{name}", namespaces=CAP)
