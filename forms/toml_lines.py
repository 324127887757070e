"""Where a value sits in a TOML file, for messages that name the line.

``tomllib`` gives a line only for syntax errors; a value that parses but is wrong (a date
outside its year, an unknown field type) is found by its place in the document, written as
our readers write it: ``year[1].working_day[0].date``, ``sections[2].fields[0].type``. This
scans the text for table headers (``[a]``, ``[[a.b]]``) and ``key =`` lines, resolving each to
such a place, and returns the line of the deepest one that contains the wanted place.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")
_SYNTAX_LINE = re.compile(r"at line (\d+)")


def _contains(outer: str, inner: str) -> bool:
    return inner == outer or inner.startswith(outer + ".") or inner.startswith(outer + "[")


def line_of(text: str, where: str) -> int | None:
    """The 1-based line of ``where`` (or of the nearest enclosing table or key), or None."""
    counts: dict[str, int] = {}  # resolved path of an array of tables → elements seen
    current = ""
    best_len, best_line = -1, None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            array = header.group(1) == "[["
            parts = [p.strip() for p in header.group(2).split(".")]
            resolved = ""
            for i, part in enumerate(parts):
                key = f"{resolved}.{part}" if resolved else part
                if array and i == len(parts) - 1:
                    index = counts.get(key, 0)
                    counts[key] = index + 1
                    resolved = f"{key}[{index}]"
                elif key in counts:  # a parent array of tables: its newest element
                    resolved = f"{key}[{counts[key] - 1}]"
                else:
                    resolved = key
            current = candidate = resolved
        else:
            key_match = _KEY.match(line)
            if not key_match:
                continue
            candidate = f"{current}.{key_match.group(1)}" if current else key_match.group(1)
        if _contains(candidate, where) and len(candidate) > best_len:
            best_len, best_line = len(candidate), number
    return best_line


def syntax_error_line(message: str, text: str) -> int | None:
    """The line tomllib names in a syntax error ("... (at line 3, column 7)", or "(at end of
    document)": the last line)."""
    m = _SYNTAX_LINE.search(message)
    if m:
        return int(m.group(1))
    if "end of document" in message:
        return max(1, len(text.splitlines()))
    return None
