"""The fast schema path may only say yes where jsonschema says yes."""

import json

from common_agenda import schema_check
from common_agenda.yaml_source import parse_yaml


def test_schemas_with_keywords_newer_than_draft_7_get_no_fast_path(tmp_path):
    path = tmp_path / "dep.schema.json"
    path.write_text(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "dependentSchemas": {"options": {"properties": {"kind": {"const": "choice"}}}},
    }))
    assert schema_check.fast_validator_for(path) is None
    doc, _ = parse_yaml("kind: scale\noptions: [a, b]\n", "x.yml")
    assert [p.field for p in schema_check.check(doc, path)] == ["kind"]


def test_the_project_schemas_all_have_a_fast_path():
    from sitekit import REPO

    for path in sorted((REPO / "schemas").glob("*.json")):
        assert schema_check.fast_validator_for(path) is not None, path.name


def test_the_project_schemas_are_valid_json_schemas():
    """The build no longer checks the schemas themselves (it skips importing jsonschema when
    every file passes); a mistake in a schema is caught here instead."""
    from jsonschema import Draft202012Validator

    from sitekit import REPO

    for path in sorted((REPO / "schemas").glob("*.json")):
        Draft202012Validator.check_schema(schema_check.schema_of(path))
