"""``python -m bench [--quick] [NAME…]``: run every ``bench/bench_*.py`` and print one table."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.common import (
    Result,
    machine,
    parse_args,
    print_table,
    progress,
    write_bytecode,
    write_json,
    write_markdown,
)

PREFIX = "bench_"


def discover() -> list[str]:
    """The short names of the bench modules in this folder, e.g. ["documents", "packages"]."""
    folder = Path(__file__).resolve().parent
    return sorted(m.name.removeprefix(PREFIX) for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith(PREFIX))


def main(argv: Sequence[str] | None = None) -> int:
    names = discover()
    options, only = parse_args(argv, names=names)
    write_bytecode()
    started = dt.datetime.now(dt.UTC)
    before = machine()
    results: list[Result] = []
    for name in only or names:
        progress(f"== {name}{' (--quick)' if options.quick else ''}")
        module = importlib.import_module(f"bench.{PREFIX}{name}")
        results.extend(module.run(options))
    print()
    print_table(results)
    print(f"\nKết quả / results: {write_json(results, options, started)}")
    if not options.quick and set(only or names) == set(names):  # a full run is the one the docs quote
        print(f"Bảng / table: {write_markdown(results, started, before)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
