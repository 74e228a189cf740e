"""Keeping designs: saved design files on disk (`designs`) and designs inside share links (`share`).

File and URL work lives here, outside the pure `models/` core.
"""
