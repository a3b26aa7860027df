"""The served OpenAPI description is accurate: schemathesis generates requests for every
operation (valid and invalid parameters), bounded in examples and time, and checks that no answer
is a 5xx and that every status code, content type and body matches the description."""
import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.django_db]

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_schema(content):
    from config.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Requests go through the real WSGI handler, which closes database connections at the end of
    each request; the test's transaction lives on that connection, so (as Django's test client
    does) the handler is told not to close it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def run_operation(operation, mode: GenerationMode, max_examples: int) -> None:
    """Property-test one operation; hypothesis stops at ``max_examples`` or its deadline."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=max_examples, deadline=2000, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(checks=CHECKS)

    check()


# schemathesis' own pytest plugin reads a node attribute that pytest 9 removed, so the operations
# are walked here: each one with valid and with invalid parameters.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_matches_its_description(api_schema, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 11
    for operation in operations:
        try:
            run_operation(operation, mode, max_examples=25)
        except Unsatisfiable:
            # Nothing can be made invalid: no parameters, or only free-form strings (a slug).
            assert mode is GenerationMode.NEGATIVE, operation.label


def test_the_description_names_every_endpoint(client, api_settings):
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert {"/api/v1/content/", "/api/v1/content/{page_id}/", "/api/v1/departments/", "/api/v1/topics/",
            "/api/v1/pages/", "/api/v1/pages/{page_id}/", "/api/v1/preview/{page_id}/",
            "/api/v1/images/{image_id}/", "/api/v1/documents/{document_id}/"} <= paths
