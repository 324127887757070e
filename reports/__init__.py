"""Báo cáo CCHC — the core: stored reports, documents, signing, sync packages, the CLI.

Nothing here imports Qt; the desktop program and the ``cchc`` command line both sit on it.
"""

__version__ = "0.1.0"
