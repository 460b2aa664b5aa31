"""The command line: bad settings and bad city files end with one clear line and exit 2."""

import subprocess
import sys
from pathlib import Path

import pytest

from bot.terminal_text import html_to_terminal
from tests.auxil.cli import cli_environment

ROOT = Path(__file__).resolve().parents[3]


def run_cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=cli_environment(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "stadtwarn: TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "oops"}, "stadtwarn: TELEGRAM_BOT_TOKEN is malformed"),
        (
            {"TELEGRAM_BOT_TOKEN": "123456:TEST-TOKEN", "STADTWARN_ADMINS": "x"},
            "stadtwarn: STADTWARN_ADMINS is malformed",
        ),
    ],
)
def test_bad_setting_exits_2_with_one_line(tmp_path, env, expected):
    result = run_cli("run", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(expected)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_bad_city_file_names_the_key(tmp_path):
    city = tmp_path / "city.toml"
    bundled = (ROOT / "bot" / "city" / "jena.toml").read_text(encoding="utf-8")
    city.write_text(bundled.replace('"Mo 10:00-12:00"', '"Montags"', 1), encoding="utf-8")
    result = run_cli(
        "run",
        env={"TELEGRAM_BOT_TOKEN": "123456:TEST-TOKEN", "STADTWARN_CITY": str(city)},
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "officers[0].office_hours[0]" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_demo_without_its_extra_says_what_to_install(tmp_path):
    blocked = (
        "import sys; sys.modules['aiohttp'] = None; "
        "from bot.cli import main; sys.exit(main(['demo']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", blocked],
        env=cli_environment({}),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip() == "stadtwarn: the demo needs aiohttp: pip install 'stadtwarn[demo]'"
    )


def test_terminal_text_reads_html_as_telegram_does():
    html = '<b>Achtung</b> &amp; 😀 <a href="https://www.jena.de">Stadt</a> https://x.de'
    assert html_to_terminal(html) == "Achtung & 😀 Stadt (https://www.jena.de) https://x.de"
    assert html_to_terminal(html, color=True).startswith("\033[1mAchtung\033[22m &")


def test_terminal_text_lets_only_its_own_styles_reach_the_terminal():
    """An old alert's text with control characters: its styles stay, its escapes do not."""
    html = "<b>Alt\x1b[2J</b>\x07 Text\x7f\x9b31m\u202e\r\nZeile"
    assert html_to_terminal(html) == "Alt[2J Text31m\nZeile"
    assert html_to_terminal(html, color=True) == "\033[1mAlt[2J\033[22m Text31m\nZeile"
