"""The monthly report as a document: render it, sign it, and compare with LibreOffice.

* render: ``render_report`` on the sample monthly report (the Decree 30 PDF, in-process), and
  ``issuing.render_pdf`` (the same, from the store, with the report's data attached) —
  target ≤ 25 ms; and ``render_report`` with the font subsets made afresh each time (as the
  first rendering in a process does), without a target;
* sign with a visible appearance, reusing one loaded signer (the text stamp, and the
  signature and seal images) — target ≤ 100 ms;
* where ``soffice`` is on PATH and python-docx is installed: converting an equivalent DOCX
  with ``soffice --headless --convert-to pdf``, and the ratio to our rendering.
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import Options, Result, Timing, at_most, progress, run_standalone, time_runs
from forms.definition import FormDefinition, builtin_definitions
from reports.documents.fonts import forget_subsets
from reports.documents.model import ReportDocument
from reports.documents.render import render_report
from reports.documents.sample import SAMPLE_VALUES, sample_document
from reports.signing import DocumentSigner, P12Method, SignatureAppearance, SignatureBox, open_signer
from reports.signing.keys import create_key_pair

NAME = "documents"
RENDER_TARGET_MS = 25
SIGN_TARGET_MS = 100
PASSWORD = "mật-khẩu-bench"


def monthly_definition() -> FormDefinition:
    return next(d for d in builtin_definitions() if d.id == "cchc-xa")


def run(options: Options) -> list[Result]:
    render_runs, sign_runs = (10, 5) if options.quick else (60, 40)
    results: list[Result] = []
    doc = sample_document(monthly_definition())
    rendered = render_report(doc)
    progress(f"   render: {rendered.pages} pages, {len(rendered.pdf) // 1024} KB; {render_runs} runs")

    render = time_runs(lambda: render_report(doc), render_runs, warmup=2)
    results.append(_ms("render the monthly report (render_report)", render, RENDER_TARGET_MS,
                       f"{rendered.pages} pages, median of {render.runs}"))
    # The font keeps the subsets it embedded for a document rendered again (the preview, then
    # the PDF to sign): what a first rendering in a process, or another report, pays instead.
    def render_afresh() -> None:
        forget_subsets()
        render_report(doc)

    afresh = time_runs(render_afresh, render_runs, warmup=2)
    results.append(Result(NAME, "render the monthly report, font subsets made afresh", afresh.median_ms, "ms",
                          note=f"median of {afresh.runs}; the row above reuses the subsets"))

    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        from_store = _store_rendering(Path(tmp))
        timing = time_runs(from_store, render_runs, warmup=2)
        results.append(_ms("render + attach data (issuing.render_pdf)", timing, RENDER_TARGET_MS,
                           f"median of {timing.runs}"))

        with _signer(Path(tmp)) as signer:
            text_stamp = SignatureAppearance(signer_name="Nguyễn Văn Hưởng",
                                             position_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), unit_name="UBND xã Tân Phú")
            progress(f"   sign: {sign_runs} runs each")
            timing = time_runs(lambda: _sign(signer, rendered.pdf, rendered.signature_box, text_stamp), sign_runs)
            results.append(_ms("sign, visible text stamp, loaded signer", timing, SIGN_TARGET_MS, f"median of {timing.runs}"))
            images = _images()
            if images is None:
                results.append(Result(NAME, "sign, signature + seal images", None, "ms", f"≤ {SIGN_TARGET_MS} ms",
                                      note="Pillow not installed: not measured"))
            else:
                with_images = SignatureAppearance(text_stamp.signer_name, text_stamp.position_lines, text_stamp.unit_name,
                                                  signature_image=images[0], seal_image=images[1])
                timing = time_runs(lambda: _sign(signer, rendered.pdf, rendered.signature_box, with_images), sign_runs)
                results.append(_ms("sign, signature + seal images, loaded signer", timing, SIGN_TARGET_MS,
                                   f"median of {timing.runs}"))

        results.extend(_libreoffice(doc, render, Path(tmp), runs=1 if options.quick else 3))
    return results


def _ms(name: str, timing: Timing, target: float, note: str) -> Result:
    return Result(NAME, name, timing.median_ms, "ms", f"≤ {target} ms", at_most(timing.median_ms, target), note)


def _store_rendering(folder: Path) -> Any:
    """``issuing.render_pdf`` for a final monthly report in a commune's data folder."""
    from reports.documents import issuing
    from reports.storage.unit import Role, Unit
    from reports.workspace import Workspace

    ws = Workspace.open(folder / "xa", actor="bench")
    ws.initialise(Unit(role=Role.COMMUNE, code="26116", name="Xã Tân Phú", province_name="Tỉnh Đồng Nai",
                       province_code="75", reviewer_code="75", reviewer_name="Sở Nội vụ tỉnh Đồng Nai",
                       signer_name="Nguyễn Văn An"))
    report = ws.store.create("2026-10", "cchc-xa")
    ws.store.replace_values(report.id, SAMPLE_VALUES)
    ws.store.finalize(report.id)
    return lambda: issuing.render_pdf(ws, report.id)


class _signer:
    """A self-issued RSA certificate in a .p12, loaded once (as the program does)."""

    def __init__(self, folder: Path) -> None:
        pair = create_key_pair("Nguyễn Văn Hưởng", "UBND xã Tân Phú", "26116")
        self.path = folder / "signer.p12"
        self.path.write_bytes(pair.to_p12(PASSWORD))

    def __enter__(self) -> DocumentSigner:
        self.signer = open_signer(P12Method(self.path, PASSWORD))
        return self.signer

    def __exit__(self, *exc: object) -> None:
        self.signer.close()


def _sign(signer: DocumentSigner, pdf: bytes, box: tuple[int, tuple[float, float, float, float]],
          appearance: SignatureAppearance) -> bytes:
    return signer.sign(pdf, box=SignatureBox(*box), appearance=appearance, location="Tân Phú")


def _images() -> tuple[bytes, bytes] | None:
    """A blue handwritten-like signature and a red round seal, transparent PNGs."""
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        return None
    out = []
    for kind in ("signature", "seal"):
        im = Image.new("RGBA", (600, 240) if kind == "signature" else (400, 400), (0, 0, 0, 0))
        d = ImageDraw.Draw(im)
        if kind == "signature":
            d.line([(40 + 5 * x, 120 + (x % 17) * 4) for x in range(100)], fill=(20, 40, 200, 255), width=7)
        else:
            d.ellipse((10, 10, 390, 390), outline=(220, 20, 20, 230), width=14)
            d.regular_polygon((200, 200, 60), 5, fill=(220, 20, 20, 230))
        buffer = io.BytesIO()
        im.save(buffer, "PNG")
        out.append(buffer.getvalue())
    return out[0], out[1]


# ---------------------------------------------------------------- LibreOffice, for comparison


def _libreoffice(doc: ReportDocument, ours: Timing, folder: Path, runs: int) -> list[Result]:
    name = "LibreOffice: equivalent DOCX → PDF"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return [Result(NAME, name, None, "ms", note="LibreOffice not installed: ratio not measured")]
    try:
        docx = write_docx(doc, folder / "bao-cao.docx")
    except ImportError:
        return [Result(NAME, name, None, "ms", note="python-docx not installed: ratio not measured")]
    progress(f"   soffice: {runs} conversions")
    profile = (folder / "lo-profile").as_uri()  # a private profile: no clash with a running LibreOffice
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(folder / "lo-out"), str(docx)]
    subprocess.run(command, capture_output=True, timeout=300, check=True)  # first start creates the profile
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, timeout=300, check=True)
        samples.append(time.perf_counter() - start)
    median_ms = statistics.median(samples) * 1000
    return [
        Result(NAME, name, median_ms, "ms", note=f"median of {runs}, a new soffice process each"),
        Result(NAME, "LibreOffice time / our rendering time", median_ms / ours.median_ms, "×", "≥ 35×",
               median_ms / ours.median_ms >= 35),
    ]


def write_docx(doc: ReportDocument, target: Path) -> Path:
    """The same content as our PDF, as a Word document a clerk might have typed."""
    import docx  # python-docx
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Mm(30), Mm(15), Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = f"{doc.issuer.body_parent}\n{doc.issuer.body_name}"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = f"Số: {doc.number:02d}/{doc.issuer.symbol}" if doc.number else ""
    header.cell(1, 1).text = f"{doc.issuer.place}, ngày {doc.issued_on:%d} tháng {doc.issued_on:%m} năm {doc.issued_on:%Y}" if doc.issued_on else ""
    document.add_paragraph(doc.definition.document_type).runs[0].bold = True
    document.add_paragraph(f"Kính gửi: {doc.recipient}")
    for s in doc.definition.sections:
        document.add_heading(f"{s.id}. {s.title}", level=2)
        rows = []
        for f in s.fields:
            value = doc.values.get(f.id)
            if value is None:
                continue
            if isinstance(value, str):
                for paragraph in value.splitlines():
                    document.add_paragraph(paragraph)
            elif isinstance(value, (int, float)):
                rows.append((f.label, f"{value} {f.unit}".strip()))
        if rows:
            table = document.add_table(rows=len(rows), cols=2)
            for i, (label, value) in enumerate(rows):
                table.cell(i, 0).text, table.cell(i, 1).text = label, value
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n" + "\n".join(f"- {c}" for c in doc.copies_to)
    signature.cell(0, 1).text = f"{doc.signer.authority}\n{doc.signer.position}\n\n\n\n{doc.signer.name}"
    document.save(str(target))
    return target


if __name__ == "__main__":
    raise SystemExit(run_standalone(NAME, run))
