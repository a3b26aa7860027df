"""How ./test shares the suite between pytest-xdist workers (``-n 2 --dist loadgroup``).

Every test gets an ``xdist_group``; a group runs whole on one worker. Two things decide it:

- **Shared outside state.** A few tests change a service that the run starts once: the test SAML
  IdP's service-provider list and users (the SSO tests and the browser site server rewrite them),
  a multi-node Elasticsearch cluster started once per worker that asks for it. Tests that touch
  the same such thing are one group (``SHARED_GROUPS``), so that two workers never change it at once.
- **Database kind**, as pytest-django orders tests: plain database tests (rolled back), then
  transactional ones (which flush the database when they end, removing what the migrations
  created), then tests without a database. Other tests are grouped by module *and* kind, so a
  worker never runs a transactional test before a plain one it still has to run (groups are
  handed out in collection order, which pytest-django has already sorted by kind).

Groups are handed out in collection order (``--no-loadscope-reorder``: xdist's default reorder by
size would put a transactional group first). Long shared groups without transactional tests are
moved to the front, so that they do not start last and leave one worker running alone.

Each worker has its own test database, Redis database, VAR_DIR and index prefix
(config/settings/test.py).
"""
from __future__ import annotations

import pytest

# (group, fixtures that mean "this test changes that shared thing, or needs that costly
# per-worker session fixture which one worker had better build alone")
SHARED_GROUPS: list[tuple[str, frozenset[str]]] = [
    ("saml-idp", frozenset({"idp_env", "site_server"})),
    ("es-cluster", frozenset({"elasticsearch_cluster"})),
    ("demo-installation", frozenset({"template_site"})),
]

DB_KINDS = {0: "db", 1: "transactional", 2: "no-db"}


def database_kind(item: pytest.Item) -> str:
    """pytest-django's own order: 0 rolled back, 1 transactional, 2 none."""
    fixtures = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    transactional = transactional or bool(fixtures & {"transactional_db", "live_server"})
    if transactional:
        return DB_KINDS[1]
    if marker or "db" in fixtures:
        return DB_KINDS[0]
    return DB_KINDS[2]


def shared_group(item: pytest.Item) -> str:
    fixtures = set(getattr(item, "fixturenames", ()))
    return next((name for name, needs in SHARED_GROUPS if fixtures & needs), "")


def assign_groups(items: list[pytest.Item]) -> dict[pytest.Item, str]:
    """The group of each test. A shared group stays whole unless it mixes rolled-back and
    transactional tests: then it splits in two, because as one group it would start with its
    rolled-back tests and its transactional ones would flush the database under the plain tests
    that its worker runs after it."""
    kinds = {item: database_kind(item) for item in items}
    shared = {item: shared_group(item) for item in items}
    mixed = {name for name in set(shared.values()) if name and
             {DB_KINDS[0], DB_KINDS[1]} <= {kinds[i] for i in items if shared[i] == name}}
    groups = {}
    for item in items:
        name = shared[item]
        if not name:
            groups[item] = f"{item.path.relative_to(item.config.rootpath)}:{kinds[item]}"
        elif name in mixed:
            groups[item] = f"{name}:{'transactional' if kinds[item] == DB_KINDS[1] else 'rolled-back'}"
        else:
            groups[item] = name
    return groups


def starts_early(items: list[pytest.Item], groups: dict[pytest.Item, str]) -> set[str]:
    """Shared groups that may run before everything else: none of their tests is transactional."""
    shared = {name for name, _ in SHARED_GROUPS}
    transactional = {groups[i] for i in items if database_kind(i) == DB_KINDS[1]}
    return {group for group in set(groups.values()) if group in shared and group not in transactional}


@pytest.hookimpl(hookwrapper=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]):
    # the controller sees ``--dist loadgroup``; a worker sees ``dist == "no"`` and ``loadgroup``
    if not (config.getoption("loadgroup", False) or config.getoption("dist", "no") == "loadgroup"):
        yield
        return
    groups = assign_groups(items)
    for item, group in groups.items():
        item.add_marker(pytest.mark.xdist_group(group))
    yield  # pytest-django sorts by database kind
    for item, group in groups.items():
        name_with_group(item, group)
    early = starts_early(items, groups)
    items.sort(key=lambda item: groups[item] not in early)  # stable: the rest keeps its order


def name_with_group(item: pytest.Item, group: str) -> None:
    """``<test id>@<group>``, the form xdist's loadgroup scheduler reads its groups from.

    xdist 3.8 appends it by assigning ``item._nodeid``, which pytest 9 no longer reads (the id is
    ``item._id``, a ``NodeId``), so without this every test would be its own group."""
    if "@" in item.nodeid:
        return
    from _pytest.nodeid import NodeId

    item._id = NodeId.parse(f"{item.nodeid}@{group}")
