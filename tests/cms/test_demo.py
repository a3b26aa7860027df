"""The demo loader: 30+ valid items, internal ones restricted, accounts, idempotent."""
import json
import os
from pathlib import Path

import jsonschema
import pytest
from django.contrib.auth import authenticate
from wagtail.models import Site

from cms.demo import demo_records, load_cms_demo
from cms.models import CONTENT_TYPES, HomePage, NoticePage, PolicyPage

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "cms/exchange/content.schema.json").read_text())


def test_demo_records_are_valid_exchange_records():
    records = demo_records()
    assert len(records) >= 30
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for record in records:
        assert not list(validator.iter_errors(record)), record["slug"]
    assert len({record["slug"] for record in records}) == len(records)
    assert {record["type"] for record in records} == set(CONTENT_TYPES)


def test_demo_loads_once_and_again_without_duplicates(client):
    lines = load_cms_demo()
    counts = {key: model.objects.count() for key, model in CONTENT_TYPES.items()}
    assert sum(counts.values()) == len(demo_records())
    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)
    again = load_cms_demo()
    assert {key: model.objects.count() for key, model in CONTENT_TYPES.items()} == counts
    assert lines == again
    text = "\n".join(lines)
    for username in ("scj_editor", "scj_reviewer", "scj_publisher", "admin"):
        assert username in text
    assert authenticate(username="scj_editor", password="Mingchuan-editor-2026") is not None

    internal = NoticePage.objects.get(slug="scj-2026-neibu-peixun")
    assert internal.is_internal()
    assert internal not in NoticePage.objects.live_public()
    assert not NoticePage.objects.get(slug="scj-2026-guoqi-tingban") in NoticePage.objects.live_public()
    old = PolicyPage.objects.get(slug="mingshijian-gui-2022-5")
    assert old.status == "废止" and old.replaced_by.slug == "mingshijian-gui-2024-3"
    assert client.get("/").status_code == 200


def test_the_repository_schema_is_the_contract_the_importer_enforces():
    """In any clone (public ones too) the repository's own copy is the contract: a valid Draft
    2020-12 schema, and the very file import validation reads."""
    from jsonschema import Draft202012Validator

    from cms.exchange import validation

    ours = Path(__file__).resolve().parents[2] / "cms/exchange/content.schema.json"
    schema = json.loads(ours.read_text())
    Draft202012Validator.check_schema(schema)
    assert validation.SCHEMA_PATH.resolve() == ours.resolve()
    assert not list(Draft202012Validator(schema).iter_errors({"type": "no-such-type"})) == []


def test_schema_copy_equals_the_shared_contract_when_it_is_beside_the_clone():
    """The team's shared/ folder sits beside the clone on developers' machines and in CI; where it
    does, the repository's copy must equal it. (A public clone has no shared/: nothing to compare.)"""
    root = Path(__file__).resolve().parents[2]
    shared = root.parent / "shared/contracts/content.schema.json"
    if not shared.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs beside shared/: shared/contracts/content.schema.json is missing", pytrace=False)
        pytest.skip("no shared/ folder beside this clone (a public clone): the repository copy is the contract")
    ours = root / "cms/exchange/content.schema.json"
    assert json.loads(ours.read_text()) == json.loads(shared.read_text())
