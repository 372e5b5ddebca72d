"""The finished HTML document as the PDF renderer receives it.

Kept apart from the templates (html_document) so that the renderer's process, which unpickles it, loads
WeasyPrint and nothing of the assessment, Jinja or the report's view.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

# Where the renderer's fetcher serves a document's resources from memory: a name under a domain that can never
# be looked up (RFC 6761), so that nothing would be fetched were the fetcher ever bypassed.
RESOURCE_ROOT = "https://exportcheck.invalid/resource-"


@dataclass(frozen=True)
class HtmlDocument:
    html: str
    resources: dict[str, tuple[bytes, str]]  # every URL the document loads: its bytes and media type
    created: datetime
    fonts_cover_text: bool  # the embedded fonts have a glyph for every character of the text

    def by_reference(self) -> HtmlDocument:
        """The document with each resource named by a short URL in place of its data URL: the HTML and CSS
        parsers read a data URL character by character, a third of a megabyte per face in Chinese."""
        html, resources = self.html, {}
        for number, (url, resource) in enumerate(self.resources.items()):
            name = f"{RESOURCE_ROOT}{number}"
            html = html.replace(f'url("{url}")', f'url("{name}")')  # as font_face_css writes it
            resources[name] = resource
        return replace(self, html=html, resources=resources)
