"""Benchmark harnesses behind ``bienban bench``: not part of the product's packages.

They drive the product (recorder, live pipeline) from outside and measure it; the product never
imports them. ``psutil`` is needed here only (the ``bench`` extra).
"""
