"""Two installations, a commune and its reviewer, bound to each other, and the settings that point
their outboxes at the loopback servers of tests/e2e/loopback_servers.py."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from reports.exchange import sync
from reports.outbox import CredentialStore, Outbox
from reports.sample import fill_sample
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace
from tests.e2e.loopback_servers import (
    HOST,
    SO_MAIL,
)

COMMUNE = Unit(role=Role.COMMUNE, code="26734", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai", province_code="75",
               reviewer_code="75", reviewer_name="Sở Nội vụ tỉnh Đồng Nai")
REVIEWER = Unit(role=Role.REVIEWER, code="75", name="Sở Nội vụ tỉnh Đồng Nai", province_name="Tỉnh Đồng Nai",
                province_code="75")
LATER = dt.timedelta(hours=1)  # far past any back-off (capped at 30 minutes)



@dataclass
class Installations:
    commune: Workspace
    reviewer: Workspace
    commune_box: Outbox
    reviewer_box: Outbox

    def later(self, n: int = 1) -> dt.datetime:
        return self.commune.clock() + n * LATER


@pytest.fixture
def both(tmp_path: Path) -> Iterator[Installations]:
    commune = Workspace.open(tmp_path / "xa")
    commune.initialise(COMMUNE)
    reviewer = Workspace.open(tmp_path / "so")
    reviewer.initialise(REVIEWER)
    pem = serialization.Encoding.PEM
    sync.bind_certificate(reviewer, COMMUNE.code, commune.installation_key.certificate.public_bytes(pem))
    sync.bind_certificate(commune, REVIEWER.code, reviewer.installation_key.certificate.public_bytes(pem))
    fill_sample(commune, months=1)
    yield Installations(commune, reviewer, Outbox(commune, CredentialStore(commune.paths, backend="file")),
                        Outbox(reviewer, CredentialStore(reviewer.paths, backend="file")))
    commune.close()
    reviewer.close()


def sender(box: Outbox) -> Any:
    return box.sender(rng=random.Random(3))


def reviewer_package_rows(ws: Workspace, package_id: str) -> int:
    return int(ws.db.execute("SELECT COUNT(*) FROM packages WHERE package_id = ?", (package_id,)).fetchone()[0])



def use_email(ws: Workspace, box: Outbox, port: int, user: str, password: str, reviewer_email: str = SO_MAIL) -> None:
    for key, value in (("outbox_transport", "email"), ("smtp_host", HOST), ("smtp_port", port),
                       ("smtp_security", "none"), ("smtp_user", user), ("reviewer_email", reviewer_email)):
        ws.settings.set(key, value)
    box.set_password("smtp", password)



def use_imap(ws: Workspace, box: Outbox, port: int, user: str, password: str) -> None:
    for key, value in (("imap_host", HOST), ("imap_port", port), ("imap_security", "none"), ("imap_user", user)):
        ws.settings.set(key, value)
    box.set_password("imap", password)



def use_webdav(ws: Workspace, box: Outbox, port: int, user: str, password: str) -> None:
    ws.settings.set("outbox_transport", "webdav")
    ws.settings.set("webdav_url", f"http://{HOST}:{port}/cchc/")
    ws.settings.set("webdav_user", user)
    box.set_password("webdav", password)

