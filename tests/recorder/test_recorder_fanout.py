"""Fan-out, pause/resume and events, with the file source and the scripted source."""

from __future__ import annotations

import json
import threading

import numpy as np
from recorder_audio import read_wav

from minutes_tui import texts
from minutes_tui.workflows.recording import event_line
from recorder import FileSource, RecorderError, Recording
from recorder import events as ev


def test_file_source_recording_keeps_every_sample_and_feeds_consumers(tmp_path, speech):
    seen: list[tuple[int, int]] = []
    events: list[object] = []
    rec = Recording(tmp_path, FileSource(speech.full, speed=0), on_event=events.append)
    rec.add_consumer(lambda block, start: seen.append((start, block.size)), "meter")
    rec.start()
    assert rec.wait(30)
    path = rec.stop()
    expected = speech.audio["full"]
    np.testing.assert_allclose(read_wav(path), expected, atol=1.5 / 32767)
    starts = [s for s, _ in seen]
    assert starts[0] == 0 and all(a + n == b for (a, n), b in zip(seen, starts[1:]))
    assert sum(n for _, n in seen) == expected.size
    assert [type(e) for e in events] == [ev.Started, ev.SourceEnded]
    assert rec.level_dbfs > -60


def test_a_stuck_consumer_never_holds_up_the_file(tmp_path, speech):
    release = threading.Event()
    events: list[object] = []
    rec = Recording(
        tmp_path, FileSource(speech.full, speed=0), on_event=events.append, consumer_queue_seconds=0.5
    )  # room for 5 blocks
    rec.add_consumer(lambda block, start: release.wait(), "stuck")
    rec.start()
    assert rec.wait(30)  # the whole file went through while the consumer sat still
    release.set()
    path = rec.stop()
    assert read_wav(path).size == speech.audio["full"].size
    drops = [e for e in events if isinstance(e, ev.ConsumerDropped)]
    assert drops and drops[0].consumer == "stuck" and drops[-1].dropped >= 100


def test_a_failing_consumer_does_not_stop_the_others(tmp_path, scripted):
    got = []
    rec = Recording(tmp_path, scripted)
    rec.add_consumer(lambda block, start: 1 / 0, "broken")
    rec.add_consumer(lambda block, start: got.append(start), "fine")
    rec.start()
    for _ in range(3):
        scripted.push(np.zeros(1600, np.float32))
    rec.stop()
    assert got == [0, 1600, 3200]


def test_pause_keeps_nothing_and_is_recorded(tmp_path, scripted):
    events: list[object] = []
    rec = Recording(tmp_path, scripted, on_event=events.append)
    got = []
    rec.add_consumer(lambda block, start: got.append((start, float(block[0]))))
    rec.start()
    for value in (0.1, 0.2):
        scripted.push(np.full(1600, value, np.float32))
    rec.pause()
    scripted.push(np.full(1600, 0.9, np.float32))  # said during the pause: not kept
    assert rec.paused and rec.level_dbfs > -2  # the meter still moves
    rec.resume()
    scripted.push(np.full(1600, 0.3, np.float32))
    audio = read_wav(rec.stop())
    assert audio.size == 4800 and np.allclose(audio[::1600], [0.1, 0.2, 0.3], atol=1e-4)
    assert [s for s, _ in got] == [0, 1600, 3200]
    assert [type(e) for e in events] == [ev.Started, ev.Paused, ev.Resumed]
    log = json.loads((tmp_path / "recording.json").read_text())
    assert [(r["start_sample"], r["end_sample"], r["end_reason"]) for r in log["runs"]] == [
        (0, 3200, "pause"),
        (3200, 4800, "stop"),
    ]
    assert log["breaks"][0]["kind"] == "pause" and log["breaks"][0]["at_sample"] == 3200
    assert log["breaks"][0]["seconds"] >= 0


def test_every_event_and_error_has_vietnamese_text():
    samples = [
        ev.Started("pulse", 44100, 2),
        ev.DeviceLost("pulse", 75.0),
        ev.DeviceBack("pulse", 4.2),
        ev.Overflow(3),
        ev.ConsumerDropped("live", 10),
        ev.Paused(61.0),
        ev.Resumed(61.0, 30.0),
        ev.WriteFailed(RecorderError("disk_full", "x"), 12.5),
        ev.SourceEnded(),
    ]
    lines = [event_line(e) for e in samples]
    assert all(line and "{" not in line and not line.startswith("rec_") for line in lines)
    assert "01:15" in lines[1] and "4.2" in lines[2]
    for code in (
        "portaudio_missing",
        "no_input_device",
        "device_not_found",
        "device_lost",
        "disk_full",
        "write_failed",
        "recording_exists",
        "recording_interrupted",
        "nothing_to_recover",
    ):
        assert code in texts.ERRORS
