"""The Starlette app of the bot's HTTP server: POST /telegram (webhook mode), GET /healthz,
GET /metrics and, if STADTWARN_PUBLIC_DIR is set, the public site at /."""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bot.web.health import Health
from bot.web.metrics import CONTENT_TYPE, Metrics

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header's name
REFUSAL_LOG_INTERVAL = 60.0  # seconds: refused webhook requests are logged at most this often


@dataclass(frozen=True)
class Webhook:
    """Telegram's updates: `secret` is the secret_token given to setWebhook, `take` puts
    one update (Telegram's JSON) into the bot's queue."""

    secret: str
    take: Callable[[dict], Awaitable[None]]


class _Refusals:
    """Requests without the right secret, logged once a minute (never their body)."""

    def __init__(self) -> None:
        self._logged_at: float | None = None
        self._unlogged = 0

    def note(self, request: Request) -> None:
        self._unlogged += 1
        now = time.monotonic()
        if self._logged_at is not None and now - self._logged_at < REFUSAL_LOG_INTERVAL:
            return
        client = request.client.host if request.client else "unknown"
        logger.warning(
            "refused %d webhook request(s) without the right secret (last from %s)",
            self._unlogged,
            client,
        )
        self._logged_at, self._unlogged = now, 0


def web_app(
    *,
    health: Callable[[], Awaitable[Health]],
    health_grace: float,
    metrics: Metrics,
    webhook: Webhook | None = None,
    public_dir: Path | None = None,
) -> Starlette:
    async def healthz(request: Request) -> Response:
        found = await health()
        return JSONResponse(found.as_json(), status_code=200 if found.ok(health_grace) else 503)

    async def metrics_page(request: Request) -> Response:
        return Response(await metrics.exposition(), media_type=CONTENT_TYPE)

    routes: list = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics_page, methods=["GET"]),
    ]
    if webhook is not None:
        routes.append(Route("/telegram", _webhook_endpoint(webhook), methods=["POST"]))
    if public_dir is not None:
        site = StaticFiles(directory=public_dir, html=True, check_dir=False, follow_symlink=False)
        routes.append(Mount("/", app=site))
    return Starlette(routes=routes)


def _webhook_endpoint(webhook: Webhook) -> Callable[[Request], Awaitable[Response]]:
    refusals = _Refusals()
    secret = webhook.secret.encode()

    async def telegram(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, secret):
            refusals.note(request)
            return Response(status_code=403)
        try:
            update = json.loads(await request.body())
        except ValueError:
            return Response(status_code=400)
        if not isinstance(update, dict):
            return Response(status_code=400)
        await webhook.take(update)
        return Response(status_code=200)

    return telegram
