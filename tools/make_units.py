"""Regenerate resources/units/units-2025.csv from the ``vietnam-provinces`` package.

The program ships the CSV, not the package's internals: the frozen build reads a plain file,
and a package upgrade changes the shipped list only when someone reruns this script and
reviews the diff.

    .venv/bin/python tools/make_units.py           # rewrite the CSV
    .venv/bin/python tools/make_units.py --check   # exit 1 if the CSV is out of date

What it does to the package's data (nothing else):
  * province names get their unit type: "Đồng Nai" -> "Tỉnh Đồng Nai" (the package already
    writes "Thành phố Hà Nội" for the six centrally-run cities);
  * runs of spaces inside names are collapsed ("Phường  Tân An" -> "Phường Tân An");
  * names are NFC-normalised (they already are in 2025.10.1);
  * NAME_FIXES below (an obvious capitalisation slip upstream).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "units" / "units-2025.csv"
COLUMNS = ("province_code", "province_name", "commune_code", "commune_name", "commune_kind")
EXPECTED_PACKAGE_VERSION = "2025.10.1"
EXPECTED_PROVINCES = 34
EXPECTED_COMMUNES = 3321

# Commune code -> corrected name. Each entry is a clear slip in the upstream data.
NAME_FIXES = {
    "24718": "Xã Đắk Song",  # upstream: "Xã Đắk song" (Lâm Đồng)
}

KINDS = {"xã": ("xa", "Xã "), "phường": ("phuong", "Phường "), "đặc khu": ("dac_khu", "Đặc khu ")}


def clean(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split()))


def build_rows() -> list[tuple[str, str, str, str, str]]:
    import vietnam_provinces as vp
    from vietnam_provinces import Province, VietNamDivisionType, Ward

    if vp.__version__ != EXPECTED_PACKAGE_VERSION:
        print(
            f"note: vietnam-provinces {vp.__version__} (SOURCE.md describes {EXPECTED_PACKAGE_VERSION}); "
            "review the diff and update SOURCE.md",
            file=sys.stderr,
        )

    provinces: dict[str, str] = {}
    for p in Province.iter_all():
        code = f"{int(p.code):02d}"
        name = clean(p.name)
        if p.division_type is VietNamDivisionType.THANH_PHO_TRUNG_UONG:
            if not name.startswith("Thành phố "):
                name = "Thành phố " + name
        elif p.division_type is VietNamDivisionType.TINH:
            if not name.startswith("Tỉnh "):
                name = "Tỉnh " + name
        else:
            raise SystemExit(f"unexpected province type {p.division_type!r} for {p.name}")
        provinces[code] = name

    rows = []
    seen_fixes = set()
    for w in Ward.iter_all():
        code = f"{int(w.code):05d}"
        province_code = f"{int(w.province_code):02d}"
        kind, prefix = KINDS[w.division_type.value]
        name = clean(w.name)
        if code in NAME_FIXES:
            if name.casefold() != NAME_FIXES[code].casefold():
                raise SystemExit(f"NAME_FIXES[{code}] no longer matches upstream {name!r}; review it")
            name = NAME_FIXES[code]
            seen_fixes.add(code)
        if not name.startswith(prefix):
            raise SystemExit(f"{code} {name!r} does not start with its type {prefix!r}")
        rows.append((province_code, provinces[province_code], code, name, kind))
    if seen_fixes != set(NAME_FIXES):
        raise SystemExit(f"NAME_FIXES codes not in the data: {sorted(set(NAME_FIXES) - seen_fixes)}")

    rows.sort(key=lambda r: (r[0], r[2]))
    if len(provinces) != EXPECTED_PROVINCES or len(rows) != EXPECTED_COMMUNES:
        print(f"warning: {len(provinces)} provinces, {len(rows)} communes", file=sys.stderr)
    if len({r[2] for r in rows}) != len(rows):
        raise SystemExit("duplicate commune codes")
    return rows


def render(rows: list[tuple[str, str, str, str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 if the CSV differs")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    data = render(build_rows())
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        if current != data:
            print(f"{args.out} is out of date; run tools/make_units.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    n = data.count(b"\n") - 1
    print(f"wrote {args.out} ({n} communes, {len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
