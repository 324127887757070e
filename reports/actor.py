"""Who is acting: the name every audit entry records (``CCHC_ACTOR``, else the OS user)."""

from __future__ import annotations

import getpass
import os


def current_actor() -> str:
    name = os.environ.get("CCHC_ACTOR")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # pragma: no cover - no user name on some Windows set-ups
        return "unknown"
