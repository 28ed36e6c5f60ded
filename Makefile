# Two commands do all set-up: `make run` and `make test`. Everything runs inside .venv.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_PROFILES_DIR := $(CURDIR)
export DO_NOT_TRACK := 1

DEMO_CLIENTS ?= 2000

.PHONY: install install-spark run run-spark demo-data models build report dashboard browser test test-fast bench eval-concepts eval-redaction lint format clean

$(BIN)/activate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/activate

install: $(BIN)/activate

# The Spark target (dbt --target spark): Java 17 when no java is on the PATH (sudo unless
# root, as for `browser`), then dbt-spark and PySpark into the same venv.
install-spark: install
	@command -v java >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq openjdk-17-jre-headless; }
	$(BIN)/pip install --quiet -e ".[dev,spark]"

# The same project on Spark (docs/spark.md): seeds and SQL models by dbt --target spark, the
# Python models in the same process's SparkSession, in the order of the graph. The artifacts are
# trained on DuckDB first when none exists (`models`).
run-spark: install-spark models
	$(BIN)/python scripts/run_spark.py

data/demo/notes.csv: | install
	$(BIN)/python scripts/generate_demo_data.py --clients $(DEMO_CLIENTS)

demo-data: data/demo/notes.csv

# Trains the fast and elite tiers when no artifact exists yet (a fresh clone). The features and
# training examples are built first, without the prediction models that need an artifact.
models: install demo-data
	@if [ -z "$$(ls -d ml_artifacts/fast/v_* ml_artifacts/elite/v_* 2>/dev/null)" ]; then \
		$(DBT) build --vars '{enable_ml_predictions: false}' && \
		$(BIN)/python scripts/train.py --tier fast && \
		$(BIN)/python scripts/train.py --tier elite; \
	fi

build: models
	$(DBT) build

report: install
	$(BIN)/python scripts/write_report.py

dashboard: install
	$(BIN)/python scripts/export_dashboard.py

run: build report dashboard

# The dashboard test opens the page in Debian's Chromium; install it when missing (CI runs as
# root; elsewhere apt-get needs sudo).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

SQL_PATHS := models macros analyses tests/dbt python_models

test: install browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint $(SQL_PATHS) --processes 2
	$(BIN)/python -m pytest

# The unit tests alone: no dbt build, well under a minute. Their data are small, so one OpenMP
# thread (k-means) is faster than starting a thread per core on a busy machine.
test-fast: install
	OMP_NUM_THREADS=1 $(BIN)/python -m pytest tests/unit -m "not integration" -q

# Full pipeline at 2,000 / 20,000 / 200,000 / 1,000,000 clients, with note_concepts against
# the Aho-Corasick baseline at each size (about 25 minutes).
bench: models
	$(BIN)/python scripts/benchmark.py

# Precision, recall and F1 of concept tags on the hand-annotated notes (tuning and held-out sets).
eval-concepts: install
	$(BIN)/python scripts/eval_concepts.py

# Redaction recall per type and language on tests/fixtures/pii_corpus, and over-redaction.
eval-redaction: install
	$(BIN)/python scripts/measure_redaction.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/sqlfluff lint $(SQL_PATHS) --processes 2

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf target logs warehouse/*.duckdb outputs/*.txt dashboard/data.json dashboard/index.html
