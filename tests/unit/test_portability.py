"""Nothing in forms/, reports/ or desktop/ calls a POSIX-only API without a Windows path next to it.

Most commune PCs run Windows, and this project's machines cannot run the Windows build; so
this test reads the code (AST, not text: docstrings and comments do not count) for APIs that
do not exist or mean something else on Windows — os.fork, fcntl, signal.SIGKILL,
os.O_DIRECTORY, "/tmp" and the like. A use is accepted when the function around it checks the
platform (``sys.platform``, ``os.name``, ``IS_WINDOWS``), or when the function is named for
Linux/POSIX and its module holds the Windows branch. tests/crash (the kill harness) is
POSIX-only by design and is not scanned.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("forms", "reports", "desktop")

POSIX_ONLY_ATTRIBUTES = frozenset(
    {
        f"os.{name}"
        for name in (
            "fork",
            "forkpty",
            "setsid",
            "setpgrp",
            "getpgid",
            "killpg",
            "getuid",
            "geteuid",
            "getgid",
            "getegid",
            "setuid",
            "setgid",
            "O_DIRECTORY",
            "O_NOFOLLOW",
            "O_CLOEXEC",
            "statvfs",
            "fstatvfs",
            "sysconf",
            "mkfifo",
            "wait3",
            "wait4",
            "WNOHANG",
            "uname",
            "getloadavg",
            "chown",
            "lchown",
            "sync",
            "pipe2",
            "openpty",
            "nice",
        )
    }
    | {
        f"signal.{name}"
        for name in (
            "SIGKILL",
            "SIGHUP",
            "SIGQUIT",
            "SIGUSR1",
            "SIGUSR2",
            "SIGCHLD",
            "SIGALRM",
            "SIGPIPE",
            "SIGSTOP",
            "SIGCONT",
            "alarm",
            "setitimer",
            "pause",
            "pthread_kill",
            "sigwait",
        )
    }
    | {"shutil.chown", "socket.AF_UNIX"}
)
POSIX_ONLY_MODULES = frozenset(
    {"fcntl", "pwd", "grp", "resource", "termios", "tty", "pty", "posix", "syslog", "crypt"}
)
POSIX_PATH_PREFIXES = ("/tmp", "/proc/", "/sys/", "/dev/", "/var/", "/run/user", "/etc/")
PLATFORM_CHECKS = ("sys.platform", "os.name", "IS_WINDOWS", "platform.system")


@dataclass(frozen=True)
class Use:
    path: str
    line: int
    what: str


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Name):
        return node.id
    return "?"


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def posix_only_uses(source: str, path: str) -> list[Use]:
    """The POSIX-only uses in ``source`` that have no Windows path next to them."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    module_has_windows = "win32" in source or "IS_WINDOWS" in source
    enclosing: dict[int, ast.AST] = {}

    def visit(node: ast.AST, function: ast.AST | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if inner is not None:
                enclosing[id(child)] = inner
            visit(child, inner)

    visit(tree, None)
    found: list[Use] = []
    for node in ast.walk(tree):
        what = ""
        if isinstance(node, ast.Attribute) and _dotted(node) in POSIX_ONLY_ATTRIBUTES:
            what = _dotted(node)
        elif isinstance(node, ast.Import):
            what = next((a.name for a in node.names if a.name.split(".")[0] in POSIX_ONLY_MODULES), "")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in POSIX_ONLY_MODULES:
            what = str(node.module)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and node.value.startswith(POSIX_PATH_PREFIXES)
        ):
            what = repr(node.value)
        if not what:
            continue
        function = enclosing.get(id(node))
        if function is not None:
            body = ast.get_source_segment(source, function) or ""
            name = getattr(function, "name", "").lower()
            if any(check in body for check in PLATFORM_CHECKS):
                continue
            if ("linux" in name or "posix" in name) and module_has_windows:
                continue
        found.append(Use(path, getattr(node, "lineno", 0), what))
    return found


def _sources() -> list[Path]:
    return sorted(p for folder in SCANNED for p in (ROOT / folder).rglob("*.py"))


def test_no_posix_only_api_without_a_windows_path() -> None:
    offenders = []
    for path in _sources():
        offenders += posix_only_uses(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert offenders == [], "\n".join(f"{u.path}:{u.line}: {u.what}" for u in offenders)


@pytest.mark.parametrize(
    ("code", "flagged"),
    [
        ("import os\ndef f():\n    os.fork()\n", ["os.fork"]),
        ("import fcntl\n", ["fcntl"]),
        ("import os, signal\ndef f(p):\n    os.kill(p, signal.SIGKILL)\n", ["signal.SIGKILL"]),
        ("import os\ndef f(d):\n    return os.open(d, os.O_DIRECTORY)\n", ["os.O_DIRECTORY"]),
        ("def f():\n    return '/tmp/x'\n", ["'/tmp/x'"]),
        ("def f(n):\n    return f'/tmp/.X{n}-lock'\n", ["'/tmp/.X'"]),
        ('def f():\n    """Reads /proc/self/stat."""\n    return 1\n', []),  # a docstring is not code
        (
            "import os, sys\ndef f():\n    if sys.platform == 'win32':\n        return None\n    return os.getuid()\n",
            [],
        ),
        (
            "import sys\ndef g():\n    return 1 if sys.platform == 'win32' else linux_f()\n"
            "def linux_f():\n    return open('/proc/self/mounts').read()\n",
            [],
        ),
    ],
)
def test_the_scanner_itself(code: str, flagged: list[str]) -> None:
    assert [u.what for u in posix_only_uses(code, "x.py")] == flagged
