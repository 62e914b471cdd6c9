# The README's commands. Each one installs what it needs first.
PYTHON ?= $(shell command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never

.PHONY: install run test worker lint format bench clean

$(VENV)/.synced: pyproject.toml uv.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Readiness needs Python 3.12 or newer; set PYTHON=/path/to/python3.12")'
	@test -x $(BIN)/uv || ($(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet uv==0.13.8)
	@# Bytecode compiled once at install: every command starts faster, even where
	@# PYTHONDONTWRITEBYTECODE stops Python from writing it on first use.
	$(BIN)/uv sync --frozen --compile-bytecode --python $(BIN)/python
	@touch $@

install: $(VENV)/.synced

## Run the app with demo data at http://127.0.0.1:8000
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## Run the whole test suite
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

## A Celery worker (needs REDIS_URL)
worker: install
	$(BIN)/celery -A readiness worker --loglevel=INFO --concurrency=2

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Performance benchmark: prints a table and writes var/bench.json
bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/bench.json
