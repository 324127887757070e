"""What the benchmarks share: median-of-N timing, result rows, the table and the JSON file."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Options:
    quick: bool = False  # fewer runs and packages: a quick look, not numbers to quote


@dataclass(frozen=True)
class Timing:
    """Seconds per run over ``runs`` timed runs (after warm-up)."""

    median: float
    minimum: float
    maximum: float
    runs: int

    @property
    def median_ms(self) -> float:
        return self.median * 1000


def time_runs(fn: Callable[[], object], runs: int, *, warmup: int = 1) -> Timing:
    """Run ``fn`` ``warmup`` times untimed (imports, caches, fonts), then ``runs`` times timed."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return Timing(statistics.median(samples), min(samples), max(samples), runs)


@dataclass(frozen=True)
class Result:
    """One line of the table."""

    bench: str  # the module, e.g. "documents"
    name: str  # what was measured
    value: float | None  # None: not measured (see note)
    unit: str  # "ms", "KB", "packages/s", "×"
    target: str = ""  # e.g. "≤ 25 ms"
    met: bool | None = None  # None: no target, or not measured
    note: str = ""


def at_most(value: float, limit: float) -> bool:
    return value <= limit


def at_least(value: float, limit: float) -> bool:
    return value >= limit


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return f"{value:,.{digits}f} {unit}".strip()


def print_table(results: Sequence[Result], out: TextIO = sys.stdout) -> None:
    header = ("bench", "measurement", "value", "target", "met", "note")
    rows = [
        (r.bench, r.name, format_value(r.value, r.unit), r.target,
         "" if r.met is None else ("yes" if r.met else "NO"), r.note)
        for r in results
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header) - 1)]
    def line(row: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(row[:-1], widths, strict=True)) + ("  " + row[-1] if row[-1] else "")
    print(line(header), file=out)
    print("  ".join("-" * w for w in widths) + "  ----", file=out)
    for row in rows:
        print(line(row).rstrip(), file=out)


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": _cpu_model() or platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "load_average": _load(),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


def _load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except (OSError, AttributeError):
        return ""
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def write_markdown(results: Sequence[Result], started: dt.datetime, before: dict[str, Any], path: Path = DOC) -> Path:
    """docs/performance.md: the table of a full ``make bench`` run, with the machine it ran on."""
    after = machine()

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [
        "# Performance",
        "",
        "Written by `make bench` (`python -m bench`); do not edit by hand. Every time is a median of",
        "repeated runs, and both sides of a ratio are measured in the same run, interleaved, so a busy",
        "machine slows both alike. The run's raw numbers are in bench/results/. How these numbers",
        "are reached, and the tests that keep them so: docs/speed.md.",
        "",
        f"Run: {started:%Y-%m-%d %H:%M} UTC to {dt.datetime.now(dt.UTC):%H:%M} UTC.",
        "",
        "| machine | |",
        "|---|---|",
        f"| processor | {before['processor']}, {before['cpus']} cores |",
        f"| memory | {before['memory_gib']} GiB |",
        f"| system | {before['platform']} |",
        f"| Python | {before['python']} |",
        f"| load average (1 / 5 / 15 min) | {before['load_average']} at the start, {after['load_average']} at the end |",
        "",
        "A load average above the number of cores means other work shared the processor during the",
        "run (on the development machine, several sessions share two cores): the absolute times are",
        "then longer than on a quiet machine, the ratios less so.",
        "",
        "| bench | measurement | value | target | met | note |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(f"| {r.bench} | {cell(r.name.strip())} | {format_value(r.value, r.unit)} | {cell(r.target)} | {met} "
                     f"| {cell(r.note)} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_json(results: Sequence[Result], options: Options, started: dt.datetime, folder: Path = RESULTS_DIR) -> Path:
    """``bench/results/bench-<UTC time>.json``, and the same as ``latest.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    document = {
        "started": started.isoformat(),
        "finished": dt.datetime.now(dt.UTC).isoformat(),
        "quick": options.quick,
        "machine": machine(),
        "results": [asdict(r) for r in results],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    path = folder / f"bench-{started:%Y%m%d-%H%M%S}{'-quick' if options.quick else ''}.json"
    path.write_text(text, encoding="utf-8")
    (folder / "latest.json").write_text(text, encoding="utf-8")
    return path


def parse_args(argv: Sequence[str] | None = None, *, names: Sequence[str] = ()) -> tuple[Options, list[str]]:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Báo cáo CCHC benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer runs and packages (not what make bench runs)")
    if names:
        parser.add_argument("only", nargs="*", metavar="NAME", help=f"run only these: {', '.join(names)}")
    args = parser.parse_args(argv)
    only = list(getattr(args, "only", None) or [])
    unknown = [n for n in only if n not in names]
    if unknown:
        parser.error(f"unknown bench {unknown[0]!r}; choose from {', '.join(names)}")
    return Options(quick=args.quick), only


def write_bytecode() -> None:
    """Timed processes start from compiled .pyc files, as an installed program does. A shell
    with PYTHONDONTWRITEBYTECODE set (this machine's, some CI images) would make every cold
    start compile the program's sources again (about 0.5 s of the window's start) and time
    that instead; the untimed first runs write the .pyc files."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False


def progress(text: str) -> None:
    """Setup and progress notes go to stderr; the table is the only thing on stdout."""
    print(text, file=sys.stderr, flush=True)


def run_standalone(name: str, run: Callable[[Options], list[Result]], argv: Sequence[str] | None = None) -> int:
    """``python -m bench.bench_x [--quick]``: one module alone, same table and file."""
    options, _ = parse_args(argv)
    write_bytecode()
    started = dt.datetime.now(dt.UTC)
    results = run(options)
    print_table(results)
    print(f"\nKết quả / results: {write_json(results, options, started)}")
    return 0
