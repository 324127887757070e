"""The Windows workflow cannot run on this project's Linux machines; this checks that it is
complete and that tools/windows-build.ps1 does the same steps in the same order.

(actionlint is not installable here — its PyPI wrapper downloads a binary at install time —
so the file is parsed and its steps checked; it was also validated against the GitHub workflow
JSON schema with check-jsonschema when it was written, see docs/windows.md.)
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
SCRIPT = ROOT / "tools" / "windows-build.ps1"

# What the build must do, in this order: (what, a pattern its command matches).
STEPS = [
    ("install from constraints.txt", r'pip install -c constraints\.txt -e "\.\[dev\]"'),
    ("compile translations", r"python -m desktop\.i18n_build"),
    ("core tests", r"python -m pytest .*tests\\unit tests\\property"),
    ("build with build.spec", r"pyinstaller --noconfirm --clean build\.spec"),
    ("window self-test", r"dist\\bao-cao-cchc\\bao-cao-cchc\.exe --self-test"),
    ("CLI self-test", r"dist\\bao-cao-cchc\\cchc\.exe self-test"),
    ("smoke measurements", r"python -m bench\.smoke dist\\bao-cao-cchc"),
    (
        "portable zip",
        r"Compress-Archive -Path dist\\bao-cao-cchc -DestinationPath dist\\bao-cao-cchc-windows\.zip",
    ),
    ("Inno Setup", r"& \$iscc installer\\bao-cao-cchc\.iss"),
    ("silent install check", r"/VERYSILENT"),
]


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _job(workflow: dict[Any, Any]) -> dict[str, Any]:
    [job] = workflow["jobs"].values()
    return job  # type: ignore[no-any-return]


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def _positions(text: str) -> list[int]:
    positions = []
    for what, pattern in STEPS:
        match = re.search(pattern, text)
        assert match, f"missing step: {what} ({pattern})"
        positions.append(match.start())
    return positions


def test_triggers_and_runner(workflow: dict[Any, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    job = _job(workflow)
    assert job["runs-on"].startswith("windows-")
    assert job["defaults"]["run"]["shell"] == "pwsh"
    assert 0 < job["timeout-minutes"] <= 90


def test_python_311_x64(workflow: dict[Any, Any]) -> None:
    [setup] = [s for s in _job(workflow)["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup["with"]["python-version"] == "3.11" and setup["with"]["architecture"] == "x64"
    assert "struct.calcsize('P') == 8" in "\n".join(_runs(_job(workflow)))


def test_every_step_is_there_in_order(workflow: dict[Any, Any]) -> None:
    positions = _positions("\n".join(_runs(_job(workflow))))
    assert positions == sorted(positions)


def test_the_test_step_selects_registered_markers_and_skips_posix_only(workflow: dict[Any, Any]) -> None:
    [command] = [r for r in _runs(_job(workflow)) if "pytest" in r]
    expression = re.search(r'-m "([^"]+)"', command)
    assert expression is not None
    used = set(re.findall(r"not (\w+)", expression.group(1)))
    assert used == {"gui", "smoke", "crash", "posix_only"}
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    registered = {m.split(":", 1)[0] for m in pyproject["tool"]["pytest"]["ini_options"]["markers"]}
    assert used <= registered


def test_the_installer_and_the_zip_are_kept(workflow: dict[Any, Any]) -> None:
    uploads = [s for s in _job(workflow)["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    kept = next(s for s in uploads if "if" not in s)
    paths = kept["with"]["path"].split()
    assert paths == ["dist/bao-cao-cchc-*-windows-setup.exe", "dist/bao-cao-cchc-windows.zip"]
    assert kept["with"]["if-no-files-found"] == "error"
    iss = (ROOT / "installer" / "bao-cao-cchc.iss").read_text(encoding="utf-8-sig")
    assert "OutputBaseFilename=bao-cao-cchc-{#AppVersion}-windows-setup" in iss
    assert "OutputDir=..\\dist" in iss


def test_actions_are_pinned_to_a_major_version(workflow: dict[Any, Any]) -> None:
    for step in _job(workflow)["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step["uses"]), step["uses"]


_NATIVE = re.compile(r"^(\.venv\\Scripts\\|dist\\|python |& |py )")


def test_native_commands_are_checked(workflow: dict[Any, Any]) -> None:
    """pwsh does not stop on a failing program: each one but a step's last checks $LASTEXITCODE."""
    for run in _runs(_job(workflow)):
        lines = [
            line.strip() for line in run.splitlines() if line.strip() and not line.strip().startswith("#")
        ]
        for i, line in enumerate(lines[:-1]):
            if _NATIVE.match(line) and "Start-Process" not in line:
                following = " ".join(lines[i : i + 3])
                assert "$LASTEXITCODE" in following, f"unchecked: {line}"


def test_the_powershell_script_mirrors_the_workflow() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    positions = _positions(script)
    assert positions == sorted(positions), "tools/windows-build.ps1 runs the steps in the workflow's order"
    assert '$ErrorActionPreference = "Stop"' in script
    workflow_text = WORKFLOW.read_text(encoding="utf-8")
    for pattern in (
        r'-m "not gui and not smoke and not crash and not posix_only"',
        r"py -3\.11-64|python-version: \"3\.11\"",
    ):
        assert re.search(pattern, workflow_text) or re.search(pattern, script)
    assert re.search(r'-m "not gui and not smoke and not crash and not posix_only"', script)


def test_the_files_it_uses_exist() -> None:
    for name in (
        "build.spec",
        "constraints.txt",
        "installer/bao-cao-cchc.iss",
        "bench/smoke.py",
        "desktop/i18n_build.py",
    ):
        assert (ROOT / name).is_file(), name


def test_constraints_pin_windows_wheels_by_marker() -> None:
    """What `make check-windows-wheels` downloads: the pins that apply on Windows (it needs the
    package index, so it is a make target rather than a test)."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from check_windows_wheels import windows_pins
    finally:
        sys.path.remove(str(ROOT / "tools"))
    pins = windows_pins(ROOT / "constraints.txt")
    assert str(pins["wsgidav"].specifier) == "==4.3.5", "4.4.0 has no wheel"
    for windows_only in ("pywin32-ctypes", "pefile", "colorama"):
        assert windows_only in pins
    assert "pyside6-essentials" in pins and "pyinstaller" in pins
