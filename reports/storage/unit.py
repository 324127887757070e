"""The installation's own unit: who reports (a commune) or who reviews (the province)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from reports.errors import CchcError

if TYPE_CHECKING:
    from reports.storage.database import Database

COMMUNE_SYMBOL = "BC-UBND"  # a commune's report: Báo cáo of the Ủy ban nhân dân
REVIEWER_SYMBOL = "BC-SNV"  # the Department's: Báo cáo of the Sở Nội vụ
REVIEWER_TITLE = "GIÁM ĐỐC"


def province_place(province_name: str) -> str:
    """The place name written before the date: "Hà Nội" for "Thành phố Hà Nội"."""
    name = unicodedata.normalize("NFC", province_name).strip()
    for prefix in ("Thành phố ", "thành phố ", "Tỉnh ", "tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :].strip()
    return name


class Role(StrEnum):
    COMMUNE = "commune"
    REVIEWER = "reviewer"


class UnitInvalidError(CchcError):
    code = "unit.invalid"
    vi = "Thông tin đơn vị chưa đúng: {reason_vi}"
    en = "The unit's details are not right: {reason_en}"


class AlreadyInitialisedError(CchcError):
    code = "unit.already_initialised"
    vi = "Thư mục dữ liệu này đã được thiết lập cho {name} ({code}). Dùng cchc unit set để sửa thông tin, hoặc chọn thư mục dữ liệu khác (--data-dir)."
    en = "This data folder is already set up for {name} ({code}). Use cchc unit set to change details, or choose another data folder (--data-dir)."


@dataclass(frozen=True)
class Unit:
    role: Role
    code: str
    name: str  # "Xã Tân Phú"
    province_name: str  # "Tỉnh Đồng Nai"
    province_code: str = ""
    reviewer_code: str = ""
    reviewer_name: str = ""  # "Sở Nội vụ tỉnh Đồng Nai"
    place: str = ""  # "Tân Phú" in "Tân Phú, ngày …"
    preparer_name: str = ""
    preparer_title: str = ""
    signer_name: str = ""
    signer_title: str = "CHỦ TỊCH"
    signer_authority: str = "TM"  # TM. ỦY BAN NHÂN DÂN, or KT. CHỦ TỊCH
    doc_symbol: str = COMMUNE_SYMBOL

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", Role(self.role))
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, str) and not isinstance(v, Role):
                object.__setattr__(self, f.name, unicodedata.normalize("NFC", v).strip())
        if not self.code.isdigit() or len(self.code) not in (2, 5):
            raise UnitInvalidError(
                reason_vi=f"mã đơn vị “{self.code}” phải gồm 5 chữ số (xã, phường) hoặc 2 chữ số (tỉnh).",
                reason_en=f"unit code “{self.code}” must be 5 digits (commune) or 2 digits (province).",
            )
        if not self.name:
            raise UnitInvalidError(reason_vi="chưa có tên đơn vị.", reason_en="the unit has no name.")
        if self.signer_authority not in ("TM", "KT"):
            raise UnitInvalidError(reason_vi="thẩm quyền ký phải là TM hoặc KT.", reason_en="authority must be TM or KT.")

    @property
    def body_name(self) -> str:
        """The issuing body in capitals: "XÃ TÂN PHÚ" / "SỞ NỘI VỤ"."""
        return self.name.upper()

    @property
    def short_name(self) -> str:
        for prefix in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name

    @property
    def authority_line(self) -> str:
        if self.role is Role.REVIEWER:
            return "KT. GIÁM ĐỐC" if self.signer_authority == "KT" else ""
        return "KT. CHỦ TỊCH" if self.signer_authority == "KT" else "TM. ỦY BAN NHÂN DÂN"

    @property
    def position_line(self) -> str:
        return self.signer_title.upper()

    def to_row(self) -> dict[str, Any]:
        row = {f.name: getattr(self, f.name) for f in fields(self)}
        row["role"] = self.role.value
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Unit:
        names = {f.name for f in fields(cls)}
        data = {k: v for k, v in row.items() if k in names}
        data["role"] = Role(data["role"])
        return cls(**data)

    def updated(self, **changes: Any) -> Unit:
        return replace(self, **changes)


def load_unit(db: Database) -> Unit | None:
    rows = list(db.query("SELECT * FROM unit WHERE id = 1"))
    return Unit.from_row(rows[0]) if rows else None


def save_unit(db: Database, unit: Unit, now: str) -> None:
    row = unit.to_row()
    existing = load_unit(db)
    # The column names are the dataclass's own field names, never input.
    if existing is None:
        row = {"id": 1, **row, "created_at": now, "updated_at": now}
        columns = ", ".join(f'"{name}"' for name in row)
        db.execute(f"INSERT INTO unit ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    else:
        row = {**row, "updated_at": now}
        assignments = ", ".join(f'"{name}" = ?' for name in row)
        db.execute(f"UPDATE unit SET {assignments} WHERE id = 1", list(row.values()))
