"""Damage a file the way a disk fault or a bad copy does, for the checksum tests."""

from pathlib import Path


def flip_byte(path: Path, offset: int) -> None:
    """Invert one byte of ``path`` in place."""
    with open(path, "r+b") as f:
        f.seek(offset)
        b = f.read(1)
        f.seek(offset)
        f.write(bytes([b[0] ^ 0xFF]))
