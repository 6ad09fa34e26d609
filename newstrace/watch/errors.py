"""Errors of the watch configuration, raised with the file and the entry they name."""

from __future__ import annotations


class ConfigError(ValueError):
    """A watch configuration that cannot be used: names the entry and what is wrong with it."""
