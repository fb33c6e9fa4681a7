# bienban — two commands: `make run` (set up, start the app) and `make test` (set up, run every test).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1

.PHONY: run test deps venv audio bench clean

run: venv
	@if $(BIN)/python -c "import sounddevice as sd, sys; sys.exit(0 if any(d['max_input_channels'] > 0 for d in sd.query_devices()) else 1)" 2>/dev/null; \
	then $(BIN)/bienban; else $(BIN)/bienban demo; fi

test: deps venv audio
	CI=$${CI:-} $(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

deps:
	bash scripts/setup-debian.sh

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

venv: $(BIN)/python
	@$(BIN)/python -c "import minutes_tui, pytest, hypothesis" 2>/dev/null && \
	  cmp -s pyproject.toml $(VENV)/.installed-pyproject || \
	  { $(BIN)/pip install -q -e '.[test]' && cp pyproject.toml $(VENV)/.installed-pyproject; }

audio:
	bash scripts/audio-server.sh

bench: venv audio
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
