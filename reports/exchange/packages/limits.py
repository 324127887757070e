"""How big a package may be. The reader enforces these before it unpacks anything."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Far above any real package (a quarter's reports with their signed PDFs are well under
    1 MB), far below what would hurt an old office PC."""

    # An evidence file may be 20 MB (the evidence_max_mb setting's default); a package over the
    # outbox limit is split into parts (reports/exchange/parts.py), so one part holds at most
    # one such file and little else.
    max_package_bytes: int = 30 * MIB
    max_member_bytes: int = 25 * MIB
    max_total_bytes: int = 60 * MIB  # all members unpacked
    max_members: int = 2000
    max_ratio: int = 200  # unpacked size / packed size, per member (zip bombs reach 1000:1)


def mib(n: int) -> int:
    """Whole MiB, rounded up, for messages."""
    return -(-n // MIB)
