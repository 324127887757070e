"""Evidence files travel with the database's backups.

Evidence files are stored by their SHA-256 (reports/storage/evidence.py), so a backup folder
keeps one ``evidence/`` tree beside its database copies and each backup adds only the files
it does not hold yet; a file never changes, so there is nothing to prune. A restore puts
back every file the restored database may refer to that the data folder lost.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

EVIDENCE_FOLDER = "evidence"


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.glob("??/*") if p.is_file() and len(p.name) == 64 and p.parent.name == p.name[:2]]


def _sound(path: Path) -> bool:
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return False
    return h.hexdigest() == path.name


def copy_evidence(source: Path, target: Path, *, check_source: bool = False) -> int:
    """Copy the files ``target`` lacks (same relative path); returns how many. A copy is
    written under a temporary name, flushed, then renamed: never half a file under its hash."""
    copied = 0
    for src in _files(source):
        dst = target / src.parent.name / src.name
        if dst.is_file() and dst.stat().st_size == src.stat().st_size:
            continue
        if check_source and not _sound(src):
            continue  # a damaged copy is worse than none: the check names the file as missing
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f"{dst.name}.{os.getpid()}.tmp")
        try:
            with src.open("rb") as fin, tmp.open("wb") as fout:
                for chunk in iter(lambda: fin.read(1 << 20), b""):
                    fout.write(chunk)
                fout.flush()
                os.fsync(fout.fileno())
            os.replace(tmp, dst)
        finally:
            tmp.unlink(missing_ok=True)
        copied += 1
    return copied
