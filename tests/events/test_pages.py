"""The public pages: refusals with messages, nothing half-stored, no participant's data shown,
signed links only, constant queries on the calendar."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events.constants import EventKind, Module
from events.constants import RegistrationStatus as S
from events.links import registration_token
from events.models import Registration
from events.services import register

from .conftest import make_event, person

pytestmark = pytest.mark.django_db


def test_register_over_http_then_confirm_by_the_link(client, event):
    url = reverse("events:register", args=[event.pk])
    response = client.post(url, person(1))
    assert response.status_code == 200
    reg = Registration.objects.get()
    assert reg.status == S.PENDING
    confirm_url = reverse("events:confirm", args=[registration_token(reg, "confirm")])
    assert client.get(confirm_url).status_code == 200  # a mail scanner changes nothing
    assert Registration.objects.get().status == S.PENDING
    assert client.post(confirm_url).status_code == 302
    assert Registration.objects.get().status == S.CONFIRMED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # Django's own message, in whatever words the installed catalogues give it.
        ({**person(1), "email": "nie-adres"}, "Enter a valid email address."),
        ({**person(1), "name": "   "}, "To pole jest wymagane."),
        ({**person(1), "audience": "nieznana"}, "Wybierz poprawną wartość."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(client, event, data, message):
    response = client.post(
        reverse("events:register", args=[event.pk]), data, HTTP_ACCEPT_LANGUAGE="pl"
    )
    assert response.status_code == 200
    with translation.override("pl"):
        expected = translation.gettext(message)
    assert expected in response.content.decode()
    assert not Registration.objects.exists()


def test_a_second_registration_of_an_address_is_refused_with_a_message(client, event):
    register(event, data=person(1))
    response = client.post(reverse("events:register", args=[event.pk]), person(1))
    assert "Ten adres e-mail jest już zapisany na to wydarzenie." in response.content.decode()
    assert Registration.objects.count() == 1


def test_closed_registration_redirects_with_a_message(client, event):
    event.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    response = client.post(reverse("events:register", args=[event.pk]), person(1), follow=True)
    assert response.redirect_chain
    assert not Registration.objects.exists()


@pytest.mark.parametrize("token", ["x", "a" * 300, "eyJhIjoxfQ:1abc:def"])
def test_bad_tokens_answer_404(client, event, token):
    assert client.get(reverse("events:confirm", args=[token])).status_code == 404
    assert client.post(reverse("events:cancel", args=[token])).status_code == 404


def test_a_token_for_one_action_does_not_do_another(client, event):
    reg = register(event, data=person(1))
    assert (
        client.post(reverse("events:cancel", args=[registration_token(reg, "confirm")])).status_code
        == 404
    )
    assert Registration.objects.get().status == S.PENDING


def test_cancel_by_the_link(client, event):
    reg = register(event, data=person(1))
    url = reverse("events:cancel", args=[registration_token(reg, "cancel")])
    assert client.post(url).status_code == 302
    assert Registration.objects.get().status == S.CANCELLED


@pytest.mark.parametrize("pk", [10**19, 10**39])
def test_huge_ids_answer_404(client, event, pk):
    for name in ("detail", "register", "ics"):
        assert (
            client.get(
                f"/wydarzenia/{pk}/"
                + {"detail": "", "register": "zapisy/", "ics": "wydarzenie.ics"}[name]
            ).status_code
            == 404
        )


def test_unpublished_events_answer_404(client):
    hidden = make_event(is_published=False)
    assert client.get(reverse("events:detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("events:register", args=[hidden.pk])).status_code == 404


def test_no_participant_data_on_public_pages(client, event):
    register(event, data=person(1, accessibility_needs="pętla indukcyjna dla mnie"))
    pages = [
        client.get(reverse("events:detail", args=[event.pk])),
        client.get(reverse("events:list")),
        client.get(reverse("events:ics", args=[event.pk])),
        client.get(reverse("events:feed")),
    ]
    for page in pages:
        text = page.content.decode()
        assert "Numer1" not in text
        assert "uczestnik1@" not in text
        assert "dla mnie" not in text


def test_calendar_filters_by_module(client):
    make_event(kind=EventKind.WORKSHOP, module=Module.CLAUSES, title="Warsztat klauzul")
    make_event(kind=EventKind.WORKSHOP, module=Module.LOCAL_PLANS, title="Warsztat planów")
    text = client.get(reverse("events:list"), {"module": Module.CLAUSES}).content.decode()
    assert "Warsztat klauzul" in text
    assert "Warsztat planów" not in text
    # An invalid filter is ignored, never an error.
    assert (
        client.get(
            reverse("events:list"), {"module": "x", "powiat": "99999999999999999999"}
        ).status_code
        == 200
    )


def test_the_calendar_runs_a_constant_number_of_queries(client):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("events:list")).status_code == 200
        return len(ctx.captured_queries)

    make_event()
    few = count()
    for i in range(12):
        make_event(title=f"Wydarzenie {i}")
    assert count() == few
