"""The forger of test_signed_hostile_content.py and test_signed_hostile_packages.py: a trusted
commune's real export with one report member changed (its checksum recomputed, so only the
content check can fire), re-signed with the commune's own installation key; and the check
that the reviewer refused it with its own code, untouched."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reports.exchange.packages import read_package
from reports.storage.report import content_hash
from reports.workspace import Workspace
from tests.unit.sync_world import (
    World,
    assert_refused,
    deliver,
    repack,
)

Change = Callable[[dict[str, Any]], None]


def forge(world: World, commune: Workspace, change: Change, *, uid: str | None = None,
          members: dict[str, bytes] | None = None, rehash: bool = True,
          patch: tuple[bytes, bytes] | None = None) -> bytes:
    """The commune's real export with report ``uid`` (default: the unsigned monthly one)
    changed by ``change(doc)`` (``doc`` is the whole member: ``report``, ``status``,
    ``acknowledgements``…), its checksum recomputed, re-signed with the commune's own key."""
    opened = read_package(world.package)
    out = dict(opened.members if members is None else members)
    uid = uid or world.unsigned_uid
    doc = json.loads(out.pop(f"reports/{uid}.json"))
    change(doc)
    d = doc["report"]
    if rehash:
        with contextlib.suppress(KeyError, TypeError, ValueError):
            d["content_sha256"] = content_hash(d["form_id"], d["form_version"], d["period"], d["revision"], d["values"])
    # json.dumps, not canonical_json: NaN and Infinity must go through as the attacker wrote them.
    raw = json.dumps(doc, sort_keys=True).encode()  # ASCII: a lone surrogate travels as \\ud800
    out[f"reports/{d.get('report_uid', uid)}.json"] = raw.replace(*patch) if patch else raw
    return repack(commune, opened, out)


def values(**changes: Any) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["report"]["values"] = {**doc["report"]["values"], **changes}

    return change


def without(field: str) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["report"]["values"] = {k: v for k, v in doc["report"]["values"].items() if k != field}

    return change


def report(**changes: Any) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc["report"].update(changes)

    return change


def member(**changes: Any) -> Change:
    def change(doc: dict[str, Any]) -> None:
        doc.update(changes)

    return change


def refused(reviewer: Workspace, data: bytes, tmp_path: Path, code: str, says: tuple[str, ...] = ()) -> str:
    path = deliver(reviewer, data, tmp_path / "usb", "26116_gia-mao.cchc")
    result = assert_refused(reviewer, path, code=code, says=says)
    assert "Traceback" not in result.reason
    return result.reason
