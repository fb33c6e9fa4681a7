#!/usr/bin/env bash
# Set up everything bienban needs on Debian: system packages, .venv, the package itself.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
# Reinstall only when pyproject.toml changed since the last install.
if ! cmp -s pyproject.toml .venv/.installed-pyproject || ! .venv/bin/python -c "import minutes_tui, pytest" 2>/dev/null; then
  .venv/bin/python -m pip install -q -e '.[test]'
  cp pyproject.toml .venv/.installed-pyproject
fi
# The speaker encoder's weights: Resemblyzer's wheel WITHOUT its dependencies (they would pull
# torch). bienban never imports the package; it reads resemblyzer/pretrained.pt (SHA-256 checked).
# A damaged pretrained.pt (its SHA-256 differs) is reinstalled: pip alone would call it "already satisfied".
if ! .venv/bin/python -c "import importlib.util as u, sys; sys.exit(u.find_spec('resemblyzer') is None)" 2>/dev/null; then
  .venv/bin/python -m pip install -q --no-deps resemblyzer==0.1.4
elif ! .venv/bin/python -c "import hashlib, sys; from voices import model
sys.exit(hashlib.sha256(model.source_path().read_bytes()).hexdigest() != model.SOURCE_SHA256)" 2>/dev/null; then
  .venv/bin/python -m pip install -q --no-deps --force-reinstall resemblyzer==0.1.4
fi
