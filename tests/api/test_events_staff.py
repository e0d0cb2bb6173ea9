"""The staff API's events and registrations: the same events and participants as the
organiser's pages (``events.permissions.managed_q``, never a second rule), 404 for an event
the user does not organise, read scope enough, refusals as problem details."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.constants import MembershipRole, OrganisationKind
from events.constants import EventKind
from events.constants import RegistrationStatus as S
from events.models import Attendance, Event
from events.services import cancel, confirm, register
from tests.events.conftest import make_event, person
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import bearer, make_token

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def _member(organisation, role=MembershipRole.MEMBER, **kwargs):
    return MembershipFactory(organisation=organisation, role=role, **kwargs).user


@pytest.fixture
def world(db):
    """Events of three organisers and one user per role and relation to them."""
    rops = OrganisationFactory(rops=True)
    owes = OrganisationFactory(kind=OrganisationKind.OWES, name="OWES Kielce")
    other_owes = OrganisationFactory(kind=OrganisationKind.OWES, name="OWES Radom")
    gmina = OrganisationFactory(kind=OrganisationKind.GMINA)
    events = [
        make_event(organiser=rops, title="Konferencja ROPS"),
        make_event(organiser=owes, title="Warsztat OWES", kind=EventKind.WORKSHOP, module=1),
        make_event(organiser=owes, title="Nieopublikowane OWES"),
        make_event(organiser=other_owes, title="Targi Radom", kind=EventKind.FAIR),
    ]
    for n, event in enumerate(events):
        regs = [register(event, data=person(10 * n + i)) for i in range(4)]
        confirm(regs[0])
        cancel(regs[1])  # not on the list
    Event.objects.filter(pk=events[2].pk).update(is_published=False)  # organisers see it still
    expired = datetime.date(2024, 1, 1)
    users = {
        "nobody": UserFactory(),
        "municipality": _member(gmina),
        "organisation": _member(OrganisationFactory(kind=OrganisationKind.FOUNDATION)),
        "committee": _member(OrganisationFactory(committee=True)),
        "owes_member": _member(owes),  # a member, not staff: organises nothing
        "owes_advisor": _member(owes, MembershipRole.ADVISOR),
        "owes_coordinator": _member(owes, MembershipRole.COORDINATOR),
        "owes_advisor_expired": _member(
            owes, MembershipRole.ADVISOR, valid_from=datetime.date(2023, 1, 1), valid_to=expired
        ),
        "rops_advisor": _member(rops, MembershipRole.ADVISOR),
        "rops_coordinator": _member(rops, MembershipRole.COORDINATOR),  # every event
    }
    return events, users


#: Which of ``world``'s events (by index) each user organises, written out by hand.
MANAGES = {
    "nobody": set(),
    "municipality": set(),
    "organisation": set(),
    "committee": set(),
    "owes_member": set(),
    "owes_advisor": {1, 2},
    "owes_coordinator": {1, 2},
    "owes_advisor_expired": set(),
    "rops_advisor": {0},
    "rops_coordinator": {0, 1, 2, 3},
}


def _ids(api, url, params=None) -> list[int]:
    ids, query = [], {"page_size": 3, **(params or {})}
    while url:
        response = api.get(url, query)
        assert response.status_code == 200, response.content
        body = response.json()
        ids += [row["id"] for row in body["results"]]
        url, query = body["next"], None
    return ids


@pytest.mark.parametrize("who", sorted(MANAGES))
def test_each_role_reads_the_events_and_participants_of_the_organiser_pages(
    api, client, world, who
):
    events, users = world
    user = users[who]
    bearer(api, make_token(user, "read")[1])
    client.force_login(user)
    managed = [events[i] for i in sorted(MANAGES[who], reverse=True)]  # newest first

    listed = _ids(api, reverse("api:staff-event-list"))
    assert listed == [e.pk for e in managed]
    assert listed == list(
        Event.objects.managed_by(user).order_by("-pk").values_list("pk", flat=True)
    )
    page = client.get(reverse("events:organiser"))
    assert [e.pk for e in page.context["events"]] == listed

    for event in events:
        detail = api.get(reverse("api:staff-event-detail", args=[event.pk]))
        registrations_url = reverse("api:staff-registration-list", args=[event.pk])
        registrations = api.get(registrations_url)
        participants_page = client.get(reverse("events:participants", args=[event.pk]))
        if event in managed:
            assert detail.status_code == registrations.status_code == 200
            assert participants_page.status_code == 200
            page_ids = [row["registration"].pk for row in participants_page.context["rows"]]
            assert _ids(api, registrations_url) == page_ids
            assert len(page_ids) == 3  # the cancelled registration is not listed
        else:
            assert detail.status_code == registrations.status_code == 404
            assert participants_page.status_code == 404
            assert detail["Content-Type"] == registrations["Content-Type"] == PROBLEM


def test_the_counts_and_attendance_are_those_of_the_pages(api, world):
    events, users = world
    coordinator = users["rops_coordinator"]
    event = events[0]
    session = event.sessions.get()
    confirmed = event.registrations.get(status=S.CONFIRMED)
    Attendance.objects.create(registration=confirmed, session=session, checked_in_by=coordinator)
    bearer(api, make_token(coordinator)[1])
    body = api.get(reverse("api:staff-event-detail", args=[event.pk])).json()
    assert (body["held"], body["waiting"], body["capacity"]) == (3, 0, 3)
    assert [s["id"] for s in body["sessions"]] == [session.pk]
    rows = api.get(reverse("api:staff-registration-list", args=[event.pk])).json()["results"]
    present = {r["id"]: r["present_at"] for r in rows}
    assert present.pop(confirmed.pk) == [session.pk]
    assert all(v == [] for v in present.values())
    mine = next(r for r in rows if r["id"] == confirmed.pk)
    assert mine["email"] == confirmed.email
    assert mine["status"] == S.CONFIRMED


def test_the_search_and_status_filters_match_the_page(api, client, world):
    events, users = world
    user = users["owes_advisor"]
    bearer(api, make_token(user)[1])
    client.force_login(user)
    event = events[1]
    url = reverse("api:staff-registration-list", args=[event.pk])
    page = client.get(reverse("events:participants", args=[event.pk]), {"q": "numer12"})
    page_ids = [row["registration"].pk for row in page.context["rows"]]
    assert _ids(api, url, {"q": "numer12"}) == page_ids
    assert len(page_ids) == 1
    confirmed = _ids(api, url, {"status": S.CONFIRMED})
    assert confirmed == list(
        event.registrations.filter(status=S.CONFIRMED).values_list("pk", flat=True)
    )
    assert _ids(api, url, {"status": S.CANCELLED}) == []  # never listed, as on the page
    assert _ids(api, url, {"status": "x\x00y", "q": "\x00"}) == []  # NUL dropped: no 500
    workshops = _ids(api, reverse("api:staff-event-list"), {"kind": EventKind.WORKSHOP})
    assert workshops == [event.pk]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    who=st.sampled_from(sorted(MANAGES)),
    kind=st.none() | st.sampled_from([*EventKind.values, "unknown"]),
    page_size=st.integers(min_value=1, max_value=200),
)
def test_the_event_list_is_managed_by_with_the_same_filter_over_any_page_size(
    api, world, who, kind, page_size
):
    _events, users = world
    user = users[who]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(user)[1]}")
    params = {"page_size": page_size}
    expected = Event.objects.managed_by(user)
    if kind is not None:
        params["kind"] = kind
        expected = expected.filter(kind=kind)
    assert _ids(api, reverse("api:staff-event-list"), params) == list(
        expected.order_by("-pk").values_list("pk", flat=True)
    )


def test_anonymous_and_refused_tokens_get_401_problems(api, world):
    events, users = world
    urls = [
        reverse("api:staff-event-list"),
        reverse("api:staff-event-detail", args=[events[0].pk]),
        reverse("api:staff-registration-list", args=[events[0].pk]),
    ]
    coordinator = users["rops_coordinator"]
    revoked = make_token(coordinator, revoked=True)[1]
    expired = make_token(coordinator, days=-1)[1]
    for credentials in (None, revoked, expired, "not-a-token"):
        api.credentials(**({"HTTP_AUTHORIZATION": f"Bearer {credentials}"} if credentials else {}))
        for url in urls:
            response = api.get(url)
            assert response.status_code == 401, (credentials, url)
            assert response["Content-Type"] == PROBLEM
            assert "registrations" not in response.json()


def test_an_inactive_organiser_is_refused(api, world):
    _events, users = world
    user = users["rops_coordinator"]
    secret = make_token(user)[1]
    user.is_active = False
    user.save()
    response = bearer(api, secret).get(reverse("api:staff-event-list"))
    assert response.status_code == 401


def test_the_staff_event_endpoints_only_read(api, world):
    events, users = world
    event = events[0]
    url = reverse("api:staff-registration-list", args=[event.pk])
    before = event.registrations.count()
    bearer(api, make_token(users["rops_coordinator"], "act")[1])
    for method in ("post", "put", "patch", "delete"):
        response = getattr(api, method)(url, person(99), format="json")
        assert response.status_code == 405, method
        assert response["Content-Type"] == PROBLEM
    assert event.registrations.count() == before
    # a read token is refused before the method is looked at: it may not write anything
    bearer(api, make_token(users["rops_coordinator"], "read")[1])
    assert api.post(url, person(99), format="json").status_code == 403
    assert event.registrations.count() == before


def test_unknown_and_huge_ids_are_404(api, world):
    _events, users = world
    bearer(api, make_token(users["rops_coordinator"])[1])
    assert api.get(reverse("api:staff-event-detail", args=[2**63 - 1])).status_code == 404
    assert api.get(reverse("api:staff-registration-list", args=[2**63 - 1])).status_code == 404
    assert api.get(f"/api/events/{'9' * 40}/registrations/").status_code == 404
