"""The one small interface every way of sending implements (``registry`` builds the configured one).

A transport knows how to tell whether its server is reachable (quickly: the sender asks
before every batch) and how to deliver one package so that delivering it twice lands it
once (the receiver's import is idempotent too, so even a duplicate e-mail imports once).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Protocol

from reports.outbox.config import TransportKind
from reports.outbox.errors import OfflineError

PROBE_TIMEOUT = 3.0  # seconds for the connectivity check
TRANSFER_TIMEOUT = 60.0  # seconds of silence before a transfer counts as dropped


@dataclass(frozen=True)
class OutgoingPackage:
    package_id: str
    kind: str  # submission | feedback
    file_name: str
    data: bytes
    sender_code: str
    sender_name: str
    recipient_code: str
    recipient_name: str
    label: str  # the periods it carries, e.g. "2026-11"

    @property
    def short_id(self) -> str:
        return self.package_id[:8]


class Transport(Protocol):
    kind: TransportKind

    def describe(self) -> str:
        """Where packages go, for messages ("máy chủ thư smtp.example.vn")."""
        ...

    def check_reachable(self, timeout: float = PROBE_TIMEOUT) -> None:
        """Raise ``OfflineError`` (or an ``AttentionError``) when sending cannot work now."""
        ...

    def deliver(self, package: OutgoingPackage) -> str:
        """Deliver; return a reference (a Message-ID, a URL, a path). Raise a ``TransportError``."""
        ...


def probe_tcp(host: str, port: int, where: str, timeout: float = PROBE_TIMEOUT) -> None:
    """A TCP connection to the server, closed at once: the cheapest honest "is it up?"."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        raise OfflineError(where=where) from exc


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
