"""Vietnam's national root certificates: the default trust list for verifying signatures.

A reviewer verifying a report signed with a commercial USB token (VNPT-CA, Viettel-CA, …, under
the national root of the Ministry) or with a government special-use token (under "RootCA
chuyên dùng Chính phủ G2") sees "trusted" without importing anything. The files ship in
resources/trust-roots/ (their README says where each fingerprint was checked); the reviewer's
own trust list (``cchc trust add``) adds to them.

Each file is pinned by its SHA-256 here: a file that no longer matches is not trusted (and is
logged), so a changed file fails loudly in the test that recomputes every fingerprint.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import lru_cache

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from reports.resources import resource_path

log = logging.getLogger(__name__)

FOLDER = "trust-roots"


@dataclass(frozen=True)
class NationalRoot:
    file: str
    label: str
    sha256: str  # of the DER certificate, upper-case hex


NATIONAL_ROOTS: tuple[NationalRoot, ...] = (
    NationalRoot("vietnam-national-root-ca.pem", "Vietnam National Root CA",
                 "BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7"),
    NationalRoot("vietnam-national-root-ca-g3.pem", "Vietnam National Root CA G3",
                 "7B3269E7D79AEBBFAE5095F45BBB7074771E690CB7DF02B441062B12F7690ECE"),
    NationalRoot("vietnam-national-root-ca-usbtoken.pem", "VIETNAM NATIONAL ROOT CA - USBTOKEN",
                 "41803135F13A6359866E7E6F76DAFD598D496836944A52DD1FAD66B3BF2EE63B"),
    NationalRoot("vietnam-national-root-ca-rs.pem", "VIETNAM NATIONAL ROOT CA - RS",
                 "12AFEBA2545F6FC0F31EC130F31BF2D16184A2B5B7CEBCB43CFD1BA35DD4EA46"),
    NationalRoot("mic-national-root-ca.pem", "MIC National Root CA",
                 "CA918D635BB130BEC97639E6AABF7EDBC4EB1310F8058B9419F467AE0230AD8C"),
    NationalRoot("rootca-chuyen-dung-chinh-phu-g2.pem", "RootCA chuyên dùng Chính phủ G2",
                 "F04BA4B459A7C9A1B971AD9B1CB833E695A80C79AEA63B174B66A70EDFE2FDB8"),
)


def der_sha256(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest().upper()


@lru_cache(maxsize=1)
def national_roots() -> tuple[x509.Certificate, ...]:
    """Every shipped root whose file still has its pinned fingerprint."""
    roots = []
    for root in NATIONAL_ROOTS:
        path = resource_path(f"{FOLDER}/{root.file}")
        try:
            cert = x509.load_pem_x509_certificate(path.read_bytes())
        except (OSError, ValueError) as exc:
            log.error("national root %s cannot be read: %s", root.file, exc)
            continue
        if der_sha256(cert) != root.sha256:
            log.error("national root %s does not match its pinned fingerprint: not trusted", root.file)
            continue
        roots.append(cert)
    return tuple(roots)
