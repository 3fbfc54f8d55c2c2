# Two commands on a fresh machine: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_TEST_DEPS := tests/oidc/node_modules/.installed tests/tournaments/oracle/node_modules/.installed
PYTEST_WORKERS ?= 2

.PHONY: install run test check format schema token clean

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dev]'
	touch $@

tests/%/node_modules/.installed: tests/%/package.json tests/%/package-lock.json
	cd tests/$* && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Serve the API on http://localhost:8000/graphql (embedded PostgreSQL, demo data, GraphiQL).
run: $(INSTALLED)
	APP_ENV=dev $(BIN)/prodvor serve --migrate --seed

## Run the whole test suite against the real parts (PostgreSQL, OIDC provider, ...).
test: $(INSTALLED) $(NODE_TEST_DEPS)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

## Formatting, lint and strict typing.
check: $(INSTALLED)
	$(BIN)/ruff format --check app tests migrations bench
	$(BIN)/ruff check app tests migrations bench
	$(BIN)/mypy

format: $(INSTALLED)
	$(BIN)/ruff format app tests migrations bench
	$(BIN)/ruff check --fix app tests migrations bench

## Regenerate the committed schema.graphql from the code.
schema: $(INSTALLED)
	$(BIN)/prodvor export-schema --output schema.graphql

## Print a dev token for a demo user: make token USER=alice
token: $(INSTALLED)
	@APP_ENV=dev $(BIN)/prodvor dev-token $(USER)

clean:
	rm -rf $(VENV) .data tests/oidc/node_modules tests/tournaments/oracle/node_modules .pytest_cache .mypy_cache .ruff_cache
