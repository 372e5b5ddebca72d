"""The profile's JSON Schema: built from the models, kept in the repository, and true to what the loader takes."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from checker.read.nodes import to_plain
from checker.read.yaml import parse_yaml, read_yaml
from tests.conftest import REFERENCE, ROOT, SAMPLES, run_cli

COPY = ROOT / "docs" / "schema" / "profile.schema.json"


def yaml_data(path):
    """The file as an editor's YAML 1.2 reader sees it: dates are text, as in the schema."""
    return to_plain(read_yaml(path))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COPY.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_copy_in_the_repository_is_what_the_command_writes():
    run = run_cli("schema")
    assert run.code == 0
    assert run.out == COPY.read_text(encoding="utf-8"), (
        "regenerate: exportcheck schema > docs/schema/profile.schema.json"
    )


@pytest.mark.parametrize(
    "profile", [SAMPLES / "compliant.yaml", SAMPLES / "gaps.yaml", REFERENCE], ids=lambda p: p.name
)
def test_the_schema_accepts_the_samples_and_the_contract(validator, profile):
    errors = [error.message for error in validator.iter_errors(yaml_data(profile))]
    assert errors == []


def _messages(errors) -> list[str]:
    """Every message, with those of the branches an anyOf tried (a value or nothing)."""
    return [message for error in errors for message in (error.message, *_messages(error.context or ()))]


def _broken(data: dict, change) -> dict:
    data = copy.deepcopy(data)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d["company"].__setitem__("employees", "many"), "'many' is not of type 'integer'"),
        (lambda d: d["company"].__setitem__("business", ["dual_use_exports"]), "'dual_use_exports' is not one of"),
        (lambda d: d["company"].__setitem__("nickname", "Acme"), "'nickname' was unexpected"),
        (lambda d: d["parties"][0].__setitem__("country", "UAE"), "'UAE' does not match"),
        (lambda d: d["items"][0].__setitem__("control_code", "1C9021"), "'1C9021' does not match"),
        (lambda d: d["company"].__setitem__("uscc", "91110000"), "'91110000' does not match"),
        (lambda d: d["exports"][0].__setitem__("item", "an item"), "'an item' does not match"),
        # Bounds the model checks in its own validators, which pydantic's schema does not see.
        (lambda d: d["company"].__setitem__("export_share_percent", -5), "-5 is less than the minimum of 0"),
        (lambda d: d["company"].__setitem__("export_share_percent", 101), "101 is greater than the maximum of 100"),
        (lambda d: d["licences"][0]["quantity"].__setitem__("amount", 0), "0 is less than or equal to the minimum"),
    ],
)
def test_the_schema_rejects_a_wrong_type_an_unknown_word_and_a_malformed_code(validator, change, fragment):
    data = _broken(yaml_data(SAMPLES / "compliant.yaml"), change)
    messages = _messages(validator.iter_errors(data))
    assert any(fragment in message for message in messages), messages


@pytest.mark.parametrize("code", ["3E001", "9E003", "1E001", "0E001"])
def test_technology_codes_written_unquoted_are_accepted(validator, code):
    """An editor's YAML 1.2 reader takes an unquoted 3E001 for the number 30; the loader takes it as written."""
    text = (
        (SAMPLES / "compliant.yaml")
        .read_text(encoding="utf-8")
        .replace("control_code: 1C902.a", f"control_code: {code}")
    )
    data = to_plain(parse_yaml(text.encode(), "compliant.yaml"))
    assert isinstance(data["items"][0]["control_code"], float)
    assert _messages(validator.iter_errors(data)) == []


def test_a_version_written_as_a_number_is_accepted_where_text_is_wanted(validator):
    data = _broken(
        yaml_data(SAMPLES / "compliant.yaml"), lambda d: d["programme"]["manual"].__setitem__("version", 1.1)
    )
    assert _messages(validator.iter_errors(data)) == []


def test_descriptions_in_both_languages_and_vocabularies_as_enums(validator):
    schema = validator.schema
    control_code = schema["$defs"]["Item"]["properties"]["control_code"]
    assert "3E001" in control_code["description"] and "3E001" in control_code["description_zh"]
    assert schema["description_zh"].startswith("出口经营者")
    assert "dual_use_export" in schema["$defs"]["Business"]["enum"]
    assert schema["$defs"]["Qualification"]["properties"]["kind"] == {"$ref": "#/$defs/QualificationWords"}
    assert schema["$defs"]["Company"]["additionalProperties"] is False


def test_every_description_names_a_part_of_the_profile():
    from checker.i18n import catalogue
    from checker.profile import model

    for key in catalogue()["profile_schema"]:
        name, _, field = key.partition(".")
        cls = getattr(model, name)
        assert not field or field in cls.model_fields, key
