"""The report's language: catalogue strings, and the English or Chinese half of bilingual fields."""

from __future__ import annotations

from typing import Any

from checker import i18n
from checker.bilingual import Lang


class ReportText:
    def __init__(self, lang: Lang):
        self.lang = lang

    def __call__(self, key: str, group: str = "report", /, **values: Any) -> str:
        """A catalogue string, from the `report` group unless another is named (positionally, so that a
        placeholder may be called `key` or `group`)."""
        return i18n.t(group, key, self.lang, **values)

    def field(self, record: dict[str, Any], name: str) -> str:
        """`record[name]`, or `record[name_zh]` in a Chinese report (English when no Chinese is given)."""
        if self.lang == "zh" and record.get(f"{name}_zh"):
            return record[f"{name}_zh"]
        return record.get(name) or ""

    def join(self, items: list[str]) -> str:
        return self("list_separator").join(items)

    def count(self, label: str, count: int) -> str:
        """'Failures (3)' / '不符合项（3）'."""
        return self("label_count", label=label, count=count)


def score_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
