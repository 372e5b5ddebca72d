"""WeasyPrint, imported here and nowhere else, and only when a PDF is made.

On import, WeasyPrint warns that a future version will require the HarfBuzz
subsetter (libharfbuzz-subset). The report does not lean on WeasyPrint's
subsetting: it cuts its fonts itself (fonts.py) and has them embedded as they
are, so the warning says nothing about this program's output.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = ["HTML", "FontConfiguration", "URLFetcher", "URLFetcherResponse"]
