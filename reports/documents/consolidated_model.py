"""What the reviewing office's consolidated report of one period is made of: the totals by
group of indicators, and the communes named (missing, late, returned).

Apart from ``model``: a commune's report, and ``cchc pdf``, never need these classes (each
frozen dataclass costs about a millisecond to create at import)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reports.documents.model import Letterhead


@dataclass(frozen=True)
class IndicatorTotal:
    label: str
    unit: str  # "hồ sơ", "%", ""
    value: int | float | None  # None: nobody reported it


@dataclass(frozen=True)
class IndicatorGroup:
    title: str  # "II. Cải cách thủ tục hành chính"
    totals: tuple[IndicatorTotal, ...]


@dataclass(frozen=True)
class UnitNote:
    """A commune named in the consolidated report, and why."""

    code: str
    name: str
    note: str  # "Chưa gửi", "Trễ hạn (gửi ngày 17/12/2026)"


@dataclass(frozen=True)
class ConsolidatedDocument:
    """The reviewing office's consolidated report of one period."""

    letterhead: Letterhead
    office: str  # "Sở Nội vụ", the subject of the opening sentence
    area: str  # "toàn tỉnh" / "toàn thành phố", the totals' column
    period_label: str  # "tháng 11 năm 2026"
    units_total: int
    units_received: int
    units_late: int
    units_returned: int
    units_missing: int
    groups: tuple[IndicatorGroup, ...]
    listed: tuple[UnitNote, ...]  # missing, late or returned, by code
    author: str = ""  # metadata: the PDF's author
    created_at: dt.datetime | None = None  # fixed: a reproducible PDF
