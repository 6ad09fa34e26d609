# Every target creates or reuses .venv and installs what it needs from the package registries.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DEMO_DB ?= demo.db
# The web UI's JavaScript libraries and map outlines, copied from node_modules (npm registry).
VENDOR := newstrace/web/static/vendor/.built
# Browser tests drive Debian's chromium; installed once, a no-op when it is already there.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install demo test eval bench lint clean

$(VENDOR): package.json package-lock.json newstrace/web/build_vendor.mjs
	npm ci --no-audit --no-fund
	npm run build

$(CHROMIUM):
	$(SUDO) apt-get update -q
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium

$(STAMP): pyproject.toml $(VENDOR)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip uv
	$(BIN)/uv pip install --python $(BIN)/python -q -e '.[dev]'
	$(BIN)/python -c "from newstrace.engines.local import warm_up; warm_up()"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newstrace ingest $(DEMO_DB) examples/pages examples/archives examples/feeds examples/exports
	$(BIN)/newstrace articles $(DEMO_DB)
	$(BIN)/newstrace show $(DEMO_DB) 6
	$(BIN)/newstrace trace $(DEMO_DB)
	$(BIN)/newstrace report $(DEMO_DB)
	$(BIN)/newstrace report $(DEMO_DB) --family 3
	$(BIN)/newstrace network $(DEMO_DB)
	@echo "Explore it: $(BIN)/newstrace serve $(DEMO_DB)  (the web UI at http://127.0.0.1:8001/)  or  $(BIN)/newstrace show $(DEMO_DB) ID  (ids in the table above)"

test: $(STAMP) $(CHROMIUM)
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/python eval/run.py --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/uv pip install --python $(BIN)/python -q -e '.[dev,bench]'
	$(BIN)/python benchmarks/pipeline_run.py --shared $(SHARED)
	$(BIN)/python benchmarks/reuse_run.py --shared $(SHARED)
	$(BIN)/python benchmarks/ray_run.py --shared $(SHARED)
	$(BIN)/python benchmarks/shards_run.py --shared $(SHARED)
	$(BIN)/python benchmarks/web_latency.py --shared $(SHARED)
	$(BIN)/python benchmarks/web_latency.py --synthetic
	$(BIN)/python benchmarks/geo_run.py --shared $(SHARED)
	$(BIN)/python benchmarks/events_run.py --shared $(SHARED)
	$(BIN)/python benchmarks/run.py --shared $(SHARED) --publish

lint: $(STAMP)
	$(BIN)/ruff check newstrace tests eval benchmarks scripts
	$(BIN)/ruff format --check newstrace tests eval benchmarks scripts
	$(BIN)/mypy newstrace
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) *.egg-info $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm eval/out benchmarks/out
