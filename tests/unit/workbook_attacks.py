"""Hostile and damaged variants of a real .xlsx: what someone could hand the program as a
Part III statistics file, a criteria set or a survey sheet."""

from __future__ import annotations

import zipfile
from pathlib import Path

# Entities that expand to 10⁹ "lol"s ("billion laughs"), and one that would read a local file.
LAUGHS = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
EXTERNAL = '<!ENTITY x SYSTEM "file:///etc/passwd">'
ATTACKS = ("laughs", "external-entity", "truncated-xml", "unpacks-too-large", "damaged-member", "not-a-zip")


def _first_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/sheet")


def _with_entity(xml: bytes, declarations: str, reference: str) -> bytes:
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    cell = f'<row r="9999"><c r="A9999" t="inlineStr"><is><t>&{reference};</t></is></c></row></sheetData>'
    return f'<?xml version="1.0"?><!DOCTYPE worksheet [{declarations}]>'.encode() + body.replace(
        b"</sheetData>", cell.encode(), 1
    )


def attack(good: Path, kind: str, folder: Path) -> Path:
    """``good`` with its first worksheet (or the whole file) turned into ``kind``."""
    out = folder / f"{good.stem}-{kind}{good.suffix}"
    if kind == "not-a-zip":
        out.write_bytes(b"PK\x03\x04" + good.read_bytes()[4:200])
        return out
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        done = False
        for info in source.infolist():
            data = source.read(info.filename)
            if not done and _first_sheet(info.filename):
                done = True
                if kind == "laughs":
                    data = _with_entity(data, LAUGHS, "l9")
                elif kind == "external-entity":
                    data = _with_entity(data, EXTERNAL, "x")
                elif kind == "truncated-xml":
                    data = data[: len(data) // 2]
                elif kind == "unpacks-too-large":
                    # 8 MiB of spaces between two rows, deflated to a few kilobytes: the tests
                    # lower the limit (reports.workbooks.MAX_UNPACKED) rather than write gigabytes.
                    data = data.replace(b"</sheetData>", b" " * (8 << 20) + b"</sheetData>", 1)
                elif kind == "damaged-member":
                    target.writestr(info.filename, data)
                    continue
            target.writestr(info.filename, data)
    if kind == "damaged-member":
        # Flip bytes in the middle of the compressed worksheet: its CRC or inflate fails.
        raw = bytearray(out.read_bytes())
        with zipfile.ZipFile(out) as z:
            info = next(i for i in z.infolist() if _first_sheet(i.filename))
        middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
        raw[middle : middle + 8] = b"\xff" * 8
        out.write_bytes(bytes(raw))
    return out
