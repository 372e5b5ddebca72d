"""What WeasyPrint's PDF/UA tagging leaves out, added to the PDF before it is written.

WeasyPrint tags a table's header cells as /TH and links each data cell to its headers (/Headers), but gives a
header cell no /Scope. PDF/UA-1 (7.5) asks for Scope only where Headers and IDs leave the structure
undetermined, yet checkers, and some screen readers, look for it on the header cell itself. The report's
HTML says each header's scope (`<th scope="col">`), so the PDF says it too.
"""

from __future__ import annotations

from typing import Any

_SCOPES = {"col": "/Column", "colgroup": "/Column", "row": "/Row", "rowgroup": "/Row"}


def scope_header_cells(document: Any, pdf: Any) -> None:
    """A WeasyPrint `finisher`: each /TH takes the scope of its <th>; a header without one heads its column.

    WeasyPrint keeps each cell's structure element on the cell's box while it tags the pages (`mark`).
    """
    for page in document.pages:
        boxes = [page._page_box]
        while boxes:
            box = boxes.pop()
            element = getattr(box, "mark", None)
            if element is not None and box.element_tag == "th":
                element["A"]["Scope"] = _SCOPES.get(box.element.get("scope", ""), "/Column")
            boxes.extend(getattr(box, "children", ()))
