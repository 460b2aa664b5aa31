"""GET /metrics in Prometheus's text format, from a registry of its own (never the global
default). Everything is collected at scrape time: the counters from Telemetry, the gauges from
the database. Labels are kinds, classes, outcomes and priorities only: never a chat id or a text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from prometheus_client.registry import Collector

from bot.storage import ops_stats
from bot.storage.database import Database
from bot.telemetry import Telemetry

CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4  # what generate_latest writes
SENT_KINDS = ("reply", "alert", "follow-up", "paid")


@dataclass
class _Stored:
    """What the database holds, read just before each scrape."""

    backlog: Mapping[str, int] = field(default_factory=dict)
    subscribers: Mapping[str, int] = field(default_factory=dict)
    reports: Mapping[str, int] = field(default_factory=dict)


class BotCollector(Collector):
    """The bot's metrics; `refresh()` reads the database, `collect()` reports."""

    def __init__(self, db: Database, telemetry: Telemetry) -> None:
        self._db = db
        self._telemetry = telemetry
        self._stored = _Stored()

    async def refresh(self) -> None:
        conn = self._db.connection
        self._stored = _Stored(
            backlog=await ops_stats.backlog(conn),
            subscribers=await ops_stats.subscribers_by_state(conn),
            reports=await ops_stats.reports_by_kind(conn),
        )

    def collect(self) -> Iterator[Metric]:
        t = self._telemetry
        sent = {kind: t.sent.get(kind, 0) for kind in SENT_KINDS}
        yield _counter("stadtwarn_messages_sent", "Messages sent, by kind.", "kind", sent)
        yield _counter(
            "stadtwarn_send_errors", "Failed sends, by error class.", "error", t.send_errors
        )
        yield CounterMetricFamily(
            "stadtwarn_flood_waits", "429 Too Many Requests answers.", value=t.flood_waits
        )
        yield CounterMetricFamily(
            "stadtwarn_flood_wait_seconds",
            "Seconds the 429 answers asked to wait, in all.",
            value=t.retry_after_seconds,
        )
        yield _counter(
            "stadtwarn_check_verdicts", "Checks answered, by outcome.", "outcome", t.checks
        )
        stored = self._stored
        yield _gauge(
            "stadtwarn_outbox_backlog", "Copies waiting, by priority.", "priority", stored.backlog
        )
        yield _gauge("stadtwarn_subscribers", "Residents, by state.", "state", stored.subscribers)
        yield _gauge("stadtwarn_reports", "Reports held, by kind.", "kind", stored.reports)
        yield GaugeMetricFamily(
            "stadtwarn_event_loop_lag_seconds",
            "How late the event loop woke a sleeping task, last measured.",
            value=t.loop_lag,
        )
        yield GaugeMetricFamily(
            "stadtwarn_telegram_unreachable_seconds",
            "Seconds since Telegram last answered after a failure (0 while it answers).",
            value=t.unreachable_for(),
        )


def _labelled(kind, name: str, doc: str, label: str, values: Mapping[str, float]) -> Metric:
    """A counter or gauge family (`kind`) with one sample per value of its one label."""
    family = kind(name, doc, labels=[label])
    for key, value in sorted(values.items()):
        family.add_metric([key], value)
    return family


_counter = partial(_labelled, CounterMetricFamily)
_gauge = partial(_labelled, GaugeMetricFamily)


class Metrics:
    """The registry /metrics reports."""

    def __init__(self, db: Database, telemetry: Telemetry) -> None:
        self.registry = CollectorRegistry(auto_describe=False)
        self._collector = BotCollector(db, telemetry)
        self.registry.register(self._collector)

    async def exposition(self) -> bytes:
        await self._collector.refresh()
        return generate_latest(self.registry)
