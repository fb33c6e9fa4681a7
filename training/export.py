"""Write what training changed: the shipped decoder file and a complete CTranslate2 model folder.

The shipped file holds only the decoder variables training changed (float16), in CTranslate2's
own layout with the spec name ``WhisperDecoderDelta``: ``transcribe.ctmodel.replace`` writes them
over the bundled base to give the new ``model.bin``, byte for byte the same on every machine.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import torch

from training.decoder import Decoder
from transcribe import ctmodel

DELTA_SPEC = "WhisperDecoderDelta"


def write_delta(variables: dict, revision: int, path: Path) -> str:
    """Write the changed variables to ``path``; returns its SHA-256."""
    delta = ctmodel.CTModel(6, DELTA_SPEC, revision, dict(sorted(variables.items())))
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        ctmodel.write(delta, f)
    tmp.replace(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mixed(base: dict[str, np.ndarray], tuned: dict[str, np.ndarray], mix: float) -> dict[str, np.ndarray]:
    """``base + mix × (tuned − base)`` for each trained variable, in float16 (weight-space ensembling,
    WiSE-FT: Wortsman et al. 2022; 1.0 is the tuned model, 0.0 the base)."""
    return {
        name: (base[name].astype(np.float32) + mix * (array.astype(np.float32) - base[name].astype(np.float32))).astype(
            np.float16
        )
        for name, array in tuned.items()
    }


def export(checkpoint: Path, base_dir: Path, delta_path: Path, model_dir: Path, mix: float = 1.0) -> dict[str, str]:
    """From a training checkpoint: the delta file and a whole model folder; returns their SHA-256 sums."""
    base = ctmodel.read(base_dir / "model.bin")
    decoder = Decoder(base.variables)
    decoder.load_state_dict(torch.load(checkpoint, weights_only=False)["decoder"])
    changed = decoder.trained_variables()
    if mix != 1.0:
        changed = mixed(base.variables, changed, mix)
    sums = {"delta": write_delta(changed, base.revision, delta_path)}
    model_dir.mkdir(parents=True, exist_ok=True)
    with open(model_dir / "model.bin", "wb") as f:
        ctmodel.write(ctmodel.replace(base, changed), f)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(base_dir / name, model_dir / name)
    sums["model.bin"] = hashlib.sha256((model_dir / "model.bin").read_bytes()).hexdigest()
    return sums
