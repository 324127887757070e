"""The entry script of the frozen console program ``cchc`` (build.spec).

It only calls the core's command line; nothing here (or in what it imports) loads Qt, so
build.spec can leave every Qt library out of this executable's analysis.
"""

from __future__ import annotations

import sys

from reports.cli.main import main

if __name__ == "__main__":
    # No multiprocessing.freeze_support(): build.spec leaves multiprocessing out, and the
    # import's worker processes are not used in a frozen program (pdf_checks.worker_count).
    sys.exit(main())
