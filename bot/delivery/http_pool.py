"""The bot's requests to the Bot API through aiohttp's client, in place of PTB's httpx.

At paid speed (1,000 messages a second) the bot's one thread spent two thirds of its time in
httpx and httpcore: building request and response objects, and looking over every pooled
connection each time a request started or ended (bench/broadcast.py --paid, README
"Benchmarks"). aiohttp's client does the same work in a fraction of that. PTB's rate limiter,
timeouts and errors stay as they are: this is only the transport (PTB's BaseRequest), the way
PTB's own HTTPXRequest is one. Long polling keeps PTB's default.

A PTB adapter: only bot/app.py builds it."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote_plus

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

CONNECTIONS = 256  # as PTB's default pool; the delivery engine keeps at most 128 in flight
TIMEOUTS = {"read": 5.0, "write": 5.0, "connect": 5.0, "pool": 1.0}  # PTB's defaults, seconds
MEDIA_WRITE_TIMEOUT = 20.0  # PTB's, for a request with files (the flyers)
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class AiohttpRequest(BaseRequest):
    """PTB's transport on one aiohttp ClientSession."""

    def __init__(self, connections: int = CONNECTIONS) -> None:
        self._connections = connections
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return TIMEOUTS["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections)
            headers = {"User-Agent": self.USER_AGENT}
            self._session = aiohttp.ClientSession(connector=connector, headers=headers)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        given = {"read": read_timeout, "write": write_timeout, "connect": connect_timeout}
        given["pool"] = pool_timeout
        seconds = {k: _given(v, TIMEOUTS[k]) for k, v in given.items()}
        if files and isinstance(write_timeout, type(BaseRequest.DEFAULT_NONE)):
            seconds["write"] = MEDIA_WRITE_TIMEOUT
        # aiohttp has no write timeout of its own: the whole request may take all four
        timeout = aiohttp.ClientTimeout(
            total=_sum(seconds.values()), connect=_sum([seconds["pool"], seconds["connect"]]),
            sock_connect=seconds["connect"],
            sock_read=seconds["read"],
        )  # fmt: skip
        try:
            body = _body(request_data, files)
            headers = FORM if isinstance(body, bytes) else None
            async with self._session.request(
                method, url, data=body, headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp.ServerTimeoutError among them
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error


def _given(value: Any, default: float) -> float | None:
    return default if isinstance(value, type(BaseRequest.DEFAULT_NONE)) else value


def _sum(values) -> float | None:
    """The total of the timeouts; none if any is None (wait as long as it takes)."""
    values = list(values)
    return None if any(v is None for v in values) else sum(values)


def _body(request_data: RequestData | None, files: dict | None) -> Any:
    """The parameters as a form, as PTB's HTTPXRequest sends them; multipart with files."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    if not files:  # encoded here: aiohttp's own form for a dict costs more than the request
        return "&".join([_field(name, value) for name, value in fields.items()]).encode()
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form


@lru_cache(maxsize=32)
def _field(name: str, value: str) -> str:
    """One form field, as urlencode writes it. Every copy of an alert has the same text and
    button: each is encoded once, not once per copy. Small on purpose: a reply's text is
    pushed out of this memory by the next few requests."""
    return f"{quote_plus(name)}={quote_plus(value)}"
