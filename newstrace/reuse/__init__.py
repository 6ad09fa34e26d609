"""Reuse: every copy across outlets, aligned, grouped into families, its origin chosen from evidence."""
