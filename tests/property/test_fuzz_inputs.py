"""Fuzzing what comes from outside: mutated sync packages and mutated form definitions.

A package is mutated at every layer: raw bytes; members (report JSON fields, signed PDFs,
form definitions, added and removed members) re-signed with the sender's own installation
key so the deeper checks are reached; and the manifest's JSON fields, re-signed too. Fed to
``sync.import_bytes`` at the reviewer, the only outcomes allowed are an import, "already
had", or a refusal carrying a documented error code and a Vietnamese reason; a refusal
leaves the reviewer's database exactly as it was (a dump of the whole file).

Form definitions (TOML) are mutated line by line and character by character and fed to
``forms.definition.parse_definition``: a definition or a ``DefinitionError``, nothing else;
an accepted definition evaluates.

Bounded: 200 examples each, no deadline (signature checks are slow), derandomised so a
failure is reproducible run to run.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.definition import DefinitionError, FormDefinition, parse_definition
from forms.engine import evaluate
from reports.errors import CchcError
from reports.exchange import sync
from reports.exchange.packages import read_package
from reports.exchange.packages.archive import STORED, build_archive, pack, parse_archive
from reports.exchange.packages.limits import Limits
from reports.exchange.packages.names import MANIFEST_NAME, SIGNATURE_NAME
from reports.exchange.packages.signature import sign_manifest
from reports.exchange.sync import ImportResult, Outcome
from reports.workspace import Workspace
from tests.unit.sync_world import World, build_world, db_dump, open_copy, repack

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DEFINITIONS = Path(__file__).resolve().parents[2] / "forms" / "definitions"


def documented_codes() -> set[str]:
    """Every expected error's stable code (a refusal must carry one of these)."""
    import importlib
    import pkgutil

    import reports

    for info in pkgutil.walk_packages(reports.__path__, "reports."):
        if not info.name.startswith(("reports.cli", "reports.selftest")):
            importlib.import_module(info.name)
    from reports.exchange.packages import RejectionReason

    codes = {str(r) for r in RejectionReason}  # a refused package names its reason
    todo: list[type[CchcError]] = [CchcError]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls is not CchcError:
            codes.add(cls.code)
    return codes


# ---------------------------------------------------------------- the installations


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("fuzz-world"))


class Reviewer:
    """The reviewer's installation, replaced by a fresh copy after a successful import."""

    def __init__(self, template: Path, root: Path) -> None:
        self.template, self.root, self.copies = template, root, 0
        self.ws = self._fresh()

    def _fresh(self) -> Workspace:
        self.copies += 1
        target = self.root / f"so-{self.copies}"
        return open_copy(self.template, target)

    def reset(self) -> None:
        self.ws.close()
        shutil.rmtree(self.ws.paths.root, ignore_errors=True)
        self.ws = self._fresh()


@pytest.fixture(scope="module")
def reviewer(world: World, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reviewer]:
    r = Reviewer(world.reviewer, tmp_path_factory.mktemp("fuzz-reviewer"))
    yield r
    r.ws.close()


@pytest.fixture(scope="module")
def sender(world: World, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The sending commune (its installation key re-signs mutated packages)."""
    ws = open_copy(world.tan_phu, tmp_path_factory.mktemp("fuzz-sender") / "tan-phu")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def genuine(world: World) -> bytes:
    return world.package.read_bytes()


@pytest.fixture(scope="module")
def codes() -> set[str]:
    return documented_codes()


def check_import(reviewer: Reviewer, data: bytes, codes: set[str]) -> ImportResult:
    before = db_dump(reviewer.ws)
    result = sync.import_bytes(reviewer.ws, data, name="26116_fuzz.cchc")  # anything else raised is a bug
    assert isinstance(result, ImportResult) and result.outcome in set(Outcome)
    if result.outcome is Outcome.REFUSED:
        assert result.code in codes, result.code
        assert result.reason and result.reason_en
        assert db_dump(reviewer.ws) == before  # all or nothing: nothing
    elif result.outcome is Outcome.ALREADY_HAD:
        assert db_dump(reviewer.ws) == before
    else:
        reviewer.reset()  # a harmless mutation went in: start the next example clean
    return result


# ---------------------------------------------------------------- mutations


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
    | st.sampled_from([10**40, -1, 0, "", "../../etc/passwd", "2026-13", "C:\\x", "\u0000", "ạ" * 300]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def paths_in(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    out = [prefix]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += paths_in(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += paths_in(v, (*prefix, i))
    return out


@st.composite
def mutated_json(draw: st.DrawFn, doc: Any) -> Any:
    doc = json.loads(json.dumps(doc))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths_in(doc)))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if not where:
            doc = draw(json_values) if action == "replace" else doc
            continue
        parent = doc
        for step in where[:-1]:
            parent = parent[step]
        key = where[-1]
        if action == "replace":
            parent[key] = draw(json_values)
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = draw(json_values)
        else:
            parent.insert(key, draw(json_values))
    return doc


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not buf:
            break
        at = draw(st.integers(0, len(buf) - 1))
        action = draw(st.sampled_from(["flip", "set", "insert", "delete", "truncate"]))
        if action == "flip":
            buf[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "set":
            buf[at] = draw(st.integers(0, 255))
        elif action == "insert":
            buf[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del buf[at : at + draw(st.integers(1, 64))]
        else:
            del buf[at:]
    return bytes(buf)


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "value", "key", "chars", "truncate"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "value" and "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            value = draw(st.sampled_from([
                "0", "-1", "1e309", "99999999999999999999999", "true", '""', '"x"', "[]", "{}", '["month"]',
                '"a +"', '"a / 0"', '"(((("', '"sum(tthc_by_domain.received) * 2"', '"không_có"', '"ạ"',
                "[1, 2", '"""', "nan", "inf", '"' + "a+" * 400 + 'a"',
            ]))
            lines[i] = f"{key}= {value}\n"
        elif action == "key" and "=" in lines[i]:
            lines[i] = draw(st.sampled_from(["id", "type", "formula", "kind", "version", "bogus", "sections"])) + \
                " =" + lines[i].split("=", 1)[1]
        elif action == "chars":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(max_size=8)) + lines[i][at:]
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    return "".join(lines)


class Mutation:
    """A drawn mutation; its repr stays short (hypothesis prints it for a failing example)."""

    def __init__(self, kind: str, payload: Any, what: str) -> None:
        self.kind, self.payload, self.what = kind, payload, what

    def __repr__(self) -> str:
        return f"Mutation({self.kind}: {self.what})"


def _diff(before: bytes, after: bytes) -> str:
    at = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), min(len(before), len(after)))
    return f"{len(before)}→{len(after)} bytes, first change at {at}: {bytes(after[at:at + 40])!r}"


def package_mutations(genuine: bytes) -> st.SearchStrategy[Mutation]:
    opened = read_package(genuine)
    members = dict(opened.members)
    reports = sorted(k for k in members if k.startswith("reports/"))
    forms = sorted(k for k in members if k.startswith("forms/"))
    if not forms:  # format 1.1 carries no definition: mutate the one a 1.0 package carried
        members["forms/cchc-xa-v1.toml"] = (DEFINITIONS / "cchc-xa-v1.toml").read_bytes()
        forms = ["forms/cchc-xa-v1.toml"]
    pdfs = sorted(k for k in members if k.startswith("pdf/"))
    manifest = json.loads(bytes(next(m for m in parse_archive(genuine, Limits()) if m.name == MANIFEST_NAME).packed))

    def with_member(path: str, content: bytes) -> dict[str, bytes]:
        return {**members, path: content}

    def changed(p: str, new: bytes) -> Mutation:
        return Mutation("members", with_member(p, new), f"{p}: {_diff(members[p], new)}")

    report_json = st.sampled_from(reports).flatmap(lambda p: mutated_json(json.loads(members[p])).map(
        lambda doc, p=p: changed(p, json.dumps(doc, ensure_ascii=False).encode())))
    report_raw = st.sampled_from(reports + pdfs).flatmap(lambda p: mutated_bytes(members[p]).map(
        lambda b, p=p: changed(p, b)))
    form_text = st.sampled_from(forms).flatmap(lambda p: mutated_text(members[p].decode()).map(
        lambda t, p=p: changed(p, t.encode())))
    removed = st.sampled_from(sorted(members)).map(
        lambda p: Mutation("members", {k: v for k, v in members.items() if k != p}, f"without {p}"))
    added = st.tuples(
        st.sampled_from(["reports/", "pdf/", "forms/", "feedback/"]),
        st.from_regex(r"[a-z0-9_-]{1,20}\.(json|pdf|toml)", fullmatch=True),
        st.sampled_from([members[reports[0]], b"{}", b"[]", b"not json", b"%PDF-1.7\n%%EOF"]),
    ).map(lambda t: Mutation("members", {**members, t[0] + t[1]: t[2]}, f"with {t[0] + t[1]} = {t[2][:30]!r}"))
    manifest_fields = mutated_json(manifest).map(
        lambda doc: Mutation("manifest", doc, json.dumps(doc, ensure_ascii=False)[:600]))
    raw = mutated_bytes(genuine).map(lambda b: Mutation("raw", b, _diff(genuine, b)))
    return st.one_of(report_json, report_raw, form_text, removed, added, manifest_fields, raw)


def build(kind: str, payload: Any, genuine: bytes, sender: Workspace) -> bytes:
    if kind == "raw":
        return bytes(payload)
    if kind == "members":
        try:
            return repack(sender, read_package(genuine), payload)
        except (ValueError, CchcError):
            return genuine  # a member set the writer itself refuses (a bad name): nothing to send
    archived = [m for m in parse_archive(genuine, Limits()) if m.name not in (MANIFEST_NAME, SIGNATURE_NAME)]
    manifest_bytes = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    signature = sign_manifest(manifest_bytes, sender.installation_key)
    return build_archive([pack(MANIFEST_NAME, manifest_bytes, method=STORED),
                          pack(SIGNATURE_NAME, signature, method=STORED), *archived])


# ---------------------------------------------------------------- the tests


def test_mutated_packages_give_only_documented_outcomes(
    reviewer: Reviewer, sender: Workspace, genuine: bytes, codes: set[str]
) -> None:
    seen: dict[str, int] = {}

    @FUZZ
    @given(package_mutations(genuine))
    def run(mutation: Mutation) -> None:
        result = check_import(reviewer, build(mutation.kind, mutation.payload, genuine, sender), codes)
        key = f"{mutation.kind}:{result.outcome}"
        seen[key] = seen.get(key, 0) + 1

    run()
    print("package mutations:", dict(sorted(seen.items())))
    # The mutations reached every layer: refusals at the archive and at the content.
    assert seen.get("raw:refused") and seen.get("members:refused") and seen.get("manifest:refused"), seen


def test_the_genuine_package_still_imports(reviewer: Reviewer, genuine: bytes, codes: set[str]) -> None:
    result = check_import(reviewer, genuine, codes)
    assert result.outcome is Outcome.IMPORTED


@pytest.mark.parametrize("name", sorted(p.name for p in DEFINITIONS.glob("*.toml")))
def test_mutated_form_definitions_give_a_definition_or_a_definition_error(name: str) -> None:
    source = (DEFINITIONS / name).read_text(encoding="utf-8")
    outcomes = {"parsed": 0, "refused": 0}

    @FUZZ
    @given(mutated_text(source))
    def run(text: str) -> None:
        try:
            d = parse_definition(text, source=name)
        except DefinitionError as exc:
            assert exc.reason and exc.where  # says where and what
            outcomes["refused"] += 1
            return
        assert isinstance(d, FormDefinition)
        evaluate(d, {})  # an accepted definition works
        outcomes["parsed"] += 1

    run()
    print(name, outcomes)
    assert outcomes["refused"] > 0 and outcomes["parsed"] > 0, outcomes
