"""The shape of the code, checked from its source: no import cycles, no SQL outside
``reports/storage/``, no private name crossing a module boundary, and ``docs/architecture.md``
naming every package with what it may import.

Every ``import`` statement counts wherever it stands — at the top, in a function, under
``if TYPE_CHECKING`` — because hiding an import in a function does not remove the cycle: it
only moves the failure to the moment the function first runs.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOP_PACKAGES = ("forms", "reports", "desktop")
ARCHITECTURE = ROOT / "docs" / "architecture.md"


@dataclass(frozen=True)
class Module:
    name: str  # dotted, e.g. "reports.storage.store"; a package is named by its folder
    path: Path
    is_package: bool

    @property
    def rel(self) -> str:
        return self.path.relative_to(ROOT).as_posix()


@cache
def modules() -> dict[str, Module]:
    found: dict[str, Module] = {}
    for top in TOP_PACKAGES:
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            found[".".join(parts)] = Module(".".join(parts), path, is_package)
    return found


@cache
def tree(name: str) -> ast.Module:
    module = modules()[name]
    return ast.parse(module.path.read_text(encoding="utf-8"), filename=str(module.path))


def _longest_known(dotted: str) -> str | None:
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules():
            return candidate
    return None


def imports_of(name: str) -> Iterator[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import statement anywhere in
    the module. ``from package import name`` is an import of the submodule when ``name`` is
    one, else of the package (``name`` is then what it takes from it)."""
    module = modules()[name]
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _longest_known(alias.name)
                if target is not None:
                    yield target, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if module.is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in modules():
                    yield submodule, None, node.lineno
                elif source in modules():
                    yield source, alias.name, node.lineno


@cache
def graph() -> dict[str, frozenset[str]]:
    return {name: frozenset(t for t, _, _ in imports_of(name) if t != name) for name in modules()}


def strongly_connected(edges: dict[str, frozenset[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (a deep import chain must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def a_cycle(group: list[str], edges: dict[str, frozenset[str]]) -> list[str]:
    """One concrete cycle through the group's first module (shortest, by breadth-first search)."""
    start = group[0]
    members = set(group)
    previous: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(edges[node] & members):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return group  # pragma: no cover - a strongly connected group always has a cycle


def test_no_import_cycles() -> None:
    edges = graph()
    cycles = [" → ".join(a_cycle(g, edges)) for g in strongly_connected(edges)]
    assert cycles == [], "import cycles (every import statement counts, function-level too):\n" + "\n".join(cycles)


def test_the_cycle_finder_finds_a_hidden_cycle() -> None:
    """The checker itself: a cycle through a function-level import is found and named."""
    edges = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset({"a"})}
    [group] = strongly_connected(edges)
    assert group == ["a", "b", "c"]
    assert a_cycle(group, edges) == ["a", "b", "c", "a"]
    source = "def f():\n    from reports.storage import store\n"
    nodes = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom)]
    assert [n.module for n in nodes] == ["reports.storage"]


# ---------------------------------------------------------------- SQL stays in storage

STORAGE = "reports.storage"
# Running SQL, on any object: sqlite3's connections and cursors, storage's Database, sqlite-utils'.
SQL_CALLS = frozenset({"execute", "executemany", "executescript", "query"})
# sqlite-utils' table API, on anything that looks like a database handle.
TABLE_CALLS = frozenset({
    "table", "insert", "insert_all", "upsert", "upsert_all", "update", "delete", "delete_where", "rows_where",
    "lookup", "create_table", "create_view", "enable_wal", "disable_wal", "vacuum", "analyze",
})
DB_HANDLES = frozenset({"db", "_db", "conn", "connection", "database", "cursor", "cur"})
# Opening a database is storage's job too.
OPENERS = {("sqlite3", "connect"), ("sqlite_utils", "Database"), ("sqlite_utils", "Migrations")}
SQL_TEXT = re.compile(
    r"^\s*(SELECT\s.+\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|REPLACE\s+INTO\s"
    r"|PRAGMA\s+\w+|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)\s|DROP\s+(TABLE|INDEX|TRIGGER|VIEW)\s|ALTER\s+TABLE\s)",
    re.DOTALL,
)


def _handle_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def sql_uses(module: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, what) for everything in the module that runs or spells SQL."""
    for node in ast.walk(module):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr, receiver = node.func.attr, node.func.value
            if attr in SQL_CALLS:
                yield node.lineno, f".{attr}("
            elif attr in TABLE_CALLS and _handle_name(receiver) in DB_HANDLES:
                yield node.lineno, f"{_handle_name(receiver)}.{attr}("
            elif isinstance(receiver, ast.Name) and (receiver.id, attr) in OPENERS:
                yield node.lineno, f"{receiver.id}.{attr}("
        elif isinstance(node, ast.Subscript) and _handle_name(node.value) in DB_HANDLES:
            if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
                yield node.lineno, f'{_handle_name(node.value)}["{node.slice.value}"]'
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.match(node.value):
            yield node.lineno, "SQL text " + repr(node.value[:40])


def test_no_sql_outside_storage() -> None:
    found = [
        f"{modules()[name].rel}:{line}: {what}"
        for name in sorted(modules())
        if not (name == STORAGE or name.startswith(STORAGE + "."))
        for line, what in sql_uses(tree(name))
    ]
    assert found == [], "SQL outside reports/storage/ (ask a storage module instead):\n" + "\n".join(found)


def test_the_sql_finder_sees_every_form() -> None:
    """The checker itself, on the forms SQL takes in this code base."""
    source = '''
ws.db.execute("x")
conn.executemany("x", [])
self.db.executescript("x")
rows = list(db.query("x"))
db["reports"].insert({})
ws.db.table("reports").rows_where()
sqlite3.connect(path)
text = "SELECT uid FROM reports WHERE id = ?"
grid.table()                      # not a database
message = "Update the settings"   # not SQL
'''
    found = [what for _, what in sql_uses(ast.parse(source))]
    assert sorted(found) == sorted([
        ".execute(", ".executemany(", ".executescript(", ".query(", 'db["reports"]', "db.table(", "sqlite3.connect(",
        "SQL text 'SELECT uid FROM reports WHERE id = ?'",
    ])


# ---------------------------------------------------------------- private names stay home


def private_crossings(name: str) -> Iterator[tuple[int, str]]:
    """``from module import _x`` and ``module._x`` where ``module`` is another of ours."""
    aliases: dict[str, str] = {}
    for target, imported, line in imports_of(name):
        if imported is not None and imported.startswith("_") and not imported.startswith("__"):
            yield line, f"{target}.{imported}"
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                full = f"{node.module}.{alias.name}" if node.module else alias.name
                if full in modules():
                    aliases[alias.asname or alias.name] = full
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name in modules():
                    aliases[alias.asname] = alias.name
    for node in ast.walk(tree(name)):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                and node.attr.startswith("_") and not node.attr.startswith("__")
                and aliases[node.value.id] != name):
            yield node.lineno, f"{aliases[node.value.id]}.{node.attr}"


def test_no_private_name_crosses_a_module() -> None:
    found = [
        f"{modules()[name].rel}:{line}: {what}"
        for name in sorted(modules())
        for line, what in private_crossings(name)
    ]
    assert found == [], "private names used from another module (make them public, or move the code):\n" + "\n".join(found)


# ---------------------------------------------------------------- docs/architecture.md

# A line per package (``- `reports/storage/` — …``); a module of the ``reports`` root may have
# a line of its own (``- `reports/workspace.py` — …``) when it sits higher than the root's
# small shared modules.
ENTRY_LINE = re.compile(r"^- `(?P<unit>(?:forms|reports|desktop)(?:/[a-z_]+)*(?:/|\.py))`")
UNIT_NAME = re.compile(r"`((?:forms|reports|desktop)(?:/[a-z_]+)*(?:/|\.py))`")


def package_paths() -> list[str]:
    return sorted(m.rel.removesuffix("__init__.py") for m in modules().values() if m.is_package)


@cache
def documented() -> dict[str, str]:
    """unit (``reports/storage/`` or ``reports/workspace.py``) → its line."""
    out = {}
    for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
        m = ENTRY_LINE.match(line)
        if m:
            out[m.group("unit")] = line
    return out


def unit_of(name: str) -> str:
    """The documented unit a module belongs to: its own line, else its package's."""
    module = modules()[name]
    if module.rel in documented():
        return module.rel
    return module.rel.removesuffix("__init__.py") if module.is_package else module.rel.rsplit("/", 1)[0] + "/"


def allowed_imports(unit: str) -> set[str]:
    text = documented()[unit].split("May import:", 1)[1]
    return set(UNIT_NAME.findall(text))


def test_architecture_names_every_package() -> None:
    missing = [p for p in package_paths() if p not in documented()]
    stale = [u for u in documented() if u not in package_paths() and not (ROOT / u).is_file()]
    assert missing == [], f"docs/architecture.md has no line for {missing}"
    assert stale == [], f"docs/architecture.md names what does not exist: {stale}"
    for unit, line in documented().items():
        assert "May import:" in line, f"the line for {unit} does not say what it may import"
        assert allowed_imports(unit) <= set(documented()), f"{unit} may import something without a line of its own"


def test_packages_import_only_what_architecture_allows() -> None:
    """Each package imports only the units its line in docs/architecture.md names."""
    wrong = []
    for name in sorted(modules()):
        source = unit_of(name)
        if source not in documented():
            continue  # test_architecture_names_every_package names it
        allowed = allowed_imports(source) | {source}
        for target, _, line in imports_of(name):
            unit = unit_of(target)
            if unit not in allowed:
                wrong.append(f"{modules()[name].rel}:{line}: imports {target} ({unit} is not in the “May import” of {source})")
    assert wrong == [], "imports docs/architecture.md does not allow:\n" + "\n".join(sorted(set(wrong)))


# ---------------------------------------------------------------- modules a person can read

MAX_LINES = 500


def test_no_module_over_500_lines() -> None:
    """A module is named after the one thing it defines; past 500 lines it holds several."""
    long = []
    for module in modules().values():
        with module.path.open(encoding="utf-8") as fh:
            count = sum(1 for _ in fh)
        if count > MAX_LINES:
            long.append(f"{module.rel}: {count} lines")
    assert long == [], f"modules over {MAX_LINES} lines (split them along their seams):\n" + "\n".join(sorted(long))
