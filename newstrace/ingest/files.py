"""Local inputs: walk paths, detect each file's kind, read it (gunzipping under a cap), dispatch."""

from __future__ import annotations

import os
import stat
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

from newstrace.ingest import tables, warc
from newstrace.ingest.base import KINDS, PAGE_KINDS, Context, Item, guarded, page_limit
from newstrace.ingest.detect import GZIP_MAGIC, kind_from_name, resolve_kind
from newstrace.ingest.readers import iter_bytes
from newstrace.models import Failure
from newstrace.settings import Settings

STDIN = "-"
GZIP_WBITS = 16 + zlib.MAX_WBITS
# Kinds read record by record straight from the file, so no whole-file size cap applies.
STREAMED_KINDS = frozenset({"jsonl", "csv", "tsv"})


def iter_path(path: str, context: Context) -> Iterator[Item]:
    """Items from a file, every file under a directory (sorted, hidden skipped), or stdin."""
    if path == STDIN:
        yield from _iter_stdin(context)
        return
    root = Path(path)
    if not root.is_dir():
        yield from iter_file(root, context)
        return
    for found in walk(root):
        if isinstance(found, Failure):
            yield found
        else:
            yield from guarded(str(found), iter_file(found, context))


def walk(directory: Path) -> Iterator[Path | Failure]:
    """Files under a directory in sorted order, skipping hidden names and not following symlinks."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(str(directory), f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = directory / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from walk(path)
        else:
            yield path


def iter_file(path: Path, context: Context) -> Iterator[Item]:
    """Documents and Failures from one file, whatever its kind."""
    source = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        yield Failure(source, _os_reason(exc))
        return
    named, gzipped = kind_from_name(path.name)
    kind = context.kind or named
    problem = _file_problem(info, kind, gzipped, context.settings)
    if problem:
        yield Failure(source, problem, None, kind)
    elif kind == "warc" or (kind in STREAMED_KINDS and not gzipped):
        yield from _iter_streamed(kind, path, context)
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield Failure(source, _os_reason(exc), None, kind)
            return
        yield from iter_data(source, kind, data, context)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    return f"cannot read file: {exc.strerror or exc}"


def _file_problem(
    info: os.stat_result, kind: str | None, gzipped: bool, settings: Settings
) -> str | None:
    """Why a file cannot be read at all, judged from its metadata before reading it."""
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size == 0:
        return "empty file"
    if kind == "warc" or (kind in STREAMED_KINDS and not gzipped):
        return None
    if info.st_size > settings.max_file_bytes:
        return f"larger than {settings.max_file_bytes} bytes (max_file_bytes)"
    # Checked here too so an oversized page is refused without reading it into memory.
    if kind is not None and kind in PAGE_KINDS and not gzipped:
        setting = page_limit(kind)
        if info.st_size > getattr(settings, setting):
            return f"larger than {getattr(settings, setting)} bytes ({setting})"
    return None


def _iter_streamed(kind: str, path: Path, context: Context) -> Iterator[Item]:
    source = str(path)
    try:
        with path.open("rb") as stream:
            if kind == "warc":
                yield from warc.iter_warc(source, stream, context.settings)
            else:
                yield from tables.iter_table(kind, source, stream, context)
    except OSError as exc:
        yield Failure(source, _os_reason(exc), None, kind)


def _iter_stdin(context: Context) -> Iterator[Item]:
    limit = context.settings.max_file_bytes
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        yield Failure(STDIN, f"larger than {limit} bytes (max_file_bytes)", None, context.kind)
    else:
        yield from iter_data(STDIN, context.kind, data, context)


def iter_data(source: str, kind: str | None, data: bytes, context: Context) -> Iterator[Item]:
    """Items from a whole file's bytes: gunzipped if gzipped, kind sniffed if unknown."""
    if data.startswith(GZIP_MAGIC):
        data, problem = gunzip(data, context.settings.max_decompressed_bytes)
        if problem:
            yield Failure(source, problem, None, kind)
            return
    if not data or data.isspace():
        yield Failure(source, "empty file", None, kind)
        return
    resolved = kind if kind in KINDS else resolve_kind(kind, data)
    if resolved is None:
        yield Failure(source, _unresolved_reason(kind), None, kind)
    else:
        yield from iter_bytes(resolved, source, data, context)


def _unresolved_reason(named: str | None) -> str:
    if named == "xml":
        return "XML file is neither an RSS/Atom feed nor an HTML page"
    return "binary file, not a page"


def gunzip(data: bytes, limit: int) -> tuple[bytes, str | None]:
    """Gzip data decompressed (all members), or why not: corrupt, truncated or too big."""
    parts: list[bytes] = []
    total = 0
    while data.startswith(GZIP_MAGIC):
        decompressor = zlib.decompressobj(GZIP_WBITS)
        try:
            chunk = decompressor.decompress(data, limit - total + 1)
        except zlib.error as exc:
            return b"", f"corrupt gzip data: {exc}"
        total += len(chunk)
        if total > limit:
            reason = f"decompresses to more than {limit} bytes (max_decompressed_bytes)"
            return b"", reason + "; possible decompression bomb"
        if not decompressor.eof:
            return b"", "truncated gzip: the compressed data ends before the end of the stream"
        parts.append(chunk)
        data = decompressor.unused_data
    return b"".join(parts), None
