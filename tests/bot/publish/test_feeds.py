"""The Atom feeds parse with feedparser without errors, an update keeps the entry's id with a
new `updated`, a feed stays under 100 KB with 30 days of alerts, and alerts.json has NINA's
field names."""

import json

import feedparser

from tests.auxil.public_site import Desk


def parsed(path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path.name, feed.get("bozo_exception"))
    return feed


def test_every_feed_parses_without_errors(site):
    feeds = [site / "atom.xml", *sorted((site / "ortsteil").glob("*.atom"))]
    assert len(feeds) == 31
    for path in feeds:
        parsed(path)
    everything = parsed(site / "atom.xml")
    assert [e.link for e in everything.entries] == ["warnung/2.html", "warnung/1.html"]
    winzerla = parsed(site / "ortsteil" / "winzerla.atom")
    assert len(winzerla.entries) == 2  # its own warning and the whole city's
    assert len(parsed(site / "ortsteil" / "maua.atom").entries) == 1


def test_an_entry_links_its_page_and_its_cap_file(site):
    entry = parsed(site / "atom.xml").entries[1]
    links = {link.rel: (link.href, link.type) for link in entry.links}
    assert links["alternate"] == ("warnung/1.html", "text/html")
    assert links["related"] == ("cap/stadtwarn-jena-1-cancel.xml", "application/cap+xml")
    assert entry.title.startswith("Entwarnung: Schockanrufe")


async def test_an_update_keeps_the_entry_id_with_a_new_updated(desk, tmp_path):
    alert_id = await desk.send("Heute viele Anrufe.")
    await desk.publish(tmp_path)
    before = parsed(tmp_path / "atom.xml").entries[0]
    desk.later(minutes=30)
    await desk.desk.update_text(alert_id, "Immer noch.")
    await desk.publish(tmp_path)
    after = parsed(tmp_path / "atom.xml").entries[0]
    assert after.id == before.id
    assert after.updated == "2026-12-03T14:35:00+01:00" != before.updated
    assert after.published == before.published == "2026-12-03T14:05:00+01:00"


async def test_a_feed_stays_under_100_kb_with_30_days_of_alerts(db, tmp_path):
    desk = Desk(db)
    for _ in range(30 * 3):  # three a day, each updated once, for 30 days
        alert_id = await desk.send("Heute viele Anrufe. " * 10, district_ids=("winzerla",))
        desk.later(hours=1)
        await desk.desk.update_text(alert_id, "Die Anrufe gehen weiter. " * 10)
        desk.later(hours=7)
    await desk.publish(tmp_path)
    for path in (tmp_path / "atom.xml", tmp_path / "ortsteil" / "winzerla.atom"):
        assert path.stat().st_size < 100_000, path.stat().st_size
        assert parsed(path).entries


def test_alerts_json_has_ninas_field_names(site):
    alerts = json.loads((site / "alerts.json").read_text("utf-8"))
    assert [a["identifier"] for a in alerts] == ["stadtwarn-jena-2-1", "stadtwarn-jena-1-cancel"]
    urgent, withdrawn = alerts
    assert urgent["msgType"] == "Alert" and withdrawn["msgType"] == "Cancel"
    assert urgent["sent"] == "2026-12-03T14:50:00+01:00"
    assert withdrawn["references"].split(",")[1] == "stadtwarn-jena-1-2"
    info = urgent["info"][0]
    assert info["severity"] == "Severe" and info["language"] == "de-DE"
    assert info["headline"] and info["description"]
    assert info["area"] == [{"areaDesc": "ganz Jena"}]
