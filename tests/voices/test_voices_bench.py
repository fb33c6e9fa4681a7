"""``bienban bench speakers`` on a tiny folder of real clips."""

from __future__ import annotations

import csv
import json
import shutil

from minutes_tui.cli import main


def test_bench_speakers_json_on_a_tiny_folder(tmp_path, eval_dir, capsys, real_encoder):
    src = eval_dir / "speakers_dev"
    with open(src / "speakers.tsv", encoding="utf-8") as f:
        table = list(csv.DictReader(f, delimiter="\t"))
    rows = [r for r in table if r["speaker"] == "s02"][:3] + [r for r in table if r["speaker"] == "s03"][:3]
    with open(tmp_path / "speakers.tsv", "w", encoding="utf-8") as f:
        f.write("path\tspeaker\n")
        for r in rows:
            shutil.copy(src / r["path"], tmp_path / r["path"])
            f.write(f"{r['path']}\t{r['speaker']}\n")
    assert main(["bench", "speakers", str(tmp_path), "--enroll", "2", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    items = report["items"]
    assert [i["path"] for i in items] == [r["path"] for r in rows]
    assert [i["enrolled"] for i in items] == [True, True, False, True, True, False]
    for item in items:
        assert set(item) >= {"path", "speaker", "enrolled", "suggested", "score"}
    tested = [i for i in items if not i["enrolled"]]
    assert all(i["suggested"] in (None, i["speaker"]) for i in tested)
    assert report["coverage"] in (0.0, 0.5, 1.0)
    assert 0 <= report["eer"] <= 1 and report["ms_per_audio_s"] > 0


def test_bench_speakers_without_a_table_says_so(tmp_path, capsys):
    assert main(["bench", "speakers", str(tmp_path)]) == 2
    assert "speakers.tsv" in capsys.readouterr().err
