"""Read and write CTranslate2's ``model.bin`` (format version 6), with numpy only.

The Vietnamese model ships as the decoder weights that differ from the bundled base; on first use
they are written over the base's variables into a new ``model.bin``. The layout, read from the
bundled model: a uint32 version, the spec's name and a uint32 revision, a uint32 variable count;
per variable its name, uint8 rank, uint32 dims, uint8 dtype code, uint32 byte count and raw bytes;
then a uint32 alias count and (alias, target) name pairs. Names are uint16-length-prefixed,
NUL-terminated UTF-8.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

import numpy as np

DTYPES: dict[int, np.dtype] = {
    0: np.dtype("<f4"),
    1: np.dtype("i1"),
    2: np.dtype("<i2"),
    3: np.dtype("<i4"),
    4: np.dtype("<f2"),
}
"""CTranslate2's dtype codes (bfloat16, code 5, is not used by the Whisper models bienban ships)."""
CODES = {dtype: code for code, dtype in DTYPES.items()}


@dataclass
class CTModel:
    """A whole ``model.bin``: its spec and every variable, in file order."""

    version: int
    """Format version (6)."""
    spec: str
    """Spec name (``WhisperSpec``)."""
    revision: int
    """Spec revision."""
    variables: dict[str, np.ndarray] = field(default_factory=dict)
    """Name → array, in the order they are written."""
    aliases: list[tuple[str, str]] = field(default_factory=list)
    """(alias, target) pairs, e.g. the output projection tied to the embeddings."""


def _read_name(f: BinaryIO) -> str:
    (length,) = struct.unpack("<H", f.read(2))
    return f.read(length)[:-1].decode("utf-8")


def _write_name(f: Writable, name: str) -> None:
    raw = name.encode("utf-8") + b"\0"
    f.write(struct.pack("<H", len(raw)))
    f.write(raw)


def read(path: Path) -> CTModel:
    """Read a ``model.bin``; an unknown version or dtype is a ``ValueError``."""
    with open(path, "rb") as f:
        (version,) = struct.unpack("<I", f.read(4))
        if version != 6:
            raise ValueError(f"{path}: CTranslate2 model format {version}, expected 6")
        spec = _read_name(f)
        revision, count = struct.unpack("<II", f.read(8))
        model = CTModel(version, spec, revision)
        for _ in range(count):
            name = _read_name(f)
            rank = f.read(1)[0]
            dims = struct.unpack(f"<{rank}I", f.read(4 * rank)) if rank else ()
            code = f.read(1)[0]
            (nbytes,) = struct.unpack("<I", f.read(4))
            if code not in DTYPES:
                raise ValueError(f"{path}: variable {name} has dtype code {code}")
            model.variables[name] = np.frombuffer(f.read(nbytes), dtype=DTYPES[code]).reshape(dims)
        (n_aliases,) = struct.unpack("<I", f.read(4))
        model.aliases = [(_read_name(f), _read_name(f)) for _ in range(n_aliases)]
    return model


class Writable(Protocol):
    """What ``write`` writes to: an open binary file, or anything with its ``write``."""

    def write(self, data: bytes, /) -> int: ...


def write(model: CTModel, f: Writable) -> None:
    """Write ``model`` in the layout ``read`` reads (byte for byte the same for an unchanged model)."""
    f.write(struct.pack("<I", model.version))
    _write_name(f, model.spec)
    f.write(struct.pack("<II", model.revision, len(model.variables)))
    for name, array in model.variables.items():
        _write_name(f, name)
        f.write(struct.pack("<B", array.ndim))
        if array.ndim:
            f.write(struct.pack(f"<{array.ndim}I", *array.shape))
        f.write(struct.pack("<B", CODES[array.dtype]))
        raw = np.ascontiguousarray(array).tobytes()
        f.write(struct.pack("<I", len(raw)))
        f.write(raw)
    f.write(struct.pack("<I", len(model.aliases)))
    for alias, target in model.aliases:
        _write_name(f, alias)
        _write_name(f, target)


def replace(model: CTModel, changed: dict[str, np.ndarray]) -> CTModel:
    """A copy of ``model`` with some variables replaced by arrays of the same name, shape and dtype."""
    variables = dict(model.variables)
    for name, array in changed.items():
        old = variables.get(name)
        if old is None or old.shape != array.shape or old.dtype != array.dtype:
            raise ValueError(f"variable {name} does not match the base model")
        variables[name] = array
    return CTModel(model.version, model.spec, model.revision, variables, list(model.aliases))
