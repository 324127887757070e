"""Make the document fonts shipped in resources/fonts from Liberation Serif 2.

Liberation Serif is metric-compatible with Times New Roman (what Decree 30/2020 asks for) and
covers Vietnamese. We keep the Latin, Vietnamese and punctuation glyphs and drop the TrueType
hinting: documents are printed and read on screens at any size, and the hinting instructions
were most of each embedded subset (a signed monthly report fell from 160 KB to about a third).
The SIL Open Font License lets us modify the font but reserves the name "Liberation" for the
original, so the result is renamed "CCHC Serif".

    .venv/bin/pip install fonttools
    .venv/bin/python tools/make_fonts.py /usr/share/fonts/truetype/liberation2   # Debian fonts-liberation2
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FACES = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}
FAMILY = "CCHC Serif"
UNICODES = (
    list(range(0x20, 0x250))  # Basic Latin, Latin-1, Latin Extended-A and B (Ơ ơ Ư ư Đ đ)
    + list(range(0x300, 0x370))  # combining marks, for text that arrives decomposed
    + list(range(0x1E00, 0x1F00))  # Latin Extended Additional: the precomposed Vietnamese letters
    + list(range(0x2000, 0x2070))  # general punctuation: – — ‘ ’ “ ” … ‰
    + [0x20AB, 0x20AC, 0x2116, 0x2122, 0x2212, 0x25CF]  # ₫ € № ™ − ●
)
OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def make(source_dir: Path) -> None:
    for face, style in FACES.items():
        font = TTFont(source_dir / f"LiberationSerif-{face}.ttf")
        options = subset.Options()
        options.hinting = False
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.drop_tables += ["FFTM"]
        sub = subset.Subsetter(options)
        sub.populate(unicodes=UNICODES)
        sub.subset(font)
        postscript = f"CCHCSerif-{face}"
        names = {1: FAMILY, 2: style, 3: f"{postscript};derived from Liberation Serif 2", 4: f"{FAMILY} {style}".replace(
            " Regular", ""), 6: postscript, 16: FAMILY, 17: style}
        table = font["name"]
        for record in list(table.names):
            if record.nameID in names:
                table.setName(names[record.nameID], record.nameID, record.platformID, record.platEncID, record.langID)
        font.save(OUT / f"{postscript}.ttf")
        print(f"{postscript}.ttf: {(OUT / f'{postscript}.ttf').stat().st_size} bytes")


if __name__ == "__main__":
    make(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2"))
