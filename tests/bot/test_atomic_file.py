"""Writing a file without following what is at its name: a symlink there is replaced, its
target untouched; a failed write leaves the old file and no temporary one."""

from __future__ import annotations

import os
import stat

import pytest

from bot.atomic_file import write_atomically


def test_writes_the_bytes_readable_by_everyone(tmp_path):
    path = tmp_path / "page.html"
    write_atomically(path, b"<p>Hallo</p>")
    assert path.read_bytes() == b"<p>Hallo</p>"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    write_atomically(path, b"neu", mode=0o600)
    assert path.read_bytes() == b"neu"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_a_symlink_at_the_name_is_replaced_never_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious")
    folder = tmp_path / "out"
    folder.mkdir()
    link = folder / "flyer.pdf"
    link.symlink_to(outside)
    dangling = folder / "other.pdf"
    dangling.symlink_to(tmp_path / "would-be-created.txt")

    write_atomically(link, b"%PDF-")
    write_atomically(dangling, b"%PDF-")

    assert outside.read_bytes() == b"precious"
    assert not (tmp_path / "would-be-created.txt").exists()
    assert not link.is_symlink() and link.read_bytes() == b"%PDF-"
    assert not dangling.is_symlink() and dangling.read_bytes() == b"%PDF-"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    path = tmp_path / "taken"
    path.mkdir()  # a folder where the file should go: os.replace refuses
    (path / "inside").write_text("x")
    with pytest.raises(OSError):
        write_atomically(path, b"data")
    assert sorted(os.listdir(tmp_path)) == ["taken"]
    assert (path / "inside").read_text() == "x"
