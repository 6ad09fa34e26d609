"""Exports of the store: the outlet network as GEXF."""
