# Shortcuts for the two quick-start scripts (make is optional: the scripts are the interface).
.PHONY: run test bench audio
run:
	bash scripts/run
test:
	bash scripts/test $(PYTEST_ARGS)
audio:
	bash scripts/audio-server.sh
bench:
	bash scripts/setup.sh && .venv/bin/python bench/transcribe_overhead.py
