# Two commands do all the set-up on a fresh machine with Python 3.11+ and git:
#   make build   — virtualenv, dependencies, validation, the site in site/
#   make test    — the same set-up plus Chromium and nginx, then the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=

.PHONY: build test lint validate serve publish benchmark lock clean system-deps

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	$(BIN)/python -c "import ruamel.yaml.clib"  # the C extension must be there
	rm -f $(VENV)/.installed-* && touch $@

build: $(STAMP)
	$(BIN)/notices validate
	$(BIN)/notices build --out site

validate: $(STAMP)
	$(BIN)/notices validate

serve: $(STAMP)
	$(BIN)/notices serve

# Debian packages the tests drive: Chromium (browser tests) and nginx (self-hosting test).
system-deps:
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	test -x /usr/sbin/nginx || missing="$$missing nginx-light"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing$$missing: install them (sudo apt-get install$$missing); their tests will be skipped"; \
	  fi; \
	fi

test: $(STAMP) system-deps
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy
	$(BIN)/notices schema --check
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Regenerate the lock file from the current virtualenv (after changing pyproject.toml).
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock

clean:
	rm -rf site .cache $(VENV)
