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
