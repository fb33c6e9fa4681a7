"""CTranslate2's model.bin read and written back: what the shipped Vietnamese decoder is assembled with."""

import hashlib
import io

import numpy as np
import pytest

from transcribe import ctmodel, model


@pytest.mark.model
def test_the_bundled_model_reads_and_writes_back_byte_for_byte():
    path = model.ensure_bundled() / "model.bin"
    read = ctmodel.read(path)
    assert read.spec == "WhisperSpec" and len(read.variables) == 212
    assert read.aliases == [("decoder/projection/weight", "decoder/embeddings/weight")]
    assert read.variables["decoder/layer_0/self_attention/linear_0/weight"].shape == (1536, 512)
    assert read.variables["decoder/layer_0/self_attention/linear_0/weight"].dtype == np.float16
    out = io.BytesIO()
    ctmodel.write(read, out)
    assert hashlib.sha256(out.getvalue()).hexdigest() == model.BUNDLED_SHA256["model.bin"]


@pytest.mark.model
def test_replace_changes_only_the_named_variables_and_refuses_a_mismatch():
    base = ctmodel.read(model.ensure_bundled() / "model.bin")
    name = "decoder/layer_5/ffn/linear_1/bias"
    changed = ctmodel.replace(base, {name: np.zeros(512, np.float16)})
    assert not changed.variables[name].any() and base.variables[name].any()
    assert all(changed.variables[k] is base.variables[k] for k in base.variables if k != name)
    with pytest.raises(ValueError):
        ctmodel.replace(base, {name: np.zeros(511, np.float16)})
    with pytest.raises(ValueError):
        ctmodel.replace(base, {name: np.zeros(512, np.float32)})
    with pytest.raises(ValueError):
        ctmodel.replace(base, {"decoder/layer_9/ffn/linear_1/bias": np.zeros(512, np.float16)})
