"""`stadtwarn districts` and `stadtwarn alert templates`: what the comms desk can choose from."""

from __future__ import annotations

import argparse
from typing import TextIO

from bot.alerts.compose import KIND_VARIABLES
from bot.city.data import load_city
from bot.cli.tables import print_table
from bot.settings import Settings
from bot.texts import Texts


async def districts(_args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    city = load_city(settings.city_path)
    rows = [("ID", "NAME")] + [(d.id, d.name) for d in city.districts]
    print_table(rows, out)
    print(f"Use the ID with --district; --all sends to all of {city.name}.", file=out)
    return 0


async def templates(_args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    city = load_city(settings.city_path)
    texts = Texts(settings.messages_dir, city=city)
    language = texts.default_language
    rows = [("TEMPLATE", "VARIABLES", "TITLE")]
    for kind, variables in KIND_VARIABLES.items():
        needed = ", ".join(f"--var {v}=…" for v in sorted(variables)) or "–"
        rows.append((kind, needed, texts.label(language, f"kind_{kind}")))
    print_table(rows, out)
    print("Use the TEMPLATE with --template; free_text needs --text.", file=out)
    return 0
