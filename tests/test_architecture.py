"""The house rules that code review alone would miss: which package may import which."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPOSITION_ROOT = ROOT / "bot" / "app.py"
SQL = re.compile(
    r"\bSELECT\b.+\bFROM\b|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bUPDATE\s+\w+\s+SET\b", re.I
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_bot_never_imports_handlers_except_the_composition_root():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot").rglob("*.py")
        if path != COMPOSITION_ROOT
        and any(m == "handlers" or m.startswith("handlers.") for m in imported_modules(path))
    ]
    assert offenders == []


def test_handlers_hold_no_sql():
    offenders = []
    for path in (ROOT / "handlers").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        modules = imported_modules(path)
        if SQL.search(text) or any(
            m.startswith(("aiosqlite", "sqlite3", "bot.storage")) for m in modules
        ):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_every_module_starts_with_a_docstring():
    missing = [
        str(path.relative_to(ROOT))
        for folder in ("bot", "handlers", "tests", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if path.stat().st_size and ast.get_docstring(ast.parse(path.read_text("utf-8"))) is None
    ]
    assert missing == []


def test_both_languages_have_the_same_templates():
    de = {p.name for p in (ROOT / "messages" / "de").iterdir()}
    en = {p.name for p in (ROOT / "messages" / "en").iterdir()}
    assert de == en


PTB_ADAPTERS = {
    COMPOSITION_ROOT,
    ROOT / "bot" / "delivery" / "ptb.py",
    ROOT / "bot" / "delivery" / "telegram_sender.py",
    ROOT / "bot" / "update_order.py",
    ROOT / "bot" / "serving.py",  # how updates arrive: polling or the webhook
    ROOT / "bot" / "delivery" / "http_pool.py",  # how requests leave: PTB's transport
}
DEVTOOLS = ROOT / "bot" / "devtools"


def test_only_the_composition_root_and_the_ptb_adapters_import_telegram():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot").rglob("*.py")
        if path not in PTB_ADAPTERS
        and DEVTOOLS not in path.parents
        and any(m == "telegram" or m.startswith("telegram.") for m in imported_modules(path))
    ]
    assert offenders == []


def test_the_product_imports_the_dev_tools_only_for_the_demo_command():
    users = sorted(
        str(path.relative_to(ROOT))
        for folder in ("bot", "handlers")
        for path in (ROOT / folder).rglob("*.py")
        if DEVTOOLS not in path.parents
        and any(m.startswith("bot.devtools") for m in imported_modules(path))
    )
    assert users == ["bot/cli/__init__.py"]


def test_benchmarks_import_nothing_from_the_tests():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bench").rglob("*.py")
        if any(m == "tests" or m.startswith("tests.") for m in imported_modules(path))
    ]
    assert offenders == []


def bot_imports(path: Path) -> set[str]:
    """The parts of bot/ a module imports, named by their first level: `storage`, `vocabulary`."""
    return {m.split(".")[1] for m in imported_modules(path) if m.startswith("bot.")}


def part_of_bot(path: Path) -> str:
    """The first level of bot/ a module belongs to: its package, or itself if top-level."""
    parts = path.relative_to(ROOT / "bot").parts
    return parts[0] if len(parts) > 1 else path.stem


def test_the_vocabulary_imports_nothing_of_the_project():
    assert bot_imports(ROOT / "bot" / "vocabulary.py") == set()


def test_storage_imports_only_the_vocabulary_and_its_own_helpers():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot" / "storage").rglob("*.py")
        if bot_imports(path) - {"storage", "vocabulary"}
    ]
    assert offenders == []


def test_no_two_parts_of_bot_import_each_other():
    """Layers point down: alerts and delivery, cli and devtools, ... one way at most."""
    edges = {
        (part_of_bot(path), target)
        for path in (ROOT / "bot").rglob("*.py")
        for target in bot_imports(path)
        if target != part_of_bot(path)
    }
    assert sorted((a, b) for a, b in edges if (b, a) in edges and a < b) == []


def _string_subscripts_of(path: Path, names: set[str]) -> list[str]:
    """`x.user_data["key"]`, `.get("key")`, `.pop("key")` and the like on the named dicts."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        target = None
        if isinstance(node, ast.Subscript):
            target = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = node.func.value
        if isinstance(target, ast.Attribute) and target.attr in names:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_conversation_state_is_only_the_typed_user_and_chat_data():
    """handlers/user_data.py holds every piece of it; no handler keys a dict by string."""
    offenders = [
        hit
        for folder in ("bot", "handlers")
        for path in (ROOT / folder).rglob("*.py")
        for hit in _string_subscripts_of(path, {"user_data", "chat_data"})
    ]
    assert offenders == []


KEYBOARDS = ROOT / "handlers" / "keyboards"


def test_only_the_keyboards_take_callback_data_apart():
    """Every prefix packs and parses itself in handlers/keyboards/; nothing else splits at ':'."""
    pattern = re.compile(r"""\.(r?split|r?partition)\(\s*["']:["']""")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "handlers").rglob("*.py")
        if KEYBOARDS not in path.parents and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_command_names_come_from_the_labels():
    """No CommandHandler is given a literal name: names are labels (handlers/commands.py)."""
    offenders = []
    for path in (ROOT / "handlers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "CommandHandler"
                and node.args
                and any(isinstance(n, ast.Constant) for n in ast.walk(node.args[0]))
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


MAX_MODULE_LINES = 300  # one job per file
MAX_FUNCTION_LINES = 60
STAND_IN = ROOT / "bot" / "devtools" / "standin"


def _project_modules() -> list[Path]:
    """Every module of the bot, the handlers and the benches (the stand-in aside: it models
    the Bot API, not the house)."""
    return [
        path
        for folder in ("bot", "handlers", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if STAND_IN not in path.parents
    ]


def test_no_module_is_over_300_lines():
    offenders = [
        f"{path.relative_to(ROOT)}: {lines}"
        for path in _project_modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert offenders == []


def test_no_function_is_over_60_lines():
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"
        for path in _project_modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert offenders == []
