"""A reader sees labels, never the profile's keys: every vocabulary word and field has a label in both languages,
countries are shown by name, and neither sample's report, in either language, shows a vocabulary word, a field
name or a profile path outside the location lines that name the place to edit."""

from __future__ import annotations

import re
import types
import typing
from enum import StrEnum

import pycountry
import pytest
from pydantic import BaseModel
from pypdf import PdfReader

from checker.evaluate.examples import example_results
from checker.language.predicates import Leaf, Predicate
from checker.profile import labels, vocabulary
from checker.profile.fields import NOT_LISTED, CountryCode, _check_country
from checker.profile.model import Profile
from tests.conftest import SAMPLES, run_cli

VOCABULARIES = [
    kind
    for kind in vars(vocabulary).values()
    if isinstance(kind, type) and issubclass(kind, StrEnum) and kind is not StrEnum
]
WORDS = sorted({member.value for kind in VOCABULARIES for member in kind} | {NOT_LISTED})


def _inner(annotation: object) -> object:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return _inner(next(arg for arg in typing.get_args(annotation) if arg is not type(None)))
    if origin is list:
        return _inner(typing.get_args(annotation)[0])
    return annotation


def _fields(model: type[BaseModel], prefix: tuple[str, ...] = ()):
    """Every field of the profile: its path without list indices, and its type."""
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        kind = _inner(info.annotation)
        yield path, (kind, info.metadata)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            yield from _fields(kind, path)


FIELDS = {".".join(path): kind for path, kind in _fields(Profile)}  # path → (type, pydantic metadata)


def _checked_paths(predicate: object, prefix: tuple[str, ...]):
    """The fields a rule's check looks at (and so a generic message can name), a reference followed to the
    record it names: `end_user@parties.screening_result` is a party's `screening_result`."""
    if isinstance(predicate, Leaf):
        path = () if predicate.path.absolute else prefix
        for name, target in predicate.path.segments:
            path = (target,) if target else (*path, name)
        yield ".".join(path)
        inner = getattr(predicate, "check", None)
        if inner is not None:
            yield from _checked_paths(inner, path)
        return
    for value in vars(predicate).values() if hasattr(predicate, "__dict__") else ():
        for part in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(part, Predicate):
                yield from _checked_paths(part, prefix)


def test_every_vocabulary_word_has_a_label_in_both_languages():
    words = labels.catalogue()["words"]
    missing = [word for word in WORDS if word not in words]
    assert missing == []
    assert labels.word("evasive_answers", "en") == "evasive answers"
    assert labels.word("evasive_answers", "zh") == "回答含糊其辞"
    assert labels.word("Ganzhou", "en") is None


def test_every_field_of_the_profile_and_every_field_a_rule_checks_has_a_label(ruleset):
    fields = labels.catalogue()["fields"]
    assert sorted(set(FIELDS) - set(fields)) == []
    checked = set()
    for rule in ruleset.rules:
        prefix = tuple(name for name, _ in rule.for_each.segments) if rule.for_each else ()
        if prefix:
            checked.add(".".join(prefix))
        if isinstance(rule.check, Predicate):
            checked.update(_checked_paths(rule.check, prefix))
    assert sorted(checked - set(fields)) == []
    assert labels.field(("programme", "organization", "single_person_approval"), "en") == (
        "single-person approval of complex transactions"
    )
    assert labels.field(("exports", 2, "escalation", "date"), "zh") == "上报日期"


def test_the_country_fields_are_those_of_the_model():
    # A required field's Annotated type reaches pydantic's field as `str` with the validator in its metadata.
    countries = {
        path.rsplit(".", 1)[-1]
        for path, (kind, metadata) in FIELDS.items()
        if kind == CountryCode or any(getattr(entry, "func", None) is _check_country for entry in metadata)
    }
    assert countries == labels.COUNTRY_FIELDS


def test_country_names_are_pycountrys_in_both_languages():
    names = labels.country_names()
    assert set(names) == {country.alpha_2 for country in pycountry.countries}
    assert names["AE"] == {"en": "United Arab Emirates", "zh": "阿联酋"}
    assert names["KR"]["en"] == "South Korea" and names["KZ"]["zh"] == "哈萨克斯坦"
    assert labels.country("XX", "en") == "XX"


# What a report may not show outside a location line. A word with an underscore and a dotted profile path cannot
# be English or Chinese prose, so they are looked for in both languages. A word without one (`kept`, `contracts`,
# `true`) is also an English word, so it is looked for in the Chinese report only, and only where it stands
# alone among Chinese text (`出口至 AE`, `为 true；`, `：contracts、`): a Latin word inside a longer run of them is
# someone's English (a party's or item's name, a command such as `exportcheck lists import`, a list's source).
# Vocabulary words in capitals (`MOFCOM`) are the authorities' own names in either language.
# Not looked for: rule ids (`LIC-001`), list ids in citations (`mofcom-control-list`), file names and the
# evidence files' paths, none of which has an underscore or is a word of the vocabulary.
_NAMES = (
    {word for word in WORDS if not word.isupper()} | {path.rsplit(".", 1)[-1] for path in FIELDS} | {"true", "false"}
)
_SNAKE = sorted((name for name in _NAMES if "_" in name), key=len, reverse=True)
_PATHS = sorted({path for path in FIELDS if "." in path}, key=len, reverse=True)
ANYWHERE = re.compile(
    r"(?<![\w.-])(" + "|".join(map(re.escape, _SNAKE)) + r")(?![\w-])|\b(" + "|".join(map(re.escape, _PATHS)) + r")\b"
)
LATIN_RUN = re.compile(r"[A-Za-z_][\w./-]*(?: +[A-Za-z_][\w./-]*)*")


_COUNTRY_CODES = {country.alpha_2 for country in pycountry.countries}


def _alone_in_chinese(line: str) -> bool:
    """A word of the profile, or a country code, standing alone among Chinese text."""
    return any(run.group(0) in _NAMES or run.group(0) in _COUNTRY_CODES for run in LATIN_RUN.finditer(line))


def _leaks(text: str, profile: str, lang: str) -> list[str]:
    """Each line that shows a key, without the location lines (`samples/gaps.yaml:24 · programme…`)."""
    location = re.compile(re.escape(profile) + r":\d+")
    found = []
    for line in text.splitlines():
        if location.search(line):
            continue
        if ANYWHERE.search(line) or (lang == "zh" and _alone_in_chinese(line)):
            found.append(line)
    return found


def test_the_leaks_of_the_earlier_wording_are_found():
    earlier = [
        ("存在风险信号（evasive_answers），但没有上报记录。", "zh"),
        ("记录制度保存的资料为：contracts, invoices；", "zh"),
        ("programme.organization.single_person_approval 为 true；", "zh"),
        ("复杂交易由一人审批为 true；", "zh"),
        ("于 2026-08-14 出口至 AE，未注明许可证。", "zh"),
        ("4  HIGH  REC-001  Export records are kept  retention_years", "en"),
        ("enter it in programme.organization.compliance_lead.reports_to.", "en"),
    ]
    assert [text for text, lang in earlier if not _leaks(text, "samples/gaps.yaml", lang)] == []
    assert (
        _leaks("samples/gaps.yaml:36 · programme.organization.single_person_approval", "samples/gaps.yaml", "zh") == []
    )
    assert _leaks("请导入最新版本（exportcheck lists import）。出口至阿联酋", "samples/gaps.yaml", "zh") == []


def test_no_rule_examples_message_names_a_key(ruleset):
    """Every message each rule gives on its own examples (beyond the samples: every kind of failure, manual
    check and exclusion the rule set words) reads without a key, in both languages."""
    leaks = set()
    for rule in ruleset.rules:
        for example in rule.examples:
            for result in example_results(rule, example, ruleset):
                for lang, message in (("en", result.message_en), ("zh", result.message_zh)):
                    if _leaks(message, "no location line in a message", lang):
                        leaks.add((rule.id, lang, message))
    assert sorted(leaks) == []


REPORTS = [(sample, lang) for sample in ("gaps", "compliant") for lang in ("en", "zh")]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Each sample in each language, rendered once: the PDF's text and the text report."""
    out = {}
    folder = tmp_path_factory.mktemp("plain-words")
    for sample, lang in REPORTS:
        pdf = folder / f"{sample}-{lang}.pdf"
        run = run_cli("check", SAMPLES / f"{sample}.yaml", "--lang", lang, "--pdf", pdf, "--as-of", "2026-11-15")
        pages = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
        out[sample, lang] = pages, run.out
    return out


@pytest.mark.parametrize(("sample", "lang"), REPORTS)
def test_no_key_outside_the_location_lines(reports, sample, lang):
    pdf, text = reports[sample, lang]
    profile = f"samples/{sample}.yaml"
    assert _leaks(pdf, profile, lang) == []
    assert _leaks(text, profile, lang) == []


def test_messages_use_labels_countries_and_yes_or_no(reports):
    pdf, text = reports["gaps", "zh"]
    assert "存在风险信号（回答含糊其辞）" in text
    assert "出口至阿联酋" in text
    assert "复杂交易由一人审批：是" in text
    assert "还要求保存：账册、业务往来函电" in text
    english = reports["gaps", "en"][1]
    assert "Single-person approval of complex transactions: yes" in english
    assert "to United Arab Emirates" in english
