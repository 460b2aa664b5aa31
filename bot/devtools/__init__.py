"""Development and demo tools, not the product: the Bot API stand-in, the terminal demo, a
helper that runs the real bot as a subprocess, and every resident template rendered with
sample values (template_samples). The stand-in and the demo need the `demo` extra (aiohttp)."""
