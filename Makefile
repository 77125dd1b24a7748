# Everything runs inside .venv, made from the Python 3.11 on PATH.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PLUGINS := $(wildcard plugins/*/pyproject.toml examples/*/pyproject.toml)
CODE := $(wildcard src tests examples benchmarks plugins tools)

SEEDS ?= ../shared/seeds
HR := examples/holland-rijnland-2010

.PHONY: demo test lint typecheck pytest examples fuzz bench clean catalog

$(VENV): pyproject.toml $(PLUGINS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' $(foreach p,$(dir $(PLUGINS)),-e ./$(p))
	touch $(VENV)

demo: $(VENV)
	$(BIN)/sociaaldomein report examples/kampen-ontwikkelpilot
	@echo "Open examples/kampen-ontwikkelpilot/report.html in a browser."

test: lint typecheck pytest

lint: $(VENV)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: $(VENV)
	$(BIN)/mypy src

# One worker per core: the tests are independent (each writes under its own tmp_path).
pytest: $(VENV)
	$(BIN)/pytest -n auto

# The English catalog in step with the Dutch texts in the code (see tools/catalog.py).
catalog: $(VENV)
	$(BIN)/python tools/catalog.py

# Long fuzz run of every loader (not part of make test).
fuzz: $(VENV)
	$(BIN)/python benchmarks/fuzz_loaders.py --inputs 100000

# National-scale benchmarks (not part of make test), niced: the machine is shared.
bench: $(VENV)
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	nice $(BIN)/python benchmarks/national.py --scalar

# The imported projects of seeds 000 and 001, and their hour roll-up.
examples: $(VENV)
	$(BIN)/sociaaldomein import projects $(SEEDS)/000_105761f4d6f80e61.txt -o $(HR)/vraagarticulatie.toml
	$(BIN)/sociaaldomein import projects $(SEEDS)/001_5deff1d58acf94a5.txt -o $(HR)/activering-en-vrijwilligers.toml
	$(BIN)/sociaaldomein hours $(HR)/vraagarticulatie.toml $(HR)/activering-en-vrijwilligers.toml > $(HR)/uren.md

clean:
	rm -rf $(VENV) build dist src/*.egg-info

# Mutation testing of core/ with the fast unit tests (not part of make test; a few minutes).
.PHONY: mutate
mutate: $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[mutate]'
	$(BIN)/python benchmarks/mutation.py
