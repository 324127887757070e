"""What the visible signature says: the appearance a signer chose, and the words of the text stamp.

A light module (no pyHanko, no reportlab): the renderer imports it too, to reserve the
stamp's letters in the document's own font subsets before the document is signed (see
``reports.signing.shared_stamp``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

BOLD = "bold"
REGULAR = "regular"
# Every character a signing time can need: "08:02:03 ngày 01/07/2025 (GMT+07:00)".
TIME_CHARACTERS = "0123456789/:+() GMTngày"


@dataclass(frozen=True)
class SignatureAppearance:
    """What the visible signature shows. Text is normalised to NFC when drawn."""

    signer_name: str
    position_lines: tuple[str, ...]  # e.g. ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    unit_name: str
    signature_image: bytes | None = None  # PNG, blue, transparent background
    seal_image: bytes | None = None  # PNG, red, transparent background


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def position_title(lines: tuple[str, ...]) -> str:
    """ "CHỦ TỊCH" from ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), written as "Chủ tịch"."""
    if not lines:
        return ""
    return nfc(lines[-1]).capitalize()


def stamp_lines(appearance: SignatureAppearance, when: dt.datetime) -> list[tuple[str, str]]:
    """The text stamp's lines as (weight, text): the signer in bold, then position, body, time.

    ``when`` is shown as given (the caller converts it to Vietnam time).
    """
    lines = [(BOLD, "Ký bởi: " + nfc(appearance.signer_name))]
    title = position_title(appearance.position_lines)
    if title:
        lines.append((REGULAR, "Chức vụ: " + title))
    if appearance.unit_name.strip():
        lines.append((REGULAR, "Cơ quan: " + nfc(appearance.unit_name)))
    lines.append((REGULAR, "Thời gian: " + signing_time_text(when)))
    return lines


def signing_time_text(when: dt.datetime) -> str:
    """ "17:25:32 ngày 07/12/2026 (GMT+07:00)": read as Vietnamese documents write a time and
    date (it was "2026-12-07T17:25:32+07:00"); the offset says which clock."""
    offset = when.strftime("%z") or "+0000"
    return f"{when:%H:%M:%S} ngày {when:%d/%m/%Y} (GMT{offset[:3]}:{offset[3:]})"


def stamp_characters(signer_name: str, position_lines: tuple[str, ...], unit_name: str) -> dict[str, str]:
    """Per weight, every character the text stamp of this signer can draw, whatever the time."""
    appearance = SignatureAppearance(signer_name, position_lines, unit_name)
    moment = dt.datetime(2000, 1, 1)
    chars: dict[str, set[str]] = {BOLD: set(), REGULAR: set(TIME_CHARACTERS)}
    for weight, text in stamp_lines(appearance, moment):
        chars[weight].update(text)
    return {weight: "".join(sorted(found)) for weight, found in chars.items()}
