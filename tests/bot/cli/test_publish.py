"""`stadtwarn publish --out DIR`: the whole site from the database the bot uses, one line
saying what was written; a folder it cannot write is one line and exit status 2."""

from __future__ import annotations

from bot.cli import main
from tests.auxil.cli import one_error_line


def test_publish_writes_the_whole_site(db_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("STADTWARN_BOT_USERNAME", "stadtwarn_jena_bot")
    out = tmp_path / "site"
    send = ["alert", "send", "--district", "winzerla", "--severity", "warning"]
    assert main([*send, "--template", "shock_call", "--text", "Heute in Winzerla.", "--yes"]) == 0
    capsys.readouterr()

    assert main(["publish", "--out", str(out)]) == 0

    said = capsys.readouterr().out
    assert said.startswith(f"{out}: ") and "1 alerts of the last 30 days" in said
    for name in ("index.html", "widget.html", "atom.xml", "alerts.json", "style.css"):
        assert (out / name).is_file(), name
    assert "Heute in Winzerla." in (out / "index.html").read_text("utf-8")
    assert "t.me/stadtwarn_jena_bot?start=winzerla" in (
        out / "ortsteil" / "winzerla.html"
    ).read_text("utf-8")
    assert len(list((out / "cap").glob("*.xml"))) == 1
    assert main(["publish", "--out", str(out)]) == 0  # again: nothing changed but "Stand"


def test_a_folder_it_cannot_write_is_one_line(db_path, tmp_path, capsys):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert main(["publish", "--out", str(blocked)]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith(f"stadtwarn: cannot write to {blocked}")


def test_an_empty_out_is_refused(db_path, capsys):
    assert main(["publish", "--out", ""]) == 2
    assert "--out is empty" in one_error_line(capsys.readouterr().err)
