"""The report's fonts: Noto Sans CJK SC, regular and bold, cut down to the characters the document uses.

The report names its font files exactly, so that its look does not depend on
what else is installed, and embeds them in the HTML as data URLs, so that the
HTML stands on its own and the PDF renderer fetches nothing.

Why subset here and not leave it to WeasyPrint: each face holds 65,535 CFF
glyphs. Without the HarfBuzz subsetter (libharfbuzz-subset, absent on stock
Debian installs) WeasyPrint falls back to fontTools with glyph ids retained and
spends 2 to 3 s per face. Cutting each face down to the document's characters
first (no layout tables, hints and subroutines kept) takes a fraction of that,
and lets the PDF embed the small fonts as they are (see pdf_document). The two
faces are cut in two worker processes while the caller imports WeasyPrint.
"""

from __future__ import annotations

import base64
import io
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from checker.errors import UsageError
from checker.report.gap_report.lifetime import die_with_parent, ignore_interrupt
from checker.report.gap_report.memory import gc_paused

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


def start_subsetting(text: str) -> Callable[[], tuple[EmbeddedFont, ...]]:
    """Begin cutting each face down to the characters of `text`; the returned call waits for the fonts.

    With `fork` available and no other thread running, each face is cut in its own process, so the work
    overlaps whatever the caller does next; otherwise it is done here and now.
    """
    wanted = characters(text)
    indices = [_face_index(FONT_DIR / face.file) for face in FACES]  # a missing font fails here, plainly
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        subset = tuple(_subset(face, index, wanted) for face, index in zip(FACES, indices, strict=True))
        return lambda: subset
    pool = ProcessPoolExecutor(
        max_workers=len(FACES),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )
    futures = [pool.submit(_subset, face, index, wanted) for face, index in zip(FACES, indices, strict=True)]

    def fonts() -> tuple[EmbeddedFont, ...]:
        # The pool is shut down, its thread and workers waited for, before the fonts are handed over. A pool
        # left to wind down by itself races the interpreter's exit over its closed wake-up pipe, and the
        # exit then prints "Exception ignored in: <module 'threading'> ... Bad file descriptor".
        try:
            return tuple(future.result() for future in futures)
        finally:
            pool.shutdown(wait=True)

    return fonts


def _worker_start(parent: int) -> None:
    die_with_parent(parent)
    ignore_interrupt()


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


def _subset(face: Face, index: int, wanted: str) -> EmbeddedFont:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    with (
        gc_paused(),
        TTFont(FONT_DIR / face.file, fontNumber=index, lazy=True, recalcTimestamp=False, recalcBBoxes=False) as font,
    ):
        options = subset.Options(
            # Shaping Latin and Chinese text needs none of the layout tables, and leaving GSUB out keeps its
            # alternates (vertical forms, other locales) from doubling the glyph count. Hints and subroutines
            # stay as they are: removing them costs time and gains nothing in a PDF.
            layout_features=[],
            hinting=True,
            desubroutinize=False,
            notdef_outline=True,
            recalc_bounds=False,
            recalc_timestamp=False,
            ignore_missing_unicodes=True,
        )
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=wanted)
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return EmbeddedFont(face.weight, out.getvalue(), frozenset(chr(code) for code in font.getBestCmap()))


@cache
def _face_index(path: Path) -> int:
    """Where the Simplified Chinese face sits in a collection (the order differs between releases)."""
    from fontTools.ttLib import TTCollection

    if not path.is_file():
        raise MissingFontError(f"the report's font {path} is not installed (Debian: apt-get install fonts-noto-cjk)")
    with TTCollection(path, lazy=True) as collection:
        for index, font in enumerate(collection.fonts):
            if font["name"].getDebugName(1) == FACE_NAME:
                return index
    raise MissingFontError(f"{path} has no face named {FACE_NAME!r}")
