"""The bot's HTTP connections to the Bot API: several small httpx pools side by side, taken
in turn, instead of PTB's one pool of 256.

httpcore's pool looks at every connection it holds, several times over, each time a request
starts or ends (its cost grows with the square of the connections). At paid speed (1,000
messages a second, some 60 in flight) one pool of 64 busy connections spent most of the
bot's time there; eight pools of at most 16 each hold about 8 each and cost a sixtieth of
that (README "Benchmarks", bench/broadcast.py --paid). Each request goes whole to one pool;
what PTB does around it (timeouts, errors, the rate limiter) is unchanged.

A PTB adapter: only bot/app.py builds it."""

from __future__ import annotations

import asyncio
import itertools

from telegram.request import BaseRequest, HTTPXRequest, RequestData

POOLS = 8
CONNECTIONS_PER_POOL = 16  # 128 in all: more than the delivery engine keeps in flight


class PooledRequest(BaseRequest):
    """`pools` HTTPXRequest objects, each request sent through the next in turn."""

    def __init__(self, pools: int = POOLS, connections: int = CONNECTIONS_PER_POOL) -> None:
        self._pools = tuple(HTTPXRequest(connection_pool_size=connections) for _ in range(pools))
        self._next = itertools.cycle(self._pools)

    @property
    def read_timeout(self) -> float | None:
        return self._pools[0].read_timeout

    async def initialize(self) -> None:
        await asyncio.gather(*(pool.initialize() for pool in self._pools))

    async def shutdown(self) -> None:
        await asyncio.gather(*(pool.shutdown() for pool in self._pools))

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        write_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        connect_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        pool_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        return await next(self._next).do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
