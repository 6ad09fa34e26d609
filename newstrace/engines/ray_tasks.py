"""The work of each Ray task of the Ray engine, as plain functions (engines/ray.py wraps them).

Plain so they can be read, tested and profiled without a cluster; each returns its
process's peak memory beside its result, which the engine gathers into its stats.
"""

from __future__ import annotations

import os
import resource
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from newstrace.engines.base import I64, Aligned
from newstrace.engines.ray_index import (
    Entries,
    PairCounts,
    combine_pairs,
    partition_pairs,
    split_entries,
    split_pairs,
)
from newstrace.engines.steps import align_rows
from newstrace.reuse.batches import TokenHashes
from newstrace.reuse.shingles import U64, hash_bodies, sampled_fingerprints
from newstrace.settings import Settings
from newstrace.xling.translations import AlignedRow, Candidate, Text, align_candidates


@runtime_checkable
class BodySource(Protocol):
    """Where a hash task reads its bodies itself (a shard file's rows), instead of getting them."""

    def bodies(self) -> list[str]:
        """The bodies, in order."""
        ...


def peak_mb() -> float:
    """This process's peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_bodies(source: BodySource | list[str]) -> list[str]:
    return source.bodies() if isinstance(source, BodySource) else source


def hash_task(source: BodySource | list[str], shingle_tokens: int, modulus: int) -> Any:
    """Token hashes, token counts and fingerprints of a batch of bodies."""
    flat, lengths = hash_bodies(read_bodies(source))
    return flat, lengths, sampled_fingerprints(flat, lengths, shingle_tokens, modulus), peak_mb()


def hash_split_task(
    source: BodySource | list[str],
    first: int,
    total: int,
    settings: Settings,
    partitions: int,
    checkpoint: str | None = None,
) -> Any:
    """A batch's stats, token hashes (flat, lengths) and index entries, one piece per partition.

    With checkpoint (a file path), a batch hashed before is read back from it, and a new one is
    written there, so an interrupted run does not hash it again.
    """
    if checkpoint and os.path.exists(checkpoint):
        flat, lengths, pieces = load_hashed(checkpoint, partitions)
    else:
        flat, lengths = hash_bodies(read_bodies(source))
        prints = sampled_fingerprints(
            flat, lengths, settings.shingle_tokens, settings.shingle_sample_modulus
        )
        pieces = split_entries(prints, first, total, partitions)
        if checkpoint:
            save_hashed(checkpoint, flat, lengths, pieces)
    stats = {
        "peak_mb": peak_mb(),
        "index_bytes": sum(piece.nbytes for piece in pieces),
        "token_bytes": int(flat.nbytes),
    }
    return (stats, (flat, lengths), *pieces)


def save_hashed(path: str, flat: U64, lengths: I64, pieces: Sequence[Entries]) -> None:
    """A hashed batch to a file, atomically (a half-written file never looks finished)."""
    arrays: dict[str, npt.NDArray[Any]] = {"flat": flat, "lengths": lengths}
    for k, piece in enumerate(pieces):
        arrays[f"docs{k}"], arrays[f"hashes{k}"] = piece.docs, piece.hashes
    partial = f"{path}.partial.npz"
    np.savez(partial, **arrays)  # type: ignore[arg-type]
    os.replace(partial, path)


def load_hashed(path: str, partitions: int) -> tuple[U64, I64, list[Entries]]:
    """A hashed batch written by save_hashed."""
    with np.load(path) as data:
        pieces = [Entries(data[f"docs{k}"], data[f"hashes{k}"]) for k in range(partitions)]
        return data["flat"], data["lengths"], pieces


def partition_task(
    total: int, max_df: int, ranges: int, is_new: npt.NDArray[np.bool_], *pieces: Entries
) -> Any:
    """One partition's pair counts, cut by first-article range, and its stats."""
    counts = partition_pairs(Entries.joined(pieces), is_new, total, max_df)
    parts = split_pairs(counts, total, ranges)
    return ({"peak_mb": peak_mb(), "pair_bytes": sum(p.nbytes for p in parts)}, *parts)


def combine_task(total: int, min_shared: int, *parts: PairCounts) -> tuple[I64, float]:
    """One first-article range's candidate pairs."""
    return combine_pairs(parts, total, min_shared), peak_mb()


def align_task(pairs: I64, firsts: I64, *token_chunks: tuple[U64, I64]) -> tuple[Aligned, float]:
    """Align pairs of article numbers whose token hashes are in the given chunks."""
    wanted = np.unique(pairs)
    which = np.searchsorted(firsts, wanted, "right") - 1
    starts = [np.concatenate(([0], np.cumsum(lengths))) for _, lengths in token_chunks]
    arrays = []
    for article, chunk in zip(wanted.tolist(), which.tolist(), strict=True):
        index = article - int(firsts[chunk])
        begin, end = int(starts[chunk][index]), int(starts[chunk][index + 1])
        arrays.append(token_chunks[chunk][0][begin:end])
    offsets = np.concatenate(([0], np.cumsum([len(a) for a in arrays]))).astype(np.int64)
    hashes = TokenHashes.of(np.concatenate([np.empty(0, np.uint64), *arrays]), offsets)
    local = np.searchsorted(wanted, pairs).astype(np.int64)
    return align_rows(hashes, local), peak_mb()


def translation_task(
    texts: Sequence[Text], weights: dict[str, float], candidates: Sequence[Candidate]
) -> tuple[list[AlignedRow], float]:
    """The cross-language stage's candidate pairs of one task, aligned (xling/translations.py)."""
    return align_candidates(texts, weights, candidates), peak_mb()
