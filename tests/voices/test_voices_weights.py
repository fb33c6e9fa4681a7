"""The weights loader: a made-up legacy torch file is read without torch; hostile files are refused."""

from __future__ import annotations

import os
import pickle
import stat
import sys

import numpy as np
import pytest
from voices_legacy_torch import MAGIC, legacy_bytes

from voices import model
from voices.errors import VoiceError
from voices.weights import read_legacy_checkpoint


def _small_state() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(1)
    return {"lstm.weight_ih_l0": rng.standard_normal((8, 3)).astype(np.float32), "linear.bias": np.arange(4, dtype=np.float32)}


def test_reads_tensors_of_a_made_up_file():
    state = _small_state()
    checkpoint = read_legacy_checkpoint(legacy_bytes(state))
    assert checkpoint["step"] == 1
    assert list(checkpoint["model_state"]) == list(state)
    for name, arr in state.items():
        np.testing.assert_array_equal(checkpoint["model_state"][name], arr)


class _Boom:
    def __reduce__(self):
        return (os.system, ("touch /tmp/bienban-pwned",))


@pytest.mark.parametrize("where", ["checkpoint", "sys_info"])
def test_refuses_a_pickle_that_calls_a_function(where, tmp_path):
    marker = "/tmp/bienban-pwned"
    if os.path.exists(marker):
        os.remove(marker)
    data = (
        legacy_bytes(_small_state(), extra=_Boom()) if where == "checkpoint" else legacy_bytes(_small_state(), sys_info=_Boom())
    )
    with pytest.raises(VoiceError) as info:
        read_legacy_checkpoint(data)
    assert info.value.code == "voice_weights_refused"
    assert "posix.system" in str(info.value) or "os.system" in str(info.value)
    assert not os.path.exists(marker)


def test_refuses_builtins_eval_as_the_first_pickle():
    evil = b"\x80\x02cbuiltins\neval\nX\x04\x00\x00\x001+1\x85R."
    with pytest.raises(VoiceError, match="builtins.eval"):
        read_legacy_checkpoint(evil)


def test_refuses_a_plain_pickle_and_truncated_files():
    with pytest.raises(VoiceError, match="magic"):
        read_legacy_checkpoint(pickle.dumps({"model_state": {}}))
    data = legacy_bytes(_small_state())
    with pytest.raises(VoiceError):
        read_legacy_checkpoint(data[:-5])
    with pytest.raises(VoiceError):
        read_legacy_checkpoint(data[:40])


def test_refuses_a_tensor_that_reaches_past_its_storage():
    data = legacy_bytes(_small_state(), shapes={"linear.bias": (4, 1000)})
    with pytest.raises(VoiceError, match="past its storage"):
        read_legacy_checkpoint(data)


def test_conversion_checks_the_sha256(tmp_path):
    src = tmp_path / "pretrained.pt"
    src.write_bytes(legacy_bytes(_small_state()))
    with pytest.raises(VoiceError) as info:
        model.convert(src)
    assert info.value.code == "voice_encoder_corrupt"
    # the package is there: pip must reinstall it, or it would say "already satisfied"
    assert info.value.params["command"] == model.repair_command(reinstall=True)
    assert "--force-reinstall" in info.value.params["command"]


def test_converted_file_is_owner_only_and_refuses_pickles(tmp_path):
    tensors = {name: np.zeros(shape, np.float32) for name, shape in model.SHAPES.items()}
    target = tmp_path / "voices" / "enc.npz"
    model.write_npz(tensors, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert set(model.read_npz(target)) == set(model.SHAPES)
    np.savez(target, **{**tensors, "linear.bias": np.array([object()], dtype=object)})
    with pytest.raises(VoiceError):
        model.read_npz(target)


def test_magic_number_is_torchs():
    assert MAGIC == 119547037146038801333356


def test_missing_encoder_is_one_vietnamese_line_with_the_repair_command(tmp_path, monkeypatch):
    import importlib.util

    from minutes_tui import texts

    monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path))
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "resemblyzer" else real(name, *a))
    with pytest.raises(VoiceError) as info:
        model.load_encoder()
    line = texts.user_message(info.value)
    assert info.value.code == "voice_encoder_missing"
    assert "pip install --no-deps resemblyzer==0.1.4" in line and "\n" not in line
    assert line.endswith(f"{sys.executable} -m pip install --no-deps resemblyzer==0.1.4")  # this Python's pip


def test_damaged_weights_in_the_wheel_and_the_data_folder_give_the_reinstall_command(tmp_path, monkeypatch):
    """The converted file damaged and the wheel's pretrained.pt too (a truncated copy): one
    Vietnamese line whose command reinstalls the wheel; nothing is written over the data folder's file."""
    import importlib.machinery
    import importlib.util

    from minutes_tui import texts

    monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path / "data"))
    wheel = tmp_path / "site" / "resemblyzer"
    wheel.mkdir(parents=True)
    (wheel / "pretrained.pt").write_bytes(model.source_path().read_bytes()[:5_000_000])
    spec = importlib.machinery.ModuleSpec("resemblyzer", None, is_package=True)
    spec.submodule_search_locations = [str(wheel)]
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: spec if name == "resemblyzer" else real(name, *a))
    target = model.converted_path()
    target.parent.mkdir(parents=True)
    target.write_bytes(b"PK\x03\x04 damaged")
    with pytest.raises(VoiceError) as info:
        model.load_encoder()
    line = texts.user_message(info.value)
    assert info.value.code == "voice_encoder_corrupt" and "\n" not in line
    assert line.startswith("Bộ nhận giọng nói bị hỏng") and "(phần còn lại vẫn dùng được)" in line
    assert line.endswith(f"{sys.executable} -m pip install --no-deps --force-reinstall resemblyzer==0.1.4")
    assert target.read_bytes() == b"PK\x03\x04 damaged"


def test_an_unwritable_data_folder_still_gives_an_encoder(tmp_path, monkeypatch):
    monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path / "data"))

    def refuse(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model, "atomic_write", refuse)
    assert set(model.load_weights()) == set(model.SHAPES)
    assert not model.converted_path().exists()


def test_a_damaged_conversion_is_redone_from_the_wheel(tmp_path, monkeypatch):
    monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path))
    target = model.converted_path()
    target.parent.mkdir(parents=True)
    target.write_bytes(b"PK\x03\x04 not a zip")
    tensors = model.load_weights()
    assert set(tensors) == set(model.SHAPES)
    assert set(model.read_npz(target)) == set(model.SHAPES)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
