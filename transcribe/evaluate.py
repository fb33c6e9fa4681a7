"""Scoring a model on a folder of clips with ``transcripts.tsv`` (WER per syllable, CER, RTF)."""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import jiwer

from bienban_base.audio import SAMPLE_RATE, load_audio
from transcribe.decoding import CLIP_DECODE, DecodeOptions
from transcribe.engine import Transcriber
from transcribe.errors import TranscribeError
from transcribe.normalize import normalize


class EvalError(TranscribeError):
    """The evaluation folder is not usable."""


@dataclass
class ClipScore:
    """One clip's result."""

    filename: str
    """The clip's file name."""
    reference: str
    """The reference text as given."""
    hypothesis: str
    """What the transcriber produced, before normalisation."""
    wer: float
    """Word (syllable) error rate of this clip after normalisation."""


@dataclass
class EvalResult:
    """The whole folder's result."""

    wer: float
    """Corpus WER: all syllable errors over all reference syllables."""
    cer: float
    """Corpus character error rate."""
    rtf: float
    """Decoding time over audio duration (decoding only, not file reading)."""
    clips: int
    """Number of clips scored."""
    audio_seconds: float
    """Total audio duration."""
    model: str = ""
    """The model that was scored."""
    items: list[ClipScore] = field(default_factory=list)
    """Per-clip results."""

    def to_dict(self) -> dict:
        """The JSON of ``bienban eval --json``."""
        return asdict(self)


def read_transcripts(folder: Path) -> list[tuple[str, str]]:
    """``(filename, reference)`` pairs from ``folder/transcripts.tsv`` (one header line)."""
    tsv = folder / "transcripts.tsv"
    if not tsv.is_file():
        raise EvalError("eval_no_transcripts", f"{tsv} not found", path=str(folder))
    rows = []
    with open(tsv, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for n, row in enumerate(reader, start=2):
            if not row or not row[0].strip():
                continue
            if len(row) < 2:
                raise EvalError("eval_bad_transcripts", f"line {n}: {row}", line=n)
            rows.append((row[0].strip(), row[1].strip()))
    return rows


def score(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Corpus (WER, CER) of ``(reference, hypothesis)`` pairs after normalisation."""
    refs = [normalize(r) for r, _ in pairs]
    hyps = [normalize(h) for _, h in pairs]
    keep = [i for i, r in enumerate(refs) if r]
    refs, hyps = [refs[i] for i in keep], [hyps[i] for i in keep]
    return jiwer.wer(refs, hyps), jiwer.cer(refs, hyps)


def clip_wer(reference: str, hypothesis: str) -> float:
    """WER of one clip after normalisation."""
    ref = normalize(reference)
    return jiwer.wer(ref, normalize(hypothesis)) if ref else 0.0


def evaluate(
    folder: str | Path,
    transcriber: Transcriber,
    options: DecodeOptions = CLIP_DECODE,
    progress: Callable[[int, int], None] | None = None,
) -> EvalResult:
    """Transcribe every clip listed in ``folder/transcripts.tsv`` and score it (each clip decoded
    whole, ``CLIP_DECODE``)."""
    folder = Path(folder)
    rows = read_transcripts(folder)
    items, total_audio, total_decode = [], 0.0, 0.0
    for i, (name, reference) in enumerate(rows):
        audio = load_audio(folder / name)
        total_audio += audio.size / SAMPLE_RATE
        t0 = time.perf_counter()
        hypothesis = " ".join(s.text for s in transcriber.segments(audio, options)).strip()
        total_decode += time.perf_counter() - t0
        items.append(ClipScore(name, reference, hypothesis, clip_wer(reference, hypothesis)))
        if progress:
            progress(i + 1, len(rows))
    wer, cer = score([(c.reference, c.hypothesis) for c in items])
    return EvalResult(
        wer, cer, total_decode / total_audio if total_audio else 0.0, len(items), round(total_audio, 3), transcriber.name, items
    )
