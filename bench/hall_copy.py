"""A copy of an evaluation folder as a far microphone in a community hall hears it (sox).

    python bench/hall_copy.py ../shared/eval/cv_vi_unseen /tmp/cv_vi_unseen_hall

Each clip: reverberation (a hall of about 50 people: reverberance 60 %, room scale 90 %, 30 ms
pre-delay), muffled above 3.4 kHz (a laptop microphone across the room), and pink noise of the
room 15 dB below the speech (murmur, fans). Repeatable: sox's ``-R`` fixes the noise. The
transcripts are copied unchanged, so ``bienban eval`` scores the copy like the original.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

HALL = ["reverb", "60", "50", "90", "100", "30", "0", "lowpass", "3400", "highpass", "120"]
"""sox effects of the room and the microphone."""
SNR_DB = 15.0
"""Speech over room noise."""


def _rms(path: Path) -> float:
    stats = subprocess.run(["sox", str(path), "-n", "stat"], capture_output=True, text=True, check=True).stderr
    return float(next(line.split(":")[1] for line in stats.splitlines() if line.startswith("RMS     amplitude")))


def degrade(source: Path, target: Path) -> None:
    """Write ``target`` (16 kHz mono WAV): ``source`` as heard across the hall."""
    with tempfile.TemporaryDirectory() as tmp:
        wet, noise = Path(tmp) / "wet.wav", Path(tmp) / "noise.wav"
        subprocess.run(["sox", "-V1", "-G", "-R", str(source), "-r", "16000", "-c", "1", "-b", "16", str(wet), *HALL], check=True)
        length = subprocess.run(["soxi", "-D", str(wet)], capture_output=True, text=True, check=True).stdout.strip()
        subprocess.run(
            ["sox", "-R", "-n", "-r", "16000", "-c", "1", "-b", "16", str(noise), "synth", length, "pinknoise"], check=True
        )
        gain = _rms(wet) / max(_rms(noise), 1e-9) / 10 ** (SNR_DB / 20)
        subprocess.run(
            ["sox", "-V1", "-G", "-R", "-m", str(wet), "-v", f"{gain:.6f}", str(noise), str(target), "gain", "-n", "-3"],
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="an evaluation folder with transcripts.tsv")
    parser.add_argument("target", type=Path, help="the folder to write (created)")
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    lines = (args.source / "transcripts.tsv").read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        name, reference = line.split("\t", 1)
        wav = Path(name).with_suffix(".wav").name
        degrade(args.source / name, args.target / wav)
        out.append(f"{wav}\t{reference}")
    (args.target / "transcripts.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
    shutil.copystat(args.source / "transcripts.tsv", args.target / "transcripts.tsv")


if __name__ == "__main__":
    main()
