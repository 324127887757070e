"""Revisions that did not arrive in order, as the reviewer should see them.

A commune numbers its revisions 1, 2, 3… itself, and may make several before one leaves
the office (amended twice before the USB stick was handed over), or lose one on the way.
So a received revision is never refused for its number: refusing revision 3 because 2 never
came would block that commune's report for good, and the data would be lost. Instead every
revision is kept under the number it carries and the gap is shown:

- the newest revision held is the one the board, the consolidated report and the decision
  read (as always); when revisions below it are missing here, it carries "Sở chưa nhận lần 2–4"
  so the reviewer can ask the commune whether something was lost;
- a revision that arrives after a higher one (an old USB stick) goes into the history and
  never replaces the newer one; it carries "đến sau lần N".

Nothing here is stored: it is read from the revisions held, so a late revision that fills a
gap makes the flag go away by itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reports.storage import received
from reports.workspace import Workspace


def missing_revisions(held: Iterable[int]) -> tuple[int, ...]:
    """The revisions below the highest held that are not held (1 included)."""
    have = set(held)
    return tuple(n for n in range(1, max(have, default=0)) if n not in have)


def spans(numbers: Sequence[int]) -> str:
    """2, 3, 4, 7 → "2–4, 7": a commune that jumped from 1 to 999 must not fill a screen."""
    out: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        out.append(str(numbers[i]) if i == j else f"{numbers[i]}–{numbers[j]}")
        i = j + 1
    return ", ".join(out)


@dataclass(frozen=True)
class RevisionGap:
    """What the reviewer should know about one revision's place among those held."""

    revision: int
    newest: int  # the highest revision held of the same report
    missing: tuple[int, ...]  # below ``newest``, not held (shown only on the newest)
    arrived_after: int | None  # a higher revision that reached us before this one

    @property
    def flagged(self) -> bool:
        return bool(self.missing) or self.arrived_after is not None

    def text(self, lang: str = "vi") -> str:
        """One line for the report's status, the import result and ``cchc status``; "" if nothing to say."""
        parts = []
        if self.missing:
            parts.append(
                f"Sở chưa nhận lần {spans(self.missing)} của báo cáo này (xã có thể đã sửa nhiều lần trước khi gửi, "
                "hoặc gói bị thất lạc); hãy hỏi xã nếu cần xem các lần đó."
                if lang != "en" else
                f"revision {spans(self.missing)} of this report never reached this office (the commune may have "
                "amended it several times before sending, or a package was lost); ask the commune if you need them."
            )
        if self.arrived_after is not None:
            parts.append(
                f"lần {self.revision} đến sau lần {self.arrived_after}: đã lưu vào lịch sử, lần {self.newest} vẫn là "
                "bản đang xét." if lang != "en" else
                f"revision {self.revision} arrived after revision {self.arrived_after}: kept in the history, "
                f"revision {self.newest} is still the one under review."
            )
        return " ".join(parts)


def gap_of(revision: int, held: Sequence[tuple[int, str | None]]) -> RevisionGap:
    """``held``: (revision, arrival ISO) of every revision of the report held here."""
    numbers = [n for n, _ in held]
    newest = max(numbers, default=revision)
    arrival = dict(held).get(revision)
    after = None
    if arrival is not None:
        earlier_higher = [n for n, at in held if n > revision and at is not None and at < arrival]
        after = max(earlier_higher) if earlier_higher else None
    missing = missing_revisions(numbers) if revision == newest else ()
    return RevisionGap(revision, newest, missing, after)


def report_gap(ws: Workspace, unit_code: str, form_id: str, period: str, revision: int) -> RevisionGap:
    return gap_of(revision, received.revisions_held(ws.db, unit_code, form_id, period))


def import_notes(ws: Workspace, reports: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(vi, en) notes for the reports a submission just stored (inside its transaction, so
    what it brought counts as held): one per report whose revision left a gap or came late."""
    notes = []
    for d in reports:
        gap = report_gap(ws, d["unit_code"], d["form_id"], d["period"], d["revision"])
        if gap.flagged:
            head_vi, head_en = f"báo cáo kỳ {d['period']} lần {d['revision']}: ", f"the {d['period']} report revision {d['revision']}: "
            notes.append((head_vi + gap.text("vi"), head_en + gap.text("en")))
    return notes
