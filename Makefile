# The set-up commands: `make run` (install and launch the station), `make test` (install and run every test) and
# `make package` (build the one-folder app into dist/hiremate/, docs/INSTALL.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test package lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[package]'
	touch $@ $(VENV)/.installed-run

# the test extra and the package extra: tests/packaging builds the app with PyInstaller
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test,package]'
	touch $@ $(VENV)/.installed-run $(VENV)/.installed-package

run: $(VENV)/.installed-run
	@packaging/system-deps.sh run
	@$(BIN)/hiremate init
	@# exit status 3 means "no display": hiremate has already said how to go on in one line
	@$(BIN)/hiremate run; status=$$?; [ $$status -eq 3 ] && exit 0; exit $$status

test: $(VENV)/.installed-test
	@packaging/system-deps.sh test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	@# two workers, each taking whole files (module fixtures such as the packaged app are built once)
	$(BIN)/python -m pytest -n 2 --dist loadfile

package: $(VENV)/.installed-package
	@packaging/system-deps.sh package
	packaging/build.sh

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
