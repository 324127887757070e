"""Who a reviewer trusts, as its trust page shows it: the communes' bound installation
certificates and the added root certificates, fingerprints spaced as read out by phone; and
who sent a package, before anything is bound."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reports.exchange import sync
from reports.exchange.board import expected_units
from reports.storage import bindings
from reports.workspace import Workspace


@dataclass(frozen=True)
class BoundCertificate:
    unit_code: str
    unit_name: str
    purpose: str
    fingerprint: str  # spaced, upper case, as read out by phone
    bound_at: str
    revoked_at: str | None


@dataclass(frozen=True)
class TrustState:
    certificates: list[BoundCertificate]
    roots: list[tuple[str, str]] = field(default_factory=list)  # (label, fingerprint)


def spaced(fp: str) -> str:
    fp = fp.upper()
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))


def trust_state(ws: Workspace) -> TrustState:
    names = dict(expected_units(ws))
    certs = [
        BoundCertificate(r.unit_code, names.get(r.unit_code, ""), r.purpose, spaced(r.fingerprint), r.bound_at,
                         r.revoked_at)
        for r in bindings.bound_certificates(ws.db)
    ]
    from reports.signing.national_roots import NATIONAL_ROOTS, der_sha256, national_roots

    shipped = [der_sha256(c) for c in national_roots()]
    roots = [(r.label, spaced(r.sha256)) for r in NATIONAL_ROOTS if r.sha256 in shipped]
    roots += [(label, spaced(fp)) for label, fp in bindings.trust_roots(ws.db) if fp.upper() not in shipped]
    return TrustState(certs, roots)


@dataclass(frozen=True)
class PackageSender:
    path: Path
    unit_code: str
    unit_name: str
    fingerprint: str
    already_bound: bool


def package_sender(ws: Workspace, path: Path) -> PackageSender:
    """Who sent a package and the fingerprint of its installation certificate (nothing bound)."""
    from reports.exchange.packages import read_package
    from reports.signing.keys import fingerprint_hex, format_fingerprint

    opened = read_package(path)
    sender = opened.manifest.sender
    fp = fingerprint_hex(opened.certificate)
    return PackageSender(
        Path(path),
        sender.unit_code,
        sender.unit_name,
        format_fingerprint(opened.certificate),
        fp in sync.bound_fingerprints(ws, sender.unit_code),
    )
