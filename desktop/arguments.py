"""The desktop program's command line: ``bao-cao-cchc [--data-dir DIR] [--lang vi|en] [--no-err-windows]``.

Qt's own arguments (``-platform offscreen`` …) are left for Qt.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from reports import __version__


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bao-cao-cchc", description="Báo cáo CCHC — the desktop program.")
    parser.add_argument("--version", action="version", version=f"Báo cáo CCHC {__version__}")
    parser.add_argument("--data-dir", help="data folder (default: $CCHC_DATA_DIR or the user's data folder)")
    parser.add_argument(
        "--lang", choices=("vi", "en"), help="interface language for this run (default: the setting)"
    )
    parser.add_argument(
        "--no-err-windows",
        action="store_true",
        help="never show a message box or question (they are logged; also CCHC_NO_ERR_WINDOWS=1)",
    )
    args, _qt_args = parser.parse_known_args(argv)
    return args


def headless_requested(args: argparse.Namespace) -> bool:
    return bool(args.no_err_windows) or os.environ.get("CCHC_NO_ERR_WINDOWS", "") not in ("", "0")
