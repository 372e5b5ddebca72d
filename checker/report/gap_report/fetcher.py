"""The only way the PDF renderer can load anything: an allow-list of exact URLs, served from memory.

The report's stylesheet is inside the HTML, and so are its fonts, as data URLs
that the renderer gets by short names (HtmlDocument.by_reference): the list
holds just those. Everything else (the network, any file, any other data
URL) is refused and recorded, so that a profile that smuggles markup into a
company name gets its text printed and nothing fetched.
"""

from __future__ import annotations

from checker.report.gap_report.weasy import URLFetcher, URLFetcherResponse


class AllowListFetcher(URLFetcher):
    def __init__(self, allowed: dict[str, tuple[bytes, str]]):
        """`allowed` maps each URL to its content and media type."""
        super().__init__(timeout=1, allowed_protocols=())
        self._allowed = allowed
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url in self._allowed:
            self.served.append(url)
            body, media_type = self._allowed[url]
            return URLFetcherResponse(url, body, {"Content-Type": media_type})
        self.refused.append(url)
        raise PermissionError(f"exportcheck's report loads nothing from outside itself: refused {url[:200]}")
