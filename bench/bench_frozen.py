"""The frozen program (``make build`` → dist/bao-cao-cchc/): cold start and download size.

* cold start to the main window: a new process of the frozen ``bao-cao-cchc`` each run, over a
  data folder with six months of sample reports, offscreen, from spawn to the main window
  shown (``--startup-probe``) — target ≤ 350 ms median; also until its list has rows;
* the unpacked folder — target ≤ 130 MB — and the archives ``make build`` left in dist/
  (tar.xz — target ≤ 45 MB — and zip), when they are newer than the folder.

Skipped, with a note, when dist/ has no bundle. ``make smoke`` (bench/smoke.py) measures the
same and also runs the bundle's self-test.
"""

from __future__ import annotations

from pathlib import Path

from bench.common import Options, Result, at_most, progress, run_standalone
from bench.smoke import (
    DOWNLOAD_TARGET_MB,
    MB,
    START_TARGET_S,
    UNPACKED_TARGET_MB,
    executables,
    folder_bytes,
    measure_start,
    newest_mtime,
    platform_tag,
)

NAME = "frozen"
BUNDLE = Path(__file__).resolve().parent.parent / "dist" / "bao-cao-cchc"


def run(options: Options, bundle: Path = BUNDLE) -> list[Result]:
    app, cli = executables(bundle)
    if not app.exists() or not cli.exists():
        note = f"no bundle in {bundle.parent.name}/ (make build)"
        progress(f"   skipped: {note}")
        return [Result(NAME, "frozen cold start to the main window", None, "ms", f"≤ {START_TARGET_S * 1000:.0f} ms",
                       None, note)]
    runs = 3 if options.quick else 7
    progress(f"   {runs} starts of {app.name} (+1 untimed), offscreen, six months of sample reports")
    results: list[Result] = []
    times = measure_start(bundle, runs)
    if times.failure:
        results.append(Result(NAME, "frozen cold start to the main window", None, "ms",
                              f"≤ {START_TARGET_S * 1000:.0f} ms", False, "did not start: " + times.failure[:200]))
    else:
        shown = times.median_shown
        assert shown is not None
        results.append(Result(NAME, "frozen cold start to the main window", shown * 1000, "ms",
                              f"≤ {START_TARGET_S * 1000:.0f} ms", at_most(shown, START_TARGET_S),
                              f"median of {runs}, min {min(times.shown) * 1000:.0f}, max {max(times.shown) * 1000:.0f}"))
        if times.median_loaded is not None:
            results.append(Result(NAME, "frozen start until the report list has rows", times.median_loaded * 1000,
                                  "ms", note=f"median of {len(times.loaded)}"))

    unpacked = folder_bytes(bundle) / MB
    results.append(Result(NAME, "bundle unpacked", unpacked, "MB", f"≤ {UNPACKED_TARGET_MB} MB",
                          at_most(unpacked, UNPACKED_TARGET_MB), bundle.name + "/"))
    built = newest_mtime(bundle)
    for kind in ("tar.xz", "zip"):
        archive = bundle.parent / f"{bundle.name}-{platform_tag()}.{kind}"
        if not archive.exists() or archive.stat().st_mtime < built:
            results.append(Result(NAME, f"download ({kind})", None, "MB", note="no current archive (make build)"))
            continue
        size = archive.stat().st_size / MB
        if kind == "tar.xz":
            results.append(Result(NAME, "download (tar.xz)", size, "MB", f"≤ {DOWNLOAD_TARGET_MB} MB",
                                  at_most(size, DOWNLOAD_TARGET_MB), archive.name))
        else:
            results.append(Result(NAME, "download (zip)", size, "MB", note=archive.name))
    return results


if __name__ == "__main__":
    import sys

    sys.exit(run_standalone(NAME, run))
