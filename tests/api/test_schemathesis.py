"""Schemathesis against the API's own OpenAPI schema, in process (WSGI), once anonymously and
once with a staff token of the ``act`` scope: no 5xx, every status code, content type and
body as the schema declares. Up to 20 examples per operation keep it within a minute."""

from datetime import date

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.openapi import from_wsgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from events.services import register
from tests.casework.factories import draft_case
from tests.catalogue.factories import gmina, photo, published_practice
from tests.events.conftest import make_event, person
from tests.registry.factories import make_entry

from .conftest import make_token
from .registers import make_agreements, make_body, make_resolutions

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def app(settings):
    """Django's WSGI handler inside the test's transaction: like Django's test client, the
    requests must not close the connection (and with it the test's transaction)."""
    settings.ALLOWED_HOSTS = ["localhost"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with override_settings(
            REST_FRAMEWORK={
                **settings.REST_FRAMEWORK,
                "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
            }
        ):
            yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def data(teryt, gmina_org, municipality_user, coordinator, committee_body, committee_member):
    make_agreements(2)
    make_agreements(1, ended=True, public_pdf=False)
    body = make_body(committee_body)
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    make_resolutions(3, body=body, recorder=committee_member, case=case)
    place = gmina("2604092", "Masłów", "2604", "kielecki")
    for i in range(3):
        make_entry(rich=True, offer="catering", consent_all=bool(i % 2))
        register(make_event(), data=person(i))
        practice = published_practice(
            gminas=[place],
            contact_name="Anna",
            contact_consent=bool(i % 2),
            period_start=date(2024, 1, 1) if i else None,
        )
        photo(practice, n=i)
        draft_case(organisation=gmina_org, filed_by=municipality_user, title=f"Sprawa {i}")


def _fuzz(app, headers) -> dict[str, set[int]]:
    schema = from_wsgi("/api/schema/", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    seen: dict[str, set[int]] = {}
    for operation in operations:

        @settings(
            max_examples=20,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            seen.setdefault(case.operation.label, set()).add(response.status_code)

        check()
    return seen


def test_anonymous_requests_match_the_schema(app, data):
    seen = _fuzz(app, {})
    assert 200 in seen["GET /api/public/registry/"]
    assert 200 in seen["GET /api/public/events/"]
    assert 200 in seen["GET /api/public/datasets/{slug}/dump.csv"]
    assert 200 in seen["GET /api/public/practices/"]
    assert 200 in seen["GET /api/public/indicators/"]
    assert 200 in seen["GET /api/public/indicators/{slug}/"]
    assert 200 in seen["GET /api/public/agreements/"]
    assert 200 in seen["GET /api/public/resolutions/"]
    assert seen["GET /api/public/agreements/{id}/"] <= {200, 404}
    assert seen["GET /api/public/resolutions/{id}/"] <= {200, 404}
    assert seen["GET /api/cases/"] == {401}
    for staff_only in ("/api/events/", "/api/events/{id}/", "/api/events/{id}/registrations/"):
        assert seen[f"GET {staff_only}"] == {401}


def test_staff_token_requests_match_the_schema(app, data, coordinator):
    _, secret = make_token(coordinator, "act")
    seen = _fuzz(app, {"Authorization": f"Bearer {secret}"})
    assert 200 in seen["GET /api/cases/"]
    assert 200 in seen["GET /api/events/"]
    # the public operations answer a token's holder as they answer anyone
    for public in ("practices/", "indicators/", "indicators/{slug}/", "agreements/"):
        assert 200 in seen[f"GET /api/public/{public}"]
    # ids are drawn from the schema, so an existing event is hit only where ids are small
    assert seen["GET /api/events/{id}/registrations/"] <= {200, 404}
    assert seen["GET /api/tokens/"] == {403}  # tokens are managed from a session only
