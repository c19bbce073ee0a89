"""Property-based fuzzing against the OpenAPI schema: no generated input gets a 5xx, and
every response has a documented status, content type and body schema.

The schema comes from `create_app(...).openapi()` at import (the app is built, nothing is
loaded); the cases are sent over HTTP to the live server with the real Assistant.
schemathesis' lazy `from_fixture` loader needs `Function._nodeid`, which pytest 9 removed.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)

from assistant.api import create_app
from assistant.config import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

OPENAPI = create_app(Settings()).openapi()
schema = schemathesis.openapi.from_dict(OPENAPI)


def test_fuzzed_schema_is_the_served_schema(client: httpx.Client) -> None:
    assert client.get("/openapi.json").json() == OPENAPI


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case, server: str) -> None:
    case.call_and_validate(base_url=server, checks=[not_a_server_error, status_code_conformance,
                                                    content_type_conformance,
                                                    response_schema_conformance])
