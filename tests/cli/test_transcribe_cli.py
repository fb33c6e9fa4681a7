"""``bienban transcribe`` and ``bienban eval`` as a user runs them: real model, real files."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIENBAN = str(Path(sys.executable).with_name("bienban"))
CLIP = "common_voice_vi_27367694.mp3"


def run(*args, cwd=None):
    return subprocess.run([BIENBAN, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def _assert_one_line_vietnamese_error(out):
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, out.stderr
    assert any(ch in lines[0] for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


@pytest.mark.parametrize("content", [b"", b"Day khong phai am thanh.\n" * 50])
def test_empty_or_text_file_gives_a_vietnamese_error(tmp_path, content):
    f = tmp_path / "bad.mp3"
    f.write_bytes(content)
    _assert_one_line_vietnamese_error(run("transcribe", f))


def test_missing_file_gives_a_vietnamese_error(tmp_path):
    _assert_one_line_vietnamese_error(run("transcribe", tmp_path / "khong-co.wav"))


def test_mp3_cut_to_its_header_gives_a_vietnamese_error(tmp_path, eval_dir):
    f = tmp_path / "cut.mp3"
    f.write_bytes((eval_dir / "cv_vi_dev" / CLIP).read_bytes()[:200])
    _assert_one_line_vietnamese_error(run("transcribe", f))


@pytest.mark.model
def test_truncated_mp3_transcribes_what_is_there(tmp_path, eval_dir):
    data = (eval_dir / "cv_vi_dev" / CLIP).read_bytes()
    f = tmp_path / "half.mp3"
    f.write_bytes(data[: len(data) * 2 // 3])
    out = run("transcribe", f, "--format", "json", "--no-progress")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["duration"] > 1.0 and doc["segments"]


@pytest.mark.model
def test_json_srt_vtt_outputs(tmp_path, eval_dir):
    clip = eval_dir / "cv_vi_dev" / CLIP
    out = run("transcribe", clip, "--format", "json", "--out", tmp_path / "t.json")
    assert out.returncode == 0, out.stderr
    assert "100%" in out.stderr  # the progress bar reached the end
    doc = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert set(doc) == {"model", "language", "duration", "segments"}
    assert doc["language"] == "vi" and doc["model"] == "base"
    seg = doc["segments"][0]
    assert set(seg) == {"start", "end", "text", "avg_logprob", "no_speech_prob", "words"}
    assert set(seg["words"][0]) == {"start", "end", "word", "probability"}
    assert 0 <= seg["start"] < seg["end"] <= doc["duration"] + 0.5
    srt = run("transcribe", clip, "--format", "srt", "--no-progress").stdout
    assert srt.startswith("1\n00:00:") and " --> " in srt
    vtt = run("transcribe", clip, "--format", "vtt", "--no-progress").stdout
    assert vtt.startswith("WEBVTT\n\n00:00:")


@pytest.mark.model
def test_video_container_audio_is_transcribed(tmp_path, eval_dir):
    mp4 = tmp_path / "clip.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "color=c=black:s=64x64:d=4",
            "-i",
            str(eval_dir / "cv_vi_dev" / CLIP),
            "-shortest",
            "-c:v",
            "libx264",
            "-c:a",
            "aac",
            str(mp4),
        ],
        check=True,
    )
    out = run("transcribe", mp4, "--no-progress")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip()


@pytest.mark.model
def test_eval_on_a_few_human_clips_meets_a_wer_bound(tmp_path, eval_dir):
    src = eval_dir / "fosd_dev"
    rows = (src / "transcripts.tsv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "transcripts.tsv").write_text("\n".join(rows[:7]) + "\n", encoding="utf-8")
    for row in rows[1:7]:
        shutil.copy(src / row.split("\t")[0], tmp_path)
    out = run("eval", tmp_path, "--json")
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert {"wer", "cer", "rtf", "clips", "audio_seconds", "items"} <= set(res)
    assert res["clips"] == 6 and res["audio_seconds"] > 10
    assert {"filename", "reference", "hypothesis", "wer"} <= set(res["items"][0])
    # Whisper base scores 0.62 on the whole folder; these six clips must not be far worse.
    assert res["wer"] < 0.75, res
    assert res["cer"] < res["wer"]


def test_eval_on_a_folder_without_transcripts_is_a_clear_error(tmp_path):
    _assert_one_line_vietnamese_error(run("eval", tmp_path))
