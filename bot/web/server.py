"""uvicorn on the bot's own event loop, as a task beside the PTB Application (as PTB's
customwebhookbot example runs it); the socket is bound first, so a taken port is one line."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator, Iterator

import uvicorn
from starlette.applications import Starlette

from bot.settings import SettingsError

logger = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT = 3.0  # seconds open requests get when the bot stops


class _Server(uvicorn.Server):
    """Leaves the signals to the bot: SIGTERM stops the bot, and the bot stops the server."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def listen(host: str, port: int) -> socket.socket:
    """A bound, listening socket for STADTWARN_HTTP; SettingsError if it cannot be had."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
            sock.listen(128)
        except OSError:
            sock.close()
            raise
    except OSError as error:
        raise SettingsError(
            f"STADTWARN_HTTP: cannot listen on {host}:{port} ({error.strerror or error}): "
            f"choose a free port and an address of this machine."
        ) from None
    sock.setblocking(False)
    return sock


@contextlib.asynccontextmanager
async def serving(app: Starlette, sock: socket.socket) -> AsyncIterator[None]:
    """Serve `app` on `sock` until the block ends."""
    config = uvicorn.Config(
        app,
        log_config=None,  # the bot's logging stays as bot/logsetup.py set it
        log_level="warning",
        access_log=False,
        lifespan="off",
        server_header=False,
        timeout_graceful_shutdown=SHUTDOWN_TIMEOUT,
    )
    server = _Server(config)
    # The socket already listens: connections wait in its backlog until uvicorn takes them.
    task = asyncio.create_task(server.serve(sockets=[sock]), name="stadtwarn-http")
    task.add_done_callback(_ended)
    host, port = sock.getsockname()[:2]
    logger.info("HTTP server listening on %s:%s", host, port)
    try:
        yield
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError, Exception):  # _ended logged it
            await task
        sock.close()


def _ended(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("the HTTP server stopped: %s", task.exception())
