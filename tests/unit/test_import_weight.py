"""Each command family imports only what it uses: run in a fresh interpreter, a command fails
this test when it loads a heavy library it does not need (signing and validation, PDF drawing,
Excel, networking, the OS keyring, Qt). ``cchc --help`` loads none of them, nor the store."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reports.cli.main import main

ROOT = Path(__file__).resolve().parents[2]

# What each heavy module costs a command (measured on the bench machine, cold start): pyHanko
# with its validator ~250 ms, reportlab ~120 ms, sqlite-utils ~60 ms, cryptography ~50 ms.
SIGNING = ("pyhanko.sign", "pkcs11")  # making and checking signatures, tokens
VALIDATION = ("pyhanko_certvalidator",)
PDF_DRAWING = ("reportlab",)
EXCEL = ("openpyxl",)
NETWORK = ("aiohttp", "smtplib", "imaplib")
KEYRING = ("keyring",)
QT = ("PySide6", "shiboken6")
STORE = ("sqlite_utils",)
CRYPTO = ("cryptography",)
EVENT_LOOP = ("asyncio",)

FAMILIES: dict[str, tuple[list[str], tuple[str, ...]]] = {
    # name: (arguments after --data-dir DIR, modules it must not import)
    "help": (["--help"], (*SIGNING, *VALIDATION, *PDF_DRAWING, *EXCEL, *NETWORK, *KEYRING, *QT, *STORE, *CRYPTO,
                          *EVENT_LOOP, "babel", "holidays")),
    "report list": (["report", "list"], (*SIGNING, *VALIDATION, *PDF_DRAWING, *EXCEL, *NETWORK, *KEYRING, *QT, *CRYPTO,
                                         *EVENT_LOOP)),
    "report show": (["report", "show", "1"], (*SIGNING, *VALIDATION, *PDF_DRAWING, *EXCEL, *NETWORK, *KEYRING, *QT,
                                              *CRYPTO, *EVENT_LOOP)),
    "pdf": (["pdf", "1", "-o", "{tmp}/x.pdf"], (*SIGNING, *EXCEL, *NETWORK, *KEYRING, *QT)),
    "keys show": (["keys", "show"], (*SIGNING, *VALIDATION, *PDF_DRAWING, *EXCEL, *NETWORK, *KEYRING, *QT)),
    "backup list": (["backup", "list"], (*SIGNING, *VALIDATION, *PDF_DRAWING, *EXCEL, *NETWORK, *KEYRING, *QT, *CRYPTO,
                                         "babel")),
    "outbox list": (["outbox", "list"], (*SIGNING, *VALIDATION, *PDF_DRAWING, *EXCEL, "aiohttp", *QT)),
    "board": (["board"], (*SIGNING, *VALIDATION, *PDF_DRAWING, *EXCEL, *NETWORK, *KEYRING, *QT)),
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
    heavy = sorted({f for f in forbidden for m in modules if m == f or m.startswith(f + ".")})
    assert heavy == [], f"cchc {family} imports {heavy}, which it does not need"


def test_the_cli_default_form_is_the_boards() -> None:
    from reports.cli.review import DEFAULT_FORM
    from reports.exchange import board

    assert DEFAULT_FORM == board.FORM_ID
