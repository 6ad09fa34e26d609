"""Word n-gram shingles: xxh3 token hashes combined positionally with NumPy, sampled by value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import xxhash
from numba import njit

from newstrace.reuse import tokenhash

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

# Odd 64-bit multipliers (golden ratio and splitmix64's constants): they spread every bit.
POSITION_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
MIX_2 = np.uint64(0x94D049BB133111EB)
FINGERPRINT_HEADER_WORDS = 2  # shingle_tokens and sample modulus, so stale fingerprints are seen


def token_hashes(tokens: Sequence[str]) -> U64:
    """xxh3_64 of each token's UTF-8 bytes (each distinct token hashed once)."""
    digest = xxhash.xxh3_64_intdigest
    known = {token: digest(token.encode()) for token in set(tokens)}
    return np.fromiter(map(known.__getitem__, tokens), np.uint64, len(tokens))


def _mix(values: U64) -> U64:
    """splitmix64's finaliser, so the low bits used for sampling are well spread."""
    values = (values ^ (values >> np.uint64(30))) * MIX_1
    values = (values ^ (values >> np.uint64(27))) * MIX_2
    return values ^ (values >> np.uint64(31))


def shingle_hashes(hashes: U64, shingle_tokens: int) -> U64:
    """The hash of every run of shingle_tokens consecutive tokens (order matters)."""
    count = len(hashes) - shingle_tokens + 1
    if count <= 0:
        return np.empty(0, np.uint64)
    with np.errstate(over="ignore"):
        combined = hashes[:count].copy()
        for offset in range(1, shingle_tokens):
            combined = combined * POSITION_MULTIPLIER + hashes[offset : offset + count]
        return _mix(combined)


def hash_bodies(bodies: Sequence[str]) -> tuple[U64, npt.NDArray[np.int64]]:
    """Every body's token hashes, concatenated, and each body's token count (see tokenhash)."""
    return tokenhash.hash_bodies(bodies)


@dataclass(frozen=True, slots=True)
class Prints:
    """The fingerprints of many articles, concatenated: article k's are the counts[k] hashes
    after those of the articles before it (one array instead of one per article)."""

    hashes: U64
    counts: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.counts)

    def split(self) -> list[U64]:
        """One fingerprint array per article."""
        return np.split(self.hashes, np.cumsum(self.counts)[:-1]) if len(self.counts) else []

    @staticmethod
    def of(fingerprints: Sequence[U64]) -> Prints:
        """Fingerprints given one array per article, concatenated."""
        counts = np.array([len(fingerprint) for fingerprint in fingerprints], dtype=np.int64)
        return Prints(np.concatenate([np.empty(0, np.uint64), *fingerprints]), counts)

    @staticmethod
    def joined(parts: Sequence[Prints]) -> Prints:
        """Several batches' fingerprints, one after the other."""
        return Prints(
            np.concatenate([np.empty(0, np.uint64), *(part.hashes for part in parts)]),
            np.concatenate([np.empty(0, np.int64), *(part.counts for part in parts)]),
        )


@njit(cache=True, nogil=True)
def _sampled(
    flat: U64,
    lengths: I64,
    shingle_tokens: int,
    low_bits: int,
    inverse: np.uint64,
    limit: np.uint64,
) -> tuple[U64, I64]:
    """sampled_fingerprints' arrays: every body's kept shingle hashes, sorted and unique. A
    hash is kept when it is 0 modulo the sample modulus 2^low_bits * o: its low_bits are 0 and
    (its other bits) * inverse, the inverse of o modulo 2^64, is at most limit = (2^64 - 1) // o
    (a multiplication instead of a division)."""
    out = np.empty(len(flat), np.uint64)  # a body of n tokens has at most n shingles
    counts = np.zeros(len(lengths), np.int64)
    low_mask = np.uint64((1 << low_bits) - 1)
    shift, times, most = np.uint64(low_bits), inverse, limit
    kept = 0
    start = 0
    for body in range(len(lengths)):
        end = start + lengths[body]
        first = kept
        for position in range(start, end - shingle_tokens + 1):
            combined = flat[position]
            for offset in range(1, shingle_tokens):
                combined = combined * POSITION_MULTIPLIER + flat[position + offset]
            combined = (combined ^ (combined >> np.uint64(30))) * MIX_1
            combined = (combined ^ (combined >> np.uint64(27))) * MIX_2
            combined = combined ^ (combined >> np.uint64(31))
            if combined & low_mask == 0 and (combined >> shift) * times <= most:
                out[kept] = combined
                kept += 1
        if kept - first > 1:
            out[first:kept].sort()
            unique = first + 1
            for index in range(first + 1, kept):
                if out[index] != out[unique - 1]:
                    out[unique] = out[index]
                    unique += 1
            kept = unique
        counts[body] = kept - first
        start = end
    return out[:kept].copy(), counts


def _divisibility(modulus: int) -> tuple[int, np.uint64, np.uint64]:
    """modulus = 2^low_bits * odd: (low_bits, the inverse of odd modulo 2^64, (2^64 - 1) // odd)."""
    low_bits = (modulus & -modulus).bit_length() - 1
    odd = modulus >> low_bits
    return low_bits, np.uint64(pow(odd, -1, 2**64)), np.uint64((2**64 - 1) // odd)


def sampled_fingerprints(
    flat: U64, lengths: npt.NDArray[np.int64], shingle_tokens: int, sample_modulus: int
) -> Prints:
    """Each body's sampled unique shingle hashes (sorted), from the concatenated token hashes."""
    hashes, counts = _sampled(
        np.ascontiguousarray(flat, np.uint64),
        np.ascontiguousarray(lengths, np.int64),
        shingle_tokens,
        *_divisibility(sample_modulus),
    )
    return Prints(hashes, counts)


def fingerprints(
    bodies: Sequence[str], shingle_tokens: int, sample_modulus: int
) -> tuple[list[U64], npt.NDArray[np.int64]]:
    """Sampled unique shingle hashes of each body, and its token count, in a few NumPy passes."""
    flat, lengths = hash_bodies(bodies)
    return sampled_fingerprints(flat, lengths, shingle_tokens, sample_modulus).split(), lengths


def fingerprint_bytes(fingerprint: U64, shingle_tokens: int, sample_modulus: int) -> bytes:
    """A fingerprint as a BLOB: a header naming its parameters, then the hashes (little-endian)."""
    header = np.array([shingle_tokens, sample_modulus], dtype="<u8")
    return header.tobytes() + fingerprint.astype("<u8").tobytes()


def fingerprint_from_bytes(blob: bytes, shingle_tokens: int, sample_modulus: int) -> U64 | None:
    """The hashes stored in a BLOB, or None when it was made with other parameters."""
    values = np.frombuffer(blob, dtype="<u8")
    if len(values) < FINGERPRINT_HEADER_WORDS or values[:2].tolist() != [
        shingle_tokens,
        sample_modulus,
    ]:
        return None
    return values[FINGERPRINT_HEADER_WORDS:].astype(np.uint64)
