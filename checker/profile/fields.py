"""Field types of the profile: dates, country codes, identifiers, amounts.

Each type accepts exactly what the format documents and explains a refusal in
words a compliance officer can act on (pydantic's own messages name Python
types). Values arrive from `yaml_reader`, so dates are still text.
"""

from __future__ import annotations

import importlib.util
import math
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainValidator, StrictBool, StrictInt
from pydantic_core import PydanticCustomError

from checker import cache as cached

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL_CODE = re.compile(r"^\d[A-E]\d{3}(?:\.[a-z0-9]+)*$")
_USCC = re.compile(r"^[0-9A-Z]{18}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]*$")

NOT_LISTED = "not_listed"

# Longest text a field takes, in characters. A name, title, reference or id is one line of a table or a
# heading; a note (a summary, an end use, an outcome, a scope) is a paragraph. Beyond that the text is a
# mistake or an attack, and the PDF would spend minutes laying it out.
NAME_LENGTH = 300
NOTE_LENGTH = 2000


def empty_list() -> list[Any]:
    """A new empty list, the default of the profile's list fields.

    pydantic reads each default factory's signature, to know whether it takes the validated data. A function's
    is at hand; the built-in `list`'s is parsed from text by the tokenizer, which cost every run about 10 ms
    for the profile's list fields.
    """
    return []


# The European Union's own code for Greece, which no ISO 3166-1 name or translation gives.
_COMMON_MISTAKES = {"EL": "GR"}


def _parse_date(value: object) -> object:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        raise PydanticCustomError(
            "iso_date", "expected a date written YYYY-MM-DD, found {found}", {"found": _show(value)}
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("real_date", "{found} is not a real date", {"found": _show(value)}) from None


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes as pycountry has them, kept in the cache until pycountry's files change."""
    spec = importlib.util.find_spec("pycountry")
    package = Path(spec.origin).parent if spec and spec.origin else None
    key = cached.key_of([package / "__init__.py", package / "databases" / "iso3166-1.json"], ()) if package else None
    stored = cached.load("countries", key)
    if isinstance(stored, list):
        return frozenset(stored)
    import pycountry

    codes = sorted(country.alpha_2 for country in pycountry.countries)
    cached.store("countries", key, codes)
    return frozenset(codes)


def _check_country(value: str) -> str:
    if value in country_codes():
        return value
    upper = value.upper() in country_codes()
    if upper:
        guess: str | None = value.upper()
    elif value.upper() in _COMMON_MISTAKES:
        guess = _COMMON_MISTAKES[value.upper()]
    else:
        from checker.profile.country_hints import suggest_country  # the error path: loaded on a refusal only

        guess = suggest_country(value)
        guess = guess if guess in country_codes() else None
    hint = f" (did you mean {guess!r}?{' codes are upper case' if upper else ''})" if guess else ""
    raise PydanticCustomError(
        "country_code",
        "{found} is not an ISO 3166-1 alpha-2 country code{hint}",
        {"found": _show(value), "hint": hint, "guess": guess, "upper": upper},
    )


def _check_control_code(value: str) -> str:
    if value == NOT_LISTED or _CONTROL_CODE.match(value):
        return value
    raise PydanticCustomError(
        "control_code",
        "{found} is not an export control code (five characters such as 1C902, with sub-items as in 1C902.a) "
        "or 'not_listed'",
        {"found": _show(value)},
    )


def _check_uscc(value: str) -> str:
    if _USCC.match(value):
        return value
    raise PydanticCustomError(
        "uscc", "{found} is not a unified social credit code (18 digits or capital letters)", {"found": _show(value)}
    )


def _check_id(value: str) -> str:
    if _ID.match(value):
        return value
    raise PydanticCustomError(
        "identifier", "{found} is not an identifier: use letters, digits and - . _ : / only", {"found": _show(value)}
    )


def _at_most(limit: int):
    """A validator refusing text longer than `limit` characters."""

    def check(value: str) -> str:
        if len(value) > limit:
            raise PydanticCustomError(
                "text_length",
                "text of {length} characters is too long (at most {limit})",
                {"length": f"{len(value):,}", "limit": limit},
            )
        return value

    return check


def _number(minimum: float, maximum: float | None, exclusive_minimum: bool = False):
    """A validator for a plain number (an int stays an int) within bounds."""

    def check(value: object) -> int | float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise PydanticCustomError("number", "expected a number, found {found}", {"found": _show(value)})
        too_small = value <= minimum if exclusive_minimum else value < minimum
        if too_small:
            word = "greater than" if exclusive_minimum else "at least"
            raise PydanticCustomError(
                "number_too_small",
                "{found} is too small: it must be {word} {limit}",
                {"found": _show(value), "word": word, "limit": minimum, "exclusive": exclusive_minimum},
            )
        if maximum is not None and value > maximum:
            raise PydanticCustomError(
                "number_too_large",
                "{found} is too large: it must be at most {limit}",
                {"found": _show(value), "limit": maximum},
            )
        return value

    return check


def _show(value: object) -> str:
    if isinstance(value, str):
        # A message quotes the start of a long value, not all of it.
        return repr(value) if len(value) <= 60 else f"{value[:60]!r}… ({len(value):,} characters)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


Text = Annotated[str, Field(min_length=1), AfterValidator(_at_most(NAME_LENGTH))]
Note = Annotated[str, Field(min_length=1), AfterValidator(_at_most(NOTE_LENGTH))]
IsoDate = Annotated[date, BeforeValidator(_parse_date)]
CountryCode = Annotated[str, AfterValidator(_check_country)]
ControlCode = Annotated[str, AfterValidator(_check_control_code)]
Uscc = Annotated[str, AfterValidator(_check_uscc)]
Id = Annotated[str, AfterValidator(_at_most(NAME_LENGTH)), AfterValidator(_check_id)]
Flag = StrictBool
Count = Annotated[StrictInt, Field(ge=0)]
Months = Annotated[StrictInt, Field(ge=1, le=120)]
Years = Annotated[StrictInt, Field(ge=0, le=100)]
Percent = Annotated[float, PlainValidator(_number(0, 100), json_schema_input_type=float)]
Amount = Annotated[float, PlainValidator(_number(0, None, exclusive_minimum=True), json_schema_input_type=float)]
