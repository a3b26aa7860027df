"""How the test command shares tests between its workers (tests/parallel.py): a group never mixes
rolled-back and transactional tests, and tests of one shared service stay in one group."""
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.parallel import assign_groups, starts_early

ROOT = Path("/repo")


class FakeItem(SimpleNamespace):
    """What tests/parallel.py reads of a pytest item (hashable, like an item)."""

    __hash__ = object.__hash__


def item(path: str, fixtures=(), transaction: bool | None = None):
    marker = None if transaction is None else SimpleNamespace(kwargs={"transaction": transaction})
    return FakeItem(path=ROOT / path, config=SimpleNamespace(rootpath=ROOT), fixturenames=list(fixtures),
                           get_closest_marker=lambda name: marker if name == "django_db" else None)


def test_a_module_splits_by_database_kind_and_a_shared_service_stays_whole():
    plain, flushing, no_db = item("tests/a.py", ["db"], False), item("tests/a.py", [], True), item("tests/a.py")
    sso, browser = item("tests/sso/x.py", ["idp_env"], True), item("tests/browser/y.py", ["site_server"])
    groups = assign_groups([plain, flushing, no_db, sso, browser])
    assert len({groups[plain], groups[flushing], groups[no_db]}) == 3
    assert groups[sso] == groups[browser] == "saml-idp"
    assert "saml-idp" not in starts_early([plain, flushing, no_db, sso, browser], groups)  # it flushes


def test_a_shared_group_with_both_kinds_splits_and_one_without_flushing_starts_early():
    rolled_back = item("tests/search/s.py", ["elasticsearch_cluster"], False)
    flushing = item("tests/scaleout/t.py", ["elasticsearch_cluster"], True)
    groups = assign_groups([rolled_back, flushing])
    assert groups[rolled_back] != groups[flushing]
    installation = item("tests/ops/o.py", ["template_site"])
    assert starts_early([installation], assign_groups([installation])) == {"demo-installation"}


@pytest.mark.parametrize("fixtures", [["transactional_db"], ["live_server"]])
def test_transactional_fixtures_count_as_transactional(fixtures):
    plain, other = item("tests/a.py", ["db"], False), item("tests/a.py", fixtures)
    groups = assign_groups([plain, other])
    assert groups[plain] != groups[other] and groups[other].endswith(":transactional")
