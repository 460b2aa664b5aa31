"""The comms desk's command line: `stadtwarn alert …` and `stadtwarn stats`.

In-process runs go through `bot.cli.main([...])`; a few subprocess runs prove the exit
codes and one-line errors of the real `python -m bot`; one end-to-end test drives the real
bot against the Telegram stand-in while the command line queues, updates and cancels.
"""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.alerts import lifecycle
from bot.cli import main
from bot.clock import BERLIN
from bot.delivery import worklist
from bot.delivery.worklist import Sent
from bot.storage import alerts, subscribers
from bot.storage.database import Database
from bot.texts import FSI, PDI
from tests.auxil.cli import (
    NOW,
    WINZERLA_RECIPIENTS,
    FakeTerminal,
    alert_count,
    cli_environment,
    delivery_chats,
    one_error_line,
    query,
    run_cli,
    send_args,
)
from tests.auxil.delivery import draft_alert
from tests.auxil.running_bot import running_bot

ROOT = Path(__file__).resolve().parents[3]
ALERT_TEXT = "<b>Achtung</b> & mehr"


# --- alert send ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_send_with_yes_queues_to_every_recipient(db_path, capsys):
    assert main(send_args("--text", ALERT_TEXT, "--yes")) == 0
    out = capsys.readouterr().out
    assert "Alert 1 queued to 3 recipients." in out
    assert delivery_chats(db_path) == WINZERLA_RECIPIENTS
    alert = query(db_path, lambda db: alerts.get(db.connection, 1))
    assert (alert.kind, alert.severity, alert.state) == ("free_text", "warning", "queued")
    assert alert.created_by == 0 and alert.approved_by == (0,)
    assert "&lt;b&gt;Achtung&lt;/b&gt; &amp; mehr" in alert.body("de")  # escaped, shown literally


@pytest.mark.slow
def test_send_to_all_and_with_a_template(db_path, capsys):
    args = ["alert", "send", "--all", "--severity", "urgent", "--template", "fake_city_caller"]
    assert main([*args, "--var", "number=03641 123456", "--text", "Extra", "--yes"]) == 0
    assert "queued to 4 recipients" in capsys.readouterr().out
    alert = query(db_path, lambda db: alerts.get(db.connection, 1))
    assert alert.kind == "fake_city_caller" and alert.all_districts
    assert "03641 123456" in alert.body("de") and "Extra" in alert.body("de")


def test_confirmation_shows_the_preview_and_the_recipient_count(db_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeTerminal("y\n"))
    assert main(send_args("--text", ALERT_TEXT)) == 0
    out = capsys.readouterr().out
    assert "Deutsch" in out and "English" in out
    assert "⚠️ Warnung der Stadt Jena" in out and "⚠️ Warning from the city of Jena" in out
    assert ALERT_TEXT in out  # exactly as residents read it, not as markup
    assert "<i>" not in out and "&amp;" not in out
    assert "Send to 3 recipients? [y/N]" in out
    assert out.index("Send to 3") < out.index("Alert 1 queued")
    assert delivery_chats(db_path) == WINZERLA_RECIPIENTS


@pytest.mark.slow
@pytest.mark.parametrize("answer", ["n\n", "\n", ""])
def test_declining_stores_nothing(db_path, capsys, monkeypatch, answer):
    monkeypatch.setattr(sys, "stdin", FakeTerminal(answer))
    assert main(send_args("--text", "Hallo")) == 1
    assert "Not sent; nothing was stored." in capsys.readouterr().out
    assert alert_count(db_path) == 0


def test_without_a_terminal_and_without_yes_it_refuses(db_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # piped: not a terminal
    assert main(send_args("--text", "Hallo")) == 2
    captured = capsys.readouterr()
    assert "add --yes" in one_error_line(captured.err)
    assert alert_count(db_path) == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("action", "doing"),
    [(["update", "1", "--text", "Neu"], "updating"), (["cancel", "1"], "withdrawing")],
)
def test_update_and_cancel_ask_first_like_send(db_path, capsys, monkeypatch, action, doing):
    assert main(send_args("--text", "Erste Fassung", "--yes")) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # piped: not a terminal
    assert main(["alert", *action]) == 2
    assert f"not {doing} without confirmation" in one_error_line(capsys.readouterr().err)
    monkeypatch.setattr(sys, "stdin", FakeTerminal("n\n"))
    assert main(["alert", *action]) == 1
    out = capsys.readouterr().out
    assert "Deutsch" in out and "English" in out  # the preview in every language
    alert = query(db_path, lambda db: alerts.get(db.connection, 1))
    assert (alert.state, alert.revision) == ("queued", 1)  # unchanged


@pytest.mark.slow
def test_cancel_preview_shows_the_all_clear_over_the_old_text(db_path, capsys, monkeypatch):
    assert main(send_args("--text", "Erste Fassung", "--yes")) == 0
    monkeypatch.setattr(sys, "stdin", FakeTerminal("y\n"))
    assert main(["alert", "cancel", "1"]) == 0
    out = capsys.readouterr().out
    assert out.index("Entwarnung: Diese Warnung gilt nicht mehr.") < out.index("Erste Fassung")
    assert "Withdraw alert 1?" in out


def test_four_eyes_rule_waits_for_a_second_admin(db_path, capsys, monkeypatch):
    monkeypatch.setenv("STADTWARN_APPROVAL", "2")
    assert main(send_args("--text", "Hallo", "--yes", "--wait")) == 0
    out = capsys.readouterr().out
    assert "awaits a second admin's approval in Telegram (1 of 2 approvals)" in out
    alert = query(db_path, lambda db: alerts.get(db.connection, 1))
    assert alert.state == "awaiting_approval"
    assert delivery_chats(db_path) == set()


@pytest.mark.slow
def test_no_recipients_is_said_plainly(db_path, tmp_path, monkeypatch, capsys):
    empty = tmp_path / "empty.sqlite3"
    query(empty, lambda db: db.schema_version())
    monkeypatch.setenv("STADTWARN_DB", str(empty))
    assert main(send_args("--text", "x", "--yes")) == 0
    out = capsys.readouterr().out
    assert "queued to 0 recipients" in out and "Nobody has subscribed" in out
    assert query(empty, lambda db: alerts.get(db.connection, 1)).state == "done"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (send_args("--district", "atlantis", "--text", "x"), "unknown district 'atlantis'"),
        (
            [
                "alert",
                "send",
                "--all",
                "--district",
                "winzerla",
                "--severity",
                "info",
                "--text",
                "x",
            ],
            "--all cannot be combined with --district",
        ),
        (["alert", "send", "--severity", "info", "--text", "x"], "choose --district ID"),
        (["alert", "send", "--district", "winzerla", "--text", "x"], "missing --severity"),
        (
            ["alert", "send", "--district", "winzerla", "--severity", "loud", "--text", "x"],
            "unknown severity 'loud'",
        ),
        (send_args(), "give --text, --text-file or --template"),
        (send_args("--text", "   "), "the text is empty"),
        (send_args("--text", "x" * 4100), "the text is too long"),
        (send_args("--template", "aliens"), "unknown template 'aliens'"),
        (
            send_args("--template", "shock_call", "--var", "number=1"),
            "template 'shock_call' takes no variable 'number'",
        ),
        (send_args("--template", "fake_police", "--var", "number"), "--var expects KEY=VALUE"),
        (send_args("--template", "fake_police", "--var", "number= "), "variable 'number' is empty"),
        (
            send_args("--template", "fake_police", "--var", "number=1", "--var", "number=2"),
            "--var number is given twice",
        ),
        (send_args("--text-file", "missing.txt"), "cannot read --text-file missing.txt"),
        (send_args("--text", "x", "--text-file", "a.txt"), "use --text or --text-file, not both"),
        (send_args("--text", "x", "--bogus"), "unrecognized arguments: --bogus"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_queued(db_path, capsys, args, expected):
    assert main([*args, "--yes"]) == 2
    captured = capsys.readouterr()
    assert expected in one_error_line(captured.err)
    assert captured.out == ""
    assert alert_count(db_path) == 0


@pytest.mark.slow
def test_text_file_is_read_and_must_be_utf8(db_path, tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Bitte legen Sie auf.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("Straße".encode("latin-1"))
    assert main(send_args("--text-file", "bad.txt", "--yes")) == 2
    assert "not UTF-8" in one_error_line(capsys.readouterr().err)
    assert main(send_args("--text-file", "good.txt", "--yes")) == 0
    assert "Bitte legen Sie auf." in query(db_path, lambda db: alerts.get(db.connection, 1)).body(
        "de"
    )


def test_a_missing_database_is_never_created(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STADTWARN_DB", str(tmp_path / "nowhere.sqlite3"))
    assert main(send_args("--text", "x", "--yes")) == 2
    assert "no database at" in one_error_line(capsys.readouterr().err)
    assert not (tmp_path / "nowhere.sqlite3").exists()


# --- list, show, update, cancel, stats ----------------------------------------------------------


async def _deliver(db_path: Path, alert_id: int, chat_ids: set[int]) -> None:
    """Record copies as accepted by Telegram, as the engine does."""
    db = await Database.open(db_path)
    try:
        await worklist.claim(db, datetime.now(UTC), 100)
        for chat_id in chat_ids:
            await worklist.record(db, [Sent(alert_id, chat_id, 500 + chat_id, 1)], NOW)
        await worklist.recover(db)
    finally:
        await db.close()


@pytest.mark.slow
def test_list_show_update_cancel(db_path, capsys):
    assert main(send_args("--text", "Erste Fassung", "--yes")) == 0
    asyncio.run(_deliver(db_path, 1, {1, 2}))
    capsys.readouterr()

    assert main(["alert", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "ID  TIME (Berlin)     SEVERITY  TEMPLATE   DISTRICTS  STATE    SENT/TOTAL"
    queued_at = query(db_path, lambda db: alerts.get(db.connection, 1)).queued_at
    berlin = queued_at.astimezone(BERLIN)
    assert lines[1].split() == [
        "1",
        berlin.strftime("%Y-%m-%d"),
        berlin.strftime("%H:%M"),
        "warning",
        "free_text",
        "winzerla",
        "sending",
        "2/3",
    ]

    assert main(["alert", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "Alert 1: Warning, Free text, sending" in out
    assert "3 total · 2 sent · 1 pending · 0 blocked · 0 failed" in out
    assert "Erste Fassung" in out and "(Europe/Berlin)" in out

    assert main(["alert", "update", "1", "--text", "Zweite Fassung", "--yes"]) == 0
    assert (
        "2 delivered copies will be edited; 1 unsent copy gets the new text"
        in capsys.readouterr().out
    )
    alert = query(db_path, lambda db: alerts.get(db.connection, 1))
    assert "Zweite Fassung" in alert.body("de") and alert.revision == 2

    assert main(["alert", "cancel", "1", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "2 delivered copies will be marked withdrawn" in out
    assert "1 unsent copy will not be sent" in out
    assert query(db_path, lambda db: alerts.get(db.connection, 1)).state == "cancelled"

    assert main(["alert", "cancel", "1"]) == 2
    assert "alert 1 is already withdrawn" in one_error_line(capsys.readouterr().err)
    assert main(["alert", "update", "1", "--text", "x"]) == 2
    assert "alert 1 is withdrawn; it cannot be updated" in one_error_line(capsys.readouterr().err)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["alert", "show", "42"],
        ["alert", "update", "42", "--text", "x"],
        ["alert", "cancel", "42"],
    ],
)
def test_unknown_alert_id_is_one_line_exit_2(db_path, capsys, args):
    assert main(args) == 2
    assert one_error_line(capsys.readouterr().err) == "stadtwarn: there is no alert 42"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["alert", "show", "x"], "argument ID: invalid int value: 'x'"),
        (["alert", "update", "1"], "give the new text with --text or --text-file"),
        (["alert", "update", "1", "--text", " "], "the text is empty"),
        (["alert", "list", "--limit", "0"], "--limit must be a whole number from 1 to 1000"),
        (["alert", "list", "--limit", "1" + "0" * 30], "--limit must be a whole number from 1"),
        (["alert", "show", "9" * 30], f"there is no alert {'9' * 30}"),
        (["alert", "cancel", "-1"], "there is no alert -1"),
        (["alert", "update", "1", "--text", "\u200b\u3164"], "the text shows nothing"),
        (["alert", "update", "1", "--text", "\x00\x07"], "the text is empty"),
    ],
)
def test_other_bad_input_is_one_line_exit_2(db_path, capsys, args, expected):
    assert main(args) == 2
    assert expected in one_error_line(capsys.readouterr().err)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["\u200b\u2060\u3164", " \u2800 \ufeff ", "\x00\x07\x1b\x7f\u202e"]
)
def test_an_alert_of_only_invisible_characters_is_refused(db_path, capsys, text):
    assert main(send_args("--text", text, "--yes")) == 2
    assert one_error_line(capsys.readouterr().err) in (
        "stadtwarn: the text shows nothing: it has only spaces or invisible characters "
        "(zero-width, fillers)",
        "stadtwarn: the text is empty",
    )
    assert alert_count(db_path) == 0


@pytest.mark.slow
def test_control_characters_leave_the_text_before_it_is_stored(db_path, capsys):
    text = "Achtung\x00\x07\x1b[2J\x7f\u202e: Betrug!\r\nAuflegen."
    assert main(send_args("--text", text, "--yes")) == 0
    stored = query(db_path, lambda db: alerts.get(db.connection, 1))
    assert stored.admin_text == "Achtung[2J: Betrug!\nAuflegen."
    for body in stored.bodies.values():
        shown = body.replace(FSI, "").replace(PDI, "")  # only ours: Arabic isolates each line
        assert "Achtung[2J: Betrug!\nAuflegen." in shown
        assert not any(ord(c) < 0x20 and c != "\n" for c in body)
        assert not any(0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in body)


@pytest.mark.slow
def test_stats_counts_active_and_blocked_per_district(db_path, capsys):
    assert main(["stats"]) == 0
    rows = {
        line.rsplit(None, 2)[0]: line.rsplit(None, 2)[1:]
        for line in capsys.readouterr().out.splitlines()[1:-1]
    }
    assert rows["Winzerla (winzerla)"] == ["2", "1"]
    assert rows["Neulobeda (neulobeda)"] == ["2", "0"]
    assert rows["Maua (maua)"] == ["0", "0"]
    assert rows["All of Jena (chose every district)"] == ["1", "0"]
    assert rows["Residents in total"] == ["4", "1"]


def test_count_recipients_matches_queue(db_path):
    async def check(db):
        for districts, all_districts in (
            (("winzerla",), False),
            (("neulobeda",), False),
            (("winzerla", "neulobeda"), False),
            (("maua",), False),
            ((), True),
        ):
            counted = await subscribers.count_recipients(db.connection, districts, all_districts)
            alert_id = await draft_alert(
                db, districts, severity="info", all_districts=all_districts, approvals_required=0
            )
            assert counted == await lifecycle.queue(db, alert_id, NOW), districts

    query(db_path, check)


# --- the real `python -m bot` ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (send_args("--text", ALERT_TEXT, "--yes"), 0, "Warnung 1 geht an 3 Empfänger."),
        (send_args("--text", ALERT_TEXT), 2, "stadtwarn: ohne Bestätigung wird nicht gesendet"),
        (send_args("--district", "atlantis", "--text", "x", "--yes"), 2, "unbekannter Ortsteil"),
        (["alert", "send", "--district", "winzerla", "--text", "x"], 2, "--severity fehlt"),
        (["alert", "show", "7"], 2, "stadtwarn: es gibt keine Warnung 7"),
    ],
)
def test_subprocess_in_a_german_locale_speaks_german_with_exit_codes(
    db_path, tmp_path, args, code, expected
):
    env = {"STADTWARN_DB": str(db_path)}
    result = run_cli(*args, cwd=tmp_path, env=env, locale="de_DE.UTF-8")
    assert result.returncode == code, result.stderr
    if code == 0:
        assert expected in result.stdout
        assert result.stderr == ""
    else:
        assert expected in one_error_line(result.stderr)
        assert result.stdout == ""
        assert alert_count(db_path) == 0


@pytest.mark.slow
def test_an_endless_text_file_is_refused_after_the_limit(db_path, tmp_path):
    """--text-file /dev/zero: read one character beyond the limit, then one line, exit 2."""
    result = run_cli(
        *send_args("--text-file", "/dev/zero", "--yes"),
        cwd=tmp_path,
        env={"STADTWARN_DB": str(db_path)},
    )
    assert result.returncode == 2
    assert one_error_line(result.stderr) == (
        "stadtwarn: --text-file /dev/zero is longer than an alert can be (4096 characters); "
        "shorten it"
    )
    assert alert_count(db_path) == 0


@pytest.mark.slow
def test_a_text_file_at_the_limit_is_read(db_path, tmp_path, capsys):
    (tmp_path / "long.txt").write_text("x" * 4097, encoding="utf-8")
    assert main(send_args("--text-file", "long.txt", "--yes")) == 2
    assert "is longer than an alert can be" in one_error_line(capsys.readouterr().err)
    (tmp_path / "limit.txt").write_text("x" * 4096, encoding="utf-8")
    assert main(send_args("--text-file", "limit.txt", "--yes")) == 2  # the message is longer
    assert "the text is too long" in one_error_line(capsys.readouterr().err)


@pytest.mark.slow
def test_error_lines_show_typed_control_characters_escaped(db_path, tmp_path):
    """CR, LF and ESC in what was typed never reach the terminal raw: one line, escaped."""
    nasty = "atlantis\x1b[2J\r\n\x07"
    escaped = "atlantis\\x1b[2J\\r\\n\\x07"
    cases = {
        "--text-file": send_args("--text-file", nasty, "--yes"),
        "unrecognized arguments": send_args("--text", "x", "--yes", "--bogus", nasty),
        "--var": send_args("--template", "fake_police", "--var", nasty, "--yes"),
        "ID": ["alert", "show", nasty],
    }
    for what, args in cases.items():
        result = run_cli(*args, cwd=tmp_path, env={"STADTWARN_DB": str(db_path)})
        assert result.returncode == 2, what
        line = one_error_line(result.stderr)
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in line), line
        assert what in line and escaped in line, line
    # A name is cleaned before it is looked up: what is left of it is named.
    result = run_cli(
        *send_args("--district", nasty, "--text", "x", "--yes"),
        cwd=tmp_path,
        env={"STADTWARN_DB": str(db_path)},
    )
    assert one_error_line(result.stderr).startswith("stadtwarn: unknown district 'atlantis[2J'")


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [send_args("--text", "Achtung", "--yes"), ["alert", "list"], ["reports"]]
)
def test_a_read_only_database_is_one_line_and_exit_3(db_path, tmp_path, args):
    """A restored backup with the wrong owner: every command that opens the database says so
    in one line (also as root without the capabilities that override file permissions)."""
    db_path.chmod(0o444)
    result = run_cli(*args, cwd=tmp_path, env={"STADTWARN_DB": str(db_path)}, as_bot_user=True)
    assert result.returncode == 3
    line = one_error_line(result.stderr)
    assert line == (
        f"stadtwarn: the database {db_path} is read-only: give the bot's user write access to "
        f"it (chown or chmod; also its -wal and -shm files if there), or set STADTWARN_DB to "
        f"another file"
    )
    assert result.stdout == ""
    assert alert_count(db_path) == 0


# --- end to end: the real bot delivers what the command line queues ----------------------------


async def run_cli_async(*args: str, cwd: Path, env: dict[str, str], timeout: float = 60):
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=cli_environment(env),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    return process.returncode, out.decode(), err.decode()


@pytest.mark.slow
async def test_end_to_end_send_update_cancel(telegram, tmp_path, monkeypatch, capsys):
    db_path = tmp_path / "db.sqlite3"
    env = {"STADTWARN_DB": str(db_path)}
    monkeypatch.chdir(tmp_path)
    winzerla = [telegram.user(7001), telegram.user(7002, language_code="en")]
    lobeda = telegram.user(7003)
    async with running_bot(telegram, db_path):
        for resident in winzerla:
            resident.send("/start winzerla")
        lobeda.send("/start neulobeda")
        for resident in [*winzerla, lobeda]:
            await resident.next_message()

        code, out, err = await run_cli_async(
            *send_args("--text", ALERT_TEXT, "--yes", "--wait"), cwd=tmp_path, env=env
        )
        assert (code, err) == (0, ""), err
        assert "Alert 1 queued to 2 recipients." in out
        assert "Alert 1 delivered in" in out and ": 2 sent, 0 blocked" in out

        copies = [await resident.next_message(timeout=10) for resident in winzerla]
        assert ALERT_TEXT in copies[0].text and copies[0].text.startswith("⚠️ Warnung der Stadt")
        assert ALERT_TEXT in copies[1].text and copies[1].text.startswith("⚠️ Warning from")
        assert not any("Achtung" in m.text for m in lobeda.messages)

        for name, value in env.items():
            monkeypatch.setenv(name, value)
        assert (
            await asyncio.to_thread(main, ["alert", "update", "1", "--text", "Neu: 110", "--yes"])
            == 0
        )
        assert "2 delivered copies will be edited" in capsys.readouterr().out
        for copy in copies:
            await telegram.wait_for(lambda _tg, c=copy: c.edit_count >= 1 and "Neu: 110" in c.text)
            assert ALERT_TEXT not in copy.text

        assert await asyncio.to_thread(main, ["alert", "cancel", "1", "--yes"]) == 0
        assert "2 delivered copies will be marked withdrawn" in capsys.readouterr().out
        for resident, copy, notice in (
            (winzerla[0], copies[0], "Entwarnung: Die Warnung „Freier Text“ für Winzerla"),
            (winzerla[1], copies[1], "All clear: the warning “Free text” for Winzerla"),
        ):
            followup = await resident.next_message(timeout=10)
            assert notice in followup.text
            assert copy.text.startswith(("✅ Entwarnung: Diese Warnung", "✅ All clear: this"))
            assert followup.reply_to_message_id == copy.message_id
        assert not any("Achtung" in m.text or "Entwarnung" in m.text for m in lobeda.messages)

        assert await asyncio.to_thread(main, ["alert", "show", "1"]) == 0
        out = capsys.readouterr().out
        assert "Alert 1: Warning, Free text, withdrawn" in out
        assert "Edits/withdrawals of delivered copies: 2 done" in out
