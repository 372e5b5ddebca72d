"""The PDF renderer, started before the assessment so that importing WeasyPrint (half a second) overlaps it.

With `fork` available and no other thread running, the renderer is a child
process that imports WeasyPrint at once and then waits for the document;
otherwise it renders in this process when asked. Either way `render` returns
the PDF's bytes or raises what rendering raised. The child ends with this
process, however this one ends (`lifetime`).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from checker.report.gap_report.lifetime import die_with_parent, ignore_interrupt

if TYPE_CHECKING:
    from checker.report.gap_report.document import HtmlDocument


class PdfRenderer:
    def __init__(self) -> None:
        self._connection: Connection | None = None
        self._process: Any = None
        if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
            context = multiprocessing.get_context("fork")
            self._connection, child = context.Pipe()
            self._process = context.Process(
                target=_serve, args=(child, os.getpid()), name="exportcheck-pdf", daemon=True
            )
            self._process.start()
            child.close()

    def render(self, document: HtmlDocument) -> bytes:
        if self._connection is None:
            from checker.report.gap_report.pdf_document import render_pdf

            return render_pdf(document)
        try:
            self._connection.send(document)
            outcome, payload = self._connection.recv()
        except EOFError:
            raise RuntimeError("the PDF renderer stopped without an answer") from None
        finally:
            self.close()
        if outcome == "error":
            raise payload
        return payload

    def close(self) -> None:
        """Stop the renderer if it is still waiting (an input error ended the run early)."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _serve(connection: Connection, parent: int) -> None:
    die_with_parent(parent)
    ignore_interrupt()
    from checker.report.gap_report.pdf_document import render_pdf

    try:
        document = connection.recv()
    except EOFError:
        return
    try:
        connection.send(("ok", render_pdf(document)))
    except Exception as error:  # handed to the parent, which raises it
        connection.send(("error", error))
    finally:
        connection.close()
