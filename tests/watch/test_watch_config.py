"""The watch file: sources, schedules, [watch] options, and errors that name the file and entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.watch.config import load_config, parse_duration
from newstrace.watch.errors import ConfigError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "watch" / "watch.toml"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("10m", 600.0), ("30s", 30.0), ("1.5h", 5400.0), ("2d", 172800.0), ("500ms", 0.5), (45, 45.0)],
)
def test_watch_config_reads_durations(text: object, seconds: float) -> None:
    assert parse_duration(text, "every") == seconds


def test_watch_config_reads_the_example() -> None:
    config = load_config(EXAMPLE)
    assert [s.url.rsplit("/", 1)[1] for s in config.sources] == [
        "feed.xml",
        "sitemap.xml",
        "harbour-notice.html",
    ]
    assert [s.every_s for s in config.sources] == [600.0, 1800.0, 300.0]
    assert config.host_interval_s == 0.2
    assert len(config.rules) == 1


def test_watch_config_passes_smtp_and_sender_on(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_text(
        '[watch]\nsmtp = "smtp://127.0.0.1:2525"\nfrom = "desk@example.org"\nfetchers = 2\n'
        '[[source]]\nurl = "https://news.example/feed.xml"\n'
    )
    config = load_config(path)
    assert config.delivery == {
        "smtp_security": "plain",
        "smtp_host": "127.0.0.1",
        "smtp_port": 2525,
        "mail_from": "desk@example.org",
    }
    assert (config.fetchers, config.sources[0].every_s) == (2, 600.0)


@pytest.mark.parametrize(
    ("url", "security", "port"),
    [("smtps://mail.example", "tls", 465), ("smtp+starttls://mail.example:2587", "starttls", 2587)],
)
def test_watch_config_reads_smtp_security_and_login_variable_names(
    tmp_path: Path, url: str, security: str, port: int
) -> None:
    path = tmp_path / "w.toml"
    path.write_text(
        f'[watch]\nsmtp = "{url}"\nsmtp_user_env = "MAIL_USER"\nsmtp_password_env = "MAIL_PW"\n'
        '[[source]]\nurl = "https://news.example/feed.xml"\n'
    )
    assert load_config(path).delivery == {
        "smtp_security": security,
        "smtp_host": "mail.example",
        "smtp_port": port,
        "smtp_user_env": "MAIL_USER",
        "smtp_password_env": "MAIL_PW",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[watch]\nsmtp_user_env = "U"\n[[source]]\nurl = "https://a.example/"\n',
            "smtp_user_env and smtp_password_env go together",
        ),
        (
            '[watch]\nsmtp_user_env = "U"\nsmtp_password_env = "my password"\n'
            '[[source]]\nurl = "https://a.example/"\n',
            "smtp_password_env must name an environment variable",
        ),
        (
            '[[source]]\nurl = "ftp://x.example/feed"\n',
            "source #1: url 'ftp://x.example/feed' is not",
        ),
        (
            '[[source]]\nurl = "https://a.example/"\n[[source]]\nevery = "5m"\n',
            "source #2: url is missing",
        ),
        (
            '[[source]]\nurl = "https://a.example/"\nevery = "soon"\n',
            "source #1 (https://a.example/): every: 'soon' is not a duration",
        ),
        ('[[source]]\nurl = "https://a.example/"\nevry = "5m"\n', "source #1: unknown key evry"),
        (
            '[[source]]\nurl = "https://a.example/"\n[[source]]\nurl = "https://a.example/"\n',
            "source #2: https://a.example/ is listed twice",
        ),
        ('[[alert]]\noutlet = "X"\nto = ["a.jsonl"]\n', "no [[source]] to watch"),
        (
            '[[source]]\nurl = "https://a.example/"\n[watch]\nsmtp = "mail.example"\n',
            "[watch] smtp 'mail.example' must look like",
        ),
        ("[[source]\nurl = 1\n", "not valid TOML"),
    ],
)
def test_watch_config_names_the_file_and_the_entry(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "watch.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_watch_config_error_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "watch.toml"
    path.write_text('[[source]]\nurl = "https://a.example/"\nevery = "-5m"\n')
    result = CliRunner().invoke(main, ["watch", str(tmp_path / "w.db"), "--config", str(path)])
    assert result.exit_code == 1
    assert f"Error: {path}: source #1" in result.output
    assert not (tmp_path / "w.db").exists()  # nothing created for a file that cannot be used
