# Two commands matter: `make run` and `make test`. Both set up .venv from the lock first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.9.5
OGI_PORT ?= 3000

export DAGSTER_HOME := $(CURDIR)/.dagster_home
# dagster-dbt calls `dbt` by name (e.g. prepare_if_dev under `dagster dev`).
export PATH := $(CURDIR)/$(BIN):$(PATH)
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DBT_VERSION_CHECK := False
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := False

DBT_SOURCES := $(shell find models macros seeds -type f) dbt_project.yml profiles.yml

.PHONY: setup run test dev lint bench lock clean browser spark java

# --compile-bytecode: where PYTHONDONTWRITEBYTECODE is set (as on this project's machines)
# Python never caches bytecode, and every build process (the build, dbt, GX) compiled
# dagster, dbt and GX from source again: about 2 s of each one's start-up.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode -r requirements.lock
	$(BIN)/uv pip install --python $(BIN)/python --quiet --no-deps -e .
	touch $@

# The opt-in Spark target (pyspark, about 560 MB): same pins as the main lock, plus Spark.
$(VENV)/.spark-installed: $(VENV)/.installed requirements-spark.lock
	$(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode -r requirements-spark.lock
	touch $@

spark: setup $(VENV)/.spark-installed

$(DAGSTER_HOME)/dagster.yaml: orchestration/dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp $< $@

# dagster-dbt reads the manifest when the Definitions are imported.
target/manifest.json: $(VENV)/.installed $(DBT_SOURCES)
	$(BIN)/dbt parse --quiet --no-version-check
	touch $@

setup: $(VENV)/.installed $(DAGSTER_HOME)/dagster.yaml target/manifest.json

# OGI_TARGET=spark make run installs the Spark extra first.
run: setup $(if $(filter spark,$(OGI_TARGET)),spark java)
	$(BIN)/python -m orchestration.run

# The suite builds the marts on Spark too and compares them with DuckDB's.
test: setup spark java browser
	$(BIN)/ruff check .
	$(BIN)/pytest

# Tests look at the Data Docs and the HTML report in Debian's headless Chromium.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; } || \
		echo "chromium not installed: the browser tests will be skipped"

# pyspark starts a JVM: Java 17 from Debian when it is missing and we may install it.
java:
	@command -v java >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; } || \
		echo "java not installed: Spark cannot start (the Spark test will be skipped)"

dev: setup
	$(BIN)/dagster dev -h 127.0.0.1 -p $(OGI_PORT) -m orchestration.definitions

# Sizes: BENCH_SIZES=1000,10000,100000 (default all three; 100k takes a while).
bench: setup
	$(BIN)/python -m bench.run_bench

lint: setup
	$(BIN)/ruff check .

# Regenerate the lock after changing pyproject.toml.
lock: $(VENV)/.installed
	$(BIN)/uv pip compile requirements.in --python-version 3.11 --no-emit-package ogi-warehouse -o requirements.lock
	$(BIN)/uv pip compile requirements-spark.in --python-version 3.11 --no-emit-package ogi-warehouse \
		-c requirements.lock -o requirements-spark.lock

clean:
	rm -rf target warehouse/.build logs
