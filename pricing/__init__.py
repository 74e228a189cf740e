"""Prices as data: the bundled catalog files and their loader (see pricing/README.md)."""
