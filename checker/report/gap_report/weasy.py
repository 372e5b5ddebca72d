"""WeasyPrint, imported here and nowhere else, and only when a PDF is made.

On import, WeasyPrint opens Pango, HarfBuzz and fontconfig through cffi, trying
several names for each library, one per platform. Every name that is not a
file name this system knows sends cffi to `ctypes.util.find_library`, which on
Linux runs `ldconfig`, `gcc` and `ld` to look for it: about twenty searches, a
third of a second, before the name that works (`libpango-1.0.so.0`) is tried.
The search is switched off while WeasyPrint loads, so that only the direct
names are tried; if that finds nothing on some system, the import is made
again with the search, as WeasyPrint would have made it.

pydyf, which writes WeasyPrint's PDF, compresses every stream at zlib's level 9:
a sixth of a second of a sample report's time, for a file 3 % smaller than at
level 6, zlib's own default. Its streams are compressed at level 6.

WeasyPrint imports fontTools' subsetter at once, nearly a tenth of a second,
for the fonts it subsets itself. The report's fonts are cut already, so the
subsetter is loaded only if some character has to come from a system font.

WeasyPrint also warns that a future version will require the HarfBuzz
subsetter (libharfbuzz-subset). The report does not lean on WeasyPrint's
subsetting: it cuts its fonts itself (fonts.py) and has them embedded as they
are, so the warning says nothing about this program's output.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import io
import sys
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from types import SimpleNamespace


@contextmanager
def _no_library_search() -> Iterator[None]:
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


def _load_when_used(name: str) -> None:
    """Put module `name` in place to be executed when one of its attributes is first read."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


_load_when_used("fontTools.subset")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
    try:
        # WeasyPrint prints its advice on stdout before raising; the retry below is what counts.
        with _no_library_search(), redirect_stdout(io.StringIO()):
            import weasyprint.text.ffi  # noqa: F401  (the module that opens the libraries)
    except OSError:  # a system whose libraries answer only to the search: load them as WeasyPrint does
        for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
            del sys.modules[name]
    import pydyf
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

# zlib as pydyf sees it: the same module, but its streams' `compressobj(level=9)` made at level 6.
pydyf.zlib = SimpleNamespace(**{**vars(zlib), "compressobj": lambda level=6, **options: zlib.compressobj(6, **options)})

__all__ = ["CSS", "HTML", "FontConfiguration", "URLFetcher", "URLFetcherResponse"]
