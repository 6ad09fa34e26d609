"""The engines by name, for the command line: make_engine("local") or make_engine("ray")."""

from __future__ import annotations

from newstrace.engines.base import Engine

ENGINES = ("local", "ray")


def make_engine(name: str, address: str | None = None, workers: int | None = None) -> Engine:
    """The engine called name: "local", or "ray" on the cluster at address (a local one if None)."""
    # Imported here, so that Ray loads only when asked for.
    if name == "local":
        from newstrace.engines.local import LocalEngine

        return LocalEngine()
    if name == "ray":
        from newstrace.engines.ray import RayEngine

        return RayEngine(address=address, workers=workers)
    raise ValueError(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")
