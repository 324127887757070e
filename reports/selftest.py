"""The program checks itself: every part a commune needs, end to end, in a throwaway folder.

Run by ``cchc self-test`` and by the desktop program's ``--self-test`` (which also opens and
closes the main window). In a frozen bundle it proves the bundle carries everything: form
definitions, fonts, the unit list, the crypto backends and the zip code. Each step prints one
line; the first failure stops the test with a non-zero result.
"""

from __future__ import annotations

import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO


@dataclass
class SelfTestResult:
    ok: bool = True
    steps: list[tuple[str, float, str]] = field(default_factory=list)  # (name, seconds, error)


def run_core_self_test(out: TextIO, *, keep: Path | None = None) -> SelfTestResult:
    from reports.workspace import Workspace

    result = SelfTestResult()
    folder = Path(tempfile.mkdtemp(prefix="cchc-selftest-")) if keep is None else keep
    state: dict[str, object] = {}

    def step(name: str, fn: Callable[[], object]) -> bool:
        start = time.perf_counter()
        try:
            state[name] = fn()
        except Exception:  # a self-test reports every failure, whatever it is
            result.ok = False
            detail = traceback.format_exc(limit=6)
            result.steps.append((name, time.perf_counter() - start, detail))
            print(f"LỖI  {name}\n{detail}", file=out)
            return False
        elapsed = time.perf_counter() - start
        result.steps.append((name, elapsed, ""))
        print(f"OK   {name} ({elapsed * 1000:.0f} ms)", file=out)
        return True

    commune_dir, reviewer_dir = folder / "xa", folder / "so"
    commune = Workspace.open(commune_dir)
    reviewer = Workspace.open(reviewer_dir)
    try:
        steps: list[tuple[str, Callable[[], object]]] = [
            ("danh mục đơn vị hành chính", lambda: _catalog()),
            ("biểu mẫu", lambda: _forms(commune)),
            ("thiết lập xã và Sở Nội vụ", lambda: _setup(commune, reviewer)),
            ("nhập và hoàn thành báo cáo", lambda: _fill(commune)),
            ("tạo PDF", lambda: _render(commune, state)),
            ("ký số và kiểm tra chữ ký", lambda: _sign(commune, state)),
            ("xuất và nhận gói đồng bộ", lambda: _sync(commune, reviewer, folder)),
            ("tổng hợp ra Excel", lambda: _consolidate(reviewer, folder, state)),
        ]
        for name, fn in steps:
            if not step(name, fn):
                break
    finally:
        commune.close()
        reviewer.close()
    print("Tự kiểm tra: ĐẠT" if result.ok else "Tự kiểm tra: KHÔNG ĐẠT", file=out)
    return result


def _catalog() -> int:
    from reports.admin_units import UnitCatalog

    catalog = UnitCatalog.load()
    assert len(catalog.provinces()) == 34, "the unit list must have 34 provinces"
    assert catalog.search("tan phu"), "diacritics-insensitive search"
    return len(catalog.provinces())


def _forms(ws: object) -> int:
    from forms.definition import builtin_definitions

    return len(builtin_definitions())


def _setup(commune: object, reviewer: object) -> None:
    from reports.storage.unit import Role, Unit
    from reports.workspace import Workspace

    assert isinstance(commune, Workspace) and isinstance(reviewer, Workspace)
    commune.initialise(Unit(role=Role.COMMUNE, code="26116", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai",
                            province_code="75", reviewer_code="75", reviewer_name="Sở Nội vụ tỉnh Đồng Nai",
                            place="Tân Phú", signer_name="Nguyễn Văn An"))
    reviewer.initialise(Unit(role=Role.REVIEWER, code="75", name="Sở Nội vụ tỉnh Đồng Nai",
                             province_name="Tỉnh Đồng Nai", province_code="75"))


def _fill(ws: object) -> int:
    from reports.sample import fill_sample
    from reports.workspace import Workspace

    assert isinstance(ws, Workspace)
    created = fill_sample(ws, 1).created
    assert created, "sample data"
    return created[0]


def _render(ws: object, state: dict[str, object]) -> int:
    from reports.documents.issuing import render_pdf
    from reports.workspace import Workspace

    assert isinstance(ws, Workspace)
    rid = int(state["nhập và hoàn thành báo cáo"])  # type: ignore[call-overload]
    pdf = render_pdf(ws, rid).pdf
    from reports.documents.fonts import register_fonts

    # Times New Roman where Windows has it and allows embedding, else the bundled CCHC Serif.
    embedded = b"CCHCSerif" if register_fonts().source == "bundled" else b"TimesNewRoman"
    assert pdf.startswith(b"%PDF") and embedded in pdf, "the PDF embeds the document font"
    return len(pdf)


def _sign(ws: object, state: dict[str, object]) -> None:
    from reports.documents.issuing import create_signer_key, sign_report, trust_roots, verify_document
    from reports.signing import P12Method, open_signer
    from reports.workspace import Workspace

    assert isinstance(ws, Workspace)
    rid = int(state["nhập và hoàn thành báo cáo"])  # type: ignore[call-overload]
    create_signer_key(ws, "Nguyễn Văn An", "tu-kiem-tra")
    with open_signer(P12Method(ws.paths.signer_key, "tu-kiem-tra")) as signer:
        signed = sign_report(ws, rid, signer)
    check = verify_document(signed.pdf, trust_roots(ws))
    assert check.ok, "the signature verifies"
    assert check.data is not None and check.data["report_uid"] == signed.report.uid, "the data is embedded"


def _sync(commune: object, reviewer: object, folder: Path) -> None:
    from reports.exchange.sync import Outcome, export_package, import_file, trust_package_sender
    from reports.workspace import Workspace

    assert isinstance(commune, Workspace) and isinstance(reviewer, Workspace)
    exported = export_package(commune, folder / "goi")
    trust_package_sender(reviewer, exported.path)
    result = import_file(reviewer, exported.path)
    assert result.outcome is Outcome.IMPORTED, result.reason
    again = import_file(reviewer, exported.path)
    assert again.outcome is Outcome.ALREADY_HAD, again.reason


def _consolidate(reviewer: object, folder: Path, state: dict[str, object]) -> None:
    from reports.exchange.consolidation import consolidate, write_xlsx
    from reports.workspace import Workspace

    assert isinstance(reviewer, Workspace)
    period = reviewer.store.list()[0].period
    write_xlsx(consolidate(reviewer, period.code), period.label(), folder / "tong-hop.xlsx")
