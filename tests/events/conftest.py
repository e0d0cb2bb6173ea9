import datetime

import pytest
from django.utils import timezone

from events.constants import Audience, EventKind, Module
from events.models import Event, Session
from tests.factories import OrganisationFactory

WARSAW = timezone.get_default_timezone()


def make_event(*, capacity=3, module=None, kind=EventKind.CONFERENCE, sessions=None, **kwargs):
    now = timezone.now()
    event = Event.objects.create(
        title=kwargs.pop("title", "Konferencja inauguracyjna"),
        kind=kind,
        module=module,
        organiser=kwargs.pop("organiser", None) or OrganisationFactory(),
        capacity=capacity,
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(days=10),
        is_published=kwargs.pop("is_published", True),
        **kwargs,
    )
    for start, end in sessions or [(now + datetime.timedelta(days=14), None)]:
        Session.objects.create(
            event=event, starts_at=start, ends_at=end or start + datetime.timedelta(hours=3)
        )
    return event


def person(i: int, **extra) -> dict:
    return {
        "name": f"Uczestnik Numer{i}",
        "email": f"uczestnik{i}@example.pl",
        "institution": "GOPS",
        "audience": Audience.SOCIAL_ASSISTANCE,
        **extra,
    }


@pytest.fixture
def event(db):
    return make_event()


@pytest.fixture
def workshop(db):
    return make_event(kind=EventKind.WORKSHOP, module=Module.CLAUSES, title="Warsztat 1")
