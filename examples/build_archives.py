"""Build the example WARC archives from the HTML kept in examples/archive_sources/.

Run from the repository root:

    .venv/bin/python examples/build_archives.py            # writes examples/archives/
    .venv/bin/python examples/build_archives.py --out DIR  # writes elsewhere (used by the tests)

Every WARC header that warcio would otherwise fill from the clock or a random source
(WARC-Date, WARC-Record-ID) is fixed here, and warcio's gzip members carry no timestamp,
so the same sources give byte-identical archives.
"""

from __future__ import annotations

import argparse
import uuid
from datetime import datetime
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "archive_sources"
USER_AGENT = "newstrace-example-crawler/0.1 (+https://github.com/newstrace/newstrace)"
SERVER_IP = "203.0.113.42"  # TEST-NET-3, a documentation address

# One entry per archive: its pages in crawl order. "fetched" is the crawl time (UTC) and
# becomes both the WARC-Date and the HTTP Date header; "modified" the Last-Modified header.
ARCHIVES: dict[str, dict] = {
    "valley-ledger-2024-07-18.warc.gz": {
        "operator": "newstrace examples",
        "description": "Two article pages from the Valley Ledger, crawled on 2024-07-18",
        "info_date": "2024-07-18T10:15:00Z",
        "pages": [
            {
                "source": "valley-ledger/greece-power-cuts.html",
                "url": "https://www.valleyledger.net/news/world/"
                "greece-orders-rolling-power-cuts-as-heatwave-pushes-demand-to-record/"
                "article_5e0c1f4a.html",
                "fetched": "2024-07-18T10:15:02Z",
                "modified": "2024-07-18T10:00:00Z",
            },
            {
                "source": "valley-ledger/county-fair-opens.html",
                "url": "https://www.valleyledger.net/news/local/"
                "harmon-county-fair-opens-with-record-livestock-entries/article_7b21d9e3.html",
                "fetched": "2024-07-18T10:15:09Z",
                "modified": "2024-07-18T11:15:00Z",
            },
        ],
    },
}


def record_id(archive: str, kind: str, uri: str) -> str:
    """A stable WARC-Record-ID: a name-based UUID of the archive, record type and URI."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{archive}|{kind}|{uri}')}>"


def http_date(iso: str) -> str:
    return format_datetime(datetime.fromisoformat(iso.replace("Z", "+00:00")), usegmt=True)


def build(name: str, spec: dict, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / name
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        info = (
            f"software: warcio (examples/build_archives.py)\r\n"
            f"format: WARC File Format 1.0\r\n"
            f"operator: {spec['operator']}\r\n"
            f"description: {spec['description']}\r\n"
            f"robots: obey\r\n"
            f"http-header-user-agent: {USER_AGENT}\r\n"
        ).encode()
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": record_id(name, "warcinfo", ""),
                    "WARC-Date": spec["info_date"],
                    "WARC-Filename": name,
                },
            )
        )

        for page in spec["pages"]:
            url = page["url"]
            host = url.split("/")[2]
            path_part = "/" + url.split("/", 3)[3]
            body = (SOURCES / page["source"]).read_bytes()
            response_id = record_id(name, "response", url)

            request_headers = StatusAndHeaders(
                f"GET {path_part} HTTP/1.1",
                [
                    ("Host", host),
                    ("User-Agent", USER_AGENT),
                    ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
                    ("Accept-Language", "en"),
                    ("Accept-Encoding", "identity"),
                    ("Connection", "close"),
                ],
                is_http_request=True,
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "request",
                    http_headers=request_headers,
                    warc_headers_dict={
                        "WARC-Record-ID": record_id(name, "request", url),
                        "WARC-Date": page["fetched"],
                        "WARC-Concurrent-To": response_id,
                        "WARC-IP-Address": SERVER_IP,
                    },
                )
            )

            response_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Date", http_date(page["fetched"])),
                    ("Server", "nginx"),
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Last-Modified", http_date(page["modified"])),
                    ("Cache-Control", "public, max-age=300"),
                    ("X-Cache", "MISS"),
                    ("Connection", "close"),
                ],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=BytesIO(body),
                    length=len(body),
                    http_headers=response_headers,
                    warc_headers_dict={
                        "WARC-Record-ID": response_id,
                        "WARC-Date": page["fetched"],
                        "WARC-IP-Address": SERVER_IP,
                    },
                )
            )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "archives", help="output folder")
    args = parser.parse_args(argv)
    for name, spec in ARCHIVES.items():
        path = build(name, spec, args.out)
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
