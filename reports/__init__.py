"""Báo cáo CCHC — the core: stored reports, documents, signing, sync packages, the CLI.

Nothing here imports Qt; the desktop program and the ``cchc`` command line both sit on it.
"""

from reports import deferred_imports

__version__ = "0.1.0"

# Before anything of the core can import reportlab: what documents never use is prepared on
# first use (reports/deferred_imports.py).
deferred_imports.install()
