"""The README's example: examples/watch served locally, one cycle, one alert on the Courier's copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .site import Runner, Site, Static

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "watch"
PORT_IN_FILES = b"127.0.0.1:8000"
TYPES = {".xml": "application/xml", ".html": "text/html; charset=utf-8", ".txt": "text/plain"}


@pytest.mark.slow
def test_watch_example_raises_the_outlet_alert(
    site: Site, runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = site.base.removeprefix("http://").encode()
    for path in EXAMPLE.rglob("*"):
        if path.suffix in TYPES:
            body = path.read_bytes().replace(PORT_IN_FILES, here)
            site.routes["/" + path.relative_to(EXAMPLE).as_posix()] = Static(
                body, TYPES[path.suffix]
            )
    config = (EXAMPLE / "watch.toml").read_bytes().replace(PORT_IN_FILES, here)
    runner.config(config.decode())
    monkeypatch.chdir(runner.folder)
    result = runner.once()
    assert result.exit_code == 0, result.output
    assert "new items 5" in result.output and "errors 0" in result.output
    [alert] = [
        json.loads(line) for line in (runner.folder / "alerts.jsonl").read_text().splitlines()
    ]
    assert alert["copy"]["outlet"] == "Valley Courier"
    assert alert["original"]["outlet"] == "Riverside Tribune"
