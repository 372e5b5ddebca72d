"""Hypothesis strategies for profiles: drawn from the published JSON schema (docs/schema/profile.schema.json),
then made coherent the way a real profile is (ids unique, every reference naming a record that exists), and
damaged in the ways people damage them.

The schema is read as data, so a field added to the model (and so to the schema) is drawn without a change
here. Sizes are kept small: a profile of a few records of each kind reaches every rule, and a run stays fast.
"""

from __future__ import annotations

import json
import string
from datetime import date
from functools import cache
from typing import Any

from hypothesis import strategies as st

from checker.profile.references import REFERENCES
from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "schema" / "profile.schema.json").read_text(encoding="utf-8"))
COUNTRY_PATTERN = "^[A-Z]{2}$"
ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:/-]*$"
SHEET_PATTERN = r"\.([cC][sS][vV]|[xX][lL][sS][xX])$"

# Text as people type it, names in Chinese included, plus the characters that break naive YAML or reports.
_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(string.ascii_letters + string.digits + " .,-'&()/"),
        st.sampled_from("中国华东科技有限公司出口管制合规。（）"),
        st.characters(exclude_categories=("Cs",)),
    ),
    min_size=1,
    max_size=24,
)
_DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)) | st.sampled_from(
    [date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29), date(2024, 12, 1), date(2026, 9, 30)]
)
_IDS = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._:/-]{0,11}\Z")


@cache
def _countries() -> list[str]:
    from checker.profile.fields import country_codes

    return sorted(country_codes())


def _ref_name(node: dict[str, Any]) -> str:
    return node["$ref"].rsplit("/", 1)[1]


@cache
def definition(name: str) -> st.SearchStrategy[Any]:
    return strategy(SCHEMA["$defs"][name])


def strategy(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    """What the schema node allows, as plain data (dates as YYYY-MM-DD text, as YAML gives them)."""
    if "$ref" in node:
        name = _ref_name(node)
        return st.deferred(lambda: definition(name))
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if "anyOf" in node:
        return st.one_of([strategy(option) for option in node["anyOf"]])
    kinds = node.get("type")
    if kinds == ["string", "number"] and "pattern" in node:
        # An id or a control code may be written unquoted and so read by an editor as a number (3E001); the
        # schema lets any number through for that, which the model rightly refuses (-5 is no id).
        kinds = "string"
    if isinstance(kinds, list):
        return st.one_of([strategy({**node, "type": kind}) for kind in kinds])
    if kinds == "object":
        return _object(node)
    if kinds == "array":
        return st.lists(strategy(node.get("items", {})), min_size=node.get("minItems", 0), max_size=3)
    if kinds == "string":
        return _string(node)
    if kinds == "integer":
        return st.integers(node.get("minimum", -(10**6)), node.get("maximum", 10**6))
    if kinds == "number":
        above = node.get("exclusiveMinimum")
        low, high = node.get("minimum", above), node.get("maximum")
        floats = st.floats(low, high, allow_nan=False, allow_infinity=False, exclude_min=above is not None)
        least = -(10**6) if low is None else int(low) + (above is not None)
        whole = st.integers(least, 10**6 if high is None else int(high))
        return whole | floats
    if kinds == "boolean":
        return st.booleans()
    if kinds == "null":
        return st.none()
    raise AssertionError(f"a schema node this strategy does not know: {node}")


def _object(node: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    properties = node.get("properties", {})
    required = set(node.get("required", ()))
    return st.fixed_dictionaries(
        {key: strategy(value) for key, value in properties.items() if key in required},
        optional={key: strategy(value) for key, value in properties.items() if key not in required},
    )


def _string(node: dict[str, Any]) -> st.SearchStrategy[str]:
    if node.get("format") == "date":
        return _DATES.map(date.isoformat)
    pattern = node.get("pattern")
    if pattern == COUNTRY_PATTERN:
        return st.sampled_from(_countries())
    if pattern == ID_PATTERN:
        return _IDS
    if pattern == SHEET_PATTERN:
        return st.sampled_from(["missing.csv", "ledger.xlsx"])
    if pattern is not None:
        return st.from_regex(pattern, fullmatch=True)
    low, high = node.get("minLength", 0), node.get("maxLength", 24)
    return _TEXT.filter(lambda text: low <= len(text) <= high) if low > 1 else _TEXT


# Record lists drawn as lists, not as sheet references: a sheet names a file that is not there.
_RECORDS = ("items", "parties", "licences", "exports", "technology_transfers")


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A profile the schema accepts, its ids unique and its references resolved."""
    top = SCHEMA["properties"]
    data: dict[str, Any] = {"schema_version": 1, "company": draw(definition("Company"))}
    for key in ("assessment", "programme"):
        if draw(st.booleans()):
            data[key] = draw(strategy(top[key]))
    for key in _RECORDS:
        if draw(st.booleans()):
            data[key] = draw(st.lists(strategy(top[key]["anyOf"][0]["items"]), max_size=3))
    return in_order(coherent(data, draw))


def coherent(data: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """Ids made unique within each list, and every reference pointed at a record of its list; a record whose
    required reference has nothing to point at is dropped."""
    for key in _RECORDS:
        for number, record in enumerate(data.get(key, [])):
            record["id"] = f"{str(record['id'])[:40]}-{number}"
    for source, field, target, many in REFERENCES:
        ids = [record["id"] for record in data.get(target, [])]
        kept = []
        for record in data.get(source, []):
            holder, name = _holder(record, field)
            if holder is None or name not in holder or holder[name] is None:
                kept.append(record)
            elif many:
                holder[name] = draw(st.lists(st.sampled_from(ids), max_size=2)) if ids else []
                kept.append(record)
            elif ids:
                holder[name] = draw(st.sampled_from(ids))
                kept.append(record)
        if source in data:
            data[source] = kept
    return data


def in_order(data: dict[str, Any]) -> dict[str, Any]:
    """Dates put in the order the model requires, which a schema can't say: a licence expires after it was
    issued; a listing is removed or suspended after it was made, and a suspension ends after it began."""
    for licence in data.get("licences", []):
        _ordered(licence, "issued_on", "valid_until")
    for party in data.get("parties", []):
        for listing in party.get("listed_on", []):
            if isinstance(listing, dict):
                if listing.get("suspended_to") is not None and listing.get("suspended_from") is None:
                    del listing["suspended_to"]
                _ordered(listing, "date", "removed_on")
                _ordered(listing, "date", "suspended_from")
                _ordered(listing, "suspended_from", "suspended_to")
    return data


def _ordered(record: dict[str, Any], first: str, then: str) -> None:
    if record.get(first) is not None and record.get(then) is not None and record[then] < record[first]:
        record[then] = record[first]


def _holder(record: dict[str, Any], field: tuple[str, ...]) -> tuple[dict[str, Any] | None, str]:
    holder: Any = record
    for name in field[:-1]:
        holder = holder.get(name) if isinstance(holder, dict) else None
    return (holder if isinstance(holder, dict) else None), field[-1]
