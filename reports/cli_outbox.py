"""cchc outbox commands (being written)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Adds the outbox commands to the parser."""
