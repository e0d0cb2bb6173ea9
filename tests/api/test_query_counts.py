"""Every list endpoint (and every dump) runs the same number of queries with 5 and with 60
objects, all of them on one page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from events.services import register
from tests.casework.factories import draft_case
from tests.catalogue.factories import gmina, photo, published_practice
from tests.events.conftest import make_event, person
from tests.registry.factories import make_entry

from .conftest import bearer, make_token
from .registers import make_agreements, make_body, make_resolutions

pytestmark = pytest.mark.django_db


def _count(api, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(url, {"page_size": 100})
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def _same_at_5_and_60(api, url, make, total):
    make(5)
    small = _count(api, url)
    make(55)
    assert total() == 60
    assert _count(api, url) == small


@pytest.mark.parametrize(
    "name",
    ["registry-list", "dataset-list", ("dataset-csv", "registry"), ("dataset-json", "registry")],
)
def test_registry_lists(api, teryt, name):
    from directory.models import RegistryEntry

    url = reverse(f"api:{name[0]}", args=[name[1]]) if isinstance(name, tuple) else None
    url = url or reverse(f"api:{name}")

    def make(n):
        for _ in range(n):
            make_entry(rich=True, offer="catering")

    _same_at_5_and_60(api, url, make, RegistryEntry.objects.public().count)


@pytest.mark.parametrize("name", ["event-list", ("dataset-csv",), ("dataset-json",)])
def test_event_lists(api, name):
    from events.models import Event

    url = reverse(f"api:{name[0]}", args=["events"]) if isinstance(name, tuple) else None
    url = url or reverse(f"api:{name}")
    now = timezone.now()

    def make(n):
        for _ in range(n):
            day = now + datetime.timedelta(days=20)
            make_event(sessions=[(day, None), (day + datetime.timedelta(days=1), None)])

    _same_at_5_and_60(api, url, make, Event.objects.published().count)


def test_case_list(api, gmina_org, municipality_user, coordinator):
    from casework.models import Case

    _, secret = make_token(municipality_user)
    bearer(api, secret)

    def make(n):
        for i in range(n):
            case = draft_case(organisation=gmina_org, filed_by=municipality_user, title=f"S {i}")
            if i % 2:
                Case.objects.filter(pk=case.pk).update(assignee=coordinator)

    _same_at_5_and_60(api, reverse("api:case-list"), make, Case.objects.count)


def test_token_list(api, municipality_user):
    api.force_login(municipality_user)

    def make(n):
        for _ in range(n):
            make_token(municipality_user)

    _same_at_5_and_60(api, reverse("api:token-list"), make, ApiToken.objects.count)


def test_staff_event_list(api, rops, coordinator):
    from events.models import Event

    bearer(api, make_token(coordinator)[1])
    now = timezone.now()

    def make(n):
        for _ in range(n):
            day = now + datetime.timedelta(days=20)
            event = make_event(
                organiser=rops, sessions=[(day, None), (day + datetime.timedelta(days=1), None)]
            )
            register(event, data=person(event.pk))

    _same_at_5_and_60(api, reverse("api:staff-event-list"), make, Event.objects.count)


def test_staff_registration_list(api, rops, coordinator):
    from events.models import Attendance, Registration

    bearer(api, make_token(coordinator)[1])
    event = make_event(organiser=rops, capacity=100)
    session = event.sessions.get()

    def make(n):
        start = Registration.objects.count()
        for i in range(start, start + n):
            registration = register(event, data=person(i))
            if i % 2:
                Attendance.objects.create(
                    registration=registration, session=session, checked_in_by=coordinator
                )

    url = reverse("api:staff-registration-list", args=[event.pk])
    _same_at_5_and_60(api, url, make, Registration.objects.count)


@pytest.mark.parametrize(
    "name", ["practice-list", ("dataset-csv",), ("dataset-json",), ("dataset-detail",)]
)
def test_practice_lists(api, name):
    from casework.kinds.practice.public import public_practices

    url = reverse(f"api:{name[0]}", args=["practices"]) if isinstance(name, tuple) else None
    url = url or reverse(f"api:{name}")
    place = gmina("2604092", "Masłów", "2604", "kielecki")

    def make(n):
        for i in range(n):
            practice = published_practice(
                gminas=[place], contact_name="Anna", contact_consent=bool(i % 2)
            )
            photo(practice, n=i)
            photo(practice, n=i + 1)

    _same_at_5_and_60(api, url, make, public_practices().count)


@pytest.mark.parametrize(
    "name", ["agreement-list", ("dataset-csv",), ("dataset-json",), ("dataset-detail",)]
)
def test_agreement_lists(api, name):
    from casework.kinds.agreement.public import public_agreements

    url = reverse(f"api:{name[0]}", args=["agreements"]) if isinstance(name, tuple) else None
    url = url or reverse(f"api:{name}")

    def make(n):
        for i in range(n):
            make_agreements(1, ended=bool(i % 2), public_pdf=bool(i % 3))

    _same_at_5_and_60(api, url, make, public_agreements().count)


@pytest.mark.parametrize(
    "name", ["resolution-list", ("dataset-csv",), ("dataset-json",), ("dataset-detail",)]
)
def test_resolution_lists(
    api, committee_body, committee_member, municipality_user, gmina_org, name
):
    from committee.public import public_resolutions

    url = reverse(f"api:{name[0]}", args=["resolutions"]) if isinstance(name, tuple) else None
    url = url or reverse(f"api:{name}")
    body = make_body(committee_body)

    def make(n):
        case = draft_case(organisation=gmina_org, filed_by=municipality_user)
        make_resolutions(n, body=body, recorder=committee_member, case=case)

    _same_at_5_and_60(api, url, make, public_resolutions().count)
