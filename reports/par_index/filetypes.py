"""What an evidence file is, judged by its content (never by its name).

Accepted: PDF, JPEG, PNG, DOCX, XLSX, ODT. A file whose content is none of these, whose
name says something else than its content, or that does not open as what it is (a PDF that
does not parse, a truncated image, an office file that is not a sound zip or is a zip bomb)
is refused with a message that says what to do. The same checks run on evidence arriving
in a package (reports/exchange): hostile input gets no further than this.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from reports.errors import CchcError

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"

EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    JPEG: (".jpg", ".jpeg", ".jpe"),
    PNG: (".png",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    ODT: (".odt",),
}
KIND_NAMES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", DOCX: "DOCX", XLSX: "XLSX", ODT: "ODT"}
ALLOWED_TEXT = "PDF, JPEG, PNG, DOCX, XLSX, ODT"

MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_EXPANDED = 500 * 1024 * 1024  # an office file this large unpacked is a bomb, not a document
MAX_ZIP_RATIO = 200


class EvidenceTypeError(CchcError):
    code = "evidence.type"
    vi = ("Tệp “{name}” không phải là tài liệu được nhận ({detail}). Chỉ nhận các tệp {allowed}; "
          "hãy mở tệp bằng chương trình của nó và lưu (hoặc in) lại thành PDF rồi đính kèm.")
    en = ("File “{name}” is not an accepted document ({detail_en}). Only {allowed} files are accepted; "
          "open it in its program and save (or print) it as PDF, then attach it.")
    exit_code = 1


class EvidenceNameMismatchError(CchcError):
    code = "evidence.name_mismatch"
    vi = ("Tệp “{name}” có đuôi tên không khớp nội dung: nội dung là {kind}. Hãy đổi tên tệp cho đúng "
          "(đuôi {suffixes}) hoặc kiểm tra lại xem có chọn nhầm tệp không.")
    en = ("File “{name}” has a name that does not match its content: the content is {kind}. Rename it "
          "(ending {suffixes}) or check that you picked the right file.")
    exit_code = 1


@dataclass(frozen=True)
class FileKind:
    media_type: str

    @property
    def label(self) -> str:
        return KIND_NAMES[self.media_type]


def _refuse(name: str, vi: str, en: str) -> EvidenceTypeError:
    return EvidenceTypeError(name=name, detail=vi, detail_en=en, allowed=ALLOWED_TEXT)


def _check_pdf(name: str, data: bytes) -> None:
    # Imported here: pyHanko costs time to import, and only PDFs need it.
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        pages = int(reader.root["/Pages"]["/Count"])
    except Exception as exc:  # a damaged or hostile file can raise anything from the parser
        raise _refuse(name, "tệp PDF bị hỏng, không đọc được", "the PDF is damaged and cannot be read") from exc
    if pages < 1:
        raise _refuse(name, "tệp PDF không có trang nào", "the PDF has no pages")


def _check_jpeg(name: str, data: bytes) -> None:
    if b"\xff\xd9" not in data[-64:]:
        raise _refuse(name, "ảnh JPEG bị cắt cụt", "the JPEG image is truncated")


def _check_png(name: str, data: bytes) -> None:
    if b"IEND" not in data[-32:]:
        raise _refuse(name, "ảnh PNG bị cắt cụt", "the PNG image is truncated")


def _zip_kind(name: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise _refuse(name, "tệp nén có quá nhiều thành phần", "the archive has too many members")
            expanded = sum(i.file_size for i in infos)
            packed = max(1, sum(i.compress_size for i in infos))
            if expanded > MAX_ZIP_EXPANDED or expanded / packed > MAX_ZIP_RATIO:
                raise _refuse(name, "tệp nén bất thường (bom nén)", "an abnormal archive (a zip bomb)")
            names = {i.filename for i in infos}
            if "mimetype" in names and z.read("mimetype").strip() == ODT.encode("ascii"):
                kind = ODT
            elif "[Content_Types].xml" in names and "word/document.xml" in names:
                kind = DOCX
            elif "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                kind = XLSX
            else:
                raise _refuse(name, "tệp nén không phải văn bản DOCX, XLSX hay ODT",
                              "a zip archive that is not a DOCX, XLSX or ODT document")
            bad = z.testzip()
            if bad is not None:
                raise _refuse(name, f"thành phần “{bad}” bị hỏng", f"member “{bad}” is damaged")
            return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _refuse(name, "tệp văn bản bị hỏng, không mở được", "the document is damaged and cannot be opened") from exc


def sniff(name: str, data: bytes) -> FileKind:
    """The kind of ``data``, checked to open as that kind; refuses anything else."""
    head = data[:1024]
    if not data:
        raise _refuse(name, "tệp rỗng", "the file is empty")
    if b"%PDF-" in head:
        _check_pdf(name, data)
        return FileKind(PDF)
    if data.startswith(b"\xff\xd8\xff"):
        _check_jpeg(name, data)
        return FileKind(JPEG)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_png(name, data)
        return FileKind(PNG)
    if data.startswith(b"PK\x03\x04"):
        return FileKind(_zip_kind(name, data))
    raise _refuse(name, "không nhận ra loại tệp", "its type is not recognised")


def check_file(name: str, data: bytes) -> FileKind:
    """``sniff`` plus: the name's ending must agree with the content."""
    kind = sniff(name, data)
    suffix = PurePath(name).suffix.lower()
    if suffix and suffix not in EXTENSIONS[kind.media_type]:
        raise EvidenceNameMismatchError(name=name, kind=kind.label, suffixes=", ".join(EXTENSIONS[kind.media_type]))
    return kind
