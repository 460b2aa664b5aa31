"""`stadtwarn flyer`: files for one district, an alias or all; the bot's username from the
setting or from Telegram (getMe); every failure one line and exit 2."""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from bot.cli import main
from bot.settings import BUNDLED_MESSAGES_DIR
from bot.texts import Texts
from tests.auxil.cli import cli_environment, one_error_line
from tests.auxil.flyers import messages_with_flyer
from tests.conftest import FAKE_TOKEN

ROOT = Path(__file__).resolve().parents[3]
USERNAME = "stadtwarn_jena_bot"

LANGUAGES = Texts().languages  # the bundled messages/languages.txt


@pytest.fixture
def desk(tmp_path, monkeypatch) -> Path:
    """No settings but the username; the flyers go to tmp_path/flyers."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "STADTWARN_BOT_USERNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STADTWARN_BOT_USERNAME", "@" + USERNAME)
    return tmp_path / "flyers"


@pytest.mark.slow
def test_all_writes_one_flyer_per_district(desk, capsys):
    assert main(["flyer", "all", "--format", "svg", "--out", str(desk)]) == 0
    written = sorted(p.name for p in desk.iterdir())
    assert len(written) == 30 and "flyer-winzerla.svg" in written
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 30
    assert f"https://t.me/{USERNAME}?start=winzerla" in "\n".join(lines)


@pytest.mark.slow
def test_an_alias_gets_its_own_flyer_whose_code_reads_back(desk):
    assert main(["flyer", "Lobeda", "--format", "png", "--out", str(desk)]) == 0
    image = Image.open(io.BytesIO((desk / "flyer-lobeda.png").read_bytes()))
    assert [c.text for c in zxingcpp.read_barcodes(image)] == [
        f"https://t.me/{USERNAME}?start=lobeda"
    ]


@pytest.mark.slow
def test_the_default_is_a_pdf_in_flyers(desk):
    assert main(["flyer", "winzerla"]) == 0
    assert (desk / "flyer-winzerla.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["flyer", "winzerle"], "unknown district 'winzerle'; did you mean winzerla?"),
        (["flyer", "atlantis"], "unknown district 'atlantis'"),
        (
            ["flyer", "winzerla", "--language", "fr"],
            "unknown language 'fr'; choose one of " + ", ".join(LANGUAGES),
        ),
    ],
)
def test_bad_input_is_one_line(desk, capsys, args, expected):
    assert main(args) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("stadtwarn: ") and expected in error
    assert "\n" not in error
    assert not desk.exists()


def test_a_file_where_the_folder_should_be_is_one_line(desk, capsys):
    desk.write_text("not a folder")
    assert main(["flyer", "winzerla", "--out", str(desk)]) == 2
    assert capsys.readouterr().err.strip().startswith(f"stadtwarn: cannot write to {desk}:")


def test_a_symlink_in_the_folder_is_replaced_and_its_target_left_untouched(desk, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("not yours")
    desk.mkdir()
    (desk / "flyer-winzerla.svg").symlink_to(outside)
    assert main(["flyer", "winzerla", "--format", "svg", "--out", str(desk)]) == 0
    assert outside.read_text() == "not yours"
    written = desk / "flyer-winzerla.svg"
    assert not written.is_symlink() and "<svg" in written.read_text()
    assert sorted(p.name for p in desk.iterdir()) == ["flyer-winzerla.svg"]  # no temporary


@pytest.mark.slow
def test_an_empty_out_is_refused_not_the_working_directory(tmp_path):
    env = {"STADTWARN_BOT_USERNAME": USERNAME}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "flyer", "winzerla", "--out", ""],
        env=cli_environment(env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert one_error_line(result.stderr) == (
        "stadtwarn: --out is empty: give a folder, e.g. --out flyers"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_character_without_a_glyph_is_one_line_and_writes_nothing(desk, capsys, monkeypatch):
    german = (BUNDLED_MESSAGES_DIR / "de" / "flyer.txt.j2").read_text("utf-8")
    messages = messages_with_flyer(desk.parent, "xz", german.replace("Notfall", "Notfall 🛑"))
    monkeypatch.setenv("STADTWARN_MESSAGES", str(messages))
    assert main(["flyer", "winzerla", "--language", "xz", "--out", str(desk)]) == 2
    error = capsys.readouterr().err
    assert error == (
        "stadtwarn: the flyer has characters its typeface has no glyph for"
        " (winzerla, xz: '🛑' (U+1F6D1))\n"
    )
    assert list(desk.iterdir()) == []


def test_a_typed_value_is_echoed_escaped(desk, capsys):
    assert main(["flyer", "winzerla", "--language", "f\x1b[2J\r\nr"]) == 2
    error = capsys.readouterr().err
    assert error == f"stadtwarn: unknown language 'f[2J r'; choose one of {', '.join(LANGUAGES)}\n"


def test_without_username_or_token_it_says_what_to_set(desk, capsys, monkeypatch):
    monkeypatch.delenv("STADTWARN_BOT_USERNAME")
    assert main(["flyer", "winzerla"]) == 2
    assert "set STADTWARN_BOT_USERNAME" in capsys.readouterr().err


def test_a_malformed_username_is_refused(desk, capsys, monkeypatch):
    monkeypatch.setenv("STADTWARN_BOT_USERNAME", "t.me/jena")
    assert main(["flyer", "winzerla"]) == 2
    assert "STADTWARN_BOT_USERNAME is malformed" in capsys.readouterr().err


def _flyer_subprocess(tmp_path: Path, api_url: str) -> subprocess.CompletedProcess:
    env = {"TELEGRAM_BOT_TOKEN": FAKE_TOKEN, "TELEGRAM_API_URL": api_url}
    return subprocess.run(
        [sys.executable, "-m", "bot", "flyer", "winzerla", "--out", str(tmp_path)],
        env=cli_environment(env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
async def test_without_the_setting_the_username_comes_from_getme(telegram, tmp_path):
    result = await asyncio.to_thread(_flyer_subprocess, tmp_path, telegram.api_url)
    assert result.returncode == 0, result.stderr
    assert "https://t.me/stadtwarn_standin_bot?start=winzerla" in result.stdout
    assert (tmp_path / "flyer-winzerla.pdf").is_file()


@pytest.mark.slow
async def test_a_rejected_token_is_one_line_without_the_token(telegram, tmp_path):
    telegram.revoke_token()
    result = await asyncio.to_thread(_flyer_subprocess, tmp_path, telegram.api_url)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Telegram rejected the bot token" in result.stderr
    assert FAKE_TOKEN.split(":")[1] not in result.stderr + result.stdout
    telegram.expect_rejections()
