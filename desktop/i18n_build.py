"""Build the translations: ``python -m desktop.i18n_build`` (what `make translations` runs).

    python -m desktop.i18n_build            compile resources/translations/*.ts to .qm
    python -m desktop.i18n_build --update   first re-read desktop/*.py with lupdate, keeping
                                            the translations already made (new strings come
                                            out "unfinished"; tests/gui/test_translations.py
                                            fails until each is translated); a string that
                                            moved to another class keeps its translation

lupdate and lrelease are the ones bundled in the PySide6 package.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "desktop"
TS_DIR = ROOT / "resources" / "translations"
# The .ts files lupdate maintains (qt_vi.ts is kept by hand: Qt's own strings).
PROGRAM_TS = {
    "cchc_vi.ts": ["-target-language", "vi_VN"],
    "cchc_en.ts": ["-target-language", "en", "-pluralonly"],
}


def qt_tool(name: str) -> Path:
    """A Linguist tool shipped inside the PySide6 package (lupdate, lrelease)."""
    import PySide6

    base = Path(PySide6.__file__).resolve().parent
    for candidate in (base / name, base / f"{name}.exe", base / "Qt" / "libexec" / name):
        if candidate.exists():
            return candidate
    raise RuntimeError(f"{name} was not found in {base}; is PySide6 (Essentials) installed?")


def sources() -> list[Path]:
    return sorted(p for p in SOURCE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def update_ts(ts: Path, extra: list[str], files: list[Path] | None = None) -> str:
    """Merge the strings of ``files`` (default: desktop/) into ``ts``; lupdate's report."""
    cmd = [
        str(qt_tool("lupdate")),
        "-silent",
        "-locations",
        "none",
        "-no-obsolete",
        *extra,
        "-source-language",
        "en",
        *[str(p) for p in (files or sources())],
        "-ts",
        str(ts),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"lupdate failed: {done.stderr or done.stdout}")
    return done.stdout + done.stderr


def _finished(ts: Path) -> dict[str, ET.Element]:
    """source text → a finished <translation> element, whatever its context."""
    out: dict[str, ET.Element] = {}
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") is None and (translation.text or "").strip():
            out.setdefault(message.findtext("source") or "", translation)
    return out


def carry_translations(ts: Path, known: dict[str, ET.Element]) -> int:
    """Fill the unfinished messages of ``ts`` whose source text was translated before (code
    moved from one class to another changes the context, not the words); how many."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        old = known.get(message.findtext("source") or "")
        if translation is None or translation.get("type") != "unfinished" or old is None:
            continue
        message.remove(translation)
        message.append(old)
        filled += 1
    if filled:
        ET.indent(tree, space="    ")
        body = ET.tostring(tree.getroot(), encoding="unicode")
        ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")
    return filled


def compile_ts(ts: Path, qm: Path) -> None:
    cmd = [str(qt_tool("lrelease")), "-silent", str(ts), "-qm", str(qm)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"lrelease failed for {ts}: {done.stderr or done.stdout}")


def build(out_dir: Path | None = None, ts_dir: Path = TS_DIR) -> list[Path]:
    built = []
    for ts in sorted(ts_dir.glob("*.ts")):
        qm = (out_dir or ts.parent) / ts.with_suffix(".qm").name
        qm.parent.mkdir(parents=True, exist_ok=True)
        compile_ts(ts, qm)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.i18n_build", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="re-read desktop/*.py into the .ts files first")
    parser.add_argument("--out", type=Path, help="write the .qm files here (default: beside the .ts)")
    args = parser.parse_args(argv)
    if args.update:
        for name, extra in PROGRAM_TS.items():
            known = _finished(TS_DIR / name)
            print(update_ts(TS_DIR / name, extra).strip() or f"updated {name}")
            if carried := carry_translations(TS_DIR / name, known):
                update_ts(TS_DIR / name, extra)  # back to lupdate's own layout
                print(f"{name}: {carried} moved strings keep their translation")
    for qm in build(args.out):
        print(f"built {qm.relative_to(ROOT) if qm.is_relative_to(ROOT) else qm}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
