"""The official list of administrative units since 1 July 2025, and search over it.

Two tiers: 34 provinces (tỉnh, thành phố trực thuộc trung ương) and 3,321 commune-level units
(xã, phường, đặc khu), with the codes of Decision 19/2025/QĐ-TTg (2 digits for a province,
5 for a commune). The data is the shipped ``resources/units/units-2025.csv`` (see the
SOURCE.md beside it; ``tools/make_units.py`` regenerates it), so nothing here needs the
``vietnam-provinces`` package at run time.

Search is diacritics- and case-insensitive ("tan phu" finds "Tân Phú", "duc" finds "Đức") and
also matches code prefixes; every name's folded form is computed once, at load.
"""

from __future__ import annotations

import csv
import gc
import io
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from operator import add, attrgetter
from pathlib import Path

from reports.resources import resource_path

DEFAULT_RELATIVE_PATH = "units/units-2025.csv"
COLUMNS = ("province_code", "province_name", "commune_code", "commune_name", "commune_kind")

KINDS = ("xa", "phuong", "dac_khu")
KIND_PREFIXES = {"xa": "Xã ", "phuong": "Phường ", "dac_khu": "Đặc khu "}
KIND_LABELS = {"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu"}
PROVINCE_PREFIXES = {"Tỉnh ": "tỉnh ", "Thành phố ": "thành phố "}


@dataclass(frozen=True, slots=True)
class Province:
    code: str  # 2 digits, e.g. "01"
    name: str  # "Thành phố Hà Nội", "Tỉnh Đồng Nai"
    short_name: str  # "Hà Nội", "Đồng Nai"


@dataclass(frozen=True, slots=True)
class Commune:
    code: str  # 5 digits, e.g. "00070"
    name: str  # "Phường Hoàn Kiếm", "Xã Tân Phú", "Đặc khu Phú Quốc"
    short_name: str  # "Hoàn Kiếm"
    kind: str  # "xa" | "phuong" | "dac_khu"
    province_code: str
    province_name: str


# --- folding -------------------------------------------------------------------------------

# After NFD, Vietnamese diacritics are all in Combining Diacritical Marks (U+0300-U+036F);
# đ has no decomposition and is mapped by hand (also the look-alike eth, which old converters
# produce for Đ). Typographic apostrophes and dashes become their ASCII forms, since the
# official names mix them ("Ea H’leo", "B'Lao", "Chân Mây – Lăng Cô").
_SPECIAL: dict[int, str] = {
    ord("đ"): "d",
    ord("ð"): "d",
    ord("\u2018"): "'",
    ord("\u2019"): "'",
    ord("\u02bc"): "'",
    ord("`"): "'",
    ord("\u2010"): "-",
    ord("\u2011"): "-",
    ord("\u2012"): "-",
    ord("\u2013"): "-",
    ord("\u2014"): "-",
    ord("\u2212"): "-",
}
_SPECIAL_PAIRS = tuple((chr(k), v) for k, v in _SPECIAL.items())
_FOLD_TABLE: dict[int, str | None] = {**dict.fromkeys(range(0x0300, 0x0370)), **_SPECIAL}
# Anything but ASCII and the Vietnamese combining marks sends folding down the general path.
_NOT_SIMPLE = re.compile(r"[^\x00-\x7f\u0300-\u036f]")

# Search compares looser keys still: apostrophes vanish ("hleo" finds "H’leo") and other
# punctuation separates words ("van mieu quoc tu giam" finds "Văn Miếu - Quốc Tử Giám").
_KEY_TABLE: dict[int, str | None] = {ord("'"): None, **dict.fromkeys(map(ord, '-.,;:()/\\"_'), " ")}


def _fold_raw(text: str) -> str:
    """fold() without the whitespace collapsing (keeps line breaks, for folding in bulk)."""
    s = unicodedata.normalize("NFD", text).casefold()
    if s.isascii():
        return s.translate(_SPECIAL) if "`" in s else s
    for old, new in _SPECIAL_PAIRS:
        if old in s:
            s = s.replace(old, new)
    if _NOT_SIMPLE.search(s) is None:  # the common case: Vietnamese text; drop the marks fast
        return s.encode("ascii", "ignore").decode("ascii")
    # casefold can compose ("ᾈ" -> "ἀι"); decompose again before stripping the marks
    s = unicodedata.normalize("NFD", s).translate(_FOLD_TABLE)
    if not s.isascii():
        s = "".join(c for c in s if not unicodedata.category(c).startswith("M"))
    return s


def fold(text: str) -> str:
    """The folding search uses: NFD, combining marks stripped, đ/Đ → d, casefold, spaces collapsed.

    ``fold("  Đức  Hòa ") == "duc hoa"``; NFC and NFD input fold alike.
    """
    return " ".join(_fold_raw(text).split())


def _key(text: str) -> str:
    return " ".join(_fold_raw(text).translate(_KEY_TABLE).split())


_INNER_SPACE = re.compile(r"[^\S\n]+")
_LINE_EDGE = re.compile(r" ?\n ?")
_ODD_SPACES = tuple(c for c in map(chr, range(128)) if c.isspace() and c not in " \n")


def _keys(texts: list[str]) -> list[str]:
    """``[_key(t) for t in texts]``, folded as one string (one normalize() call, not thousands)."""
    joined = "\n".join(texts)
    if not texts or joined.count("\n") != len(texts) - 1:
        return [_key(t) for t in texts]
    s = _fold_raw(joined).translate(_KEY_TABLE)
    if s.isascii() and not any(ws in s for ws in _ODD_SPACES):  # the usual case: only " " and "\n"
        while "  " in s:
            s = s.replace("  ", " ")
        s = s.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    else:
        s = _LINE_EDGE.sub("\n", _INNER_SPACE.sub(" ", s)).strip(" ")
    return s.split("\n")


# --- the catalogue ---------------------------------------------------------------------------


def _norm_code(code: str | int, width: int) -> str:
    if isinstance(code, int) and not isinstance(code, bool):
        return f"{code:0{width}d}"
    if isinstance(code, str):
        code = code.strip()
        if code.isdigit() and len(code) < width:
            return code.zfill(width)
        return code
    raise TypeError(f"a unit code is a str or int, not {type(code).__name__}")


def _strip_prefix(name: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if name.startswith(prefix):
            return name[len(prefix) :]
    raise ValueError(f"unit name without its type: {name!r}")


# One data line of the units CSV, as tools/make_units.py writes it.
_ROW = re.compile(
    r"^(\d\d),((?:Tỉnh|Thành phố) [^,\n]+),(\d{5}),((Xã|Phường|Đặc khu) ([^,\n]+)),(xa|phuong|dac_khu)$",
    re.MULTILINE,
)
_PREFIX_KINDS = {(prefix.strip(), kind) for kind, prefix in KIND_PREFIXES.items()}
_COMMUNE_FIELDS = ("code", "name", "short_name", "kind", "province_code", "province_name")

# (search key of the short name, code, search key of the full name, row)
_Entry = tuple[str, str, str, int]
# One tuple per Commune field (in _COMMUNE_FIELDS order), rows sorted by province, then code.
_Columns = tuple[tuple[str, ...], ...]

_cache: dict[Path, UnitCatalog] = {}
_cache_lock = threading.Lock()


class UnitCatalog:
    """Provinces and communes, read once per process (``UnitCatalog.load()``).

    The rows are kept as columns and a ``Commune`` object is made the first time a row is
    asked for (then kept, so the same code always gives the same object): loading then costs
    no more than reading the file and folding the names.
    """

    def __init__(self, provinces: Iterable[Province], communes: Iterable[Commune]) -> None:
        objs = list(communes)
        cols = tuple(tuple(map(attrgetter(f), objs)) for f in _COMMUNE_FIELDS)
        self._setup(list(provinces), cols, objs)

    @classmethod
    def _from_columns(cls, provinces: list[Province], cols: _Columns) -> UnitCatalog:
        self = cls.__new__(cls)
        self._setup(provinces, cols, None)
        return self

    def _setup(self, provinces: list[Province], cols: _Columns, objs: list[Commune] | None) -> None:
        self._provinces = sorted(provinces, key=attrgetter("code"))
        self._province_by_code = {p.code: p for p in self._provinces}
        if len(self._province_by_code) != len(self._provinces):
            raise ValueError("duplicate province codes")
        if not all(len(code) == 2 and code.isdigit() for code in self._province_by_code):
            raise ValueError("a province code has 2 digits")

        n = len(cols[0])
        sort_keys = list(map(add, cols[4], cols[0]))  # province code + commune code
        if sort_keys != sorted(sort_keys):
            order = sorted(range(n), key=sort_keys.__getitem__)
            cols = tuple(tuple(col[i] for i in order) for col in cols)
            if objs is not None:
                objs = [objs[i] for i in order]
        codes, names, shorts, _kinds, pcodes, pnames = cols
        self._codes, self._names, self._shorts, self._kinds, self._pcodes, self._pnames = cols
        self._objs: list[Commune | None] = list(objs) if objs is not None else [None] * n

        self._index = dict(zip(codes, range(n), strict=True))
        if len(self._index) != n:
            raise ValueError("duplicate commune codes")
        for pc, pn in set(zip(pcodes, pnames, strict=True)):
            province = self._province_by_code.get(pc)
            if province is None or province.name != pn:
                raise ValueError(f"communes name an unknown province {pc} {pn!r}")
        self._rows: dict[str, range] = {p.code: range(0) for p in self._provinces}
        start = 0
        for pc, group in groupby(pcodes):
            size = len(list(group))
            self._rows[pc] = range(start, start + size)
            start += size

        # The search keys of every name, computed once. The pools are kept in result order
        # (short name, then code), so search() needs no sort; one province's pool is cut out
        # of the whole when it is first searched.
        pool = zip(_keys(list(shorts)), codes, _keys(list(names)), range(n), strict=True)
        self._pool: list[_Entry] = sorted(pool)
        self._pools: dict[str, list[_Entry]] = {}

    def _at(self, row: int) -> Commune:
        c = self._objs[row]
        if c is None:
            c = self._objs[row] = Commune(
                self._codes[row],
                self._names[row],
                self._shorts[row],
                self._kinds[row],
                self._pcodes[row],
                self._pnames[row],
            )
        return c

    def _pool_of(self, province_code: str | int) -> list[_Entry]:
        code = _norm_code(province_code, 2)
        pool = self._pools.get(code)
        if pool is None:
            rows = self._rows[code]  # KeyError for an unknown province
            pool = self._pools[code] = [e for e in self._pool if e[3] in rows]
        return pool

    # -- loading

    @classmethod
    def load(cls, path: Path | None = None) -> UnitCatalog:
        """The catalogue in ``path`` (default: the shipped 2025 list); cached per process."""
        if path is None:
            path = resource_path(DEFAULT_RELATIVE_PATH)
        key = Path(path).resolve()
        with _cache_lock:
            catalog = _cache.get(key)
            if catalog is None:
                catalog = _cache[key] = cls.from_csv_text(key.read_text(encoding="utf-8-sig"))
            return catalog

    @classmethod
    def from_csv_text(cls, text: str) -> UnitCatalog:
        """Parse the units CSV (the columns of ``COLUMNS``); ValueError if it is not one."""
        # Tens of thousands of small objects would set off garbage collections, each walking
        # the whole (in the GUI: large) heap; none of them could free anything here.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._parse(text)
        finally:
            if gc_was_enabled:
                gc.enable()

    @classmethod
    def _parse(cls, text: str) -> UnitCatalog:
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.removeprefix("\ufeff")
        header, _, body = text.partition("\n")
        if header == ",".join(COLUMNS) and '"' not in body and "\r" not in body:
            # What tools/make_units.py writes: one regular expression reads and checks it all.
            rows = _ROW.findall(body)
            if rows and len(rows) == body.count("\n") + (not body.endswith("\n")):
                pcodes, pnames, codes, names, prefixes, shorts, kinds = zip(*rows, strict=True)
                province_names = dict(zip(pcodes, pnames, strict=True))
                consistent = len(set(zip(pcodes, pnames, strict=True))) == len(province_names)
                if consistent and set(zip(prefixes, kinds, strict=True)) <= _PREFIX_KINDS:
                    prefixes_ = tuple(PROVINCE_PREFIXES)
                    provinces = [
                        Province(c, n, _strip_prefix(n, prefixes_)) for c, n in province_names.items()
                    ]
                    return cls._from_columns(provinces, (codes, names, shorts, kinds, pcodes, pnames))
        return cls._from_rows(list(csv.reader(io.StringIO(text, newline=""))))

    @classmethod
    def _from_rows(cls, rows: list[list[str]]) -> UnitCatalog:
        """The general (slower) reader: any CSV quoting, and an exact message for each fault."""
        if not rows or tuple(rows[0]) != COLUMNS:
            raise ValueError(
                f"not a list of units: the columns are {rows[0] if rows else []}, expected {COLUMNS}"
            )
        province_prefixes = tuple(PROVINCE_PREFIXES)
        provinces: dict[str, Province] = {}
        communes: list[Commune] = []
        for line, row in enumerate(rows[1:], start=2):
            if not row:
                continue
            try:
                p_code, p_name, c_code, c_name, kind = row
            except ValueError:
                raise ValueError(f"line {line}: expected 5 fields, got {len(row)}") from None
            province = provinces.get(p_code)
            if province is None:
                if len(p_code) != 2 or not p_code.isdigit():
                    raise ValueError(f"line {line}: a province code has 2 digits, not {p_code!r}")
                province = provinces[p_code] = Province(
                    p_code, p_name, _strip_prefix(p_name, province_prefixes)
                )
            elif province.name != p_name:
                raise ValueError(f"line {line}: province {p_code} is named {p_name!r} and {province.name!r}")
            if len(c_code) != 5 or not c_code.isdigit():
                raise ValueError(f"line {line}: a commune code has 5 digits, not {c_code!r}")
            prefix = KIND_PREFIXES.get(kind)
            if prefix is None:
                raise ValueError(f"line {line}: unknown commune kind {kind!r}")
            if not c_name.startswith(prefix) or not c_name[len(prefix) :].strip():
                raise ValueError(f"line {line}: {c_name!r} does not start with {prefix.strip()!r}")
            communes.append(Commune(c_code, c_name, c_name[len(prefix) :], kind, p_code, p_name))
        return cls(provinces.values(), communes)

    # -- look-ups

    def __len__(self) -> int:
        """The number of communes."""
        return len(self._codes)

    def provinces(self) -> list[Province]:
        """All provinces, by code."""
        return list(self._provinces)

    def province(self, code: str | int) -> Province:
        """The province with this code ("01", or 1); KeyError if there is none."""
        return self._province_by_code[_norm_code(code, 2)]

    def communes(self, province_code: str | int) -> list[Commune]:
        """The province's communes, by code; KeyError for an unknown province."""
        return [self._at(i) for i in self._rows[_norm_code(province_code, 2)]]

    def all_communes(self) -> list[Commune]:
        """Every commune, by province code, then code."""
        return [self._at(i) for i in range(len(self._codes))]

    def commune(self, code: str | int) -> Commune:
        """The commune with this code ("00070", or 70); KeyError if there is none."""
        return self._at(self._index[_norm_code(code, 5)])

    def province_of(self, commune: Commune) -> Province:
        return self._province_by_code[commune.province_code]

    # -- search

    def search(self, text: str, province_code: str | int | None = None, limit: int = 50) -> list[Commune]:
        """Communes matching ``text``, best first, at most ``limit``.

        Names are compared folded (see ``fold``; apostrophes are ignored and dashes count as
        spaces), so case, diacritics, đ and NFC/NFD do not matter; a query of up to 5 digits
        also matches commune codes ("0007" → 00070-00079; "70" is code 00070). Order: exact
        name (full or short) or code, then prefix of the short or full name or of the code,
        then a word of the name starting with the query, then the query anywhere in the name;
        ties by short name, then code. A blank query gives the communes in scope by name.
        ``province_code`` limits the search to one province (KeyError if it does not exist).
        """
        pool = self._pool if province_code is None else self._pool_of(province_code)
        if limit <= 0:
            return []
        q = _key(text)
        if not q:
            return [self._at(e[3]) for e in pool[:limit]]

        exact: list[int] = []
        prefix: list[int] = []
        word: list[int] = []
        inside: list[int] = []
        spaced = " " + q
        if q.isdigit() and len(q) <= 5:
            padded = q.zfill(5)
            for short, code, full, row in pool:
                if q in full:
                    if q in (short, full) or code == padded:
                        exact.append(row)
                    elif short.startswith(q) or full.startswith(q) or code.startswith(q):
                        prefix.append(row)
                    elif spaced in full:
                        word.append(row)
                    else:
                        inside.append(row)
                elif code == padded:
                    exact.append(row)
                elif code.startswith(q):
                    prefix.append(row)
        else:
            for short, _code, full, row in pool:
                if q not in full:
                    continue
                if q in (short, full):
                    exact.append(row)
                elif short.startswith(q) or full.startswith(q):
                    prefix.append(row)
                elif spaced in full:
                    word.append(row)
                else:
                    inside.append(row)
        return [self._at(row) for row in (exact + prefix + word + inside)[:limit]]


def reviewer_office_for(province_text: str) -> str:
    """The reviewing office for a province typed by hand ("Tỉnh Đồng Nai", "Đồng Nai",
    "thành phố Hà Nội"): the catalogue's name when it knows the province, so that "Đồng Nai"
    gives "Sở Nội vụ tỉnh Đồng Nai" and never "Sở Nội vụ đồng Nai"."""
    text = " ".join(province_text.split())
    for prefix, lower in PROVINCE_PREFIXES.items():
        if text.casefold().startswith(prefix.casefold()):
            return "Sở Nội vụ " + lower + text[len(prefix) :]
    wanted = unicodedata.normalize("NFC", text).casefold()
    for province in UnitCatalog.load().provinces():
        if province.short_name.casefold() == wanted:
            return reviewer_office_name(province)
    return "Sở Nội vụ " + text


def reviewer_office_name(province: Province) -> str:
    """The office that reviews the province's commune reports: "Sở Nội vụ tỉnh Đồng Nai"."""
    for prefix, lower in PROVINCE_PREFIXES.items():
        if province.name.startswith(prefix):
            return "Sở Nội vụ " + lower + province.name[len(prefix) :]
    return "Sở Nội vụ " + province.name
