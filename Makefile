# Two commands do all the set-up on a fresh machine with Python 3.11+ and git:
#   make build   — virtualenv, dependencies, validation, the site in site/
#   make test    — the same set-up plus Chromium and nginx, then the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=

.PHONY: install build test lint validate serve publish benchmark lock clean system-deps

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	$(BIN)/python -c "from ruamel.yaml.cyaml import CParser"  # ruamel.yaml.clib, the C extension
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

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

# Copy the built site to DEST: a local folder, or with rsync also user@host:/path/.
# Only files whose content changed are rewritten, so unchanged feeds keep their
# modification time, hence nginx's ETag and Last-Modified, across rebuilds and
# bridges keep getting 304. Files gone from the site are removed from DEST.
SITE  ?= site
DEST  ?=
RSYNC ?= rsync

publish: build
	@test -n "$(DEST)" || { echo "make publish: укажите, куда копировать: make publish DEST=/var/www/rso-notices/" >&2; exit 2; }
	@if command -v $(RSYNC) >/dev/null 2>&1; then \
	    $(RSYNC) -rlpD --checksum --delete "$(SITE)/" "$(DEST)/"; \
	else \
	    echo "make publish: rsync не найден, обычное копирование" >&2; \
	    mkdir -p "$(DEST)" && \
	    (cd "$(SITE)" && find . -type f) | while IFS= read -r f; do \
	        cmp -s "$(SITE)/$$f" "$(DEST)/$$f" && continue; \
	        mkdir -p "$$(dirname "$(DEST)/$$f")" && \
	        cp "$(SITE)/$$f" "$(DEST)/$$f.publish-tmp" && \
	        mv -f "$(DEST)/$$f.publish-tmp" "$(DEST)/$$f" || exit 1; \
	    done && \
	    (cd "$(DEST)" && find . -mindepth 1 -depth) | while IFS= read -r f; do \
	        [ -e "$(SITE)/$$f" ] || rm -rf "$(DEST)/$$f"; \
	    done; \
	fi
	@echo "Опубликовано: $(SITE)/ → $(DEST)"
