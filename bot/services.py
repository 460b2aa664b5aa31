"""The bot's services, opened once at start-up and shared by every handler."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.alerts.desk import AlertDesk
from bot.city.data import City, check_rules
from bot.city.geo import Boundaries, city_boundaries
from bot.city_reload import CityReload
from bot.clock import Clock, utc_now
from bot.delivery.engine import DeliveryEngine
from bot.delivery.flood import FloodBudget
from bot.delivery.paid import PaidLane
from bot.delivery.sender import Button, Sender
from bot.hours_notice import HoursNotices
from bot.numbercheck import CheckRules, check_text
from bot.office_hours import OfficeHoursDesk
from bot.publish.publisher import Publisher
from bot.publish.site import setup_for
from bot.reminders.loop import ReminderLoop
from bot.reminders.switch import ReminderSwitch
from bot.reports.keys import ReportKeys
from bot.reports.service import Reports
from bot.residents import Residents
from bot.settings import Settings
from bot.storage import Database
from bot.storage.checkpoint import Checkpointer
from bot.storage.database import DiskFull  # for handlers: "nothing could be saved"
from bot.storage.scrub import Scrubber
from bot.telemetry import Telemetry
from bot.texts import Texts

__all__ = ["SERVICES_KEY", "DiskFull", "Services"]

SERVICES_KEY = "stadtwarn_services"  # where the Application keeps them (bot_data)


@dataclass
class Services:
    settings: Settings
    city: City
    db: Database
    texts: Texts
    residents: Residents
    check_rules: CheckRules
    budget: FloodBudget
    engine: DeliveryEngine
    desk: AlertDesk
    clock: Clock
    scrubber: Scrubber
    checkpointer: Checkpointer
    reports: Reports
    hours: HoursNotices  # the office hours' changes and their notices
    reminders: ReminderSwitch
    reminder_loop: ReminderLoop
    boundaries: Boundaries | None = None  # for "Standort senden"
    city_reload: CityReload | None = None  # the officer data in force; SIGHUP reloads it
    publisher: Publisher | None = None  # keeps the public site current (STADTWARN_PUBLIC_DIR)
    telemetry: Telemetry = field(default_factory=Telemetry)  # counts for /metrics and /healthz

    @classmethod
    async def open(
        cls,
        settings: Settings,
        city: City,
        texts: Texts,
        budget: FloodBudget,
        sender: Sender,
        clock: Clock = utc_now,
        *,
        bot_username: str | None = None,
        paid: PaidLane | None = None,
        vote_data: Callable[[int], str] | None = None,
        telemetry: Telemetry | None = None,
    ) -> Services:
        """Open everything and start the delivery engine (which re-queues crashed work).
        `vote_data`: the callback data of the button under every alert, for an alert id (the
        composition root takes it from handlers/keyboards/); None sends alerts without it."""
        db = await Database.open(settings.db_path)
        checkpointer = Checkpointer(db)
        await checkpointer.start()

        engine = await _start_engine(db, settings, texts, budget, sender, paid, vote_data)
        scrubber = Scrubber(db, delay=settings.scrub_delay)
        reports = Reports(db, city, ReportKeys(settings.report_key), clock)
        reports.start()
        boundaries = city_boundaries(city)
        publisher = _publisher(settings, city, texts, boundaries, db, clock, bot_username)
        desk = AlertDesk(
            db, city, texts, approvals_required=settings.approvals_required,
            rate=settings.send_rate, clock=clock, notify=_notify(engine, publisher),
        )  # fmt: skip
        residents = Residents(db, city, clock, scrubber)
        reminder_loop = ReminderLoop(db, city, desk, clock)
        await reminder_loop.start()  # queues what fell due while the bot was down
        return cls(
            settings=settings,
            city=city,
            db=db,
            texts=texts,
            residents=residents,
            # The bot itself is an official channel of the city, too.
            check_rules=_ready(check_rules(city, tuple(filter(None, [bot_username])))),
            budget=budget,
            engine=engine,
            desk=desk,
            clock=clock,
            scrubber=scrubber,
            checkpointer=checkpointer,
            reports=reports,
            hours=HoursNotices(OfficeHoursDesk(db, city, clock), desk),
            reminders=ReminderSwitch(db, residents),
            reminder_loop=reminder_loop,
            boundaries=boundaries,
            city_reload=CityReload(db, city, texts, desk, clock),
            publisher=publisher,
            telemetry=telemetry or Telemetry(),
        )

    async def close(self) -> None:
        if self.publisher is not None:
            await self.publisher.close()
        await self.reminder_loop.close()
        await self.reports.close()
        await self.engine.stop()
        await self.scrubber.close()
        await self.checkpointer.close()
        await self.db.close()


async def _start_engine(
    db: Database,
    settings: Settings,
    texts: Texts,
    budget: FloodBudget,
    sender: Sender,
    paid: PaidLane | None,
    vote_data: Callable[[int], str] | None,
) -> DeliveryEngine:
    """The delivery engine, started (it re-queues crashed work). It keeps real time even
    when a test fixes the residents' clock."""

    def me_too(alert_id: int, language: str) -> Button:
        """Under every alert: "Ich hatte auch so einen Anruf" (handlers/votes.py)."""
        return Button(texts.label(language, "me_too"), vote_data(alert_id))

    button_for = me_too if vote_data else None
    engine = DeliveryEngine(
        db, sender, budget, paid=paid, expiry=settings.expiry, button_for=button_for
    )
    await engine.start()
    return engine


def _notify(engine: DeliveryEngine, publisher: Publisher | None) -> Callable[[], None]:
    """What the desk wakes after a change: the delivery engine, and the public site's writer."""
    if publisher is None:
        return engine.notify

    def notify() -> None:
        engine.notify()
        publisher.wake()

    return notify


def _publisher(settings, city, texts, boundaries, db, clock, bot_username) -> Publisher | None:
    """The public site's writer, started, if STADTWARN_PUBLIC_DIR is set."""
    if settings.public_dir is None:
        return None
    username = settings.bot_username or bot_username or ""
    setup = setup_for(city, texts, boundaries, bot_username=username, base_url=settings.public_url)
    publisher = Publisher(db, setup, settings.public_dir, clock=clock, lasts=settings.expiry.of)
    publisher.start()
    return publisher


def _ready(rules: CheckRules) -> CheckRules:
    """The check's rules with the detector's libraries loaded now, at start, so that the first
    resident's check does not wait for them."""
    if rules.detector is not None:
        check_text("Guten Tag", rules)
    return rules
