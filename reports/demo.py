"""The demo installation: "try with sample data" in a folder of its own, never the real one.

The demo lives beside the real data folder (``…/BaoCaoCCHC-demo`` next to ``…/BaoCaoCCHC``),
marked by a file (``DataPaths.demo_marker``) written before anything else, and holds the sample
commune (Xã Tân Phú, Tỉnh Đồng Nai) with six months of reports, earlier ones sent and accepted,
and last year's self-assessment, so that every page of the program has something to show.
Because it is marked, its PDFs say "MẪU" and its packages carry a signed demo mark that a
reviewer refuses. Leaving it carries nothing over: the real folder is never written here.

``cchc sample``, which scripts and tests use to fill a unit they set up themselves, stays apart.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reports.clock import Clock, system_clock
from reports.errors import CchcError
from reports.files import write_atomic
from reports.paths import DataPaths
from reports.storage.unit import Role, Unit

if TYPE_CHECKING:
    # The unit list (and csv under it) is read when a demo is made, not by every start.
    from reports.admin_units import UnitCatalog

SAMPLE_COMMUNE = ("Đồng Nai", "Tân Phú")  # a real commune of the 2025 list
DEMO_MONTHS = 6
DEMO_SUFFIX = "-demo"
MARKER_TEXT = (
    "Thư mục này là bản DÙNG THỬ của Báo cáo CCHC, với dữ liệu mẫu (một xã mẫu, số liệu bịa ra).\n"
    "Mọi văn bản in từ đây có chữ “MẪU”; gói gửi từ đây bị cơ quan nhận báo cáo từ chối.\n"
    "Có thể xóa cả thư mục này bất cứ lúc nào (cchc demo remove).\n\n"
    "This folder is a TRIAL installation of Báo cáo CCHC with sample data (a made-up commune's figures).\n"
    "Every document printed from it says “MẪU” (sample); reviewers refuse its packages.\n"
    "It can be deleted at any time (cchc demo remove).\n"
)


class NotADemoFolderError(CchcError):
    code = "demo.not_a_demo"
    vi = (
        "Thư mục {path} đã có dữ liệu và không phải bản dùng thử: chương trình không dùng và không xóa nó. "
        "Hãy đổi tên hoặc chuyển thư mục đó đi, hoặc chọn thư mục dữ liệu khác (--data-dir)."
    )
    en = (
        "The folder {path} holds data and is not a trial installation: the program will neither use nor delete it. "
        "Rename or move that folder, or choose another data folder (--data-dir)."
    )


class NoDemoError(CchcError):
    code = "demo.missing"
    vi = "Chưa có bản dùng thử ({path}). Hãy tạo bằng lệnh: cchc demo start"
    en = "There is no trial installation yet ({path}). Make one with: cchc demo start"


def sample_unit(catalog: UnitCatalog) -> Unit:
    """The sample commune: Xã Tân Phú, Tỉnh Đồng Nai, with made-up officials."""
    from reports.admin_units import reviewer_office_name

    province = next(p for p in catalog.provinces() if p.short_name == SAMPLE_COMMUNE[0])
    commune = next(c for c in catalog.communes(province.code) if c.short_name == SAMPLE_COMMUNE[1])
    return Unit(
        role=Role.COMMUNE,
        code=commune.code,
        name=commune.name,
        province_name=province.name,
        province_code=province.code,
        reviewer_code=province.code,
        reviewer_name=reviewer_office_name(province),
        place=commune.short_name,
        preparer_name="Nguyễn Thị Lan",
        preparer_title="Công chức Văn phòng HĐND và UBND",
        signer_name="Trần Văn Bình",
        signer_title="Chủ tịch",
        signer_authority="TM",
        doc_symbol="BC-UBND",
    )


def demo_dir(real: Path) -> Path:
    """The demo folder that goes with the data folder ``real`` (``real`` itself when it is one)."""
    real = Path(real).expanduser().absolute()
    if DataPaths(real).is_demo:
        return real
    return real.with_name(real.name + DEMO_SUFFIX)


def real_dir_of(folder: Path) -> Path:
    """The data folder a demo folder goes with (``folder`` itself when it is not a demo)."""
    folder = Path(folder)
    if DataPaths(folder).is_demo and folder.name.endswith(DEMO_SUFFIX) and len(folder.name) > len(DEMO_SUFFIX):
        return folder.with_name(folder.name[: -len(DEMO_SUFFIX)])
    return folder


def is_ready(folder: Path) -> bool:
    """A marked demo folder with its database (what the window opens)."""
    paths = DataPaths(Path(folder))
    return paths.is_demo and paths.database.is_file()


def require_demo(real: Path) -> Path:
    """The demo folder, which must exist (``cchc --demo …``): never an empty unmarked one made by accident."""
    folder = demo_dir(real)
    if not is_ready(folder):
        raise NoDemoError(path=str(folder))
    return folder


@dataclass(frozen=True)
class DemoInstallation:
    path: Path
    created: bool  # False: the existing demo was opened as it was
    reports: int  # how many sample reports it holds


def start_demo(
    real: Path, *, language: str = "vi", clock: Clock = system_clock, today: dt.date | None = None
) -> DemoInstallation:
    """The demo folder beside ``real``, made and filled with the sample when it does not exist yet.

    A folder of that name that holds anything else is refused untouched. A demo left half-made
    (the power went while filling it) is finished: the marker is written first.
    """
    return _start_in(demo_dir(real), language=language, clock=clock, today=today)


def _start_in(folder: Path, *, language: str, clock: Clock, today: dt.date | None) -> DemoInstallation:
    # Here, not at the top: the window imports this module on every start (``real_dir_of``),
    # and the storage and sample code load on the database worker instead, in parallel.
    from reports.admin_units import UnitCatalog
    from reports.sample import fill_sample
    from reports.workspace import Workspace

    paths = DataPaths(folder)
    if not paths.is_demo and folder.exists() and any(folder.iterdir()):
        raise NotADemoFolderError(path=str(folder))
    created = not is_ready(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if not paths.is_demo:
        write_atomic(paths.demo_marker, MARKER_TEXT.encode("utf-8"))
    ws = Workspace.open(folder, clock=clock)
    try:
        if ws.unit is None:
            created = True
            with ws.db.atomic():
                ws.settings.set("language", language)
            ws.initialise(sample_unit(UnitCatalog.load()))
        if created:
            fill_sample(ws, DEMO_MONTHS, today=today, history=True)
        count = len(ws.store.list(unit_code=ws.require_unit().code))
    finally:
        ws.close()
    return DemoInstallation(folder, created, count)


def remove_demo(real: Path) -> Path | None:
    """Delete the demo folder (None when there is none). Only a marked folder is ever deleted."""
    return _remove(demo_dir(real))


def _remove(folder: Path) -> Path | None:
    if not folder.exists():
        return None
    if not DataPaths(folder).is_demo:
        raise NotADemoFolderError(path=str(folder))
    shutil.rmtree(folder)
    return folder


def reset_demo(
    real: Path, *, language: str = "vi", clock: Clock = system_clock, today: dt.date | None = None
) -> DemoInstallation:
    """The demo as new: everything tried in it is gone, the sample is made again."""
    folder = demo_dir(real)
    _remove(folder)
    return _start_in(folder, language=language, clock=clock, today=today)
