"""An import interrupted mid-way (Ctrl-C, the laptop closed) keeps what it decoded and goes on
from where it stopped — in the CLI with ``bienban import --resume`` — ending with the transcript an
uninterrupted import gives, nothing twice and nothing missing."""

from __future__ import annotations

import json
import wave

import numpy as np
import pytest

from bienban_base.audio import SAMPLE_RATE, load_audio
from minutes_tui.cli import main
from minutes_tui.meeting import MeetingStore
from minutes_tui.workflows.importing import PROGRESS_FILE, create_imported_meeting, transcribe_imported, unfinished_import
from transcribe.evaluate import clip_wer, read_transcripts

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def recording(tmp_path_factory, eval_dir):
    """About 400 s of human clips with 2 s pauses: more than one batch of 30 s chunks
    (``LongformOptions.batch_size`` of them, 5: 230 s were one batch)."""
    rows = [(corpus, name, ref) for corpus in ("fosd_dev", "cv_vi_dev") for name, ref in read_transcripts(eval_dir / corpus)]
    gap = np.zeros(2 * SAMPLE_RATE, np.float32)
    parts, size, spans = [gap], gap.size, []
    for corpus, name, ref in rows:
        clip = load_audio(eval_dir / corpus / name)
        spans.append((size / SAMPLE_RATE, (size + clip.size) / SAMPLE_RATE, ref))
        parts += [clip, gap]
        size += clip.size + gap.size
        if size > 400 * SAMPLE_RATE:
            break
    path = tmp_path_factory.mktemp("rec") / "hop-dan.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(SAMPLE_RATE)
        w.writeframes((np.concatenate(parts) * 32767).astype("<i2").tobytes())
    return path, spans


class Interrupted(KeyboardInterrupt):
    """Ctrl-C pressed while the first batch's progress is shown."""


def texts_of(folder):
    with MeetingStore.open(folder) as store:
        return [(round(s.start, 1), s.text) for s in store.load().segments]


def test_an_interrupted_import_goes_on_where_it_stopped(tmp_path, recording, transcriber, capsys):
    recording, spans = recording
    whole = create_imported_meeting(recording, tmp_path, "Hội nghị", folder=tmp_path / "whole")
    with MeetingStore.open(whole.folder) as store:
        transcribe_imported(store, transcriber)
    assert not (whole.folder / PROGRESS_FILE).exists() and unfinished_import(whole.folder) is None
    expected = texts_of(whole.folder)

    cut = create_imported_meeting(recording, tmp_path, "Hội nghị", folder=tmp_path / "cut")
    assert unfinished_import(cut.folder) == 0.0  # made, nothing decoded yet

    def ctrl_c(done, total):
        raise Interrupted

    with MeetingStore.open(cut.folder) as store, pytest.raises(Interrupted):
        transcribe_imported(store, transcriber, ctrl_c)
    done = unfinished_import(cut.folder)
    kept = texts_of(cut.folder)
    assert done is not None and 0 < done < whole.duration_s - 30
    assert kept and len(kept) < len(expected)
    assert (cut.folder / PROGRESS_FILE).stat().st_mode & 0o777 == 0o600

    capsys.readouterr()
    assert main(["import", "--resume", str(cut.folder), "--no-progress"]) == 0
    assert unfinished_import(cut.folder) is None
    resumed = texts_of(cut.folder)
    # she is told what this run added and from how much audio, not the meeting's whole count
    said = capsys.readouterr().err
    rest = round(whole.duration_s - done)
    assert f"Đã nhận dạng thêm {len(resumed) - len(kept)} đoạn từ" in said and f"{len(resumed)} đoạn." in said, said
    assert any(f" {s} giây âm thanh còn lại" in said for s in (rest - 1, rest, rest + 1)), said
    assert resumed[: len(kept)] == kept  # what was decoded before is kept as it was
    starts = [s for s, _ in resumed]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)  # nothing twice
    # nothing missing: every clip has its text, as accurate as without the interruption (the
    # chunks after the resume point pack differently, so the words may differ a little)
    truth = " ".join(ref for _, _, ref in spans)
    with MeetingStore.open(cut.folder) as store:
        times = [(s.start, s.end) for s in store.load().segments]
    with MeetingStore.open(whole.folder) as store:
        whole_times = [(s.start, s.end) for s in store.load().segments]
    for start, end, _ in spans:  # (Whisper may write nothing for a clip: then neither has it)
        if any(a < end and b > start for a, b in whole_times):
            assert any(a < end and b > start for a, b in times), (start, end, done, times, whole_times)
    assert clip_wer(truth, " ".join(t for _, t in resumed)) <= clip_wer(truth, " ".join(t for _, t in expected)) + 0.05
    assert main(["import", "--resume", str(cut.folder)]) != 0  # finished: nothing left to resume


def test_a_batch_stored_before_its_progress_was_saved_is_not_stored_twice(tmp_path, recording, transcriber):
    recording, _ = recording
    made = create_imported_meeting(recording, tmp_path, "Hội nghị", folder=tmp_path / "m")
    with MeetingStore.open(made.folder) as store, pytest.raises(Interrupted):
        transcribe_imported(store, transcriber, lambda d, t: (_ for _ in ()).throw(Interrupted()))
    kept = texts_of(made.folder)
    # the crash came after the batch was committed but before its progress was written
    (made.folder / PROGRESS_FILE).write_text(json.dumps({"done_s": 0.0, "total_s": made.duration_s}))
    with MeetingStore.open(made.folder) as store:
        transcribe_imported(store, transcriber)
    again = texts_of(made.folder)
    assert again[: len(kept)] == kept
    starts = [s for s, _ in again]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
