"""The 2025 list of administrative units (reports.admin_units) and where shipped files live."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import resources
from reports.admin_units import Commune, Province, UnitCatalog, _key, _keys, fold, reviewer_office_name

ROOT = Path(__file__).resolve().parents[2]
CSV_PATH = ROOT / "resources" / "units" / "units-2025.csv"


@pytest.fixture(scope="module")
def cat() -> UnitCatalog:
    return UnitCatalog.load()


# --- the data ---------------------------------------------------------------------------------


def test_counts(cat: UnitCatalog) -> None:
    assert len(cat.provinces()) == 34
    communes = cat.all_communes()
    assert len(communes) == 3321
    assert Counter(c.kind for c in communes) == {"xa": 2621, "phuong": 687, "dac_khu": 13}
    assert sum(len(cat.communes(p.code)) for p in cat.provinces()) == 3321


def test_codes_are_digits_and_unique(cat: UnitCatalog) -> None:
    pcodes = [p.code for p in cat.provinces()]
    assert all(len(c) == 2 and c.isdigit() for c in pcodes)
    assert len(set(pcodes)) == len(pcodes)
    ccodes = [c.code for c in cat.all_communes()]
    assert all(len(c) == 5 and c.isdigit() for c in ccodes)
    assert len(set(ccodes)) == len(ccodes)


def test_every_commune_has_its_province(cat: UnitCatalog) -> None:
    for c in cat.all_communes():
        p = cat.province(c.province_code)
        assert c.province_name == p.name
        assert c in cat.communes(p.code)


def test_names_are_nfc_and_tidy(cat: UnitCatalog) -> None:
    raw = CSV_PATH.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", raw)
    assert not raw.startswith("\ufeff")
    for p in cat.provinces():
        assert p.name.startswith(("Tỉnh ", "Thành phố "))
        assert p.name.endswith(p.short_name) and p.short_name
    for c in cat.all_communes():
        for s in (c.name, c.short_name, c.province_name):
            assert unicodedata.is_normalized("NFC", s)
            assert s == " ".join(s.split())
        assert c.name == {"xa": "Xã ", "phuong": "Phường ", "dac_khu": "Đặc khu "}[c.kind] + c.short_name


def test_csv_sorted_by_codes() -> None:
    lines = CSV_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "province_code,province_name,commune_code,commune_name,commune_kind"
    keys = [(r.split(",")[0], r.split(",")[2]) for r in lines[1:]]
    assert keys == sorted(keys)


def test_known_units(cat: UnitCatalog) -> None:
    hanoi = cat.province("01")
    assert hanoi == Province("01", "Thành phố Hà Nội", "Hà Nội")
    assert cat.province(1) is hanoi
    hk = cat.commune("00070")
    assert hk == Commune("00070", "Phường Hoàn Kiếm", "Hoàn Kiếm", "phuong", "01", "Thành phố Hà Nội")
    assert cat.commune(70) is hk
    assert cat.province("75").name == "Tỉnh Đồng Nai"
    assert cat.province("75").short_name == "Đồng Nai"
    pq = cat.commune("31078")
    assert (pq.name, pq.kind, pq.province_name) == ("Đặc khu Phú Quốc", "dac_khu", "Tỉnh An Giang")
    assert any(c.name == "Xã Tân Phú" for c in cat.communes("75"))


def test_missing_codes_raise_keyerror(cat: UnitCatalog) -> None:
    with pytest.raises(KeyError):
        cat.province("02")  # Hà Giang merged into Tuyên Quang
    with pytest.raises(KeyError):
        cat.commune("99999")
    with pytest.raises(KeyError):
        cat.communes("02")
    with pytest.raises(KeyError):
        cat.search("tan", province_code="02")


def test_units_are_frozen(cat: UnitCatalog) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        cat.commune("00070").name = "x"  # type: ignore[misc]
    lst = cat.communes("01")
    lst.clear()
    assert cat.communes("01")


def test_load_is_cached(cat: UnitCatalog) -> None:
    assert UnitCatalog.load() is cat
    assert UnitCatalog.load(CSV_PATH) is cat


def test_csv_matches_the_package() -> None:
    """The shipped CSV is exactly what tools/make_units.py makes from the installed package."""
    spec = importlib.util.spec_from_file_location("make_units", ROOT / "tools" / "make_units.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.render(mod.build_rows()) == CSV_PATH.read_bytes()


def test_fast_and_general_readers_agree(cat: UnitCatalog) -> None:
    text = CSV_PATH.read_text(encoding="utf-8")
    quoted = text.replace(",Xã Tân Phú,", ',"Xã Tân Phú",')  # quoting sends it down the general path
    assert '"' in quoted
    general = UnitCatalog.from_csv_text(quoted)
    assert general.provinces() == cat.provinces()
    assert general.all_communes() == cat.all_communes()
    for q in ("tan phu", "duc", "0007", "a"):
        assert general.search(q, limit=3321) == cat.search(q, limit=3321)


def test_same_object_for_same_commune(cat: UnitCatalog) -> None:
    assert cat.commune("00070") is cat.commune(70) is cat.search("hoan kiem")[0]
    assert cat.communes("01")[cat.communes("01").index(cat.commune("00070"))] is cat.commune("00070")
    assert len(cat) == 3321


def test_catalog_from_objects_is_sorted_and_checked() -> None:
    p = Province("75", "Tỉnh Đồng Nai", "Đồng Nai")
    a = Commune("26116", "Xã Tân Phú", "Tân Phú", "xa", "75", "Tỉnh Đồng Nai")
    b = Commune("26005", "Phường Biên Hòa", "Biên Hòa", "phuong", "75", "Tỉnh Đồng Nai")
    small = UnitCatalog([p], [a, b])
    assert small.communes("75") == [b, a]
    assert small.search("bien hoa") == [b]
    with pytest.raises(ValueError, match="province"):
        UnitCatalog([], [a])
    with pytest.raises(ValueError, match="duplicate"):
        UnitCatalog([p], [a, a])


def test_bad_csv_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="columns"):
        UnitCatalog.from_csv_text("a,b\n1,2\n")
    header = "province_code,province_name,commune_code,commune_name,commune_kind\n"
    with pytest.raises(ValueError, match="kind"):
        UnitCatalog.from_csv_text(header + "01,Thành phố Hà Nội,00070,Phường Hoàn Kiếm,quan\n")
    with pytest.raises(ValueError, match="5 digits"):
        UnitCatalog.from_csv_text(header + "01,Thành phố Hà Nội,70,Phường Hoàn Kiếm,phuong\n")


def test_small_catalog_from_nfd_quoted_csv(tmp_path: Path) -> None:
    text = (
        "province_code,province_name,commune_code,commune_name,commune_kind\n"
        '75,Tỉnh Đồng Nai,26116,"Xã Tân Phú",xa\n'
        "01,Thành phố Hà Nội,00070,Phường Hoàn Kiếm,phuong\n"
    )
    path = tmp_path / "u.csv"
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    small = UnitCatalog.load(path)
    assert [p.code for p in small.provinces()] == ["01", "75"]
    assert small.commune("26116").name == "Xã Tân Phú"  # NFC again
    assert [c.code for c in small.search("tan phu")] == ["26116"]


# --- search -------------------------------------------------------------------------------------


def test_search_without_diacritics(cat: UnitCatalog) -> None:
    found = cat.search("tan phu")
    assert found
    exact = [c for c in found if c.short_name == "Tân Phú"]
    assert len(exact) == sum(1 for c in cat.all_communes() if c.short_name == "Tân Phú") > 1
    assert found[: len(exact)] == exact  # exact names first
    assert {c.name for c in exact} >= {"Xã Tân Phú", "Phường Tân Phú"}


@pytest.mark.parametrize("query", ["DUC HOA", "đức hòa", "Đức Hòa", "ĐỨC HÒA", "duc  hoa", " Duc Hoa "])
def test_search_case_and_d(cat: UnitCatalog, query: str) -> None:
    found = cat.search(query)
    assert found and found[0].name == "Xã Đức Hòa"


def test_search_d_is_d(cat: UnitCatalog) -> None:
    found = cat.search("duc", limit=500)
    assert any(c.short_name.startswith("Đức") for c in found)
    assert all("duc" in fold(c.name) for c in found)


def test_search_nfd_input(cat: UnitCatalog) -> None:
    nfd = unicodedata.normalize("NFD", "Hoàn Kiếm")
    assert nfd != "Hoàn Kiếm"
    assert cat.search(nfd)[0].code == "00070"
    assert cat.search(unicodedata.normalize("NFD", "Đức Hòa"))[0].name == "Xã Đức Hòa"


def test_search_full_name_and_kind(cat: UnitCatalog) -> None:
    assert cat.search("phuong hoan kiem")[0].code == "00070"
    assert cat.search("dac khu phu quoc")[0].code == "31078"
    assert all(c.kind == "xa" for c in cat.search("xa tan"))


def test_search_by_code(cat: UnitCatalog) -> None:
    assert cat.search("00070")[0].code == "00070"
    assert cat.search("70")[0].code == "00070"
    found = cat.search("0007")
    assert found and all(c.code.startswith("0007") for c in found)
    assert {c.code for c in found} >= {"00070", "00073"}


def test_search_order(cat: UnitCatalog) -> None:
    found = cat.search("tan phu", limit=3321)
    ranks = []
    for c in found:
        short, full = fold(c.short_name), fold(c.name)
        if "tan phu" in (short, full):
            ranks.append(0)
        elif short.startswith("tan phu") or full.startswith("tan phu"):
            ranks.append(1)
        elif " tan phu" in " " + full:
            ranks.append(2)
        else:
            ranks.append(3)
    assert ranks == sorted(ranks)
    assert 1 in ranks  # e.g. "Tân Phú Đông"
    # and a substring hit ranks after the word prefixes
    hits = cat.search("oa", limit=3321)
    assert fold(hits[-1].name).find(" oa") == -1


def test_search_in_province_and_limit(cat: UnitCatalog) -> None:
    found = cat.search("tan phu", province_code="75")
    assert found and all(c.province_code == "75" for c in found)
    assert found[0].name == "Xã Tân Phú"
    assert len(cat.search("a", limit=7)) == 7
    assert cat.search("a", limit=0) == []
    assert cat.search("khong co xa nao ten the nay") == []


def test_search_punctuation(cat: UnitCatalog) -> None:
    assert cat.search("van mieu quoc tu giam")[0].code == "00196"
    assert cat.search("Ea H'leo")[0].name == "Xã Ea H’leo"
    assert cat.search("ea hleo")[0].name == "Xã Ea H’leo"


def test_blank_search_lists_scope_by_name(cat: UnitCatalog) -> None:
    found = cat.search("  ", province_code="01", limit=500)
    assert len(found) == len(cat.communes("01"))
    assert [fold(c.short_name) for c in found] == sorted(fold(c.short_name) for c in found)


# --- reviewer ----------------------------------------------------------------------------------


def test_reviewer_office_name(cat: UnitCatalog) -> None:
    assert reviewer_office_name(cat.province("75")) == "Sở Nội vụ tỉnh Đồng Nai"
    assert reviewer_office_name(cat.province("01")) == "Sở Nội vụ thành phố Hà Nội"
    assert reviewer_office_name(cat.province("46")) == "Sở Nội vụ thành phố Huế"
    assert reviewer_office_name(cat.province("79")) == "Sở Nội vụ thành phố Hồ Chí Minh"
    for p in cat.provinces():
        assert reviewer_office_name(p) in (
            "Sở Nội vụ tỉnh " + p.short_name,
            "Sở Nội vụ thành phố " + p.short_name,
        )
    assert sum(reviewer_office_name(p).startswith("Sở Nội vụ thành phố ") for p in cat.provinces()) == 6


# --- fold -------------------------------------------------------------------------------------


def test_fold_examples() -> None:
    assert fold("Tân Phú") == "tan phu"
    assert fold("ĐỨC HÒA") == "duc hoa"
    assert fold("  Đặc   khu\tPhú Quốc ") == "dac khu phu quoc"
    assert fold(unicodedata.normalize("NFD", "Nguyễn Thị Ánh")) == "nguyen thi anh"
    assert fold("Ea H’leo") == "ea h'leo"
    assert fold("") == ""


@given(st.lists(st.text().filter(lambda t: "\n" not in t), max_size=8))
def test_bulk_keys_equal_single_keys(texts: list[str]) -> None:
    assert _keys(texts) == [_key(t) for t in texts]


def _has_marks(s: str) -> bool:
    return any(unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me") for c in s)


@given(st.text())
def test_fold_idempotent_and_markless(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert not _has_marks(once)
    assert once == once.strip() and "  " not in once


@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    )
)
def test_fold_vietnamese_is_ascii_and_form_independent(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert fold(unicodedata.normalize("NFD", text)) == folded
    assert fold(unicodedata.normalize("NFC", text)) == folded
    assert fold(text.upper()) == folded


# --- resource paths ---------------------------------------------------------------------------


def test_resource_path_from_source() -> None:
    assert resources.resource_path("units/units-2025.csv") == CSV_PATH
    assert (
        resources.font_path("CCHCSerif-Regular.ttf")
        == ROOT / "resources" / "fonts" / "CCHCSerif-Regular.ttf"
    )
    assert resources.font_path("CCHCSerif-Regular.ttf").is_file()


def test_resource_path_when_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert (
        resources.resource_path("units/units-2025.csv") == tmp_path / "resources" / "units" / "units-2025.csv"
    )
    assert resources.font_path("x.ttf") == tmp_path / "resources" / "fonts" / "x.ttf"


@pytest.mark.parametrize("bad", ["../secrets", "/etc/passwd", "units/../../x"])
def test_resource_path_stays_inside(bad: str) -> None:
    with pytest.raises(ValueError):
        resources.resource_path(bad)


def test_units_module_does_not_need_the_package_or_qt() -> None:
    src = (ROOT / "reports" / "admin_units.py").read_text(encoding="utf-8")
    assert "import vietnam_provinces" not in src and "from vietnam_provinces" not in src
    assert "PySide6" not in src


def test_the_reviewing_office_of_a_province_typed_by_hand() -> None:
    """`cchc init --province "Đồng Nai"` made "Sở Nội vụ đồng Nai" (the first letter lowered)."""
    from reports.admin_units import reviewer_office_for

    assert reviewer_office_for("Đồng Nai") == "Sở Nội vụ tỉnh Đồng Nai"
    assert reviewer_office_for("Tỉnh Đồng Nai") == "Sở Nội vụ tỉnh Đồng Nai"
    assert reviewer_office_for("thành phố  Hà Nội") == "Sở Nội vụ thành phố Hà Nội"
    assert reviewer_office_for("Hà Nội") == "Sở Nội vụ thành phố Hà Nội"
    assert reviewer_office_for("Đảo Xa Lạ") == "Sở Nội vụ Đảo Xa Lạ"
