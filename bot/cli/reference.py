"""`stadtwarn districts` and `stadtwarn alert templates`: what the comms desk can choose from."""

from __future__ import annotations

import argparse
from typing import TextIO

from bot.alerts.compose import KIND_VARIABLES
from bot.city.data import load_city
from bot.cli.tables import print_table
from bot.cli.wording import Wording
from bot.settings import Settings
from bot.texts import Texts


async def districts(_args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording):
    city = load_city(settings.city_path)
    rows = [say.columns("districts_header")] + [(d.id, d.name) for d in city.districts]
    print_table(rows, out)
    print(say.districts_note(city.name), file=out)
    return 0


async def templates(_args: argparse.Namespace, settings: Settings, out: TextIO, say: Wording):
    city = load_city(settings.city_path)
    texts = Texts(settings.messages_dir, city=city)
    rows = [say.columns("templates_header")]
    for kind, variables in KIND_VARIABLES.items():
        needed = ", ".join(f"--var {v}=…" for v in sorted(variables)) or "–"
        rows.append((kind, needed, texts.label(_language(texts, say), f"kind_{kind}")))
    print_table(rows, out)
    print(say.templates_note(), file=out)
    return 0


def _language(texts: Texts, say: Wording) -> str:
    """The desk's language if the city's messages have it, else their default."""
    return say.language if say.language in texts.languages else texts.default_language
