"""Sending one alert to one target: a JSON-lines file, a webhook, or an email.

Each sender raises DeliveryError with a one-line reason when the alert did not get through.
"""

from __future__ import annotations

import json
import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

import httpx

from newstrace.ingest.web import FetchError, pinned_target
from newstrace.models.alerts import Alert
from newstrace.watch.alerts.rules import MAILTO, WEB_SCHEMES

IDEMPOTENCY_HEADER = "Idempotency-Key"
PLAIN, STARTTLS, TLS = "plain", "starttls", "tls"  # how an SMTP connection is secured
USER_AGENT = "newstrace-watch"


@dataclass(frozen=True)
class DeliveryOptions:
    """How alerts are sent: the SMTP server, the sender, whether webhooks may reach private
    addresses, the timeout of each send, the web UI's address for family links, and the wait
    before a failed delivery is tried again (doubled after each failure)."""

    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_security: str = PLAIN  # PLAIN, STARTTLS or TLS (the whole connection)
    smtp_user_env: str | None = None  # names of the environment variables holding the login:
    smtp_password_env: str | None = None  # the credentials are never written anywhere
    smtp_cafile: str | None = None  # certificates to trust besides the system's (a private CA)
    mail_from: str = "newstrace@localhost"
    allow_private: bool = False  # webhooks to private addresses refused unless set
    timeout: float = 10.0
    base_url: str = "http://127.0.0.1:8001"
    retry_after_s: float = 60.0
    max_attempts: int = 8


class DeliveryError(Exception):
    """An alert that did not reach its target, and why."""


def alert_line(alert: Alert) -> str:
    """The alert as one JSON line."""
    return json.dumps(alert.to_json(), ensure_ascii=False) + "\n"


def jsonl_holds(path: Path, key: str) -> bool:
    """Whether a JSON-lines file already holds the alert of this key (after a crash)."""
    if not path.exists():
        return False
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                if json.loads(line).get("key") == key:
                    return True
            except (ValueError, AttributeError):
                continue
    return False


def _ends_unfinished(path: Path) -> bool:
    size = path.stat().st_size
    if size == 0:
        return False
    with path.open("rb") as data:
        data.seek(size - 1)
        return data.read(1) != b"\n"


def send_jsonl(alert: Alert, target: str) -> None:
    """Append the alert to a JSON-lines file, flushed and synced to disk."""
    path = Path(target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            # A line cut short by a crash is closed first, so this alert's line stays whole.
            out.write(("\n" if _ends_unfinished(path) else "") + alert_line(alert))
            out.flush()
            os.fsync(out.fileno())
    except OSError as error:
        raise DeliveryError(f"cannot write {target}: {error}") from None


def send_webhook(alert: Alert, target: str, options: DeliveryOptions) -> None:
    """POST the alert's JSON, its key in the Idempotency-Key header; redirects not followed."""
    try:
        url, headers, extensions = pinned_target(httpx.URL(target), options.allow_private)
    except (FetchError, httpx.InvalidURL) as error:
        raise DeliveryError(f"webhook {target}: {error}") from None
    headers |= {IDEMPOTENCY_HEADER: alert.key, "User-Agent": USER_AGENT}
    try:
        with httpx.Client(timeout=options.timeout, follow_redirects=False) as client:
            answer = client.post(url, json=alert.to_json(), headers=headers, extensions=extensions)
    except httpx.HTTPError as error:
        raise DeliveryError(f"webhook {target}: {type(error).__name__}: {error}") from None
    if not answer.is_success:
        raise DeliveryError(f"webhook {target}: HTTP {answer.status_code}")


def email_message(alert: Alert, to: str, sender: str) -> EmailMessage:
    """The email for an alert: subject naming the rule and the copy, Message-ID from its key."""
    message = EmailMessage()
    copy = alert.copy
    about = f"{copy.outlet or 'article'} {copy.id}" if copy else alert.kind
    message["Subject"] = f"[newstrace] {alert.label}: {alert.kind}: {about}"[:200]
    message["From"], message["To"] = sender, to
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = f"<{alert.digest}@newstrace.alerts>"
    message.set_content(alert.plain_text())
    return message


def smtp_credentials(options: DeliveryOptions) -> tuple[str, str] | None:
    """The SMTP login read from the environment variables the options name (None: no login);
    DeliveryError when one is unset, or when they would travel without TLS."""
    if options.smtp_user_env is None:
        return None
    names = (options.smtp_user_env, options.smtp_password_env or "")
    missing = [name for name in names if name not in os.environ]
    if missing:
        raise DeliveryError(f"SMTP login: environment variable {missing[0]} is not set")
    if options.smtp_security == PLAIN:
        raise DeliveryError("SMTP login refused without TLS: use smtps:// or smtp+starttls://")
    return os.environ[names[0]], os.environ[names[1]]


def _smtp_session(options: DeliveryOptions) -> smtplib.SMTP:
    """A connection to the SMTP server, secured as the options say, the certificate checked."""
    host, port, timeout = options.smtp_host, options.smtp_port, options.timeout
    if options.smtp_security == PLAIN:
        return smtplib.SMTP(host, port, timeout=timeout)
    context = ssl.create_default_context(cafile=options.smtp_cafile)
    if options.smtp_security == TLS:
        return smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    smtp = smtplib.SMTP(host, port, timeout=timeout)
    try:
        smtp.starttls(context=context)  # the server must offer it: never sent in the clear
    except BaseException:
        smtp.close()
        raise
    return smtp


def send_email(alert: Alert, target: str, options: DeliveryOptions) -> None:
    """Send the alert over SMTP to the address of a mailto: target (TLS and login as the
    options say)."""
    to = target.removeprefix(MAILTO)
    message = email_message(alert, to, options.mail_from)
    try:
        login = smtp_credentials(options)
        with _smtp_session(options) as smtp:
            if login is not None:
                smtp.login(*login)
            smtp.send_message(message)
    except DeliveryError as error:
        raise DeliveryError(f"email to {to}: {error}") from None
    except (smtplib.SMTPException, OSError) as error:  # TimeoutError, ssl.SSLError: OSErrors
        raise DeliveryError(f"email to {to}: {type(error).__name__}: {error}") from None


def send(alert: Alert, target: str, options: DeliveryOptions) -> None:
    """Send the alert to one target, by its form; DeliveryError when it did not get through."""
    if target.startswith(WEB_SCHEMES):
        send_webhook(alert, target, options)
    elif target.startswith(MAILTO):
        send_email(alert, target, options)
    else:
        send_jsonl(alert, target)
