"""Where the speaker encoder's weights come from: Resemblyzer 0.1.4's ``pretrained.pt``.

The wheel is installed without its dependencies (``pip install --no-deps resemblyzer==0.1.4``;
its package imports torch, so it is located, never imported). The file is checked against its
SHA-256, read with a restricted unpickler, and the encoder's tensors are converted once into
the user data folder as an ``.npz`` (owner-only, written atomically). Later runs load the
``.npz`` with ``allow_pickle=False``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import shlex
import sys
from pathlib import Path

import numpy as np

from bienban_base.files import atomic_write, data_dir
from voices.errors import VoiceError
from voices.weights import read_legacy_checkpoint

log = logging.getLogger(__name__)

SOURCE_SHA256 = "39373b86598fa3da9fcddee6142382efe09777e8d37dc9c0561f41f0070f134e"
REPAIR_COMMAND = "pip install --no-deps resemblyzer==0.1.4"
"""How to install the weights (the README's form, for a plain ``pip``)."""


def repair_command(reinstall: bool = False) -> str:
    """The command that repairs this install: this interpreter's pip (the ``pip`` on the PATH may
    belong to another Python), and ``--force-reinstall`` when the package is there but its
    weights are damaged (pip would otherwise say "already satisfied" and change nothing)."""
    python = shlex.quote(sys.executable or "python3")
    return f"{python} -m pip install --no-deps {'--force-reinstall ' if reinstall else ''}resemblyzer==0.1.4"


CONVERTED_NAME = "resemblyzer-0.1.4.npz"

#: Every tensor the encoder needs, with its shape.
SHAPES = {
    **{f"lstm.weight_ih_l{k}": (1024, 40 if k == 0 else 256) for k in range(3)},
    **{f"lstm.weight_hh_l{k}": (1024, 256) for k in range(3)},
    **{f"lstm.bias_ih_l{k}": (1024,) for k in range(3)},
    **{f"lstm.bias_hh_l{k}": (1024,) for k in range(3)},
    "linear.weight": (256, 256),
    "linear.bias": (256,),
}


def source_path() -> Path:
    """``resemblyzer/pretrained.pt`` of the installed wheel (found without importing the package)."""
    spec = importlib.util.find_spec("resemblyzer")
    if spec is None or not spec.submodule_search_locations:
        raise VoiceError("voice_encoder_missing", "resemblyzer is not installed", command=repair_command())
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "pretrained.pt"
        if path.is_file():
            return path
    raise VoiceError("voice_encoder_missing", "resemblyzer has no pretrained.pt", command=repair_command(reinstall=True))


def converted_path() -> Path:
    """Where the converted weights live."""
    return data_dir() / "voices" / CONVERTED_NAME


def encoder_tensors(checkpoint: object) -> dict[str, np.ndarray]:
    """The encoder's float32 tensors of a checkpoint, each checked for its shape."""
    state = checkpoint.get("model_state") if isinstance(checkpoint, dict) else None
    if not isinstance(state, dict):
        raise VoiceError("voice_encoder_corrupt", "no model_state in the checkpoint", command=repair_command(reinstall=True))
    out = {}
    for name, shape in SHAPES.items():
        t = state.get(name)
        if not isinstance(t, np.ndarray) or t.shape != shape or not np.all(np.isfinite(t)):
            raise VoiceError("voice_encoder_corrupt", f"tensor {name} missing or wrong", command=repair_command(reinstall=True))
        out[name] = t.astype(np.float32)
    return out


def convert(source: Path, expected_sha256: str | None = SOURCE_SHA256) -> dict[str, np.ndarray]:
    """Read and check a ``pretrained.pt`` (its SHA-256 unless ``expected_sha256`` is None)."""
    data = source.read_bytes()
    if expected_sha256 is not None and hashlib.sha256(data).hexdigest() != expected_sha256:
        raise VoiceError("voice_encoder_corrupt", f"{source} does not match its SHA-256", command=repair_command(reinstall=True))
    return encoder_tensors(read_legacy_checkpoint(data))


def write_npz(tensors: dict[str, np.ndarray], target: Path) -> None:
    """Write ``tensors`` to ``target`` atomically and owner-only (``bienban_base.files.atomic_write``)."""

    def save(path: Path) -> None:
        with open(path, "wb") as f:  # a file object: np.savez would add ".npz" to a bare name
            np.savez(f, **tensors)  # type: ignore[arg-type]  # numpy's stub types **kwds as allow_pickle

    atomic_write(target, save)


def read_npz(path: Path) -> dict[str, np.ndarray]:
    """Load converted weights (no pickle allowed) and check every tensor's shape."""
    try:
        with np.load(path, allow_pickle=False) as z:
            tensors = {name: z[name] for name in SHAPES}
    except Exception as exc:  # missing key, bad zip, truncated file: all mean "convert again"
        raise VoiceError("voice_encoder_corrupt", f"{path}: {exc!r}", command=repair_command(reinstall=True)) from exc
    for name, shape in SHAPES.items():
        if tensors[name].shape != shape or tensors[name].dtype != np.float32:
            raise VoiceError("voice_encoder_corrupt", f"{path}: {name} has a wrong shape", command=repair_command(reinstall=True))
    return tensors


def load_weights(repair: bool = False) -> dict[str, np.ndarray]:
    """The encoder's tensors: from the converted file, converting (again) from the wheel when needed."""
    target = converted_path()
    if target.is_file() and not repair:
        try:
            return read_npz(target)
        except VoiceError:
            pass  # a damaged conversion is redone from the wheel below
    tensors = convert(source_path())
    try:
        write_npz(tensors, target)
    except OSError:  # a full disk or a read-only data folder: use them now, convert again next time
        log.warning("could not write %s: the encoder's weights are converted again at each start", target, exc_info=True)
    return tensors


def load_encoder(repair: bool = False, backend: str = "auto"):
    """A ready ``VoiceEncoder`` (raises ``VoiceError`` with the repair command when unavailable)."""
    from voices.encoder import VoiceEncoder

    return VoiceEncoder(load_weights(repair), backend)
