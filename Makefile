# Offer Coach: `make run` and `make test` do all set-up on a fresh machine.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
COACH   := $(VENV)/bin/coach
STAMP   := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-llm

# Offline and quiet, always: nothing is fetched from a model hub, no telemetry.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export TOKENIZERS_PARALLELISM := false

.PHONY: install run index test test-fast eval bench bench-answers lint clean

install: $(STAMP)

# torch first, pinned to the CPU build: an unpinned torch pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

index: install
	$(COACH) index

# Serves the app on http://127.0.0.1:7860 (PORT=... to change it); Ctrl+C stops it.
PORT ?= 7860
run: index
	$(COACH) serve --port $(PORT)

# Tests also need llama-cpp-python (the `llm` extra; it compiles once, pip caches the wheel).
$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,llm]'
	touch $(TEST_STAMP)

# The gated answer eval runs after the tests: it exits non-zero when a grounding gate fails
# (evals/README.md) and writes today's report to evals/reports/.
test: install $(TEST_STAMP)
	$(PY) -m pytest
	$(COACH) eval

test-fast: install
	$(PY) -m pytest -m "not integration"

eval: install
	$(COACH) eval
	$(COACH) eval --distractors 200
	$(COACH) eval retrieval
	$(COACH) eval retrieval --distractors 200

bench: install
	$(COACH) bench retrieval --guides 2000

bench-answers: install
	$(COACH) bench answers

lint: install
	$(VENV)/bin/ruff check assistant tests evals
	$(VENV)/bin/ruff format --check assistant tests evals

clean:
	rm -rf $(VENV) index/chroma index/manifest.json index/sidecar evals/.work .pytest_cache
