"""The encoder's output for every clip, computed once with the product's own int8 encoder.

The decoder is trained on exactly what it will see at inference: faster-whisper's log-mel
features of the whole clip, cut and zero-padded to a 30 s window as ``WhisperModel.transcribe``
does for a clip decoded whole (bienban's clip and live paths), through the same CTranslate2
int8 encoder. Each clip's output (1500×512) is kept as float16 in one memory-mapped file per
set; a bitmap of finished clips makes the cache resumable after an interruption.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from training.data import Clip

FRAMES = 1500
WIDTH = 512
SAMPLE_RATE = 16000


@dataclass
class FeatureSet:
    """A set's cached encoder outputs, with the clips they belong to."""

    folder: Path
    """Where the set's files are."""
    clips: list[Clip]
    """The clips, in the cache's order."""
    features: np.memmap
    """(clips, 1500, 512) float16."""
    done: np.ndarray
    """Which rows are computed."""
    speech: np.ndarray
    """(clips, 2) first and last second of speech (Silero VAD), for timestamp targets."""

    def save_progress(self) -> None:
        """Make the finished rows survive an interruption (data first, then the bitmap that names them)."""
        self.features.flush()
        for name, array in (("done.npy", self.done), ("speech.npy", self.speech)):
            tmp = self.folder / f".{name}.tmp"
            with open(tmp, "wb") as f:
                np.save(f, array)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.folder / name)


def open_set(folder: Path, clips: list[Clip]) -> FeatureSet:
    """Open (or create) the cache of ``clips`` in ``folder``; a cache made for other clips is refused."""
    folder.mkdir(parents=True, exist_ok=True)
    listing = [{"path": str(c.path), "text": c.text, "speaker": c.speaker, "duration_s": c.duration_s} for c in clips]
    meta = folder / "clips.json"
    if meta.exists():
        if json.loads(meta.read_text(encoding="utf-8")) != listing:
            raise SystemExit(f"{folder} holds features of other clips: remove it or choose another --work folder")
    else:
        meta.write_text(json.dumps(listing, ensure_ascii=False), encoding="utf-8")
    shape = (len(clips), FRAMES, WIDTH)
    path = folder / "features.f16"
    features = np.memmap(path, dtype=np.float16, mode="r+" if path.exists() else "w+", shape=shape)
    done = np.load(folder / "done.npy") if (folder / "done.npy").exists() else np.zeros(len(clips), bool)
    speech = np.load(folder / "speech.npy") if (folder / "speech.npy").exists() else np.zeros((len(clips), 2), np.float32)
    return FeatureSet(folder, clips, features, done, speech)


def load_set(folder: Path) -> FeatureSet:
    """Open a finished (or partly finished) cache read-only."""
    listing = json.loads((folder / "clips.json").read_text(encoding="utf-8"))
    clips = [Clip(Path(c["path"]), c["text"], c["speaker"], c["duration_s"]) for c in listing]
    features = np.memmap(folder / "features.f16", dtype=np.float16, mode="r", shape=(len(clips), FRAMES, WIDTH))
    return FeatureSet(folder, clips, features, np.load(folder / "done.npy"), np.load(folder / "speech.npy"))


def window_features(extractor, audio: np.ndarray) -> np.ndarray:
    """The 30 s log-mel window faster-whisper encodes for a clip decoded whole (80×3000)."""
    from faster_whisper.audio import pad_or_trim

    mel = extractor(audio)
    return pad_or_trim(mel[:, : mel.shape[-1] - 1])


def speech_bounds(audio: np.ndarray) -> tuple[float, float]:
    """First and last second of speech that Silero VAD hears (the whole clip when it hears none)."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    spans = get_speech_timestamps(audio, VadOptions(min_silence_duration_ms=300, speech_pad_ms=100))
    if not spans:
        return 0.0, audio.size / SAMPLE_RATE
    return spans[0]["start"] / SAMPLE_RATE, spans[-1]["end"] / SAMPLE_RATE


def fill(
    cache: FeatureSet,
    model_dir: str,
    threads: int,
    transform: Callable[[int, np.ndarray], np.ndarray] | None = None,
    progress: Callable[[int, int], None] | None = None,
    limit: int | None = None,
) -> None:
    """Compute every missing row of ``cache`` (of its first ``limit`` rows) with the int8 encoder of
    ``model_dir``, after ``transform(row, audio)`` where given; saves progress every few seconds."""
    from faster_whisper import WhisperModel
    from faster_whisper.audio import decode_audio

    model = WhisperModel(model_dir, device="cpu", compute_type="int8", cpu_threads=threads)
    saved = time.monotonic()
    for i, clip in enumerate(cache.clips[:limit]):
        if cache.done[i]:
            continue
        audio = decode_audio(str(clip.path), sampling_rate=SAMPLE_RATE)
        if transform is not None:
            audio = transform(i, audio)
        window = window_features(model.feature_extractor, audio)
        out = model.encode(np.ascontiguousarray(window, dtype=np.float32))
        cache.features[i] = np.asarray(out, dtype=np.float32)[0].astype(np.float16)
        cache.speech[i] = speech_bounds(audio)
        cache.done[i] = True
        if time.monotonic() - saved > 20:
            cache.save_progress()
            saved = time.monotonic()
        if progress:
            progress(int(cache.done[:limit].sum()), len(cache.clips[:limit]))
    cache.save_progress()
