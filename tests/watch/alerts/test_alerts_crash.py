"""No alert sent twice after a crash: a watch killed (SIGKILL) while a webhook receives its
alert, and deliveries left 'sending' to a JSON-lines file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from newstrace.store.alerts import deliveries_in, list_alerts, mark_sending
from newstrace.watch.alerts import DeliveryOptions, parse_rule, run_alerts

from .conftest import Receiver

LOOPBACK = DeliveryOptions(allow_private=True, retry_after_s=0.0, timeout=30.0)
CHILD = """
import sys
from newstrace.store import connect
from newstrace.watch.alerts import DeliveryOptions, parse_rule, run_alerts
db = connect(sys.argv[1])
rule = parse_rule({"story": int(sys.argv[2]), "to": sys.argv[3:]}, 1)
run_alerts(db.conn, [rule], cycle=1, options=DeliveryOptions(allow_private=True, timeout=30.0))
"""


def _path(db: sqlite_utils.Database) -> str:
    return str(db.conn.execute("PRAGMA database_list").fetchone()[2])


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.mark.slow  # a child process imports newstrace, then is killed
@pytest.mark.parametrize("hook", ["/hook"])
def test_alerts_killed_mid_send_neither_resends_nor_loses(
    db: sqlite_utils.Database, stories: dict[str, int], webhook: Receiver, tmp_path: Path,
    hook: str,
) -> None:  # fmt: skip
    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"
    targets = [str(before), webhook.url + hook, str(after)]
    child: dict[str, subprocess.Popen[bytes]] = {}
    # The receiver has the alert; the watch dies before it reads the answer and records it.
    webhook.on_post = lambda: os.kill(child["watch"].pid, signal.SIGKILL)
    child["watch"] = subprocess.Popen(
        [sys.executable, "-c", CHILD, _path(db), str(stories["original"]), *targets]
    )
    assert child["watch"].wait(timeout=120) == -signal.SIGKILL
    webhook.on_post = None
    assert [d.target for d in deliveries_in(db.conn, "sending")] == [webhook.url + hook]
    rule = parse_rule({"story": stories["original"], "to": targets}, 1)
    report = run_alerts(db.conn, [rule], cycle=2, options=LOOPBACK)
    assert report.raised == 0 and report.sent == 1  # only the file never reached
    assert any("interrupted while sending" in error for error in report.errors)
    run_alerts(db.conn, [rule], cycle=3, options=LOOPBACK)
    assert len(webhook.posts) == 1
    assert len(_lines(before)) == len(_lines(after)) == 1
    [stored] = list_alerts(db.conn)
    assert [d.state for d in stored.deliveries] == ["sent", "unknown", "sent"]


@pytest.mark.parametrize("written", [True, False])
def test_alerts_jsonl_left_sending_is_settled_by_the_file(
    db: sqlite_utils.Database, stories: dict[str, int], tmp_path: Path, written: bool
) -> None:
    out = tmp_path / "alerts.jsonl"
    rule = parse_rule({"story": stories["original"], "to": [str(out)]}, 1)
    run_alerts(db.conn, [rule], cycle=1, options=LOOPBACK)
    [stored] = list_alerts(db.conn)
    if not written:  # killed after marking 'sending', before the line was written
        out.write_text('{"key": "half a li')
    mark_sending(db.conn, stored.deliveries[0].id)
    report = run_alerts(db.conn, [rule], cycle=2, options=LOOPBACK)
    assert report.errors == ()
    lines = out.read_text().splitlines()
    assert lines[:-1] == ([] if written else ['{"key": "half a li'])  # a cut line stays apart
    assert json.loads(lines[-1])["key"] == stored.alert.key
    [stored] = list_alerts(db.conn)
    assert stored.deliveries[0].state == "sent"
