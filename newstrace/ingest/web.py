"""Fetching URLs: http(s), public addresses, robots.txt obeyed, every hop checked, capped."""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from urllib.robotparser import RobotFileParser

import httpx

from newstrace.ingest.base import PAGE_KINDS, Context, Item, page_item
from newstrace.ingest.detect import resolve_kind, sniff_kind
from newstrace.ingest.readers import iter_bytes
from newstrace.models import Failure
from newstrace.settings import Settings

ALLOWED_SCHEMES = frozenset({"http", "https"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_DENY_STATUSES = frozenset({401, 403})
ROBOTS_MAX_BYTES = 500_000
ROBOTS_DENY_ALL = ("User-agent: *", "Disallow: /")
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_CONTENT_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/warc": "warc",
}


class FetchError(Exception):
    """A fetch that gave no page; the message says why, status is the HTTP status if any."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response: the final URL after redirects, the body, and how it was labelled."""

    url: str
    content: bytes
    content_type: str
    charset: str | None
    etag: str | None = None  # validators for a conditional request next time (newstrace watch)
    last_modified: str | None = None


def is_url(text: str) -> bool:
    """Whether an input names a URL (any scheme) rather than a path."""
    return bool(_URL_SCHEME.match(text))


def kind_for(content_type: str, content: bytes) -> str | None:
    """The input kind of a response from its content type, confirmed or found by sniffing."""
    media = content_type.split(";", 1)[0].strip().lower()
    kind = _CONTENT_KINDS.get(media)
    sniffed = sniff_kind(content)
    if kind in ("feed", "xml"):
        return sniffed if sniffed in ("feed", "html") else None
    if kind in ("html", "text") and sniffed == "feed":
        return "feed"  # feeds are often served as text/html or text/plain
    if kind is None and media in ("", "application/octet-stream"):
        return resolve_kind(None, content)
    return kind


class Fetcher:
    """Fetches URLs politely and safely; one per run, so robots.txt is read once per host."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: httpx.Client | None = None
        self._robots: dict[str, RobotFileParser] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connections, if any were opened."""
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        """The HTTP client, created on first use so runs over files open no connections."""
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self._settings.user_agent},
                timeout=httpx.Timeout(self._settings.fetch_timeout_s),
                follow_redirects=False,  # followed by hand, so every hop is checked
                trust_env=False,  # a proxy would hide which address is really contacted
                limits=self._limits(),
            )
        return self._client

    def _limits(self) -> httpx.Limits:
        if self._settings.allow_private_addresses:
            return httpx.Limits()
        # Requests go to pinned addresses, so the pool would key connections by address alone and
        # could send one host's request over a TLS session verified for another host there.
        return httpx.Limits(max_keepalive_connections=0)

    def iter_url(self, url: str, context: Context) -> Iterator[Item]:
        """Items from one URL: a page, a feed's entries, or a table's records."""
        try:
            fetched = self.fetch(url)
        except FetchError as exc:
            yield Failure(url, str(exc), None, context.kind)
            return
        kind = context.kind or kind_for(fetched.content_type, fetched.content)
        if kind is None:
            reason = f"unsupported content type {fetched.content_type or '(none)'}"
            yield Failure(url, reason, None, None)
            return
        yield from iter_bytes(kind, url, fetched.content, context, fetched.url, fetched.charset)

    def fetch_page(self, url: str) -> Item:
        """An HTML/text Document for a URL, or a Failure; used for feed entries without content."""
        try:
            fetched = self.fetch(url)
        except FetchError as exc:
            return Failure(url, str(exc), None, "html")
        kind = kind_for(fetched.content_type, fetched.content)
        if kind is None or kind not in PAGE_KINDS:
            return Failure(
                url, f"not a page: content type {fetched.content_type or '(none)'}", None, kind
            )
        return page_item(url, kind, fetched.content, self._settings, fetched.url, fetched.charset)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """The body of a URL after redirects; raises FetchError saying why there is none.

        `headers` are sent with each request (a watch's If-None-Match / If-Modified-Since: a
        304 answer raises FetchError with status 304)."""
        return self._fetch(url, self._settings.fetch_max_bytes, True, headers)

    def _fetch(
        self, url: str, limit: int, check_robots: bool, extra: Mapping[str, str] | None = None
    ) -> Fetched:
        deadline = time.monotonic() + self._settings.fetch_timeout_s
        current = url
        for _hop in range(self._settings.fetch_max_redirects + 1):
            try:
                location, fetched = self._hop(current, limit, deadline, check_robots, extra)
            except FetchError as exc:
                if current != url:
                    raise FetchError(
                        f"{exc} (at {current}, redirected from {url})", exc.status
                    ) from None
                raise
            if fetched is not None:
                return fetched
            current = location
        raise FetchError(
            f"more than {self._settings.fetch_max_redirects} redirects (fetch_max_redirects)"
        )

    def _hop(
        self,
        url: str,
        limit: int,
        deadline: float,
        check_robots: bool,
        extra: Mapping[str, str] | None = None,
    ) -> tuple[str, Fetched | None]:
        """One request: (next URL, None) for a redirect, ("", Fetched) for a page."""
        parsed = _parse_url(url)
        target, headers, extensions = pinned_target(parsed, self._settings.allow_private_addresses)
        headers = {**(extra or {}), **headers}
        if check_robots and not self._robots_allow(parsed):
            raise FetchError("disallowed by robots.txt")
        try:
            request = self.client.build_request(
                "GET", target, headers=headers, extensions=extensions
            )
            response = self.client.send(request, stream=True)
            try:
                return self._handle(parsed, response, limit, deadline)
            finally:
                response.close()
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self._settings.fetch_timeout_s:g} s") from None
        except httpx.DecodingError as exc:
            raise FetchError(f"cannot decode the response body: {exc}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"connection failed: {exc or type(exc).__name__}") from None

    def _handle(
        self, url: httpx.URL, response: httpx.Response, limit: int, deadline: float
    ) -> tuple[str, Fetched | None]:
        status = response.status_code
        location = response.headers.get("location")
        if status in REDIRECT_STATUSES and location:
            try:
                return str(url.join(location)), None
            except (httpx.InvalidURL, ValueError):
                raise FetchError(
                    f"HTTP {status} to an invalid location {location!r}", status
                ) from None
        if status != httpx.codes.OK:
            raise FetchError(f"HTTP {status}", status)
        content = self._read_body(response, limit, deadline)
        content_type = response.headers.get("content-type", "")
        validators = response.headers.get("etag"), response.headers.get("last-modified")
        return "", Fetched(str(url), content, content_type, response.charset_encoding, *validators)

    def _read_body(self, response: httpx.Response, limit: int, deadline: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"larger than {limit} bytes")
        parts: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"larger than {limit} bytes")
            # A server trickling bytes never trips the read timeout: bound the whole transfer.
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {self._settings.fetch_timeout_s:g} s")
            parts.append(chunk)
        return b"".join(parts)

    def _robots_allow(self, url: httpx.URL) -> bool:
        if not self._settings.respect_robots:
            return True
        base = f"{url.scheme}://{url.netloc.decode('ascii')}"
        parser = self._robots.get(base)
        if parser is None:
            parser = self._robots[base] = self._load_robots(base)
        return parser.can_fetch(self._settings.user_agent, str(url))

    def _load_robots(self, base: str) -> RobotFileParser:
        """robots.txt of a host: unreachable or missing allows all, 401/403 disallows all."""
        parser = RobotFileParser()
        try:
            fetched = self._fetch(f"{base}/robots.txt", ROBOTS_MAX_BYTES, check_robots=False)
        except FetchError as exc:
            parser.parse(ROBOTS_DENY_ALL if exc.status in ROBOTS_DENY_STATUSES else [])
            return parser
        parser.parse(fetched.content.decode("utf-8", errors="replace").splitlines())
        return parser


def _parse_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"invalid URL: {exc}") from None
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchError(
            f"unsupported URL scheme {parsed.scheme!r}: only http and https are fetched"
        )
    if not parsed.host:
        raise FetchError("invalid URL: no host")
    return parsed


# --- Address checks -------------------------------------------------------------------------------

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Most specific first: link-local, unspecified and loopback addresses also count as private.
_REFUSED_CATEGORIES = ("loopback", "link_local", "unspecified", "multicast", "reserved", "private")


def address_problem(address: IPAddress) -> str | None:
    """What makes an address off limits ("private", "loopback", ...), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for category in _REFUSED_CATEGORIES:
        if getattr(address, f"is_{category}"):
            return category.replace("_", "-")
    return None if address.is_global else "non-public"


def public_address(host: str, port: int) -> IPAddress:
    """The address to connect to; FetchError if host does not resolve or is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(
            f"cannot resolve host {host}: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    for address in addresses:
        problem = address_problem(address)
        if problem:
            raise FetchError(f"refused: {host} resolves to {problem} address {address}")
    return addresses[0]


def pinned_target(
    url: httpx.URL, allow_private: bool
) -> tuple[httpx.URL, dict[str, str], dict[str, str]]:
    """The URL to request with its headers and extensions: the checked address, pinned."""
    if allow_private:
        return url, {}, {}
    address = public_address(url.host, url.port or (443 if url.scheme == "https" else 80))
    # Connecting to the checked address, not the name, closes the gap a second DNS answer
    # (DNS rebinding) would open; Host and TLS SNI still carry the name.
    headers = {"Host": url.netloc.decode("ascii")}
    extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
    return url.copy_with(host=str(address)), headers, extensions
