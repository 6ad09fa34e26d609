"""The watch configuration: `[[source]]` tables to poll, `[[alert]]` rules, an optional `[watch]`.

    [watch]                       # optional
    host_interval = "1s"          # at least this long between two requests to one host
    fetchers = 8                  # hosts fetched at once
    smtp = "smtp://127.0.0.1:25"  # where mailto: alerts go; smtps:// (TLS), smtp+starttls://
    smtp_user_env = "SMTP_USER"   # optional: the environment variables holding the login
    smtp_password_env = "SMTP_PASSWORD"
    smtp_cafile = "ca.pem"        # optional: certificates to trust besides the system's
    from = "newstrace@localhost"
    base_url = "http://127.0.0.1:8001"

    [[source]]
    url = "http://127.0.0.1:8000/feed.xml"   # feed, sitemap or page
    every = "10m"

    [[alert]]
    outlet = "Riverside Tribune"
    to = ["alerts.jsonl"]

Every mistake raises ConfigError naming the file and the entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newstrace.watch.errors import ConfigError

DEFAULT_EVERY_S = 600.0
DEFAULT_HOST_INTERVAL_S = 1.0
DEFAULT_FETCHERS = 8
MAX_FETCHERS = 64
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT_S = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_SOURCE_KEYS = frozenset({"url", "every"})
# smtp URL scheme -> (security, default port); the login only ever travels over TLS.
SMTP_SCHEMES = {"smtp": ("plain", 25), "smtp+starttls": ("starttls", 587), "smtps": ("tls", 465)}
SMTP_LOGIN_KEYS = ("smtp_user_env", "smtp_password_env")
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WATCH_KEYS = frozenset(
    {"host_interval", "fetchers", "smtp", "from", "base_url", *SMTP_LOGIN_KEYS, "smtp_cafile"}
)


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One source to poll: its URL and how often."""

    url: str
    every_s: float = DEFAULT_EVERY_S


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """A parsed configuration file: sources, alert rules and the watch's own options."""

    path: str
    sources: tuple[SourceConfig, ...]
    rules: tuple[Any, ...] = ()  # newstrace.watch.alerts.AlertRule, one per [[alert]]
    host_interval_s: float = DEFAULT_HOST_INTERVAL_S
    fetchers: int = DEFAULT_FETCHERS
    delivery: dict[str, Any] = field(default_factory=dict)  # DeliveryOptions keywords


def parse_duration(value: object, where: str, allow_zero: bool = False) -> float:
    """Seconds in "10m", "30s", "1.5h", "2d", "500ms" or a bare number of seconds."""
    if isinstance(value, bool):
        raise ConfigError(f'{where}: expected a duration such as "10m", not {value!r}')
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if match is None:
            raise ConfigError(
                f'{where}: {value!r} is not a duration; write e.g. "30s", "10m", "1h"'
            )
        seconds = float(match.group(1)) * _UNIT_S[match.group(2) or "s"]
    if seconds < 0 or (seconds == 0 and not allow_zero):
        raise ConfigError(f"{where}: the duration must be more than 0")
    return seconds


def load_config(path: str | Path) -> WatchConfig:
    """Read and check a watch configuration file; ConfigError names what is wrong and where."""
    name = str(path)
    try:
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{name}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: not valid TOML: {exc}") from None
    return parse_config(data, name)


def parse_config(data: dict[str, Any], name: str) -> WatchConfig:
    """A WatchConfig from the parsed TOML of the file called name."""
    unknown = set(data) - {"source", "alert", "watch", "newstrace"}
    if unknown:
        tables = ", ".join(sorted(unknown))
        raise ConfigError(
            f"{name}: unknown table {tables}; expected [[source]], [[alert]], [watch]"
        )
    sources = tuple(
        _source(table, i, name) for i, table in enumerate(_tables(data, "source", name), 1)
    )
    if not sources:
        raise ConfigError(f'{name}: no [[source]] to watch; add one with url = "..."')
    _unique_sources(sources, name)
    rules = tuple(_rule(table, i, name) for i, table in enumerate(_tables(data, "alert", name), 1))
    watch = data.get("watch", {})
    if not isinstance(watch, dict):
        raise ConfigError(f"{name}: [watch] must be a table")
    return WatchConfig(name, sources, rules, *_watch_options(watch, name))


def _tables(data: dict[str, Any], key: str, name: str) -> list[dict[str, Any]]:
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(f"{name}: {key} must be written as [[{key}]] tables")
    return tables


def _source(table: dict[str, Any], position: int, name: str) -> SourceConfig:
    where = f"{name}: source #{position}"
    unknown = set(table) - _SOURCE_KEYS
    if unknown:
        keys = ", ".join(sorted(unknown))
        raise ConfigError(f"{where}: unknown key {keys}; a source has url and every")
    url = table.get("url")
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(f'{where}: url is missing; write url = "http://..."')
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{where}: url {url!r} is not an http(s) URL")
    every = parse_duration(table.get("every", DEFAULT_EVERY_S), f"{where} ({url}): every")
    return SourceConfig(url, every)


def _unique_sources(sources: tuple[SourceConfig, ...], name: str) -> None:
    seen: set[str] = set()
    for position, source in enumerate(sources, 1):
        if source.url in seen:
            raise ConfigError(f"{name}: source #{position}: {source.url} is listed twice")
        seen.add(source.url)


def _rule(table: dict[str, Any], position: int, name: str) -> Any:
    from newstrace.watch.alerts import parse_rule

    try:
        return parse_rule(table, position)
    except ConfigError as exc:
        raise ConfigError(f"{name}: {exc}") from None


def _watch_options(watch: dict[str, Any], name: str) -> tuple[float, int, dict[str, Any]]:
    unknown = set(watch) - _WATCH_KEYS
    if unknown:
        keys = ", ".join(sorted(unknown))
        raise ConfigError(f"{name}: [watch]: unknown key {keys}")
    interval = watch.get("host_interval", DEFAULT_HOST_INTERVAL_S)
    interval_s = parse_duration(interval, f"{name}: [watch] host_interval", allow_zero=True)
    fetchers = watch.get("fetchers", DEFAULT_FETCHERS)
    if (
        not isinstance(fetchers, int)
        or isinstance(fetchers, bool)
        or not 1 <= fetchers <= MAX_FETCHERS
    ):
        raise ConfigError(
            f"{name}: [watch] fetchers must be a whole number from 1 to {MAX_FETCHERS}"
        )
    return interval_s, fetchers, _delivery(watch, name)


def _delivery(watch: dict[str, Any], name: str) -> dict[str, Any]:
    """DeliveryOptions keywords from [watch]: smtp, its login and CA file, from, base_url."""
    options = _smtp(watch, name)
    if "from" in watch:
        options["mail_from"] = str(watch["from"])
    if "base_url" in watch:
        options["base_url"] = str(watch["base_url"]).rstrip("/")
    return options


def _smtp(watch: dict[str, Any], name: str) -> dict[str, Any]:
    """The SMTP server's address and security from `smtp`, and the names of the environment
    variables that hold its login (never the login itself)."""
    options: dict[str, Any] = {}
    smtp = watch.get("smtp")
    if smtp is not None:
        parts = urlsplit(str(smtp))
        if parts.scheme not in SMTP_SCHEMES or not parts.hostname:
            raise ConfigError(
                f'{name}: [watch] smtp {smtp!r} must look like "smtp://host:port"'
                " (or smtps://, smtp+starttls://)"
            )
        options["smtp_security"], default_port = SMTP_SCHEMES[parts.scheme]
        options["smtp_host"], options["smtp_port"] = parts.hostname, parts.port or default_port
    given = [key for key in SMTP_LOGIN_KEYS if key in watch]
    if given and len(given) != len(SMTP_LOGIN_KEYS):
        raise ConfigError(f"{name}: [watch] smtp_user_env and smtp_password_env go together")
    for key in given:
        if not ENV_NAME.fullmatch(str(watch[key])):
            raise ConfigError(f"{name}: [watch] {key} must name an environment variable")
        options[key] = str(watch[key])
    if "smtp_cafile" in watch:
        options["smtp_cafile"] = str(watch["smtp_cafile"])
    return options
