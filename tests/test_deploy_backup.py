"""deploy/stadtwarn-backup.{service,timer}: systemd reads them without a complaint (where
systemd-analyze is present), and the service runs `stadtwarn backup` to one file per weekday."""

import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
UNITS = [DEPLOY / "stadtwarn-backup.service", DEPLOY / "stadtwarn-backup.timer"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_the_backup_units_pass_systemd_analyze_verify():
    result = subprocess.run(
        ["systemd-analyze", "verify", *map(str, UNITS)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_the_timer_runs_nightly_and_the_service_keeps_one_copy_a_weekday():
    timer = UNITS[1].read_text("utf-8")
    assert "OnCalendar=*-*-* 02:30:00" in timer and "RandomizedDelaySec=" in timer
    service = UNITS[0].read_text("utf-8")
    (start,) = [line for line in service.splitlines() if line.startswith("ExecStart=")]
    assert " backup /var/lib/stadtwarn/backups/stadtwarn-day$$(date -u +%%u).sqlite3" in start
