"""The entry script of the frozen console program ``cchc`` (build.spec).

It only calls the core's command line; nothing here (or in what it imports) loads Qt, so
build.spec can leave every Qt library out of this executable's analysis.
"""

from __future__ import annotations

import multiprocessing
import sys

from reports.cli.main import main

if __name__ == "__main__":
    # `cchc import` checks big batches in worker processes (spawned): a frozen program must
    # hand a spawned child to multiprocessing instead of running the command line again.
    multiprocessing.freeze_support()
    sys.exit(main())
