"""`make bundle` rebuilds only when something that goes into the bundle changed
(tools/bundle/inputs.py): a digest over the contents, recorded after a successful build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.bundle.inputs import ROOT, build, digest, input_files, main, stamp_path, why_stale

MAKE_BUNDLE = [
    sys.executable,
    "-c",
    "import pathlib, sys; b = pathlib.Path('dist/bao-cao-cchc'); b.mkdir(parents=True, exist_ok=True); "
    "[(b / n).write_text('x') for n in ('bao-cao-cchc', 'cchc')]",
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "build.spec").write_text("# spec\n")
    for rel in ("desktop/app.py", "reports/__init__.py", "forms/definitions/a.toml", "resources/icons/app.svg",
                "tools/bundle/icu.py"):  # fmt: skip
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"# {rel}\n")
    return tmp_path


def test_the_digest_follows_contents_not_times(tree: Path) -> None:
    first = digest(tree)
    app = tree / "desktop" / "app.py"
    os.utime(app, (1, 1))  # a checkout that rewrites the same bytes
    (tree / "desktop" / "__pycache__").mkdir()
    (tree / "desktop" / "__pycache__" / "app.cpython-311.pyc").write_bytes(b"\0")
    (tree / "tests").mkdir()
    (tree / "tests" / "test_x.py").write_text("# not in the bundle\n")
    assert digest(tree) == first
    app.write_text("# changed\n")
    assert digest(tree) != first
    app.write_text("# desktop/app.py\n")
    assert digest(tree) == first
    (tree / "resources" / "calendar").mkdir()
    (tree / "resources" / "calendar" / "new.toml").write_text("")  # a new resource counts
    assert digest(tree) != first


def test_the_inputs_are_what_build_spec_reads() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in input_files()}
    assert {"build.spec", "desktop/app.py", "reports/workspace.py", "tools/bundle/icu.py"} <= names
    assert any(n.startswith("resources/fonts/") for n in names)
    assert any(n.startswith("forms/definitions/") for n in names)
    assert not any(n.startswith(("tests/", "bench/", "docs/")) or "__pycache__" in n for n in names)


def test_a_bundle_is_current_only_after_a_successful_build_of_these_inputs(tree: Path) -> None:
    bundle = tree / "dist" / "bao-cao-cchc"
    assert "no bundle" in (why_stale(bundle, tree) or "")
    assert build(bundle, [sys.executable, "-c", "raise SystemExit(3)"], tree) == 3
    assert not stamp_path(bundle).exists()
    assert build(bundle, MAKE_BUNDLE, tree) == 0
    assert why_stale(bundle, tree) is None
    (tree / "build.spec").write_text("# another spec\n")
    assert "changed" in (why_stale(bundle, tree) or "")
    assert build(bundle, MAKE_BUNDLE, tree) == 0
    assert why_stale(bundle, tree) is None
    assert stamp_path(bundle).parent == bundle.parent  # not inside the folder the downloads are made of


def test_a_bundle_built_another_way_is_not_taken_as_current(tree: Path) -> None:
    bundle = tree / "dist" / "bao-cao-cchc"
    subprocess.run(MAKE_BUNDLE, cwd=tree, check=True)
    assert "not built by" in (why_stale(bundle, tree) or "")


def test_the_command_line_answers_with_its_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "none")]) == 1
    assert "building it" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["build", str(tmp_path / "none")])  # no command given
