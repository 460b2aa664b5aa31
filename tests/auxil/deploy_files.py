"""Readers for the deploy files: a systemd unit's directives, the Dockerfile's instructions,
.dockerignore's rules and the settings the product reads (for tests/deploy/)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SETTING_NAME = re.compile(r"^(TELEGRAM|STADTWARN)_[A-Z][A-Z_]*[A-Z]$")


def unit_directives(path: Path) -> dict[str, dict[str, list[str]]]:
    """{section: {key: [values in order]}}; a key may repeat (SystemCallFilter=)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, equals, value = line.partition("=")
        assert current is not None and equals, f"{path.name}:{number}: not a directive: {raw!r}"
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments left out."""
    joined = re.sub(r"\\\n", " ", path.read_text("utf-8"))
    instructions = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            instructions.append((word.upper(), rest.strip()))
    return instructions


def dockerignored(rules_text: str, path: str) -> bool:
    """Whether Docker leaves `path` out of the build context: the last rule that matches the
    path or one of its parent folders decides; '!' lets it back in."""
    rules = [r.strip() for r in rules_text.splitlines() if r.strip() and not r.startswith("#")]
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for rule in rules:
        negated = rule.startswith("!")
        pattern = _pattern(rule.removeprefix("!").strip("/"))
        if any(pattern.fullmatch(prefix) for prefix in prefixes):
            ignored = not negated
    return ignored


def _pattern(glob: str) -> re.Pattern[str]:
    out = ""
    for token in re.split(r"(\*\*/|\*\*|\*|\?)", glob):
        out += {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(
            token, re.escape(token)
        )
    return re.compile(out)


def settings_read_by_the_product() -> set[str]:
    """Every TELEGRAM_*/STADTWARN_* name the product reads: string constants in bot/ (but
    bot/devtools/, which sets them for the bot it starts) and handlers/."""
    names = set()
    modules = [*(ROOT / "bot").rglob("*.py"), *(ROOT / "handlers").rglob("*.py")]
    for module in modules:
        if "devtools" in module.relative_to(ROOT).parts:
            continue
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and SETTING_NAME.match(value):
                names.add(value)
    return names


def env_example_names(path: Path) -> list[str]:
    """The names of `NAME=value` lines, commented out (`#NAME=`) or not."""
    return re.findall(r"^#?([A-Z][A-Z0-9_]*)=", path.read_text("utf-8"), flags=re.MULTILINE)
