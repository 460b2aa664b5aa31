"""Benchmark: build a 100,000-entry number registry and measure lookups per second."""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import phonenumbers

from bot.numbercheck.registry import NumberRegistry

ENTRIES = 100_000
BLOCK_SHARE = 0.2  # one in five entries is a number block
LOOKUPS = 200_000
SEED = 3
# German geographic area codes (without trunk 0) and mobile prefixes used to generate numbers.
AREA_CODES = ["3641", "3643", "361", "30", "40", "89", "221", "341", "351", "36428"]
MOBILE = ["151", "152", "160", "170", "176"]


def _generate(rng: random.Random) -> list[dict[str, str]]:
    items: list[dict[str, str]] = []
    seen: set[str] = set()
    while len(items) < ENTRIES:
        block = rng.random() < BLOCK_SHARE
        if block:
            area = rng.choice(AREA_CODES)
            raw = f"0{area} {rng.randrange(10, 100)}{rng.randrange(10, 1000)}"
            key = "p" + raw
        elif rng.random() < 0.3:
            raw = f"0{rng.choice(MOBILE)} {rng.randrange(1_000_000, 100_000_000)}"
            key = "n" + raw
        else:
            area = rng.choice(AREA_CODES)
            raw = f"0{area} {rng.randrange(100_000, 10_000_000)}"
            key = "n" + raw
        if key in seen:
            continue
        number = phonenumbers.parse(raw, "DE")
        if not block and not phonenumbers.is_valid_number(number):
            continue
        seen.add(key)
        field = "prefix" if block else "number"
        items.append({field: raw, "owner": "Bench", "department": "", "source": "generated"})
    return items


def main() -> None:
    rng = random.Random(SEED)
    items = _generate(rng)
    blocks = sum("prefix" in i for i in items)

    started = time.perf_counter()
    try:
        registry = NumberRegistry.from_config(items)
    except ValueError as exc:  # a generated block may be too short for its area code
        print(f"generator produced a bad entry: {exc}")
        raise SystemExit(1) from exc
    build_seconds = time.perf_counter() - started

    # Memory: a second build under tracemalloc (which slows it down, so it is not timed).
    del registry
    tracemalloc.start()
    registry = NumberRegistry.from_config(items)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    # Queries: half hit (exact numbers or numbers inside blocks), half miss.
    keys = [e.key for e in registry.entries]
    queries = []
    for _ in range(LOOKUPS):
        if rng.random() < 0.5:
            queries.append(rng.choice(keys) + ("" if rng.random() < 0.5 else "123"))
        else:
            queries.append(f"49{rng.choice(AREA_CODES)}{rng.randrange(100_000, 10_000_000)}")

    started = time.perf_counter()
    hits = sum(registry.lookup_key(q) is not None for q in queries)
    lookup_seconds = time.perf_counter() - started

    parsed = [phonenumbers.parse("+" + q) for q in queries[:20_000]]
    started = time.perf_counter()
    for number in parsed:
        registry.lookup(number)
    parsed_seconds = time.perf_counter() - started

    exact = len(registry) - blocks
    rate = len(registry) / build_seconds
    print(f"entries:            {len(registry):,} ({blocks:,} blocks, {exact:,} exact)")
    print(f"build (validated):  {build_seconds:.2f} s  ({rate:,.0f} entries/s)")
    print(f"memory (registry):  {current / 2**20:.1f} MiB retained, {peak / 2**20:.1f} MiB peak")
    print(
        f"lookup_key:         {LOOKUPS / lookup_seconds:,.0f} lookups/s "
        f"({lookup_seconds / LOOKUPS * 1e6:.2f} us each, {hits:,} hits)"
    )
    print(
        f"lookup(PhoneNumber): {len(parsed) / parsed_seconds:,.0f} lookups/s "
        f"({parsed_seconds / len(parsed) * 1e6:.2f} us each)"
    )


if __name__ == "__main__":
    main()
