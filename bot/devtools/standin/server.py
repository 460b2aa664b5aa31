"""FakeTelegram: a loopback aiohttp server that answers like Telegram's Bot API."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Self, TypeVar, get_args

from aiohttp import web

from bot.devtools.standin import errors
from bot.devtools.standin.errors import ApiError, Rejection
from bot.devtools.standin.methods import DOCUMENTED_NAME, HANDLERS, MESSAGE_METHODS
from bot.devtools.standin.models import CallbackAnswer, Stats
from bot.devtools.standin.rate_limit import FloodControl, FloodRules
from bot.devtools.standin.state import Chat, TelegramState
from bot.devtools.standin.users import FakeUser
from bot.devtools.standin.webhook import push_updates

logger = logging.getLogger(__name__)
T = TypeVar("T")

FailureKind = Literal["timeout", "500", "502", "disconnect", "flood"]

# Parameters Telegram treats as strings; PTB sends them unencoded, everything else as JSON.
_STRING_PARAMETERS = frozenset(
    {
        "text",
        "parse_mode",
        "callback_query_id",
        "url",
        "language_code",
        "action",
        "inline_message_id",
        "business_connection_id",
        "message_effect_id",
        "caption",
        "description",
        "short_description",
        "name",
        "secret_token",
    }
)
_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")
TIMEOUT_HOLD_SECONDS = 60.0
FLOOD_RETRY_AFTER = 120  # seconds, for fail_next(kind="flood")


@dataclass
class _PlannedFailure:
    method: str
    kind: FailureKind
    remaining: int


def decode_parameters(form: dict[str, Any]) -> dict[str, Any]:
    """Undo PTB's form encoding: strings stay as they are, other values are JSON."""
    decoded: dict[str, Any] = {}
    for name, value in form.items():
        if not isinstance(value, str):
            decoded[name] = f"<file {getattr(value, 'filename', name)}>"
        elif name in _STRING_PARAMETERS:
            decoded[name] = value
        else:
            try:
                decoded[name] = json.loads(value)
            except ValueError:
                decoded[name] = value
    return decoded


class FakeTelegram:
    """Telegram's Bot API on 127.0.0.1 for tests and the offline demo.

    Point PTB at `api_url` (as `base_url`); drive residents with `user()`.
    """

    def __init__(
        self, token: str, *, rate_limit_per_second: float | None = FloodRules.per_second
    ) -> None:
        self.token = token
        self.token_revoked = False
        self._outage: tuple[float, FailureKind, set[str]] = (0.0, "502", set())
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        self.state = TelegramState(
            bot_user={
                "id": bot_id,
                "is_bot": True,
                "first_name": "Stadtwarn",
                "username": "stadtwarn_standin_bot",
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            }
        )
        # (method as the Bot API documents it, whatever its case in the URL; parameters)
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.rejections: list[Rejection] = []
        self.injected_failures: list[tuple[str, str]] = []
        self.rejections_expected = False
        self._flood: FloodControl | None = None
        self._jitter: tuple[float, float] | None = None
        self._random = random.Random(7)  # noqa: S311 -- simulated network delay, not crypto
        self.set_rate_limit(rate_limit_per_second)
        self._failures: list[_PlannedFailure] = []
        self._users: dict[int, FakeUser] = {}
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._stopping = asyncio.Event()
        self._pusher: asyncio.Task | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server  # aiohttp exposes the bound sockets only here
        self._port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._pusher = asyncio.create_task(push_updates(self.state), name="standin-webhook")

    async def stop(self) -> None:
        self.state.closing = True
        self._stopping.set()
        self.state.changed.notify()
        if self._pusher is not None:
            self._pusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pusher
            self._pusher = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def api_url(self) -> str:
        if self._port is None:
            raise RuntimeError("FakeTelegram is not started")
        return f"http://127.0.0.1:{self._port}/bot"

    # --- test controls -----------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        *,
        first_name: str = "Erika",
        language_code: str | None = "de",
        last_name: str | None = None,
        username: str | None = None,
    ) -> FakeUser:
        """The resident with this id (created on first call; later calls return the same)."""
        if user_id in self._users:
            return self._users[user_id]
        api_user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        for key, value in (
            ("last_name", last_name),
            ("username", username),
            ("language_code", language_code),
        ):
            if value:
                api_user[key] = value
        chat = Chat(user=api_user)
        self.state.chats[user_id] = chat
        self._users[user_id] = FakeUser(self.state, chat)
        return self._users[user_id]

    def block(self, chat_id: int) -> None:
        """The resident blocks the bot: sends get 403 and a my_chat_member update is queued."""
        self.state.set_blocked(self._chat(chat_id), True)

    def unblock(self, chat_id: int) -> None:
        """The resident unblocks the bot (as writing to it again does); queues my_chat_member."""
        self.state.set_blocked(self._chat(chat_id), False)

    def forget_chat(self, chat_id: int) -> None:
        """The chat is gone (e.g. deleted account): every request answers "chat not found"."""
        self._chat(chat_id).gone = True
        self.state.changed.notify()

    def set_rate_limit(
        self,
        per_second: float | None,
        *,
        lenient: bool = False,
        chat_burst: int | None = FloodRules.chat_burst,
        jitter: tuple[float, float] | None = None,
        paid_per_second: float = FloodRules.paid_per_second,
    ) -> None:
        """Flood control for message methods (None: off). Strict by default: at most
        `per_second` in any sliding second, and per chat one new message a second after a
        burst of `chat_burst` (None: no per-chat rule); see rate_limit.py. `lenient`: the
        old token bucket. `jitter`: each request reaches the server this many seconds
        (uniform, min to max) after it left, so requests may arrive out of order."""
        rules = FloodRules(
            per_second or 1.0, lenient, chat_burst, paid_per_second=paid_per_second, jitter=jitter
        )
        self._flood = rules.control() if per_second else None
        self._jitter = jitter

    def revoke_token(self) -> None:
        """From now on every request gets 401 Unauthorized, as after /revoke in BotFather."""
        self.token_revoked = True

    def fail_next(
        self, count: int = 1, *, method: str = "sendMessage", kind: FailureKind = "timeout"
    ) -> None:
        """Make the next `count` calls of `method` fail without being processed.

        kind "timeout" holds the request until the client gives up; "500" answers Internal
        Server Error; "502" a proxy's HTML error page; "disconnect" drops the connection
        without an answer; "flood" answers 429 with a retry_after of FLOOD_RETRY_AFTER.
        """
        if kind not in get_args(FailureKind):
            raise ValueError(f"unknown failure kind {kind!r}")
        self._failures.append(_PlannedFailure(method.lower(), kind, count))

    def expect_rejections(self) -> None:
        """Declare that this test provokes rejected requests (the fixture then won't fail)."""
        self.rejections_expected = True

    def commands(
        self, language_code: str | None = None, *, scope: dict[str, Any] | None = None
    ) -> list[dict[str, str]]:
        """Commands set for exactly this language and scope (default scope if None)."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code or "")
        return list(self.state.commands.get(key, []))

    async def wait_for(
        self,
        predicate: Callable[[FakeTelegram], T],
        timeout: float = 5,  # noqa: ASYNC109 - tests pass plain timeouts
    ) -> T:
        """Wait until predicate(tg) is truthy (re-checked on every request and state change)."""
        return await self.state.changed.wait_for(lambda: predicate(self), timeout)

    @property
    def callback_answers(self) -> dict[str, CallbackAnswer]:
        return self.state.callback_answers

    @property
    def stats(self) -> Stats:
        return self.state.stats

    def _chat(self, chat_id: int) -> Chat:
        chat = self.state.chat(chat_id)
        if chat is None:
            raise KeyError(f"no chat {chat_id}; create it with tg.user({chat_id})")
        return chat

    # --- HTTP --------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        match = _PATH.match(request.path)
        if match is None:
            return self._answer(errors.not_found())
        if match["token"] != self.token or self.token_revoked:
            return self._reject(match["method"], errors.unauthorized(), {})
        method = DOCUMENTED_NAME.get(match["method"].lower(), match["method"])
        params = decode_parameters(await self._form(request))
        self.requests.append((method, params))
        self.state.changed.notify()
        handler = HANDLERS.get(method.lower())
        if handler is None:
            return self._reject(method, errors.not_found(), params)
        failure = self._take_failure(method)
        if failure is not None:
            return await self._fail(request, method, failure)
        try:
            if method.lower() in MESSAGE_METHODS:
                await self._check_flood(method, params)
            result = await handler(self.state, params)
        except ApiError as error:
            return self._reject(method, error, params)
        except Exception:
            # A stand-in bug must fail the test (via rejections), and log without the token.
            logger.exception("stand-in crashed in %s", method)
            return self._reject(method, ApiError(500, "Internal Server Error"), params)
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    async def _form(request: web.Request) -> dict[str, Any]:
        form: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.json()
            form.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()})
        elif request.can_read_body:
            form.update(await request.post())
        return form

    async def _check_flood(self, method: str, params: dict[str, Any]) -> None:
        if self._flood is None:
            return
        if self._jitter is not None:
            await asyncio.sleep(self._random.uniform(*self._jitter))
        chat_id = params.get("chat_id")
        new_message = method.lower() == "sendmessage"
        paid = str(params.get("allow_paid_broadcast", "")).lower() == "true"
        retry_after = self._flood.check(int(chat_id) if chat_id else None, new_message, paid)
        if retry_after:
            self.state.stats.too_many_requests += 1
            raise errors.too_many_requests(retry_after)

    def outage(
        self,
        seconds: float,
        *,
        kind: FailureKind = "502",
        methods: tuple[str, ...] = ("sendMessage",),
    ) -> None:
        """For the next `seconds`, every request to `methods` fails as `kind` ("502": a
        proxy's HTML error page; "disconnect": the connection is dropped)."""
        self._outage = (time.monotonic() + seconds, kind, {m.lower() for m in methods})

    def _take_failure(self, method: str) -> FailureKind | None:
        until, kind, methods = self._outage
        if time.monotonic() < until and method.lower() in methods:
            return kind
        for failure in self._failures:
            if failure.method == method.lower() and failure.remaining > 0:
                failure.remaining -= 1
                if failure.remaining == 0:
                    self._failures.remove(failure)
                return failure.kind
        return None

    async def _fail(
        self, request: web.Request, method: str, kind: FailureKind
    ) -> web.StreamResponse:
        self.injected_failures.append((method, kind))
        if kind == "timeout":
            try:
                async with asyncio.timeout(TIMEOUT_HOLD_SECONDS):
                    await self._stopping.wait()
            except TimeoutError:
                pass
            return self._answer(errors.ApiError(504, "Gateway Timeout"))
        if kind == "disconnect":
            if request.transport is not None:
                request.transport.close()
            return web.Response()
        if kind == "flood":  # a bot that kept tripping: Telegram makes it wait minutes
            return self._answer(errors.too_many_requests(FLOOD_RETRY_AFTER))
        if kind == "502":  # what a reverse proxy in front of the Bot API answers
            page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
            return web.Response(status=502, text=page, content_type="text/html")
        return self._answer(errors.ApiError(500, "Internal Server Error"))

    def _reject(self, method: str, error: ApiError, params: dict[str, Any]) -> web.Response:
        self.rejections.append(Rejection(method, error.error_code, error.description, params))
        self.state.changed.notify()
        return self._answer(error)

    @staticmethod
    def _answer(error: ApiError) -> web.Response:
        return web.json_response(error.payload(), status=error.error_code)
