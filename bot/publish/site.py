"""Writes the whole public site of one snapshot into a folder, each file atomically
(bot/atomic_file.py: a web server serves the old file or the new one, never half of one).

A file whose bytes would not change is not written again, so a CAP message, once written,
keeps its time stamp, and a rewrite after a change touches only what changed. Files of
alerts older than the site keeps (30 days) are left as they are: their links keep working."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.atomic_file import write_atomically
from bot.city.geo import Boundaries
from bot.city.model import City
from bot.publish.areas import cap_areas
from bot.publish.cap import cap_message
from bot.publish.feeds import atom_feed, nina_json
from bot.publish.model import KEPT, Snapshot, public_alerts
from bot.publish.pages import Pages
from bot.publish.setup import SiteSetup
from bot.storage.database import Connection
from bot.storage.public import sent_since
from bot.texts import Texts

STYLE = Path(__file__).parent / "style.css"


@dataclass(frozen=True)
class Written:
    """How many files the site has, and how many of them were (re)written."""

    files: int
    changed: int


async def read_snapshot(
    conn: Connection, setup: SiteSetup, now: datetime, lasts: Callable[[str], timedelta]
) -> Snapshot:
    """The site's content now: every alert sent in the last 30 days. `lasts`: how long an
    alert of a severity is current (Settings.expiry.of)."""
    records = await sent_since(conn, now - KEPT)
    every = tuple(d.id for d in setup.city.districts)
    alerts = public_alerts(records, prefix=setup.prefix, every_district=every, lasts=lasts)
    return Snapshot(alerts, now)


def site_files(snapshot: Snapshot, setup: SiteSetup) -> dict[str, bytes]:
    """Every file of the site by its path in the folder."""
    files: dict[str, bytes] = {"style.css": STYLE.read_bytes()}
    for alert in snapshot.alerts:
        for message in alert.messages:
            files[setup.cap_path(message)] = cap_message(alert, message, setup)
    words = setup.words(setup.texts.default_language)
    files["atom.xml"] = atom_feed(
        snapshot.alerts, snapshot, setup, title=words.feed_title(setup.city).strip(),
        name="atom.xml", page="index.html",
    )  # fmt: skip
    files["alerts.json"] = nina_json(snapshot, setup)
    for district in setup.city.districts:
        files[setup.district_feed(district.id)] = atom_feed(
            snapshot.in_district(district.id), snapshot, setup,
            title=words.feed_title_district(setup.city, district.name).strip(),
            name=setup.district_feed(district.id), page=setup.district_page(district.id),
        )  # fmt: skip
    for language in setup.languages:
        files.update(_pages(snapshot, setup, language))
    return files


def _pages(snapshot: Snapshot, setup: SiteSetup, language: str) -> dict[str, bytes]:
    """The HTML pages in one language: the default language's at the root, any other's
    under <language>/ (SiteSetup.home)."""
    pages = Pages(snapshot, setup, language)
    files = {"index.html": pages.index(), "widget.html": pages.widget()}
    for district in setup.city.districts:
        files[setup.district_page(district.id)] = pages.district(district)
    for alert in snapshot.alerts:
        files[setup.alert_path(alert)] = pages.alert(alert)
    home = setup.home(language)
    return {home + path: data for path, data in files.items()}


def write_site(out: Path, snapshot: Snapshot, setup: SiteSetup) -> Written:
    """Write every file of the site into `out` (created if missing). Raises OSError if a
    file cannot be written; the files written before it stay, each whole."""
    files = site_files(snapshot, setup)
    folders = {(out / path).parent for path in files}
    for folder in sorted(folders):
        folder.mkdir(parents=True, exist_ok=True)
    changed = 0
    for path, data in files.items():
        target = out / path
        if _same(target, data):
            continue
        write_atomically(target, data, durable=False)  # rewritten at the next start
        changed += 1
    return Written(len(files), changed)


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def setup_for(
    city: City,
    texts: Texts,
    boundaries: Boundaries | None,
    *,
    bot_username: str = "",
    base_url: str = "",
) -> SiteSetup:
    """The site's setup from the bot's own parts."""
    return SiteSetup(city, texts, cap_areas(boundaries), bot_username, base_url)
