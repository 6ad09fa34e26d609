"""One Settings object: defaults < TOML file < environment (NEWSTRACE_*) < CLI flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

USER_AGENT = "newstrace/0.1 (+https://github.com/newstrace/newstrace; news reuse research)"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of newstrace, with units in the names."""

    # Fetching URLs
    fetch_timeout_s: float = 20.0
    fetch_max_bytes: int = 20_000_000
    fetch_max_redirects: int = 5
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    allow_private_addresses: bool = False
    fetch_linked_pages: bool = False  # feeds: fetch an entry's page when the entry has no content
    # Reading files
    max_file_bytes: int = 200_000_000
    max_decompressed_bytes: int = 200_000_000
    max_html_bytes: int = (
        15_000_000  # larger "pages" are archives or junk; trafilatura takes ~0.5 s per MB
    )
    max_record_field_bytes: int = 20_000_000
    # Hostile input (docs/reliability.md): a text/Markdown dump or record text longer than this is
    # refused (the dump reader takes ~0.7 s per MB); HTML nested deeper than max_html_depth is
    # refused because the parser (libxml2) stops at 255 levels and drops what follows; extracting
    # one item may take at most extract_timeout_s (0: no limit) before it fails by name.
    max_text_bytes: int = 8_000_000
    max_html_depth: int = 254
    extract_timeout_s: float = 120.0
    # Extraction
    favor_precision: bool = True
    min_body_chars: int = 1
    # Site-level boilerplate: a paragraph in this many different stories of one outlet
    site_boilerplate_min_stories: int = 3
    site_boilerplate_max_chars: int = 600
    # Runtime
    jobs: int = 0  # extraction processes; 0 = one per CPU core, started only for large batches
    batch_size: int = 200
    # Reuse (see newstrace/reuse/definition.py for what counts as a copy)
    shingle_tokens: int = 5  # words per shingle
    # Candidates: index the shingles whose hash is 0 modulo shingle_sample_modulus; a pair sharing
    # min_shared_shingles of them is aligned. 3 and 4 keep every copy of the exhaustive reference
    # but one in 4,636 (eval/reuse.py) and cut candidates 8x against 4 and 2 (docs/performance.md).
    shingle_sample_modulus: int = 3
    max_doc_frequency: int = 200  # shingles in more articles are common phrases, not copies
    min_shared_shingles: int = 4
    candidate_chunk_pairs: int = 5_000_000  # pairs counted at once (bounds candidate memory)
    align_chunk_pairs: int = 20_000  # candidate pairs aligned per batch of bodies
    reuse_batch_articles: int = 250_000  # new articles traced per transaction
    # events
    events_batch_articles: int = 200  # articles read per transaction: a crash loses one batch
    events_corroboration_radius_km: float = 50.0  # places this close count as the same place


def _coerce(value: str, like: Any) -> Any:
    if isinstance(like, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        return int(value)
    if isinstance(like, float):
        return float(value)
    return value


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Build Settings from defaults, an optional TOML file, NEWSTRACE_* variables and overrides."""
    settings = Settings()
    values: dict[str, Any] = {}
    if config is not None:
        with config.open("rb") as handle:
            values.update(tomllib.load(handle).get("newstrace", {}))
    for item in fields(Settings):
        env = os.environ.get(f"NEWSTRACE_{item.name.upper()}")
        if env is not None:
            values[item.name] = _coerce(env, getattr(settings, item.name))
    values.update({key: value for key, value in overrides.items() if value is not None})
    unknown = set(values) - {item.name for item in fields(Settings)}
    if unknown:
        raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
    return replace(settings, **values)
