"""Safe arithmetic over field values, for computed fields and validation rules.

An expression is parsed with Python's ``ast`` and only a whitelist of nodes is accepted:
numbers, field names, ``table.column`` (the list of a repeating table's column values),
``+ - * /``, unary minus, parentheses and the functions below. Nothing is ever passed to
``eval``. A missing value propagates as ``MISSING``; division by zero gives ``MISSING`` too,
which is how a rate with no denominator becomes "—" instead of an exception.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


class _Missing:
    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


class ExpressionError(ValueError):
    """An expression in a form definition that is not allowed or does not parse."""


def _sum(*args: Any) -> Any:
    items = _flatten(args)
    present = [x for x in items if x is not MISSING]
    return sum(present) if present else (0 if not items else MISSING)


def _flatten(args: tuple[Any, ...]) -> list[Any]:
    out: list[Any] = []
    for a in args:
        if isinstance(a, list):
            out.extend(a)
        else:
            out.append(a)
    return out


def _min(*args: Any) -> Any:
    items = [x for x in _flatten(args) if x is not MISSING]
    return min(items) if items else MISSING


def _max(*args: Any) -> Any:
    items = [x for x in _flatten(args) if x is not MISSING]
    return max(items) if items else MISSING


def _count(*args: Any) -> Any:
    return len([x for x in _flatten(args) if x is not MISSING])


def _percent(num: Any, den: Any) -> Any:
    if num is MISSING or den is MISSING or isinstance(num, list) or isinstance(den, list) or den == 0:
        return MISSING
    return num * 100 / den


def _coalesce(*args: Any) -> Any:
    for a in args:
        if a is not MISSING:
            return a
    return MISSING


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "sum": _sum,
    "min": _min,
    "max": _max,
    "count": _count,
    "percent": _percent,  # percent(a, b) = a × 100 / b, "—" when b is 0
    "coalesce": _coalesce,  # the first argument that has a value
}

_BINOPS: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: MISSING if b == 0 else a / b,
}


@dataclass(frozen=True)
class Expression:
    """A parsed expression; ``names`` are the field ids it reads."""

    source: str
    tree: ast.expr
    names: frozenset[str]

    @classmethod
    def parse(cls, source: str) -> Expression:
        source = str(source).strip()
        if not source:
            raise ExpressionError("empty expression")
        if len(source) > 2000:
            raise ExpressionError("expression too long")
        try:
            tree = ast.parse(source, mode="eval").body
        except SyntaxError as exc:
            raise ExpressionError(f"syntax error at column {exc.offset}: {source!r}") from exc
        names: set[str] = set()
        _check(tree, names)
        return cls(source, tree, frozenset(names))

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        """Evaluate against ``values`` (field id → number, list for table columns, or
        MISSING/None). Returns a number or MISSING."""
        return _eval(self.tree, values)


MAX_DEPTH = 100


def _check(node: ast.AST, names: set[str], depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ExpressionError("expression nested too deeply")
    depth += 1
    match node:
        case ast.Constant(value=v) if isinstance(v, (int, float)) and not isinstance(v, bool):
            return
        case ast.Name(id=name):
            names.add(name)
        case ast.Attribute(value=ast.Name(id=table), attr=column):
            names.add(f"{table}.{column}")
        case ast.BinOp(left=left, op=op, right=right) if type(op) in _BINOPS:
            _check(left, names, depth)
            _check(right, names, depth)
        case ast.UnaryOp(op=ast.USub() | ast.UAdd(), operand=operand):
            _check(operand, names, depth)
        case ast.Call(func=ast.Name(id=fn), args=args, keywords=[]) if fn in FUNCTIONS:
            for a in args:
                _check(a, names, depth)
        case _:
            raise ExpressionError(f"not allowed in an expression: {ast.unparse(node)!r}")


def _eval(node: ast.AST, values: Mapping[str, Any]) -> Any:
    match node:
        case ast.Constant(value=v):
            return v
        case ast.Name(id=name):
            v = values.get(name, MISSING)
            return MISSING if v is None else v
        case ast.Attribute(value=ast.Name(id=table), attr=column):
            v = values.get(f"{table}.{column}", MISSING)
            return MISSING if v is None else v
        case ast.BinOp(left=left, op=op, right=right):
            a, b = _eval(left, values), _eval(right, values)
            if a is MISSING or b is MISSING or isinstance(a, list) or isinstance(b, list):
                return MISSING
            return _BINOPS[type(op)](a, b)
        case ast.UnaryOp(op=op, operand=operand):
            v = _eval(operand, values)
            if v is MISSING or isinstance(v, list):
                return MISSING
            return -v if isinstance(op, ast.USub) else v
        case ast.Call(func=ast.Name(id=fn), args=args):
            return FUNCTIONS[fn](*[_eval(a, values) for a in args])
    raise ExpressionError(f"cannot evaluate {ast.dump(node)}")  # pragma: no cover
