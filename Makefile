# Two commands for people: `make run` (build the graph and serve it) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run build serve test soak bench evaluate clean

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "needs Python 3.11 (python3.11 or python3 on PATH)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# The query page's editor (YASGUI) comes from npm, pinned by package-lock.json and served from
# node_modules; npm ci runs again only when the lock file is newer than the install.
run: $(STAMP)
	@if command -v npm >/dev/null 2>&1; then \
	  [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; \
	else echo "npm not found: the query page offers a plain form instead of YASGUI"; fi
	$(BIN)/kg build
	$(BIN)/kg serve --host 127.0.0.1 --port 8000

build: $(STAMP)
	$(BIN)/kg build

serve: $(STAMP)
	$(BIN)/kg serve

test: $(STAMP)
	$(BIN)/python -m pytest -q

soak: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

# Benchmarks (bench/README.md): the build at 10 … 10,000 articles, then ChannelKG's endpoint beside
# oxigraph serve and rdflib-endpoint; results and plot in bench/results/. About an hour.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,bench]'
	$(BIN)/python -m bench.build_scaling
	$(BIN)/python -m bench.endpoint

evaluate: $(STAMP)
	$(BIN)/kg evaluate

clean:
	rm -rf build build.* $(VENV)
