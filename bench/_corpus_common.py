"""Shared by bench/check_corpus.py and its parts: the city's rules and a counting table."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.city.data import check_rules, load_city
from bot.numbercheck import CheckResult, Verdict
from bot.settings import BUNDLED_CITY_PATH

SEED = 23
CITY = load_city(BUNDLED_CITY_PATH)
RULES = check_rules(CITY)
CONSOLE = Console(width=110)
# The verdicts about a phone number (for "no phone number found" in IBANs, amounts, dates).
NUMBER_VERDICTS = frozenset(
    {
        Verdict.OFFICIAL,
        Verdict.EMERGENCY_AS_CALLER,
        Verdict.PREMIUM,
        Verdict.SERVICE,
        Verdict.FOREIGN,
        Verdict.UNKNOWN,
        Verdict.INVALID_NUMBER,
    }
)


@dataclass
class Category:
    """Counts for one category, by row (a fuzzer, a written form ...)."""

    name: str
    columns: tuple[str, ...]
    rows: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    failures: list[str] = field(default_factory=list)

    def add(self, row: str, *outcomes: str, failure: str = "") -> None:
        self.rows[row]["cases"] += 1
        for outcome in outcomes:
            self.rows[row][outcome] += 1
        if failure and len(self.failures) < 5:
            self.failures.append(failure)

    @property
    def cases(self) -> int:
        return sum(counter["cases"] for counter in self.rows.values())

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.rows.values())

    def show(self) -> None:
        table = Table(title=f"{self.name}: {self.cases} cases", title_justify="left")
        table.add_column("row")
        table.add_column("cases", justify="right")
        for column in self.columns:
            table.add_column(column, justify="right")
        for row, counter in sorted(self.rows.items()):
            cells = [str(counter["cases"])]
            for column in self.columns:
                share = counter[column] / counter["cases"] if counter["cases"] else 0
                cells.append(f"{counter[column]} ({share:.1%})")
            table.add_row(row, *cells)
        CONSOLE.print(table)
        for failure in self.failures:
            CONSOLE.print(f"  e.g. {failure}", markup=False)


def kinds(result: CheckResult) -> set[Verdict]:
    return {f.kind for f in result.findings}
