#!/usr/bin/env bash
# Base and the Vietnamese model side by side, one run, the same commands (issue 25; docs/benchmarks.md
# "A Vietnamese model"). Writes every result under OUT (default /tmp/vi_bench):
#   bash bench/vi_model_all.sh [MODEL] [OUT]        MODEL: base-vi (default) or a model folder
# 1. bench/vi_model.py: cv_vi_unseen (whole and by halves), cv_vi_dev (and its unseen voices), fosd_dev,
#    the hall copy (bench/hall_copy.py): WER, CER, inserted words
# 2. bienban bench live on the rendered dialogue and the joined human clips, paced (--speed 1), each model
# 3. bench/import_speed.py: plain faster-whisper, bienban import, bienban retranscribe, each model
# 4. bench/vocab_effect.py: the post-meeting pass without and with the vocabulary pass, each model
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${1:-base-vi}
OUT=${2:-/tmp/vi_bench}
EVAL=../shared/eval
export HF_HUB_OFFLINE=1
mkdir -p "$OUT"
[ -f "$OUT/hall/transcripts.tsv" ] || .venv/bin/python bench/hall_copy.py "$EVAL/cv_vi_unseen" "$OUT/hall"
[ -f "$OUT/dlg/meeting.wav" ] || .venv/bin/python "$EVAL/make_meeting.py" "$EVAL/dialogue_dev.json" "$OUT/dlg"
[ -f "$OUT/human/meeting.wav" ] || .venv/bin/python bench/join_clips.py "$OUT/human"
echo "== clips ($(date -u +%H:%M), load $(cut -d' ' -f1 /proc/loadavg))"
.venv/bin/python bench/vi_model.py "$MODEL" --hall "$OUT/hall" --json "$OUT/clips.json" | tee "$OUT/clips.md"
for file in dlg human; do
  for m in base "$MODEL"; do
    echo "== live $file $m ($(date -u +%H:%M), load $(cut -d' ' -f1 /proc/loadavg))"
    .venv/bin/bienban bench live "$OUT/$file/meeting.wav" --truth "$OUT/$file/truth.json" --speed 1 --json --model "$m" \
      > "$OUT/live-$file-$(basename "$m").json"
    tail -c 1500 "$OUT/live-$file-$(basename "$m").json"
  done
done
for m in base "$MODEL"; do
  echo "== import/retranscribe $m ($(date -u +%H:%M), load $(cut -d' ' -f1 /proc/loadavg))"
  .venv/bin/python bench/import_speed.py "$OUT/dlg" "$OUT/human" --model "$m" > "$OUT/import-$(basename "$m").json"
  cat "$OUT/import-$(basename "$m").json"
done
for m in base "$MODEL"; do
  echo "== vocabulary pass $m ($(date -u +%H:%M), load $(cut -d' ' -f1 /proc/loadavg))"
  .venv/bin/python bench/vocab_effect.py "$OUT/dlg" "$OUT/human" --variants post post_merged --json --model "$m" \
    > "$OUT/vocab-$(basename "$m").json"
  cat "$OUT/vocab-$(basename "$m").json"
done
echo "== done ($(date -u +%H:%M))"
