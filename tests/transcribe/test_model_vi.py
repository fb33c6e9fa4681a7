"""``base-vi``: assembled from the bundled base and the shipped decoder file, checked, repaired, used."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from files_damage import flip_byte

from bienban_base.audio import load_audio
from minutes_tui import texts
from transcribe import model
from transcribe.errors import ModelError
from transcribe.evaluate import score

BIENBAN = Path(sys.executable).with_name("bienban")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BIENBAN_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([str(BIENBAN), *args], capture_output=True, text=True, env=env, timeout=300)


def test_the_shipped_file_is_the_one_the_code_knows():
    shipped = model.vi_delta()
    assert shipped.stat().st_size <= 60_000_000
    assert model.verify_folder(shipped.parent, {shipped.name: model.VI_DELTA_SHA256}) == []


@pytest.mark.model
def test_assembled_on_a_clean_data_folder_with_known_sums_and_it_transcribes(data_dir, eval_dir):
    assert not data_dir.exists()
    name, path = model.resolve("base-vi")
    assert (name, Path(path)) == ("base-vi", data_dir / "models" / "whisper-base-vi")
    assert model.verify_folder(Path(path), model.VI_SHA256) == []
    assert model.verify_folder(model.bundled_path()) == []  # the base it was made from, assembled on the way
    assert [p.name for p in (data_dir / "models").iterdir() if ".tmp-" in p.name] == []
    assert model.resolve("base") == ("base", str(model.bundled_path()))  # the original stays one name away

    from training.data import dev_halves, eval_clips
    from transcribe.engine import Transcriber

    _, held = dev_halves(eval_clips(eval_dir / "cv_vi_unseen"))  # the half reported, never decided on
    t = Transcriber("base-vi")
    pairs = [(c.text, " ".join(s.text for s in t.segments(load_audio(c.path)))) for c in held[:3]]
    wer, _ = score(pairs)
    assert all(hyp.strip() for _, hyp in pairs), pairs
    assert wer < 0.6, pairs

    listed = _cli(data_dir, "model", "list")
    assert listed.returncode == 0, listed.stderr
    assert "base-vi" in listed.stdout and texts.MODEL_ABOUT["base-vi"] in listed.stdout
    for use, name in model.DEFAULTS.items():  # each path's default is named on its model's line
        assert model.resolve(None, use)[0] == name
        about = texts.MODEL_ABOUT[name]
        line = next(line for line in listed.stdout.splitlines() if about in line)
        assert texts.MODEL_USES[use] in line


@pytest.mark.model
def test_a_damaged_assembled_model_gives_the_vietnamese_line_and_repair_rebuilds_it(data_dir):
    folder = model.ensure_vi()
    flip_byte(folder / "model.bin", 50_000_000)
    (folder / ".verified").unlink()  # as after a copy or a disk fault: the stamp no longer vouches for the files
    with pytest.raises(ModelError) as err:
        model.resolve("base-vi")
    assert err.value.code == "model_corrupt"
    out = _cli(data_dir, "model", "verify")
    assert out.returncode == 2
    assert "Mô hình nhận dạng bị hỏng (model.bin)" in out.stderr and "bienban model verify --repair" in out.stderr
    assert "Traceback" not in out.stderr
    out = _cli(data_dir, "model", "verify", "--repair")
    assert out.returncode == 0, out.stderr
    assert model.verify_folder(folder, model.VI_SHA256) == []
    assert "Mô hình base-vi hợp lệ" in _cli(data_dir, "model", "verify").stdout


def test_a_damaged_shipped_file_is_refused_and_nothing_is_published(data_dir, monkeypatch, tmp_path):
    bad = tmp_path / model.VI_DELTA
    shutil.copy(model.vi_delta(), bad)
    flip_byte(bad, 1_000_000)
    monkeypatch.setattr(model, "vi_delta", lambda: bad)
    monkeypatch.setattr(
        model, "ensure_bundled", lambda repair=False: Path("/nonexistent-base")
    )  # never read: the sum fails first
    with pytest.raises(ModelError) as err:
        model.ensure_vi()
    assert err.value.code == "model_file_corrupt"
    line = texts.user_message(err.value)
    assert line.startswith("Tệp mô hình đi kèm bộ cài bị hỏng") and str(bad) in line
    assert not model.vi_path().exists()
    assert [p for p in (data_dir / "models").iterdir() if p.is_dir()] == []


@pytest.mark.model
def test_a_folder_assembled_by_an_earlier_release_is_assembled_anew_not_called_damaged(data_dir):
    folder = model.ensure_vi()
    # an earlier version shipped another decoder file: its model.bin differs and its stamp says so
    flip_byte(folder / "model.bin", 50_000_000)
    stamp = folder / ".verified"
    files = stamp.read_text().rsplit("\n", 1)[0]
    stamp.write_text(files + "\nfor " + "0" * 64)
    assert model.ensure_vi() == folder  # no "damaged" error: the new release's model is written
    assert model.verify_folder(folder, model.VI_SHA256) == []
    # a folder of the release before stamps named theirs (no "for" line), with that release's model
    flip_byte(folder / "model.bin", 50_000_000)
    stamp.write_text(files)
    assert model.ensure_vi() == folder and stamp.read_text().endswith("for " + model.VI_SHA256["model.bin"])
    assert model.verify_folder(folder, model.VI_SHA256) == []
