"""Submissions split into numbered parts, and putting them back together at the reviewer.

A submission larger than the outbox's size limit (``attachment_limit_mb``: e-mail servers
often stop at 10–25 MB) is written as parts 1..n, each a complete signed package whose
``parts/set.json`` names the set, its number and the count. The reviewer checks each part as
it comes (signature, binding, addressee), keeps it in a waiting folder, and applies the set
only when every part is there, as one import: all or nothing. A part that comes twice is
recognised; two different parts under the same number are refused.

A set that never completes is not kept for ever: it is dropped after ``STALE_DAYS`` without a
new part, and as soon as a newer set from the same commune completes (a commune's export
carries every report the reviewer has not yet receipted, so the newer set holds what the older
one did). Both are said: in the completing part's result, and by ``cchc import``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports.exchange.packages import OpenedPackage, read_package
from reports.exchange.receiving import ImportResult, Outcome, reject

PART_MEMBER = "parts/set.json"
MAX_PARTS = 99
_SET_ID = re.compile(r"[0-9a-f]{32}")
OVERHEAD = 64 * 1024  # manifest, signature and zip headers of one part, generously
STALE_DAYS = 30  # a set with no new part for this long is dropped: the commune has long sent again


@dataclass(frozen=True)
class PartInfo:
    set_id: str
    index: int  # 1-based
    count: int


def part_room(limit: int) -> int:
    """The most payload one part of ``limit`` bytes holds."""
    return max(limit - OVERHEAD, 1)


def split_members(members: dict[str, bytes], limit: int) -> list[dict[str, bytes]]:
    """Members spread over as few parts as fit ``limit`` bytes each (first fit, largest
    first); one part when everything fits. A single member larger than a part gets a part of
    its own (the outbox says so when it cannot send it)."""
    if sum(len(v) for v in members.values()) + OVERHEAD <= limit:
        return [dict(members)]
    room = part_room(limit)
    bins: list[tuple[int, dict[str, bytes]]] = []
    for path in sorted(members, key=lambda p: (-len(members[p]), p)):
        size = len(members[path])
        for i, (used, content) in enumerate(bins):
            if used + size <= room:
                content[path] = members[path]
                bins[i] = (used + size, content)
                break
        else:
            bins.append((size, {path: members[path]}))
    return [content for _, content in bins]


def part_member(info: PartInfo) -> bytes:
    return json.dumps({"set_id": info.set_id, "index": info.index, "count": info.count}, sort_keys=True).encode()


def part_info(opened: OpenedPackage, name: str) -> PartInfo | None:
    raw = opened.members.get(PART_MEMBER)
    if raw is None:
        return None
    try:
        doc: Any = json.loads(raw.decode("utf-8"))
        info = PartInfo(doc["set_id"], doc["index"], doc["count"])
        if (not isinstance(info.set_id, str) or not _SET_ID.fullmatch(info.set_id)
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in (info.index, info.count))
                or not 1 <= info.index <= info.count <= MAX_PARTS):
            raise ValueError("part")
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError, RecursionError) as exc:
        raise reject(opened, name, "thông tin phần của gói không đúng định dạng.", "the package's part record is malformed.") from exc
    return info


@dataclass(frozen=True)
class Held:
    complete: list[OpenedPackage] | None  # every part, in order, once all are there
    duplicate: bool
    have: int
    count: int


def waiting_folder(root: Path, sender: str, set_id: str) -> Path:
    return root / "parts" / f"{sender}_{set_id}"


def hold(root: Path, opened: OpenedPackage, data: bytes, name: str, info: PartInfo) -> Held:
    """Keep this part; return every part when the set is complete."""
    folder = waiting_folder(root, opened.manifest.sender.unit_code, info.set_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{info.index:03d}-of-{info.count:03d}.cchc"
    duplicate = False
    if target.exists():
        if read_package(target).sha256 != opened.sha256:
            raise reject(opened, name, f"đã nhận một phần {info.index}/{info.count} khác của cùng bộ gói.",
                         f"a different part {info.index}/{info.count} of the same set was already received.")
        duplicate = True
    else:
        others = [p for p in folder.glob("*.cchc") if not p.name.endswith(f"-of-{info.count:03d}.cchc")]
        if others:
            raise reject(opened, name, "các phần của bộ gói không cùng số lượng phần.", "the parts of the set disagree on their count.")
        tmp = target.with_name(target.name + ".partial")
        tmp.write_bytes(data)
        tmp.replace(target)
    present = sorted(folder.glob(f"*-of-{info.count:03d}.cchc"))
    if len(present) < info.count:
        return Held(None, duplicate, len(present), info.count)
    parts = [read_package(p, name=p.name) for p in present]
    for p in parts:
        if p.fingerprint != opened.fingerprint or p.manifest.sender != opened.manifest.sender:
            raise reject(opened, name, "các phần của bộ gói không cùng một nơi gửi.", "the parts of the set come from different senders.")
    return Held(parts, duplicate, info.count, info.count)


def merged(parts: list[OpenedPackage], name: str) -> OpenedPackage:
    """One package holding every part's members (the first part's manifest stands for the set)."""
    members: dict[str, bytes] = {}
    for p in parts:
        for path, content in p.members.items():
            if path == PART_MEMBER:
                continue
            if path in members and members[path] != content:
                raise reject(p, name, f"hai phần của bộ gói có {path} khác nhau.", f"two parts of the set hold different {path}.")
            members[path] = content
    first = parts[0]
    return OpenedPackage(first.manifest, members, first.certificate, first.sha256, name)


def forget(root: Path, sender: str, set_id: str) -> None:
    shutil.rmtree(waiting_folder(root, sender, set_id), ignore_errors=True)


@dataclass(frozen=True)
class WaitingSet:
    """An incomplete set in the waiting folder."""

    sender: str
    set_id: str
    have: int
    count: int
    last_at: dt.datetime  # when its latest part arrived (UTC)
    folder: Path

    def describe(self, lang: str = "vi") -> str:
        day = self.last_at.astimezone().strftime("%d/%m/%Y")
        if lang == "en":
            return f"set {self.set_id[:8]} from {self.sender}: {self.have} of {self.count} parts, the last on {day}"
        return f"bộ gói {self.set_id[:8]} của {self.sender}: có {self.have}/{self.count} phần, phần cuối nhận ngày {day}"


def waiting_sets(root: Path) -> list[WaitingSet]:
    """Every set still waiting for parts, oldest first."""
    out = []
    for folder in sorted((root / "parts").glob("*_*")) if (root / "parts").is_dir() else []:
        sender, _, set_id = folder.name.rpartition("_")
        if not folder.is_dir() or not _SET_ID.fullmatch(set_id):
            continue
        files = list(folder.glob("*-of-*.cchc"))
        count = max((int(m.group(1)) for f in files if (m := re.search(r"-of-(\d+)\.cchc$", f.name))), default=0)
        last = max((f.stat().st_mtime for f in files), default=folder.stat().st_mtime)
        out.append(WaitingSet(sender, set_id, len(files), count, dt.datetime.fromtimestamp(last, dt.UTC), folder))
    return sorted(out, key=lambda w: w.last_at)


def drop_stale(root: Path, now: dt.datetime, days: int = STALE_DAYS) -> list[WaitingSet]:
    """Drop the sets with no new part for ``days``; what was dropped."""
    dropped = [w for w in waiting_sets(root) if now - w.last_at > dt.timedelta(days=days)]
    for w in dropped:
        shutil.rmtree(w.folder, ignore_errors=True)
    return dropped


def drop_superseded(root: Path, sender: str, completed: str, since: dt.datetime) -> list[WaitingSet]:
    """A newer set from ``sender`` (``completed``, whose first part arrived at ``since``) was
    applied: its incomplete sets from before are dropped; what was dropped."""
    dropped = [w for w in waiting_sets(root) if w.sender == sender and w.set_id != completed and w.last_at <= since]
    for w in dropped:
        shutil.rmtree(w.folder, ignore_errors=True)
    return dropped


def receive_part(root: Path, opened: OpenedPackage, data: bytes, name: str, info: PartInfo,
                 apply: Callable[[OpenedPackage, Sequence[OpenedPackage]], ImportResult]) -> ImportResult:
    """Keep one part of a split submission; when the set is complete, ``apply`` the whole of it
    (given the merged package and the other parts, to be recorded too) and forget the parts,
    with the commune's older sets that never completed."""
    held = hold(root, opened, data, name, info)
    sender = opened.manifest.sender.unit_code
    if held.complete is None:
        return ImportResult(name, Outcome.WAITING, f"đã có {held.have}/{held.count} phần",
                            f"{held.have} of {held.count} parts here", kind=opened.manifest.kind.value, sender=sender)
    folder = waiting_folder(root, sender, info.set_id)
    since = dt.datetime.fromtimestamp(min(p.stat().st_mtime for p in folder.glob("*.cchc")), dt.UTC)
    result = apply(merged(held.complete, name), held.complete[1:])
    forget(root, sender, info.set_id)
    for w in drop_superseded(root, sender, info.set_id, since):
        result.changes.append(f"đã bỏ {w.describe()} (bộ gói mới hơn đã đủ phần)")
    return result
