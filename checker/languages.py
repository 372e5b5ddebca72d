"""The languages of exportcheck's words, apart from the model of bilingual text (checker.bilingual), so that
what runs before the assessment (the command line, starting the PDF renderer) need not load pydantic."""

from __future__ import annotations

from typing import Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")
