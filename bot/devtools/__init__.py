"""Development and demo tools, not the product: the Bot API stand-in, the terminal demo and a
helper that runs the real bot as a subprocess. They need the `demo` extra (aiohttp)."""
