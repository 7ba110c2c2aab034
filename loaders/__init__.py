"""Loaders: read published or hand-kept files, validate them, append them to the raw layer."""
