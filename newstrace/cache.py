"""The user cache directory: data newstrace derives from its packages once and reuses
(the gazetteer, the tokeniser's Unicode tables). Everything there can be rebuilt."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The user cache directory of newstrace (NEWSTRACE_CACHE_DIR, XDG_CACHE_HOME or ~/.cache)."""
    root = os.environ.get("NEWSTRACE_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return Path(root or Path.home() / ".cache") / "newstrace"


def write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all; a read-only cache only costs a rebuild later."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(path)
    except OSError:
        return
