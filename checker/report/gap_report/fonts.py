"""The report's fonts: Noto Sans CJK SC, regular and bold, cut down to the characters the document uses.

The report names its font files exactly, so that its look does not depend on
what else is installed, and embeds them in the HTML as data URLs, so that the
HTML stands on its own and the PDF renderer fetches nothing.

Why subset here and not leave it to WeasyPrint: each face holds 65,535 CFF
glyphs. WeasyPrint subsets with the system's HarfBuzz subsetter when it finds
one, and otherwise with fontTools, keeping every glyph id, which takes 2 to 3 s
a face. Cutting each face down to the document's characters first, with the
HarfBuzz subsetter that uharfbuzz ships in its wheel (about 20 ms a face; the
same cut made with fontTools took 0.2 to 0.4 s), and having the PDF embed the
small fonts as they are (see pdf_document) makes the result the same on every
machine, whatever its HarfBuzz.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from checker.errors import UsageError

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FAMILY = "exportcheck-sans"
FACE_NAME = "Noto Sans CJK SC"  # the Simplified Chinese face of each collection; its Latin suits both languages

# Characters that CSS or the renderer may draw without their being in the document's text:
# printable ASCII (counters, page numbers) and common typography.
ALWAYS = frozenset(chr(code) for code in range(0x20, 0x7F)) | frozenset(
    "\u00a0\u2010\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\u2022\u2265"
)
_CONTROLS = frozenset("\n\r\t")


@dataclass(frozen=True)
class Face:
    weight: int
    file: str


FACES = (Face(400, "NotoSansCJK-Regular.ttc"), Face(700, "NotoSansCJK-Bold.ttc"))


class MissingFontError(UsageError):
    """A font file the report names is not installed."""


@dataclass(frozen=True)
class EmbeddedFont:
    weight: int
    data: bytes  # an OpenType (CFF) font holding just the document's characters
    covers: frozenset[str]  # the characters it has glyphs for

    @property
    def url(self) -> str:
        return "data:font/otf;base64," + base64.b64encode(self.data).decode("ascii")


def characters(text: str) -> str:
    """The characters a document needs glyphs for, in a stable order."""
    return "".join(sorted((set(text) | ALWAYS) - _CONTROLS))


def embedded_fonts(text: str) -> tuple[EmbeddedFont, ...]:
    """Each face cut down to the characters of `text`."""
    wanted = characters(text)
    return tuple(_subset(face, _face_index(FONT_DIR / face.file), wanted) for face in FACES)


def font_face_css(fonts: tuple[EmbeddedFont, ...]) -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: {font.weight}; font-style: normal; '
        f'src: url("{font.url}") format("opentype"); }}'
        for font in fonts
    )


def covers(text: str, fonts: tuple[EmbeddedFont, ...]) -> bool:
    """Whether every face has a glyph for every character `text` needs."""
    needed = set(characters(text))
    return all(needed <= font.covers for font in fonts)


# Shaping Latin and Chinese text needs none of the layout tables, and leaving GSUB out keeps its alternates
# (vertical forms, other locales) from doubling the glyph count.
_DROPPED_TABLES = (b"GSUB", b"GPOS", b"GDEF", b"BASE", b"VORG", b"vhea", b"vmtx")


def _subset(face: Face, index: int, wanted: str) -> EmbeddedFont:
    import uharfbuzz as hb

    source = hb.Face(_blob(FONT_DIR / face.file), index)
    request = hb.SubsetInput()
    request.unicode_set.update(ord(character) for character in wanted)
    request.drop_table_tag_set.update(int.from_bytes(tag, "big") for tag in _DROPPED_TABLES)
    # Hints and subroutines stay as they are (the default): removing them costs time and gains nothing in a PDF.
    request.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    cut = hb.subset(source, request)
    if cut is None:
        raise RuntimeError(f"the HarfBuzz subsetter could not cut {face.file}")
    return EmbeddedFont(face.weight, cut.blob.data, frozenset(chr(code) for code in cut.unicodes))


@cache
def _blob(path: Path):  # a uharfbuzz Blob: the file mapped once per process
    import uharfbuzz as hb

    if not path.is_file():
        raise MissingFontError(f"the report's font {path} is not installed (Debian: apt-get install fonts-noto-cjk)")
    return hb.Blob.from_file_path(str(path))


@cache
def _face_index(path: Path) -> int:
    """Where the Simplified Chinese face sits in a collection (the order differs between releases)."""
    import uharfbuzz as hb

    blob = _blob(path)  # a missing font fails here, plainly
    for index in range(hb.Face(blob).count):
        if hb.Face(blob, index).get_name(hb.OTNameIdPredefined.FONT_FAMILY) == FACE_NAME:
            return index
    raise MissingFontError(f"{path} has no face named {FACE_NAME!r}")
