"""Text in the two languages of exportcheck, English and Chinese."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from checker.languages import LANGS, Lang

__all__ = ["LANGS", "Bilingual", "Lang", "chinese_number"]


class Bilingual(BaseModel):
    """The same text in English and in Chinese; both are required."""

    # defer_build: a run whose rule set comes from the cache validates no rule file (see checker.ruleset.cache).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def __getitem__(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.zh


_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 → 一, 12 → 十二, 27 → 二十七, 45 → 四十五, 100 → 一百 (as article numbers are written)."""
    if number < 0 or number >= 1000:
        return str(number)
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + _DIGITS[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones or not out:
        out += _DIGITS[ones]
    return out
