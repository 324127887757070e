# Báo cáo CCHC — every set-up step lives here, so a fresh machine needs only python3 and make.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUNDLE := dist/bao-cao-cchc
export QT_QPA_PLATFORM ?= offscreen

.PHONY: check-windows-wheels run test check lint format bench bench-deps screenshots bundle build smoke test-crash system-deps translations clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q -c constraints.txt "pip>=24"
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dev]"
	touch $(STAMP)

run: $(STAMP) translations
	env -u QT_QPA_PLATFORM $(BIN)/python -m desktop

# Debian packages the tests use (poppler, qpdf, SoftHSM2, Xvfb, fonts, Qt's xcb libraries).
system-deps:
	bash .ci/system-deps.sh

translations: $(STAMP)
	$(BIN)/python -m desktop.i18n_build

lint: $(STAMP)
	$(BIN)/ruff check forms reports desktop tests bench tools
	$(BIN)/mypy

# The frozen bundle is built (or found current) first, so a broken bundle fails the frozen
# tests (tests/e2e/test_frozen.py) instead of skipping them. The run ends with its 30 slowest
# tests, so a test that became slow shows in every CI log.
test: $(STAMP) system-deps translations lint bundle
	CCHC_REQUIRE_BUNDLE=1 $(BIN)/python -m pytest -q --durations=30

check: test

format: $(STAMP)
	$(BIN)/ruff format forms reports desktop tests bench tools
	$(BIN)/ruff check --fix forms reports desktop tests bench tools

# LibreOffice (bench-deps) is the anchor of the `cchc pdf` ratio; the tests do not need it.
bench-deps:
	bash .ci/bench-deps.sh

bench: $(STAMP) system-deps bench-deps
	$(BIN)/python -m bench

test-crash: $(STAMP) system-deps
	CCHC_CRASH_KILLS=200 $(BIN)/python -m pytest -q -m crash tests/crash

screenshots: $(STAMP) system-deps translations bundle
	$(BIN)/python -m desktop.screenshots docs/screenshots
	$(BIN)/python -m desktop.screenshots docs/screenshots --lang en --suffix=-en --only report-list editor-with-errors par-index
	$(BIN)/python -m desktop.screenshots docs/screenshots --text-size large --suffix=-large --only report-list editor-with-errors
	CCHC_UPDATE_SCREENSHOTS=1 CCHC_REQUIRE_BUNDLE=1 $(BIN)/python -m pytest -q tests/e2e/test_frozen.py -k xvfb

# The bundle's folder alone (what the frozen tests run), rebuilt only when something that goes
# into it changed since the last build in this tree (tools/bundle/inputs.py keeps a digest).
PYINSTALLER = $(BIN)/python -m tools.bundle.inputs build $(BUNDLE) -- $(BIN)/pyinstaller --noconfirm --clean build.spec
bundle: $(STAMP) system-deps translations
	$(BIN)/python -m tools.bundle.inputs check $(BUNDLE) || $(PYINSTALLER)

# The downloads: always a fresh build, then the zip and the tar.xz of the folder.
build: $(STAMP) system-deps translations
	$(PYINSTALLER)
	cd dist && rm -f bao-cao-cchc-linux.zip bao-cao-cchc-linux.tar.xz \
		&& zip -qry bao-cao-cchc-linux.zip bao-cao-cchc \
		&& XZ_OPT=-T0 tar -cJf bao-cao-cchc-linux.tar.xz bao-cao-cchc

smoke: $(STAMP)
	$(BIN)/python -m bench.smoke $(BUNDLE)

# Every pinned dependency has a Windows x64 wheel for Python 3.11, and nothing Windows needs
# is unpinned (downloads them into build/windows-wheels/; needs the package index).
check-windows-wheels: $(STAMP)
	$(BIN)/python tools/check_windows_wheels.py

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
