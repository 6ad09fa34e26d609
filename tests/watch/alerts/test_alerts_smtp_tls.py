"""Email alerts through an SMTP server that wants TLS (STARTTLS or TLS from the start) and a
login, the login read from environment variables the watch file names, never stored."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from newstrace.watch.alerts import DeliveryOptions, parse_rule, run_alerts
from newstrace.watch.config import load_config

from .conftest import SMTP_PASSWORD, SMTP_USER, SecureSmtp

# aiosmtpd counts only STARTTLS as TLS for AUTH, and warns about the server on TLS throughout.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
USER_ENV, PASSWORD_ENV = "NEWSTRACE_TEST_SMTP_USER", "NEWSTRACE_TEST_SMTP_PASSWORD"
SCHEMES = {"starttls": "smtp+starttls", "tls": "smtps"}


def _options(server: SecureSmtp, tmp_path: Path, cafile: bool = True) -> DeliveryOptions:
    """The delivery options a watch file for this server gives (through the config reader)."""
    scheme = SCHEMES[server.security]
    lines = [
        "[watch]",
        f'smtp = "{scheme}://127.0.0.1:{server.port}"',
        f'smtp_user_env = "{USER_ENV}"',
        f'smtp_password_env = "{PASSWORD_ENV}"',
        *([f'smtp_cafile = "{server.cafile}"'] if cafile else []),
        "[[source]]",
        'url = "https://news.example/feed.xml"',
    ]
    path = tmp_path / "watch.toml"
    path.write_text("\n".join(lines) + "\n")
    return DeliveryOptions(**load_config(path).delivery, timeout=5.0, retry_after_s=0.0)


def _rules(stories: dict[str, int]) -> list:
    return [parse_rule({"story": stories["original"], "to": ["mailto:desk@example.org"]}, 1)]


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(USER_ENV, SMTP_USER)
    monkeypatch.setenv(PASSWORD_ENV, SMTP_PASSWORD)


def test_alerts_email_over_tls_with_login(
    db: sqlite_utils.Database, stories: dict[str, int], secure_smtp: SecureSmtp,
    tmp_path: Path, login: None,
) -> None:  # fmt: skip
    options = _options(secure_smtp, tmp_path)
    report = run_alerts(db.conn, _rules(stories), cycle=1, options=options)
    assert (report.sent, report.failed) == (1, 0), report.errors
    [message] = secure_smtp.inbox
    assert message["To"] == "desk@example.org"
    assert secure_smtp.logins == [(SMTP_USER, SMTP_PASSWORD)]
    db.conn.commit()
    stored = Path(db.conn.execute("PRAGMA database_list").fetchone()[2]).read_bytes()
    assert SMTP_PASSWORD.encode() not in stored  # the login stays in the environment


def test_alerts_email_refuses_an_untrusted_certificate(
    db: sqlite_utils.Database, stories: dict[str, int], secure_smtp: SecureSmtp,
    tmp_path: Path, login: None,
) -> None:  # fmt: skip
    options = _options(secure_smtp, tmp_path, cafile=False)  # self-signed: not trusted
    report = run_alerts(db.conn, _rules(stories), cycle=1, options=options)
    assert (report.sent, report.failed) == (0, 1)
    assert "CERTIFICATE_VERIFY_FAILED" in report.errors[0] or "certificate" in report.errors[0]
    assert secure_smtp.inbox == [] and secure_smtp.logins == []


@pytest.mark.parametrize("unset", [PASSWORD_ENV])
def test_alerts_email_login_variable_unset_fails_and_names_it(
    db: sqlite_utils.Database, stories: dict[str, int], secure_smtp: SecureSmtp,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unset: str,
) -> None:  # fmt: skip
    monkeypatch.setenv(USER_ENV, SMTP_USER)
    monkeypatch.delenv(unset, raising=False)
    report = run_alerts(db.conn, _rules(stories), cycle=1, options=_options(secure_smtp, tmp_path))
    assert (report.sent, report.failed) == (0, 1)
    assert f"environment variable {unset} is not set" in report.errors[0]
    assert secure_smtp.inbox == []


@pytest.mark.parametrize("port", [1])  # the login is refused before any connection
def test_alerts_email_login_never_sent_in_the_clear(
    db: sqlite_utils.Database, stories: dict[str, int], login: None, port: int
) -> None:
    options = DeliveryOptions(
        smtp_port=port, smtp_user_env=USER_ENV, smtp_password_env=PASSWORD_ENV
    )
    report = run_alerts(db.conn, _rules(stories), cycle=1, options=options)
    assert (report.sent, report.failed) == (0, 1)
    assert "SMTP login refused without TLS" in report.errors[0]
