"""Checking the signed PDFs of many packages in worker processes, beside the serial import.

Checking a signed PDF (pyHanko: parse, hash the signed ranges, validate the CMS signature and
the certificate) is nine tenths of importing a submission, and one package's PDFs do not
depend on another's. So ``BackgroundChecks`` checks the packages of a batch in a pool of
processes (one per core) and hands over what it found, keyed by each PDF's SHA-256, as the
serial import reaches each package; the import itself stays serial, one transaction per
package, and uses a result only for the very bytes it was computed on (the hash). A package that does not open here is left to the serial stage,
which refuses it with the usual message.

Each distinct PDF is checked once (``plan_checks``): a commune resends what it has not seen
confirmed, so one signed PDF comes in many packages of a folder.

A signer seen before in the run: what is remembered is the comparison of its certificate
names (``reports.signing.parsing_speedups``), which was a quarter of each check; a validation
context shared between signatures was measured no faster (on self-issued commune
certificates, checked against no trust roots as the import does, pyHanko gives up on the path
at once). Each PDF's own signature — digest, signature value, coverage — is always checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# Below this many packages the workers' start-up (each imports pyHanko) costs more than it saves.
MIN_PACKAGES_FOR_WORKERS = 16
# Enough for the importing process to keep a core of its own against two workers (CFS weights
# 1024 against 2 × 335), not so much that the checks starve behind other programs.
WORKER_NICENESS = 5


@dataclass(frozen=True)
class CheckedPdf:
    """What the import needs to know about one signed PDF (plain data: it crosses processes)."""

    intact: bool  # every signature intact
    signed: bool  # there is at least one signature
    data: dict[str, Any] | None  # the report data embedded before signing
    signer_fingerprint: str | None  # of the last signature's certificate
    # The unit code a self-issued certificate names (this program's own signing and
    # installation certificates carry it); None for a CA-issued one, which names a person.
    self_issued_unit: str | None = None


def check_pdf(pdf: bytes) -> CheckedPdf:
    """One PDF checked the way the import checks it (``PdfUnreadableError`` if it cannot be read)."""
    from reports.documents.issuing import verify_document
    from reports.signing.keys import fingerprint_hex, is_self_issued, unit_code_of

    result = verify_document(pdf, [])
    last = result.signatures[-1].certificate if result.signatures else None
    return CheckedPdf(
        intact=bool(result.signatures) and all(s.intact for s in result.signatures),
        signed=bool(result.signatures),
        data=result.data,
        signer_fingerprint=fingerprint_hex(last) if last is not None else None,
        self_issued_unit=unit_code_of(last) if last is not None and is_self_issued(last) else None,
    )


def pdf_key(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


def _check_package_file(path: Path, wanted: Sequence[str]) -> dict[str, CheckedPdf]:
    from reports.errors import CchcError
    from reports.exchange.packages import probe_members

    try:
        # Not verified here (the serial stage verifies the whole package): a result is used
        # only for the very bytes it was computed on, by their hash.
        members = probe_members(path, wanted)
    except (CchcError, OSError):
        return {}  # the serial stage reads it again and says why it is refused
    out: dict[str, CheckedPdf] = {}
    for member in wanted:
        raw = members.get(member)
        if raw is not None:
            try:
                out[pdf_key(raw)] = check_pdf(raw)
            except CchcError:
                continue  # unreadable: the serial stage raises the same error in its context
    return out


def _check_chunk(tasks: list[tuple[Path, tuple[str, ...]]]) -> dict[str, CheckedPdf]:
    found: dict[str, CheckedPdf] = {}
    for path, members in tasks:
        found.update(_check_package_file(path, members))
    return found


def plan_checks(paths: Sequence[Path]) -> Iterator[tuple[int, Path, tuple[str, ...]]]:
    """Each distinct signed PDF once: (index of the package file, the file, the PDF members
    to check in it), in the order of ``paths``.

    A commune resends what it has not seen confirmed, so a folder holds the same signed PDF in
    many packages. The plan goes by the SHA-256 each (not yet verified) manifest claims: a
    manifest that lies only costs the serial stage a check of its own, since results are used
    only for the hash of the bytes actually checked."""
    from reports.errors import CchcError
    from reports.exchange.packages import probe_manifest

    seen: set[str] = set()
    for i, path in enumerate(paths):
        try:
            manifest = probe_manifest(path)
        except (CchcError, OSError):
            continue  # the serial stage refuses it with the usual message
        pdfs = [f for f in manifest.files if f.path.startswith("pdf/")]
        members = tuple(f.path for f in pdfs if f.sha256 not in seen)
        seen.update(f.sha256 for f in pdfs)
        if members:
            yield i, path, members


def _quiet_worker() -> None:
    """A spawned worker has no log handlers: without one, Python would print every warning
    pyHanko logs (with its traceback) on the terminal of `cchc import`. And it yields the CPU to
    the process that imports: on 2 cores, two workers and the serial stage (which also waits
    for each commit to reach the disk) share the cores evenly otherwise, and the serial stage,
    not the checks, is what the whole import waits for (as is the window's UI thread)."""
    import logging

    logging.getLogger().addHandler(logging.NullHandler())
    # POSIX only. On Windows the workers keep normal priority (the frozen program checks in-line).
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)


def worker_count(packages: int) -> int:
    """How many processes to check ``packages`` packages with: 1 means check them in-line."""
    cores = os.cpu_count() or 1
    # The frozen program leaves multiprocessing out (build.spec): it checks in-line.
    if getattr(sys, "frozen", False) or packages < MIN_PACKAGES_FOR_WORKERS or cores < 2:
        return 1
    return min(cores, 8)


class BackgroundChecks:
    """The signed PDFs of a batch, checked in ``workers`` processes while the serial import
    goes on. ``ready(i)`` waits only until every PDF first met in ``paths[: i + 1]`` is checked,
    so the database work of one package overlaps the checking of the next ones; ``results``
    (by SHA-256) is also where the serial stage keeps what it checks itself."""

    # Small chunks: the serial stage starts after the first one, and the pool stays balanced.
    CHUNK = 16

    def __init__(self, paths: Sequence[Path], workers: int) -> None:
        self.results: dict[str, CheckedPdf] = {}
        self._pending: deque[tuple[int, Future[dict[str, CheckedPdf]]]] = deque()
        self._pool: ProcessPoolExecutor | None = None
        if workers < 2 or not paths:
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the desktop calls this from a worker thread of a Qt program, and a
        # forked child of a threaded process may hang on a lock another thread held.
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_quiet_worker
        )
        chunk: list[tuple[Path, tuple[str, ...]]] = []
        first = 0
        for i, path, members in plan_checks(paths):
            if not chunk:
                first = i
            chunk.append((path, members))
            if len(chunk) == self.CHUNK:
                self._pending.append((first, self._pool.submit(_check_chunk, chunk)))
                chunk = []
        if chunk:
            self._pending.append((first, self._pool.submit(_check_chunk, chunk)))

    def ready(self, index: int) -> dict[str, CheckedPdf]:
        """``results``, with every chunk that holds a PDF of ``paths[: index + 1]`` merged in."""
        while self._pending and self._pending[0][0] <= index:
            _, future = self._pending.popleft()
            self.results.update(future.result())
        return self.results

    def close(self) -> None:
        """Stop the workers (chunks not started are dropped: the import was cancelled or is done)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> BackgroundChecks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
