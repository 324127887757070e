"""Decree 30 wants the signer's name under the signature: without it, nothing is signed."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports import sample
from reports.documents import issuing
from reports.signing import P12Method, open_signer
from reports.storage.lifecycle import Status
from reports.storage.unit import Role, Unit
from reports.workspace import Workspace

PASSWORD = "mật-khẩu-ký-2026"


def test_signing_without_the_signers_name_is_refused_and_says_where_to_set_it(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "xa", actor="kiểm thử")
    try:
        ws.initialise(
            Unit(
                role=Role.COMMUNE,
                code="26116",
                name="Xã Tân Phú",
                province_name="Tỉnh Đồng Nai",
                province_code="75",
                signer_name="",
            )
        )
        sample.fill_sample(ws, 1)
        issuing.create_signer_key(ws, "Nguyễn Văn An", PASSWORD)
        report = next(r for r in ws.store.list() if r.status is Status.FINAL)
        with (
            open_signer(P12Method(ws.paths.signer_key, PASSWORD)) as signer,
            pytest.raises(issuing.SignerNameMissingError) as refused,
        ):
            issuing.sign_report(ws, report.id, signer)
        assert "Cài đặt" in refused.value.message("vi") and "signer_name" in refused.value.message("vi")
        assert ws.store.get(report.id).status is Status.FINAL  # untouched
    finally:
        ws.close()
