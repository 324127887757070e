"""The visible signature (Decree 30): the text stamp in its box, the signature and seal
images, its text in NFC and Vietnam time, the self-issued marks cut between words."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.x509.oid import NameOID
from PIL import Image, ImageChops

from reports.signing import (
    DocumentSigner,
    SignatureAppearance,
    SignatureBox,
    SignatureImageError,
    verify_pdf,
)
from reports.signing.appearance import render_appearance_pdf
from reports.signing.keys import create_key_pair
from tests.unit.signing_support import (
    APPEARANCE,
    BOX,
    png,
)

# ---------------------------------------------------------------- the visible appearance


def _render(tmp_path: Path, signed: bytes, page: int, name: str) -> Image.Image:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(signed)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "72", "-f", str(page), "-l", str(page), str(path), str(tmp_path / name)],
        check=True,
        capture_output=True,
    )
    [png_path] = tmp_path.glob(f"{name}-*.png")
    return Image.open(png_path).convert("RGB")


def _coloured_bbox(image: Image.Image, want: str) -> tuple[int, int, int, int] | None:
    """Bounding box of the red (or blue) pixels: the stamp is the only coloured thing on the page."""
    r, g, b = image.split()

    def above(band: Image.Image, level: int) -> Image.Image:
        return band.point(lambda v: 255 if v > level else 0)

    def below(band: Image.Image, level: int) -> Image.Image:
        return band.point(lambda v: 255 if v < level else 0)

    if want == "red":
        mask = ImageChops.multiply(ImageChops.multiply(above(r, 150), below(g, 110)), below(b, 110))
    else:
        mask = ImageChops.multiply(ImageChops.multiply(above(b, 150), below(r, 110)), below(g, 140))
    return mask.getbbox()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_the_text_stamp_is_drawn_inside_its_box(tmp_path: Path, pdf: bytes, signer: DocumentSigner) -> None:
    signed = signer.sign(pdf, box=BOX, appearance=APPEARANCE)
    image = _render(tmp_path, signed, 2, "text")
    bbox = _coloured_bbox(image, "red")
    assert bbox is not None, "the stamp is not visible"
    x1, y1, x2, y2 = BOX.rect
    page_h = image.height  # 72 dpi: one pixel per point
    assert bbox[0] >= x1 - 1 and bbox[2] <= x2 + 1
    assert bbox[1] >= page_h - y2 - 1 and bbox[3] <= page_h - y1 + 1
    # and it fills the box (the frame), rather than being a dot in a corner
    assert bbox[2] - bbox[0] > 0.9 * BOX.width

    fonts = subprocess.run(["pdffonts", str(tmp_path / "text.pdf")], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert any("CCHCSerif-Bold" in row for row in rows), fonts  # the signer's name
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # every font embedded


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_the_signature_and_seal_images_per_decree_30(
    tmp_path: Path, pdf: bytes, signer: DocumentSigner
) -> None:
    appearance = SignatureAppearance(
        signer_name="Nguyễn Văn An",
        position_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        unit_name="Ủy ban nhân dân phường Hoàn Kiếm",
        signature_image=png("signature"),
        seal_image=png("seal"),
    )
    box = SignatureBox(-1, (340.0, 75.0, 540.0, 170.0))
    signed = signer.sign(pdf, box=box, appearance=appearance)
    image = _render(tmp_path, signed, 2, "images")
    blue = _coloured_bbox(image, "blue")
    red = _coloured_bbox(image, "red")
    assert blue is not None and red is not None
    page_h = image.height
    for bbox in (blue, red):
        assert bbox[0] >= 340 - 1 and bbox[2] <= 540 + 1
        assert bbox[1] >= page_h - 170 - 1 and bbox[3] <= page_h - 75 + 1
    # The seal sits on the left part of the signature and overlaps it by about a third.
    assert red[0] <= blue[0] < red[2] < blue[2]
    signature_width = blue[2] - blue[0]
    assert 0.2 * signature_width < red[2] - blue[0] < 0.5 * signature_width
    assert verify_pdf(signed, [])[0].intact


def test_a_broken_signature_image_is_a_clear_error(pdf: bytes, signer: DocumentSigner) -> None:
    appearance = SignatureAppearance("A", (), "B", signature_image=b"not a png")
    with pytest.raises(SignatureImageError):
        signer.sign(pdf, box=BOX, appearance=appearance)


def test_appearance_text_is_nfc_and_in_vietnam_time() -> None:
    decomposed = SignatureAppearance(
        signer_name="Nguye\u0302\u0303n Va\u0306n An",
        position_lines=("CHU\u0309 TI\u0323CH",),
        unit_name="UBND",
    )
    when = dt.datetime(2025, 7, 1, 1, 2, 3, tzinfo=dt.UTC)
    drawn = render_appearance_pdf(decomposed, 200, 70, when)
    assert drawn.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(drawn)).pages[0].extract_text()
    assert "Nguyễn Văn An" in text
    assert "08:02:03 ngày 01/07/2025 (GMT+07:00)" in text


def test_the_self_issued_marks_and_names_are_cut_between_words() -> None:
    """The OU "Chứng thư tự cấp - không do tổ chức chứng thực cấp" is over X.509's 64 bytes:
    it was cut mid-word."""

    from reports.signing.keys import SELF_ISSUED_MARK, is_self_issued

    pair = create_key_pair("Trần Văn Bình", "Ủy ban nhân dân xã Tân Phú, tỉnh Đồng Nai, Việt Nam", "26116")
    [ou] = pair.certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    value = str(ou.value)
    assert len(value.encode("utf-8")) <= 64 and SELF_ISSUED_MARK.startswith(value)
    assert SELF_ISSUED_MARK[len(value)] == " "  # a whole word ends there
    [org] = pair.certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    assert "Ủy ban nhân dân xã Tân Phú, tỉnh Đồng Nai, Việt Nam".startswith(str(org.value))
    assert not str(org.value).endswith(("Đồn", "Việ"))
    assert is_self_issued(pair.certificate)


def test_the_visible_signature_writes_the_time_the_vietnamese_way() -> None:
    import datetime as dt

    from reports.signing.stamp_text import SignatureAppearance, stamp_characters, stamp_lines

    when = dt.datetime(2026, 12, 7, 17, 25, 32, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    lines = stamp_lines(SignatureAppearance("Trần Văn Bình", ("CHỦ TỊCH",), "Xã Tân Phú"), when)
    assert lines[-1][1] == "Thời gian: 17:25:32 ngày 07/12/2026 (GMT+07:00)"  # was 2026-12-07T17:25:32+07:00
    reserved = stamp_characters("Trần Văn Bình", ("CHỦ TỊCH",), "Xã Tân Phú")["regular"]
    assert set(lines[-1][1]) <= set(reserved)
