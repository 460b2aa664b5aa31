"""Shared fixtures: a small hand-made registry and the real Jena city file."""

import tomllib
from pathlib import Path

import pytest

from bot.numbercheck import CheckRules, NumberRegistry

FRAGMENT = Path(__file__).resolve().parents[3] / "bot" / "city" / "jena.toml"

SMALL_ENTRIES = [
    {
        "number": "03641 49-0",
        "owner": "Stadtverwaltung Jena",
        "department": "Zentrale",
        "source": "test",
    },
    {"prefix": "03641 49", "owner": "Stadtverwaltung Jena", "source": "test"},
    {
        "prefix": "03641 49-37",
        "owner": "Stadtverwaltung Jena",
        "department": "Block 37",
        "source": "t",
    },
    {
        "number": "03641 233979",
        "owner": "Landespolizeiinspektion Jena",
        "department": "Kontaktbereichsbeamter Winzerla",
        "source": "seed 002",
    },
    {
        "number": "0152 07168792",
        "owner": "Landespolizeiinspektion Jena",
        "department": "Kontaktbereichsbeamter Winzerla",
        "source": "seed 002",
    },
]


@pytest.fixture(scope="session")
def small_rules() -> CheckRules:
    return CheckRules.build(
        registry=NumberRegistry.from_config(SMALL_ENTRIES),
        official_domains=["jena.de", "polizei.thueringen.de"],
        official_telegram=["@StadtJenaOffiziell"],
        city_name="Jena",
    )


@pytest.fixture(scope="session")
def fragment() -> dict:
    with FRAGMENT.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="session")
def jena_rules(fragment) -> CheckRules:
    return CheckRules.build(
        registry=NumberRegistry.from_config(fragment["official_numbers"]),
        official_domains=fragment["official_domains"],
        official_telegram=fragment["official_telegram"],
        city_name="Jena",
    )
