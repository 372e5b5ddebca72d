"""A written name as comparable keys: Latin tokens and a Chinese (CJK) string, with legal forms set aside.

`Lockheed-Martin Corp.` and `LOCKHEED MARTIN CORPORATION` give the same tokens; `洛克希德·马丁公司` and
`洛克希德马丁` the same characters; `長安海連技術有限公司` folds to `长安海连技术`. A legal form is a word that
says what kind of company it is, not which: it never decides a match, so it is dropped (unless nothing else is
left). Chinese and Japanese legal forms are written without a space, so they are stripped as suffixes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

# Latin legal-form words and abbreviations, as tokens after folding ("Co., Ltd." is the tokens co and ltd).
LEGAL_FORMS = frozenset(
    [
        "ab",
        "ag",
        "as",
        "bhd",
        "bv",
        "co",
        "company",
        "corp",
        "corporation",
        "cv",
        "gmbh",
        "inc",
        "incorporated",
        "jsc",
        "kft",
        "kg",
        "kk",
        "limited",
        "llc",
        "llp",
        "lp",
        "ltd",
        "ltda",
        "mbh",
        "nv",
        "ojsc",
        "ooo",
        "oy",
        "pjsc",
        "plc",
        "pte",
        "pty",
        "sa",
        "sarl",
        "sas",
        "se",
        "spa",
        "sp",
        "srl",
        "zao",
    ]
)
# Chinese and Japanese legal forms, longest first, stripped from the end of a run of characters (株式会社 also
# from its start, where Japanese names often put it).
CJK_LEGAL_FORMS = (
    "集团股份有限公司",
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团公司",
    "株式会社",
    "有限会社",
    "合同会社",
    "公司",
)
_CJK_CLASS = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]"
_BRACKETED = re.compile(r"[(（\[]([^()（）\[\]]*)[)）\]]")
_APOSTROPHES = re.compile(r"[’'`´]")
_SEPARATORS = re.compile(r"[^\w]+|_")


@dataclass(frozen=True)
class NameKey:
    """One written name, comparable: its Latin tokens, its Chinese characters and their pinyin, joined."""

    text: str  # the name as written
    tokens: tuple[str, ...]  # Latin (and other non-CJK) tokens, legal forms dropped
    cjk: str  # CJK characters, simplified, legal forms stripped, joined without spaces

    @property
    def latin(self) -> str:
        return " ".join(self.tokens)

    @cached_property
    def syllables(self) -> tuple[str, ...]:
        """The pinyin reading of `cjk`, one syllable per character; worked out only where a match needs it."""
        if not self.cjk:
            return ()
        from pypinyin import lazy_pinyin  # its dictionaries take a tenth of a second to load: only when read

        return tuple(lazy_pinyin(self.cjk))

    @cached_property
    def pinyin(self) -> str:
        """The same, joined (`huawei`)."""
        return "".join(self.syllables)


@lru_cache(maxsize=1)
def _cjk() -> re.Pattern[str]:
    """CJK characters (Han, and Japanese kana). Compiling the class takes milliseconds, and a run of Latin names
    never needs it: `_has_cjk` asks only of text that is not ASCII."""
    return re.compile(_CJK_CLASS)


def _has_cjk(text: str) -> bool:
    return not text.isascii() and _cjk().search(text) is not None


@lru_cache(maxsize=1)
def _to_simplified() -> Any:
    """The traditional-to-simplified converter, loaded the first time a name in Chinese characters is folded:
    its library and dictionaries cost a run of Latin names ten milliseconds for nothing."""
    import opencc

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """Width, case and traditional characters folded; apostrophes dropped; other punctuation a space."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if _has_cjk(folded):
        folded = _to_simplified().convert(folded)
    folded = _APOSTROPHES.sub("", folded.replace("&", " and "))
    return " ".join(_SEPARATORS.sub(" ", folded).split())


@lru_cache(maxsize=65_536)
def name_keys(text: str) -> tuple[NameKey, ...]:
    """The keys of a name: as written and, when it has a bracketed part such as `(香港)` or `(AIG)`, without it
    and that part on its own. Names packed into one alias with `;` are each a name."""
    keys: list[NameKey] = []
    for part in text.split(";"):
        variants = [part]
        bracketed = _BRACKETED.findall(part)
        if bracketed:
            rest = _BRACKETED.sub(" ", part)
            variants.append(rest)
            variants.extend(inner for inner in bracketed if _stands_alone(inner, rest))
        for variant in variants:
            key = _key(variant, part.strip())
            if (key.tokens or key.cjk) and key not in keys:
                keys.append(key)
    return tuple(keys)


def _stands_alone(inner: str, rest: str) -> bool:
    """A bracketed part is a name of its own when it is the name in another script (`Jin Tiesan (金铁三)`) or
    an acronym (`(AIG)`); a place such as `(香港)` is not."""
    other_script = _has_cjk(inner) != _has_cjk(rest)
    return other_script or (len(inner.split()) == 1 and not _has_cjk(inner) and len(inner.strip()) >= 3)


def _key(text: str, written: str) -> NameKey:
    tokens: list[str] = []
    runs: list[str] = []
    for word in fold(text).split():
        if word.isascii():
            tokens.append(word)
            continue
        tokens.extend(_cjk().sub(" ", word).split())
        cjk = "".join(_cjk().findall(word))
        if cjk:
            runs.append(cjk)
    kept = [token for token in tokens if token not in LEGAL_FORMS and token != "and"]
    return NameKey(
        text=written,
        tokens=tuple(kept or [token for token in tokens if token != "and"] or tokens),
        cjk=_strip_cjk_forms("".join(runs)),
    )


def _strip_cjk_forms(run: str) -> str:
    changed = True
    while changed:
        changed = False
        for form in CJK_LEGAL_FORMS:
            if run.endswith(form) and len(run) > len(form):
                run, changed = run[: -len(form)], True
                break
            if form == "株式会社" and run.startswith(form) and len(run) > len(form):
                run, changed = run[len(form) :], True
                break
    return run
