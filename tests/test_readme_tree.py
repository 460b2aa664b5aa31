"""README's "For developers" tree names every module of the product, so it stays true."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def developer_section() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    return readme[readme.index("## For developers") : readme.index("## Benchmarks")]


def test_the_tree_names_every_module():
    section = developer_section()
    modules = [
        *(ROOT / "bot").rglob("*.py"),
        *(ROOT / "handlers").glob("*.py"),
    ]
    unnamed = [
        str(path.relative_to(ROOT))
        for path in modules
        if path.stem not in ("__init__", "__main__")
        and "standin" not in path.parts  # the stand-in is one entry: standin/
        and not re.search(rf"\b{re.escape(path.stem)}\b", section)
    ]
    assert unnamed == []


def test_the_tree_names_every_package():
    section = developer_section()
    packages = [p.name for p in (ROOT / "bot").iterdir() if (p / "__init__.py").is_file()]
    assert [name for name in packages if f"{name}/" not in section] == []
