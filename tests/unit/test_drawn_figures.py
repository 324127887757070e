"""A signed PDF whose pages draw other figures than the data it carries.

The commune's program embeds the true figures (so the import's data check passes) but draws
others on the pages, signs the lot with the commune's own signing key and sends it in a package
re-signed with its installation key. The import cannot tell (drawing again costs too much
there); the reviewer's report view and ``cchc verify`` draw the document again from the
embedded data and the letterhead the PDF records, and compare what each page draws.
"""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest

from reports.cli.main import main as cchc
from reports.documents import issuing
from reports.documents.embedded import EmbeddedFile
from reports.documents.issuing import DATA_ATTACHMENT, canonical_json
from reports.documents.layout_record import LAYOUT_ATTACHMENT, layout_of
from reports.documents.render import render_report
from reports.exchange import sync
from reports.exchange.drawn_figures import DrawnState, check_drawn
from reports.exchange.packages import read_package
from reports.exchange.received_report import received_report
from reports.exchange.sync import Outcome
from reports.signing import P12Method, SignatureAppearance, SignatureBox, open_signer
from reports.signing.compaction import compact_pdf
from reports.signing.page_content import page_drawing
from reports.workspace import Workspace
from tests.unit.sync_world import (
    PASSWORD,
    SIGNER,
    TAN_PHU,
    World,
    deliver,
    repack,
)


def signed_drawing(tan_phu: Workspace, uid: str, *, shown: dict[str, object] | None = None,
                   layout_change: dict[str, object] | None = None) -> bytes:
    """The commune's signed report made again as a modified program would: the true data
    embedded, the pages drawn from ``shown`` over it, the layout record changed by
    ``layout_change``; signed with the commune's own signing key."""
    report = tan_phu.store.by_uid(uid)
    assert report is not None
    doc = issuing.report_document(tan_phu, report, draft=False)
    layout = {**layout_of(doc), **(layout_change or {})}
    attachments = [EmbeddedFile(DATA_ATTACHMENT, canonical_json(issuing.report_data(tan_phu, report))),
                   EmbeddedFile(LAYOUT_ATTACHMENT, canonical_json(layout))]
    drawn = dataclasses.replace(doc, values={**doc.values, **(shown or {})})
    rendered = render_report(drawn, attachments)
    appearance = SignatureAppearance(signer_name=SIGNER, position_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
                                     unit_name=TAN_PHU[1])
    with open_signer(P12Method(tan_phu.paths.signer_key, PASSWORD)) as signer:
        return signer.sign(compact_pdf(rendered.pdf), box=SignatureBox(*rendered.signature_box),
                           appearance=appearance, location="Tân Phú")


def receive_with_pdf(world: World, tan_phu: Workspace, reviewer: Workspace, pdf: bytes, tmp_path: Path) -> int:
    opened = read_package(world.package)
    data = repack(tan_phu, opened, {**opened.members, f"pdf/{world.signed_uid}.pdf": pdf})
    result = sync.import_file(reviewer, deliver(reviewer, data, tmp_path / "usb", "26116_ve.cchc"))
    assert result.outcome is Outcome.IMPORTED, result  # the embedded data is the package's: the import accepts
    got = reviewer.store.by_uid(world.signed_uid)
    assert got is not None
    return got.id


def test_drawing_is_reproducible_and_the_signature_does_not_change_what_pages_draw(
    world: World, tan_phu: Workspace
) -> None:
    report = tan_phu.store.by_uid(world.signed_uid)
    assert report is not None
    again = issuing.render_pdf(tan_phu, report.id, draft=False).pdf
    signed = tan_phu.store.signed_pdf(report.id)
    assert signed is not None
    assert page_drawing(again).digests == page_drawing(signed).digests
    assert page_drawing(signed).foreign_annotations == ()


def test_an_honest_signed_report_draws_its_figures(world: World, reviewer: Workspace, tmp_path: Path) -> None:
    result = sync.import_file(reviewer, deliver(reviewer, world.package.read_bytes(), tmp_path / "usb", "26116.cchc"))
    assert result.outcome is Outcome.IMPORTED
    got = reviewer.store.by_uid(world.signed_uid)
    assert got is not None
    d = received_report(reviewer, got.id)
    assert d.figures_match and d.drawn is not None and d.drawn.state is DrawnState.SAME, d.drawn


def test_pages_drawing_other_figures_than_the_embedded_data_are_found(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    report = tan_phu.store.by_uid(world.signed_uid)
    assert report is not None
    forged = signed_drawing(tan_phu, world.signed_uid, shown={"meetings_held": (report.values.get("meetings_held") or 0) + 40})
    rid = receive_with_pdf(world, tan_phu, reviewer, forged, tmp_path)
    d = received_report(reviewer, rid)
    assert d.figures_match  # the embedded data is exactly what was received…
    assert d.drawn is not None and d.drawn.state is DrawnState.DIFFERENT  # …but the pages draw other figures
    assert d.drawn.pages and "vẽ khác với văn bản dựng lại từ chính số liệu gắn kèm" in d.drawn.vi
    assert "đề nghị xã ký và gửi lại" in d.drawn.vi
    # `cchc verify` on the same file says it too.
    reviewer.close()
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(forged)
    out = io.StringIO()
    cchc(["--data-dir", str(reviewer.paths.root), "verify", str(path)], out=out)
    assert f"Hình vẽ trên các trang: trang {d.drawn.pages[0]}" in out.getvalue(), out.getvalue()


def test_a_letterhead_recorded_otherwise_than_drawn_is_found(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path
) -> None:
    """The record is the commune's claim too: drawn with one signer, recorded with another."""
    doc_layout = layout_of(issuing.report_document(tan_phu, tan_phu.store.by_uid(world.signed_uid), draft=False))  # type: ignore[arg-type]
    other = {**doc_layout["signer"], "name": "Người Khác"}
    forged = signed_drawing(tan_phu, world.signed_uid, layout_change={"signer": other})
    d = received_report(reviewer, receive_with_pdf(world, tan_phu, reviewer, forged, tmp_path))
    assert d.drawn is not None and d.drawn.state is DrawnState.DIFFERENT


@pytest.mark.parametrize(("change", "says"), [
    ({"program": "0.0.1"}, "PDF lập bằng phiên bản 0.0.1"),
    ({"font": "system:0000"}, "phông chữ khác nhau"),
    ({"format": "khac/9"}, "không đọc được"),
], ids=["other-version", "other-font", "unknown-record"])
def test_what_cannot_be_drawn_alike_is_not_compared_rather_than_refused(
    world: World, tan_phu: Workspace, reviewer: Workspace, tmp_path: Path, change: dict[str, object], says: str
) -> None:
    forged = signed_drawing(tan_phu, world.signed_uid, layout_change=change)
    d = received_report(reviewer, receive_with_pdf(world, tan_phu, reviewer, forged, tmp_path))
    assert d.drawn is not None and d.drawn.state is DrawnState.NOT_COMPARED
    assert says in d.drawn.vi and "Chưa so được hình vẽ với số liệu" in d.drawn.vi


def test_a_pdf_without_the_layout_record_is_not_compared(world: World, tan_phu: Workspace) -> None:
    report = tan_phu.store.by_uid(world.signed_uid)
    assert report is not None
    doc = issuing.report_document(tan_phu, report, draft=False)
    data = issuing.report_data(tan_phu, report)
    old = render_report(doc, [EmbeddedFile(DATA_ATTACHMENT, canonical_json(data))]).pdf  # as before the record
    check = check_drawn(tan_phu, old, json.loads(canonical_json(data)))
    assert check.state is DrawnState.NOT_COMPARED and "không kèm phần trình bày" in check.vi
