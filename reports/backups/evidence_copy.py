"""Evidence files travel with the database's backups.

Evidence files are stored by their SHA-256 (reports/storage/evidence.py), so a backup folder
keeps one ``evidence/`` tree beside its database copies and each backup adds only the files
it does not hold yet. When the ladder prunes database copies, the files no remaining copy
refers to go too (``prune_evidence``) — and none at all when a remaining copy cannot be read,
since it might need any of them. A restore puts back every file the restored database may
refer to that the data folder lost.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from reports.storage import integrity
from reports.storage.evidence_files import linked_hashes

log = logging.getLogger(__name__)

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


def copy_evidence(source: Path, target: Path, *, check_source: bool = False, only: set[str] | None = None) -> int:
    """Copy the files ``target`` lacks (same relative path), or of those only the ``only``
    hashes (a backup takes what its database links to); returns how many. A copy is written
    under a temporary name, flushed, then renamed: never half a file under its hash."""
    copied = 0
    for src in _files(source):
        if only is not None and src.name not in only:
            continue
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


def needed_by(copy: Path) -> set[str] | None:
    """The evidence a database copy links to; None when it cannot be read (then copy all)."""
    try:
        with integrity.open_file(copy) as conn:
            return linked_hashes(conn)
    except (sqlite3.Error, OSError):
        return None


def prune_evidence(tree: Path, copies: Iterable[Path]) -> list[Path]:
    """Delete the files of ``tree`` that none of the database ``copies`` links to; what was
    deleted. Nothing is deleted when a copy cannot be read (it may need any file)."""
    wanted: set[str] = set()
    for copy in copies:
        try:
            with integrity.open_file(copy) as conn:
                wanted |= linked_hashes(conn)
        except (sqlite3.Error, OSError) as exc:
            log.warning("evidence in %s not pruned: backup %s cannot be read (%s)", tree, copy, exc)
            return []
    removed = []
    for path in _files(tree):
        if path.name not in wanted:
            try:
                path.unlink()
                removed.append(path)
            except OSError as exc:  # read-only stick, a file open elsewhere: try next time
                log.warning("could not prune evidence copy %s: %s", path, exc)
    return removed
