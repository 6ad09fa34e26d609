"""Alert rules read from the watch file's [[alert]] tables (newstrace.watch.alerts.parse_rule)."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from newstrace.watch.alerts import parse_rule
from newstrace.watch.errors import ConfigError

CONFIG = """
[[alert]]
outlet = "Riverside Tribune"
to = ["alerts.jsonl", "https://hooks.example/abc", "mailto:desk@example.org"]
[[alert]]
event = {type = "Battles", country = "sy"}
to = ["events.jsonl"]
[[alert]]
edited = true
to = "edits.jsonl"
"""


def test_alerts_config_reads_the_issue_example() -> None:
    tables = tomllib.loads(CONFIG)["alert"]
    rules = [parse_rule(table, i) for i, table in enumerate(tables, 1)]
    assert [r.key for r in rules] == [
        "outlet:Riverside Tribune",
        "event:country=SY,type=Battles",
        "page:*",
    ]
    assert rules[0].targets[1:] == ("https://hooks.example/abc", "mailto:desk@example.org")
    assert rules[2].targets == ("edits.jsonl",)


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ({"to": ["a.jsonl"]}, "give exactly one of"),
        ({"story": 3, "outlet": "X", "to": ["a.jsonl"]}, "give exactly one of"),
        ({"story": "twelve", "to": ["a.jsonl"]}, "alert #4: story"),
        ({"story": 0, "to": ["a.jsonl"]}, "alert #4: story"),
        ({"url": "riverside.example/x", "to": ["a.jsonl"]}, "alert #4: url"),
        ({"text": "too short a claim", "to": ["a.jsonl"]}, "alert #4: text"),
        ({"outlet": "", "to": ["a.jsonl"]}, "alert #4: outlet"),
        ({"event": {"kind": "Battles"}, "to": ["a.jsonl"]}, "alert #4: event.kind"),
        ({"event": {"country": "Syria"}, "to": ["a.jsonl"]}, "alert #4: event.country"),
        ({"event": "Battles", "to": ["a.jsonl"]}, "alert #4: event"),
        ({"edited": False, "to": ["a.jsonl"]}, "alert #4: edited"),
        ({"page": "ftp://x.example/a", "to": ["a.jsonl"]}, "alert #4: page"),
        ({"story": 3}, "alert #4: to"),
        ({"story": 3, "to": []}, "alert #4: to"),
        ({"story": 3, "to": ["alerts.txt"]}, "alert #4: to"),
        ({"story": 3, "to": ["mailto:nobody"]}, "alert #4: to"),
        ({"story": 3, "to": ["a.jsonl"], "every": "10m"}, "alert #4: every"),
    ],
)
def test_alerts_config_errors_name_the_alert_and_key(table: dict[str, Any], named: str) -> None:
    with pytest.raises(ConfigError, match=named) as raised:
        parse_rule(table, 4)
    assert "alert #4" in str(raised.value)


@pytest.mark.parametrize("claim", ["the strike would last at least three days unless agreed"])
def test_alerts_config_rule_keys_ignore_position_and_spacing(claim: str) -> None:
    first = parse_rule({"text": claim, "to": ["a.jsonl"]}, 1)
    moved = parse_rule({"text": "  " + claim.replace(" ", "  ").upper(), "to": ["b.jsonl"]}, 7)
    assert first.key == moved.key
