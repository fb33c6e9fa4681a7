"""The journal and the meeting folder: crash recovery, atomic finish, never overwriting, 0600."""

from __future__ import annotations

import json
import os
import stat

import numpy as np
import pytest
from recorder_audio import read_wav

from recorder import RecorderError, Recording, audio_path, journal_path, recover
from recorder.journal import HEADER_BYTES, Journal

RNG = np.random.default_rng(3)


def blocks(n: int, size: int = 1600) -> list[np.ndarray]:
    return [(RNG.standard_normal(size) * 0.1).astype(np.float32) for _ in range(n)]


def quantised(parts: list[np.ndarray]) -> np.ndarray:
    return np.clip(np.rint(np.concatenate(parts) * 32767), -32768, 32767) / 32767


def test_a_killed_journal_recovers_every_written_block(tmp_path):
    parts = blocks(25)
    journal = Journal.open(tmp_path, append=False)
    for b in parts:
        journal.append(b)
    os.close(journal._fd)  # the process dies: no header, no rename
    with open(journal_path(tmp_path), "ab") as f:
        f.write(b"\x01")  # half a sample written when it died
    result = recover(tmp_path)
    assert result.recovered and result.audio == audio_path(tmp_path)
    assert not journal_path(tmp_path).exists()
    np.testing.assert_allclose(read_wav(result.audio), quantised(parts), atol=1e-6)
    assert recover(tmp_path).recovered is False  # running it again changes nothing


def test_a_journal_cut_inside_its_header_becomes_an_empty_valid_file(tmp_path):
    journal_path(tmp_path).write_bytes(b"RIFF\xff\xff")
    assert read_wav(recover(tmp_path).audio).size == 0


def test_nothing_to_recover_is_a_coded_error(tmp_path):
    with pytest.raises(RecorderError) as err:
        recover(tmp_path)
    assert err.value.code == "nothing_to_recover"


def test_stop_writes_the_audio_and_sidecar_owner_only(tmp_path, scripted):
    rec = Recording(tmp_path / "m", scripted)
    rec.start()
    parts = blocks(12)
    for b in parts:
        scripted.push(b)
    path = rec.stop()
    assert path == audio_path(tmp_path / "m") and not journal_path(tmp_path / "m").exists()
    np.testing.assert_allclose(read_wav(path), quantised(parts), atol=1e-6)
    for f in (path, tmp_path / "m" / "recording.json"):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "m").stat().st_mode) == 0o700


def test_an_existing_recording_is_never_overwritten(tmp_path, scripted):
    rec = Recording(tmp_path, scripted)
    rec.start()
    scripted.push(blocks(1)[0])
    before = rec.stop().read_bytes()
    with pytest.raises(RecorderError) as err:
        Recording(tmp_path, scripted).start()
    assert err.value.code == "recording_exists"
    assert audio_path(tmp_path).read_bytes() == before


def test_append_continues_the_same_file_and_axis(tmp_path, scripted):
    first, second = blocks(5), blocks(3)
    rec = Recording(tmp_path, scripted)
    rec.start()
    for b in first:
        scripted.push(b)
    rec.stop()
    starts = []
    rec = Recording(tmp_path, scripted, append=True)
    rec.add_consumer(lambda block, start: starts.append(start))
    rec.start()
    for b in second:
        scripted.push(b)
    rec.stop()
    np.testing.assert_allclose(read_wav(audio_path(tmp_path)), quantised(first + second), atol=1e-6)
    assert starts == [8000, 9600, 11200]
    runs = json.loads((tmp_path / "recording.json").read_text())["runs"]
    assert [(r["start_sample"], r["end_sample"]) for r in runs] == [(0, 8000), (8000, 12800)]


def test_an_interrupted_recording_blocks_a_new_one_until_recovered_or_appended(tmp_path, scripted):
    journal = Journal.open(tmp_path, append=False)
    journal.append(blocks(1)[0])
    os.close(journal._fd)
    with pytest.raises(RecorderError) as err:
        Recording(tmp_path, scripted).start()
    assert err.value.code == "recording_interrupted"
    rec = Recording(tmp_path, scripted, append=True)  # recovers first, then continues
    rec.start()
    scripted.push(blocks(1)[0])
    assert read_wav(rec.stop()).size == 3200


def test_a_source_that_cannot_start_leaves_no_empty_recording(tmp_path, scripted):
    def refuse(listener):
        raise RecorderError("no_input_device", "none")

    scripted.start = refuse
    with pytest.raises(RecorderError):
        Recording(tmp_path, scripted).start()
    assert not audio_path(tmp_path).exists() and not journal_path(tmp_path).exists()


def test_the_header_of_a_finished_file_tells_its_true_length(tmp_path, scripted):
    rec = Recording(tmp_path, scripted)
    rec.start()
    scripted.push(np.zeros(16000, np.float32))
    data = rec.stop().read_bytes()
    assert len(data) == HEADER_BYTES + 32000
    assert int.from_bytes(data[40:44], "little") == 32000
    assert int.from_bytes(data[4:8], "little") == 36 + 32000
