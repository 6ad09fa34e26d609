"""Delivering alerts to real receivers on the loopback interface: a JSON-lines file, a webhook
(HTTP server), email (aiosmtpd); each once, across reruns and retries."""

from __future__ import annotations

import json
from collections.abc import Callable
from email.message import Message
from pathlib import Path

import pytest
import sqlite_utils

from newstrace.store.alerts import list_alerts
from newstrace.watch.alerts import DeliveryOptions, parse_rule, run_alerts

from .alert_stories import FERRY
from .conftest import Receiver, retrace

LOOPBACK = DeliveryOptions(allow_private=True, retry_after_s=0.0, timeout=5.0)
StoreArticle = Callable[..., int]


def _story_rule(stories: dict[str, int], *targets: str) -> list:
    return [parse_rule({"story": stories["original"], "to": list(targets)}, 1)]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.mark.parametrize("reruns", [2])
def test_alerts_jsonl_written_once_across_reruns(
    db: sqlite_utils.Database, stories: dict[str, int], store_article: StoreArticle,
    tmp_path: Path, reruns: int,
) -> None:  # fmt: skip
    out = tmp_path / "out" / "alerts.jsonl"
    rules = _story_rule(stories, str(out))
    first = run_alerts(db.conn, rules, cycle=1, options=LOOPBACK)
    assert (first.raised, first.sent, first.failed) == (1, 1, 0)
    for cycle in range(2, 2 + reruns):
        again = run_alerts(db.conn, rules, cycle=cycle, options=LOOPBACK)
        assert (again.raised, again.sent) == (0, 0)
    assert len(_lines(out)) == 1
    later = store_article(list(FERRY), source="third/ferry.html", outlet="Third Daily")
    retrace(db)
    run_alerts(db.conn, rules, cycle=9, options=LOOPBACK)
    assert [line["copy"]["id"] for line in _lines(out)][1:] == [later]


@pytest.mark.parametrize("path", ["/hook"])
def test_alerts_webhook_posts_the_json_with_its_key(
    db: sqlite_utils.Database, stories: dict[str, int], webhook: Receiver, path: str
) -> None:
    report = run_alerts(
        db.conn, _story_rule(stories, webhook.url + path), cycle=1, options=LOOPBACK
    )
    assert (report.raised, report.sent, report.failed) == (1, 1, 0)
    [(_, headers, body)] = webhook.posts
    assert headers["Idempotency-Key"] == body["key"]
    assert body["copy"]["id"] == stories["copy"] and body["passage"]["copy"]["text"]
    run_alerts(db.conn, _story_rule(stories, webhook.url + path), cycle=2, options=LOOPBACK)
    assert len(webhook.posts) == 1


@pytest.mark.parametrize("failures", [1, 2])
def test_alerts_webhook_failing_is_retried_and_sent_once(
    db: sqlite_utils.Database, stories: dict[str, int], webhook: Receiver, failures: int
) -> None:
    webhook.failures["/flaky"] = failures
    rules = _story_rule(stories, webhook.url + "/flaky")
    for cycle in range(1, failures + 1):
        report = run_alerts(db.conn, rules, cycle=cycle, options=LOOPBACK)
        assert (report.sent, report.failed) == (0, 1)
        assert "HTTP 500" in report.errors[0]
        [stored] = list_alerts(db.conn)
        assert (stored.deliveries[0].state, stored.deliveries[0].attempts) == ("failed", cycle)
    report = run_alerts(db.conn, rules, cycle=failures + 1, options=LOOPBACK)
    assert (report.sent, report.failed) == (1, 0)
    for cycle in range(failures + 2, failures + 4):
        run_alerts(db.conn, rules, cycle=cycle, options=LOOPBACK)
    assert len(webhook.bodies("/flaky")) == failures + 1  # the failures, then one success
    [stored] = list_alerts(db.conn)
    assert stored.deliveries[0].state == "sent"


@pytest.mark.parametrize("retry_after_s", [3600.0])
def test_alerts_failed_delivery_waits_for_its_backoff(
    db: sqlite_utils.Database, stories: dict[str, int], webhook: Receiver, retry_after_s: float
) -> None:
    webhook.failures["/slow"] = 1
    options = DeliveryOptions(allow_private=True, retry_after_s=retry_after_s)
    rules = _story_rule(stories, webhook.url + "/slow")
    run_alerts(db.conn, rules, cycle=1, options=options)
    report = run_alerts(db.conn, rules, cycle=2, options=options)
    assert (report.sent, report.failed) == (0, 0)
    assert len(webhook.posts) == 1


@pytest.mark.parametrize("allow_private", [False])
def test_alerts_webhook_to_a_private_address_refused(
    db: sqlite_utils.Database, stories: dict[str, int], webhook: Receiver, allow_private: bool
) -> None:
    options = DeliveryOptions(allow_private=allow_private)
    report = run_alerts(
        db.conn, _story_rule(stories, webhook.url + "/hook"), cycle=1, options=options
    )
    assert (report.sent, report.failed) == (0, 1)
    assert "refused" in report.errors[0] and "loopback" in report.errors[0]
    assert webhook.posts == []


@pytest.mark.parametrize("address", ["desk@example.org"])
def test_alerts_email_over_smtp(
    db: sqlite_utils.Database, stories: dict[str, int],
    smtp_server: tuple[int, list[Message]], address: str,
) -> None:  # fmt: skip
    port, inbox = smtp_server
    options = DeliveryOptions(
        smtp_port=port, mail_from="watch@example.org", base_url="http://x.example"
    )
    rules = _story_rule(stories, f"mailto:{address}")
    report = run_alerts(db.conn, rules, cycle=1, options=options)
    assert (report.sent, report.failed) == (1, 0), report.errors
    run_alerts(db.conn, rules, cycle=2, options=options)
    [message] = inbox
    assert message["To"] == address and message["From"] == "watch@example.org"
    assert f"story {stories['original']}" in message["Subject"]
    assert "Valley Post" in message["Subject"]
    [stored] = list_alerts(db.conn)
    assert message["Message-ID"] == f"<{stored.alert.digest}@newstrace.alerts>"
    body = message.get_payload(decode=True).decode()
    assert "http://x.example/-/newstrace/family/" in body and "Osterholm" in body


@pytest.mark.parametrize("port", [1])  # nothing listens there
def test_alerts_email_server_down_fails_and_is_kept(
    db: sqlite_utils.Database, stories: dict[str, int], port: int
) -> None:
    options = DeliveryOptions(smtp_port=port, timeout=2.0, retry_after_s=0.0)
    rules = _story_rule(stories, "mailto:desk@example.org")
    report = run_alerts(db.conn, rules, cycle=1, options=options)
    assert (report.sent, report.failed) == (0, 1)
    assert "email to desk@example.org" in report.errors[0]
    [stored] = list_alerts(db.conn)
    assert stored.deliveries[0].state == "failed" and stored.deliveries[0].error


@pytest.mark.parametrize("names", [("desk.jsonl", "archive.jsonl")])
def test_alerts_one_rule_in_two_tables_goes_to_both_targets_once(
    db: sqlite_utils.Database, stories: dict[str, int], tmp_path: Path, names: tuple[str, str]
) -> None:
    paths = [tmp_path / name for name in names]
    rules = [
        parse_rule({"story": stories["original"], "to": [str(p)]}, i)
        for i, p in enumerate(paths, 1)
    ]
    report = run_alerts(db.conn, rules, cycle=1, options=LOOPBACK)
    assert (report.raised, report.sent) == (1, 2)
    run_alerts(db.conn, list(reversed(rules)), cycle=2, options=LOOPBACK)  # file reordered
    assert [len(_lines(p)) for p in paths] == [1, 1]
