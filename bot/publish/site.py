"""Writes the whole public site of one snapshot into a folder, each file atomically
(bot/atomic_file.py: a web server serves the old file or the new one, never half of one).

A file whose bytes would not change is not written again, so a CAP message, once written,
keeps its time stamp, and a rewrite after a change touches only what changed. Files of
alerts older than the site keeps (30 days) are left as they are: their links keep working."""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.city.geo import Boundaries
from bot.city.model import City
from bot.publish.areas import cap_areas
from bot.publish.cap import cap_message
from bot.publish.feeds import atom_feed, nina_json
from bot.publish.folder import Target, Writer, discard, finish
from bot.publish.model import KEPT, Snapshot, public_alerts
from bot.publish.pages import Pages
from bot.publish.setup import SiteSetup
from bot.storage.database import Connection
from bot.storage.public import sent_since
from bot.texts import Texts

STYLE = Path(__file__).parent / "style.css"
# A second process pays from this many alerts on. It writes the pages of the languages
# after the first three; the first process writes the files of every language (CAP, feeds,
# alerts.json: about as much work as three languages' pages) and those three.
FORK_FROM = 100
KEPT_LANGUAGES = 3


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


def shared_files(snapshot: Snapshot, setup: SiteSetup) -> Iterator[tuple[str, bytes]]:
    """The files of every language: style, CAP messages, feeds and alerts.json, as their
    paths in the folder and their bytes, one at a time."""
    yield "style.css", STYLE.read_bytes()
    for alert in snapshot.alerts:
        for message in alert.messages:
            yield setup.cap_path(message), cap_message(alert, message, setup)
    words = setup.words(setup.texts.default_language)
    yield "atom.xml", atom_feed(
        snapshot.alerts, snapshot, setup, title=words.feed_title(setup.city).strip(),
        name="atom.xml", page="index.html",
    )  # fmt: skip
    yield "alerts.json", nina_json(snapshot, setup)
    for district in setup.city.districts:
        yield setup.district_feed(district.id), atom_feed(
            snapshot.in_district(district.id), snapshot, setup,
            title=words.feed_title_district(setup.city, district.name).strip(),
            name=setup.district_feed(district.id), page=setup.district_page(district.id),
        )  # fmt: skip


def language_files(
    snapshot: Snapshot, setup: SiteSetup, languages: tuple[str, ...]
) -> Iterator[tuple[str, bytes]]:
    """The HTML pages in each of `languages`: the default language's at the root, any
    other's under <language>/ (SiteSetup.home)."""
    for language in languages:
        pages = Pages(snapshot, setup, language)
        home = setup.home(language)
        yield home + "index.html", pages.index()
        yield home + "widget.html", pages.widget()
        for district in setup.city.districts:
            yield home + setup.district_page(district.id), pages.district(district)
        for alert in snapshot.alerts:
            yield home + setup.alert_path(alert), pages.alert(alert)


def write_site(out: Path, snapshot: Snapshot, setup: SiteSetup, *, processes: int = 1) -> Written:
    """Write every file of the site into `out` (created if missing; bot/publish/folder.py
    says how no reader sees half a file). Raises OSError if a file cannot be written; the
    files written before it stay, each whole.

    `processes` 2: a large site's pages in all but the first three languages are written
    by a second process, forked, while this one writes the rest (`stadtwarn publish`, which
    runs no other thread; the running bot never forks)."""
    target = Target.of(out)
    try:
        split = processes > 1 and len(snapshot.alerts) >= FORK_FROM
        ours = setup.languages[:KEPT_LANGUAGES] if split else setup.languages
        theirs = setup.languages[len(ours) :]
        with _forked(snapshot, setup, target, theirs) as counted:
            writer = Writer(target)
            writer.write_all(shared_files(snapshot, setup))
            writer.write_all(language_files(snapshot, setup, ours))
            files, changed = counted()
        finish(target)
    except BaseException:
        discard(target)
        raise
    return Written(writer.files + files, writer.changed + changed)


@contextlib.contextmanager
def _forked(snapshot: Snapshot, setup: SiteSetup, target: Target, languages: tuple[str, ...]):
    """A second process writing the pages of `languages` while the block runs; yields a
    function that waits for it and gives its (files, changed)."""
    if not languages:
        yield lambda: (0, 0)
        return
    context = multiprocessing.get_context("fork")  # a copy of this process: nothing to load
    with ProcessPoolExecutor(1, context, initializer=_remember, initargs=(snapshot, setup)) as pool:
        done = pool.submit(_write_languages, target, languages)
        yield done.result


_site: tuple[Snapshot, SiteSetup] | None = None  # in the forked process only


def _remember(snapshot: Snapshot, setup: SiteSetup) -> None:
    global _site
    _site = snapshot, setup


def _write_languages(target: Target, languages: tuple[str, ...]) -> tuple[int, int]:
    assert _site is not None, "runs in the forked process"
    snapshot, setup = _site
    writer = Writer(target)
    writer.write_all(language_files(snapshot, setup, languages))
    return writer.files, writer.changed


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
