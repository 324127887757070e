"""Each command family imports only what it uses: run in a fresh interpreter, a command fails
this test when it loads a heavy library it does not need (signing and validation, PDF drawing,
Excel, networking, the OS keyring, Qt). ``cchc --help`` loads none of them, nor the store.
No command, and not the window's start, imports the ``holidays`` package: the statutory
holidays are a shipped table (forms/statutory-holidays-vn.json). The commune window, from a
cold start until its list has rows and the worker is idle, loads none of the heavy libraries
either: signing, PDF drawing and the exchange machinery wait until a page or a job needs them."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reports.cli.main import main

ROOT = Path(__file__).resolve().parents[2]

# What each heavy module costs a command (measured on the bench machine, cold start): pyHanko
# with its validator ~250 ms, reportlab ~120 ms, cryptography ~50 ms, the form engine and the
# store ~40 ms, Babel ~15 ms, uuid (platform) and logging.handlers (socket, pickle) ~10 ms each.
SIGNING = ("pyhanko.sign", "pkcs11")  # making and checking signatures, tokens
VALIDATION = ("pyhanko_certvalidator",)
PDF_DRAWING = ("reportlab",)
IMAGING = ("PIL",)  # reportlab loads it for images; a command without a PDF has none
# reportlab imports PIL.Image; its code (and Pillow's C library) runs only when an image is
# drawn (reports/deferred_imports.py): a document without a seal image never runs it.
IMAGE_CODE = ("PIL._imaging", "PIL.ExifTags")
EXCEL = ("openpyxl",)
NETWORK = ("aiohttp", "smtplib", "imaplib")
SOCKETS = ("socket", "ssl", "urllib.request")  # below the network libraries; logging.handlers loaded socket
KEYRING = ("keyring",)
QT = ("PySide6", "shiboken6")
STORE = ("sqlite3", "reports.storage", "reports.workspace")  # the database and the services over it
FORM_ENGINE = ("forms.definition", "forms.engine", "tomllib")
# A definition parsed and checked: the forms model, scoring, the engine, the translations. Listing
# reports names their forms by their headings (forms/heading.py) and needs none of it.
PARSED_FORMS = ("forms.definition", "forms.model", "forms.scoring", "forms.engine", "forms.problems", "forms.translation")
OPENSSL = ("hashlib",)  # loads libcrypto: for making or checking hashes, which listing does not
CRYPTO = ("cryptography",)
EVENT_LOOP = ("asyncio",)
HOLIDAYS = ("holidays",)  # the table is shipped; the package is the table's generator only
NUMBERS = ("babel",)  # forms/numbers.py formats as Babel's vi patterns do, without loading it
UUID = ("uuid",)  # new report ids only; it imports platform
# Never needed by any command: sqlite-utils (the store has its own small handle) with click,
# pluggy and its scan of every installed package; logging.handlers (socket, pickle); processes.
NEVER = ("sqlite_utils", "click", "pluggy", "importlib.metadata", "logging.handlers", "multiprocessing")
# Making and looking through backups: before a migration, for a damaged file, `cchc backup`.
BACKUPS = ("reports.backups.backup", "reports.backups.evidence_copy", "reports.backups.inspection")
# The PAR index's work when a report is finalised (the store's hooks import it then).
PAR_WORK = ("reports.par_index.computed", "reports.par_index.sheet")
# The commune's and the reviewer's documents, exchange and appraisal machinery.
DOCUMENTS = ("reports.documents",)
EXCHANGE = ("reports.exchange", "reports.outbox", "reports.appraisal")
# What a command that only reads the database and prints text needs none of.
READING = (*SIGNING, *VALIDATION, *PDF_DRAWING, *IMAGING, *EXCEL, *NETWORK, *SOCKETS, *KEYRING, *QT, *CRYPTO, *EVENT_LOOP, *HOLIDAYS,
           *UUID, *DOCUMENTS, *BACKUPS, *PAR_WORK)
EVERYTHING = (*READING, *STORE, *FORM_ENGINE, *NUMBERS, *EXCHANGE, "reports.backups", "reports.par_index")


FAMILIES: dict[str, tuple[list[str], tuple[str, ...]]] = {
    # name: (arguments after --data-dir DIR, modules it must not import besides NEVER)
    # The list of commands is a table: no command group, not even their shared context.
    "help": (["--help"], (*EVERYTHING, "reports.cli.context", "dataclasses", "inspect")),
    "group help": (["pdf", "--help"], EVERYTHING),  # a group's help loads its group, no more
    "report list": (["report", "list"], (*READING, *NUMBERS, *EXCHANGE, *PARSED_FORMS, *OPENSSL)),
    "report show": (["report", "show", "1"], (*READING, *EXCHANGE)),
    "validate": (["report", "validate", "1"], (*READING, *EXCHANGE)),
    "audit": (["audit", "1"], (*READING, *NUMBERS, *EXCHANGE, *PARSED_FORMS, *OPENSSL)),
    "config list": (["config", "list"], (*READING, *NUMBERS, *EXCHANGE, *PARSED_FORMS, *OPENSSL)),
    "pdf": (["pdf", "1", "-o", "{tmp}/x.pdf"], (*SIGNING, *VALIDATION, *EXCEL, *NETWORK, *SOCKETS, *KEYRING, *QT, *CRYPTO, *NUMBERS,
                                                 *EVENT_LOOP, *HOLIDAYS, *UUID, *EXCHANGE, *BACKUPS,
                                                 *PAR_WORK, *IMAGE_CODE)),
    "keys show": (["keys", "show"], (*SIGNING, *VALIDATION, *PDF_DRAWING, *EXCEL, *NETWORK, *KEYRING, *QT, *HOLIDAYS, *UUID,
                                     *EXCHANGE)),
    "backup list": (["backup", "list"], tuple(m for m in (*READING, *NUMBERS, *EXCHANGE) if m not in BACKUPS)),
    "outbox list": (["outbox", "list"], (*SIGNING, *VALIDATION, *PDF_DRAWING, *EXCEL, "aiohttp", *QT, *HOLIDAYS)),
    "board": (["board"], (*READING, "reports.outbox", "reports.appraisal")),
    "status": (["status", "--period", "2026-01"], (*READING, "reports.outbox", "reports.appraisal")),
}

SCRIPT = """
import contextlib, io, json, sys
from reports.cli.main import main
code = None
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xa")
    quiet = io.StringIO()
    assert main(["--data-dir", str(folder), "init", "--unit-code", "26116", "--unit-name", "Xã Tân Phú",
                 "--province", "Tỉnh Đồng Nai", "--signer-name", "Nguyễn Văn An"], out=quiet) == 0
    assert main(["--data-dir", str(folder), "sample", "--months", "1"], out=quiet) == 0
    return folder


def _loaded(family: str, data_dir: Path, tmp_path: Path) -> list[str]:
    args, _ = FAMILIES[family]
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    done = subprocess.run([sys.executable, "-c", SCRIPT, "--data-dir", str(data_dir), *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, None), f"cchc {' '.join(argv)} failed: exit {result['code']}"
    return list(result["modules"])


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_a_command_imports_only_what_it_uses(family: str, data_dir: Path, tmp_path: Path) -> None:
    modules = _loaded(family, data_dir, tmp_path)
    _, forbidden = FAMILIES[family]
    heavy = sorted({f for f in (*forbidden, *NEVER) for m in modules if m == f or m.startswith(f + ".")})
    assert heavy == [], f"cchc {family} imports {heavy}, which it does not need"


# The commune window's start (tests/gui and bench/bench_gui.py start it the same way).
WINDOW_START = """
import json, sys
from desktop.app import Application, parse_args
app = Application(parse_args(["--data-dir", sys.argv[1], "--no-err-windows"]), install_hooks=False)
assert app.build() and app.window is not None and app.window.isVisible()
app.runner.wait_idle(60_000)
app.qapp.processEvents()
rows = app.window.report_list.model.rowCount()
modules = sorted(sys.modules)
app.shutdown()
print(json.dumps({"rows": rows, "modules": modules}))
"""
# What the first window must not wait for: signing and validation, PDF drawing (and the
# preview's QtPdf), Excel, networking, the keyring, the export/import machinery, the holidays
# package. Each of these is loaded by the page, dialog or job that uses it.
# Nor does the list need its forms parsed (PARSED_FORMS): the forms model, the engine and the
# translations load when a report is opened. The unit catalogue is the wizard's and the demo's.
WINDOW_FORBIDDEN = (*SIGNING, *VALIDATION, *PDF_DRAWING, *EXCEL, *NETWORK, *KEYRING, *CRYPTO, *EVENT_LOOP, *HOLIDAYS,
                    *PARSED_FORMS, "asn1crypto", "PySide6.QtPdf", "reports.documents", "reports.exchange",
                    "reports.appraisal", "reports.admin_units", *OPENSSL, "_strptime")


@pytest.mark.gui
def test_the_commune_window_starts_without_the_heavy_libraries(data_dir: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_NO_ERR_WINDOWS": "1"}
    done = subprocess.run([sys.executable, "-c", WINDOW_START, str(data_dir)], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, check=False, env=env)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["rows"] > 0  # the list had loaded: the start was measured to the end
    heavy = sorted({f for f in WINDOW_FORBIDDEN for m in result["modules"] if m == f or m.startswith(f + ".")})
    assert heavy == [], f"the window's start imports {heavy}, which its first screen does not need"


# The window's second start (from the last start's hint, as every start but the first): which
# thread imports each module first. The database worker waits while the UI thread builds the
# window and opens the database while it is shown (desktop/app.py, show_main_window); what the
# UI thread imports delays the window, and what only the worker needs must not be imported by
# the window's modules (the worker may get there first during show(), so this can miss a
# module both import, never blame one the UI thread does not).
UI_THREAD_START = """
import json, sys, threading
from pathlib import Path
first = {}
class Spy:
    def find_spec(self, name, path=None, target=None):
        if name not in sys.modules:
            first.setdefault(name, threading.current_thread() is threading.main_thread())
        return None
sys.meta_path.insert(0, Spy())
from desktop.app import Application, parse_args
from desktop.start_hint import read_hint
hinted = read_hint(Path(sys.argv[1])) is not None
app = Application(parse_args(["--data-dir", sys.argv[1], "--no-err-windows"]), install_hooks=False)
assert app.build() and app.window is not None and app.window.isVisible()
app.runner.wait_idle(60_000)
app.qapp.processEvents()
rows = app.window.report_list.model.rowCount()
app.shutdown()
print(json.dumps({"hinted": hinted, "rows": rows, "ui": sorted(m for m, ui in first.items() if ui),
                  "worker": sorted(m for m, ui in first.items() if not ui)}))
"""
# What only the worker needs: opening the database, the store and the forms' headings (TOML).
WORKER_ONLY = ("reports.workspace", "reports.storage.store", "reports.storage.database", "reports.storage.form_registry",
               "reports.backups", "forms.heading", "sqlite3", "tomllib")


@pytest.mark.gui
def test_the_ui_thread_builds_the_window_without_the_store(data_dir: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_NO_ERR_WINDOWS": "1"}
    results = []
    for _ in range(2):  # the first start leaves the hint the second one starts from
        done = subprocess.run([sys.executable, "-c", UI_THREAD_START, str(data_dir)], cwd=ROOT, capture_output=True,
                              text=True, timeout=180, check=False, env=env)
        assert done.returncode == 0, done.stderr
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    result = results[-1]
    assert result["hinted"] and result["rows"] > 0
    assert "reports.workspace" in result["worker"]  # the worker opened the database
    on_ui = sorted({f for f in WORKER_ONLY for m in result["ui"] if m == f or m.startswith(f + ".")})
    assert on_ui == [], f"the window's UI thread imports {on_ui}, which only the database worker needs"


def test_the_cli_default_form_is_the_boards() -> None:
    from reports.cli.review import DEFAULT_FORM
    from reports.exchange import board

    assert DEFAULT_FORM == board.FORM_ID
