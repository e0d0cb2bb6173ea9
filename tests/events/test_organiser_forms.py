"""Creating and editing events with their sessions; fairs' exhibitors; study visits' hosts."""

import pytest
from django.urls import reverse

from directory.constants import MembershipRole
from events.constants import EventKind
from events.models import Event, Exhibitor, ExhibitorStatus
from tests.factories import MembershipFactory, UserFactory
from tests.registry.factories import load_teryt, make_entry

from .conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def teryt(db):
    load_teryt()


def event_data(organiser, **extra):
    data = {
        "title": "Warsztat nowy",
        "kind": EventKind.WORKSHOP,
        "module": "2",
        "organiser": organiser.pk,
        "capacity": "20",
        "registration_opens_at": "2026-12-01T09:00",
        "registration_closes_at": "2027-01-20T23:00",
        "audiences": ["local_government", "science"],
        "confirm_hours": "24",
        "offer_hours": "48",
        "is_published": "on",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-starts_at": "2027-01-25T10:00",
        "sessions-0-ends_at": "2027-01-25T14:00",
    }
    data.update(extra)
    return data


def test_a_coordinator_creates_a_workshop_with_its_session(client, coordinator, rops):
    client.force_login(coordinator)
    response = client.post(reverse("events:create"), event_data(rops))
    event = Event.objects.get()
    assert response.status_code == 302
    assert event.module == 2
    assert event.audiences == ["local_government", "science"]
    assert event.sessions.get().starts_at.hour == 9  # 10:00 in Warsaw, UTC+1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"module": ""}, "Warsztat należy do jednego z czterech modułów."),
        ({"registration_closes_at": "2026-11-01T09:00"}, "Zapisy muszą się kończyć po"),
        ({"sessions-0-ends_at": "2027-01-25T09:00"}, "Termin musi się kończyć po"),
        ({"capacity": "0"}, "większa lub równa 1"),
        ({"sessions-TOTAL_FORMS": "0"}, "Proszę wysłać co najmniej 1 formularz."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(
    client, coordinator, rops, extra, message
):
    client.force_login(coordinator)
    response = client.post(reverse("events:create"), event_data(rops, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_an_organiser_cannot_organise_for_another_organisation(client, advisor, gmina_org):
    client.force_login(advisor)
    client.post(reverse("events:create"), event_data(gmina_org))
    assert not Event.objects.exists()


@pytest.mark.parametrize("who", ["municipality_user", "committee_member"])
def test_who_organises_nothing_gets_404(client, request, rops, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("events:create")).status_code == 404
    event = make_event(organiser=rops)
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 404


def test_a_fair_takes_stand_applications_from_registry_entities(teryt, client, rops, advisor):
    fair = make_event(organiser=rops, kind=EventKind.FAIR, title="Targi ES")
    entry = make_entry("Spółdzielnia Socjalna Smak")
    member = MembershipFactory(organisation=entry.organisation, role=MembershipRole.MEMBER).user
    client.force_login(member)
    apply_url = reverse("events:exhibitor-apply", args=[fair.pk])
    data = {"entry": entry.pk, "offer": "Catering i wypieki"}
    assert client.post(apply_url, data).status_code == 302
    again = client.post(apply_url, data)
    assert "już zgłosił" in again.content.decode()
    assert Exhibitor.objects.count() == 1
    public = client.get(reverse("events:detail", args=[fair.pk])).content.decode()
    assert "Catering i wypieki" not in public  # not yet accepted
    client.force_login(advisor)
    stand = Exhibitor.objects.get()
    url = reverse("events:exhibitor-decide", args=[fair.pk, stand.pk])
    assert client.post(url, {"decision": "accepted"}).status_code == 302
    assert Exhibitor.objects.get().status == ExhibitorStatus.ACCEPTED
    client.logout()
    public = client.get(reverse("events:detail", args=[fair.pk])).content.decode()
    assert "Catering i wypieki" in public
    assert reverse("portal:registry-entry", args=[entry.pk]) in public


def test_someone_elses_entity_cannot_apply(teryt, client, rops):
    fair = make_event(organiser=rops, kind=EventKind.FAIR)
    entry = make_entry()
    client.force_login(UserFactory())
    response = client.post(
        reverse("events:exhibitor-apply", args=[fair.pk]), {"entry": entry.pk, "offer": "x"}
    )
    assert response.status_code == 200
    assert not Exhibitor.objects.exists()


@pytest.mark.parametrize("who", ["municipality_user", "committee_member"])
def test_only_the_organiser_decides_on_stands(teryt, client, request, rops, who):
    fair = make_event(organiser=rops, kind=EventKind.FAIR)
    stand = Exhibitor.objects.create(event=fair, entry=make_entry(), offer="x")
    client.force_login(request.getfixturevalue(who))
    url = reverse("events:exhibitor-decide", args=[fair.pk, stand.pk])
    assert client.post(url, {"decision": "accepted"}).status_code == 404
    assert client.get(reverse("events:exhibitors", args=[fair.pk])).status_code == 404
    assert Exhibitor.objects.get().status == ExhibitorStatus.APPLIED


def test_a_study_visit_links_its_hosts_in_the_registry(teryt, client, rops):
    visit = make_event(organiser=rops, kind=EventKind.STUDY_VISIT, transport="Autokar z Kielc")
    host = make_entry("Spółdzielnia Gościnna")
    hidden = make_entry("Spółdzielnia Ukryta", published=False)
    visit.hosts.set([host, hidden])
    page = client.get(reverse("events:detail", args=[visit.pk])).content.decode()
    assert "Spółdzielnia Gościnna" in page
    assert "Spółdzielnia Ukryta" not in page
    assert "Autokar z Kielc" in page


def test_deciding_on_a_stand_is_a_service_that_records_when_and_refuses_other_values(teryt, rops):
    from events.services import exhibitor_decide

    fair = make_event(organiser=rops, kind=EventKind.FAIR)
    stand = Exhibitor.objects.create(event=fair, entry=make_entry(), offer="x")
    assert exhibitor_decide(stand=stand, decision=ExhibitorStatus.REJECTED) is True
    stored = Exhibitor.objects.get()
    assert (stored.status, stored.decided_at is not None) == (ExhibitorStatus.REJECTED, True)
    assert exhibitor_decide(stand=stand, decision=ExhibitorStatus.REJECTED) is False
    with pytest.raises(ValueError, match="maybe"):
        exhibitor_decide(stand=stand, decision="maybe")
    assert Exhibitor.objects.get().status == ExhibitorStatus.REJECTED


def test_a_decision_that_is_neither_accept_nor_reject_changes_nothing(teryt, client, rops, advisor):
    fair = make_event(organiser=rops, kind=EventKind.FAIR)
    stand = Exhibitor.objects.create(event=fair, entry=make_entry(), offer="x")
    client.force_login(advisor)
    url = reverse("events:exhibitor-decide", args=[fair.pk, stand.pk])
    assert client.post(url, {"decision": "maybe"}).status_code == 302
    assert Exhibitor.objects.get().status == ExhibitorStatus.APPLIED


def test_the_edit_form_shows_the_saved_times_in_the_inputs_format(client, coordinator, rops):
    """A date-and-time input takes only "YYYY-MM-DDTHH:MM": the saved times must come back in
    it (a localised "25.01.2027 10:00:00" shows an empty field, and saving loses the times)."""
    client.force_login(coordinator)
    client.post(reverse("events:create"), event_data(rops))
    event = Event.objects.get()
    page = client.get(reverse("events:edit", args=[event.pk])).content.decode()
    assert 'value="2027-01-25T10:00"' in page  # the session's start, Warsaw time
    assert 'value="2026-12-01T09:00"' in page  # registration opens
