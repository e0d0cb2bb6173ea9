"""The kind-level reader of what the public may see of good practices."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.kinds.practice.models import GoodPractice
from casework.kinds.practice.public import (
    PUBLIC_FIELDS,
    public_practices,
    public_values,
)

from .factories import gmina, published_practice

pytestmark = pytest.mark.django_db


def test_published_and_archived_are_public_others_not():
    published = published_practice(title="Opublikowana")
    archived = published_practice(title="Zarchiwizowana", status="archived")
    for status in ("draft", "submitted", "in_review", "in_approval", "rejected", "withdrawn"):
        published_practice(title=f"Niepubliczna {status}", status=status)
    assert set(public_practices()) == {published, archived}
    assert GoodPractice.objects.count() == 8


def test_contact_only_with_consent_and_no_scores():
    shown = published_practice(
        contact_name="Anna Nowak", contact_email="anna@example.pl", contact_consent=True
    )
    hidden = published_practice(
        contact_name="Jan Kowalski", contact_email="jan@example.pl", contact_consent=False
    )
    values = {v["id"]: v for v in map(public_values, public_practices())}
    assert values[shown.pk]["contact"] == {
        "name": "Anna Nowak",
        "email": "anna@example.pl",
        "phone": "",
    }
    assert values[hidden.pk]["contact"] is None
    assert "Jan Kowalski" not in repr(values[hidden.pk])
    assert set(values[shown.pk]) == set(PUBLIC_FIELDS)
    for private in ("scores", "average", "comments", "contact_name", "contact_email"):
        assert private not in PUBLIC_FIELDS


def _queries() -> int:
    with CaptureQueriesContext(connection) as ctx:
        rows = [public_values(p) for p in public_practices()]
    assert len(rows) == GoodPractice.objects.count()
    assert all(r["gminas"][0]["powiat"] == "kielecki" for r in rows)
    return len(ctx.captured_queries)


def test_a_fixed_number_of_queries_whatever_the_number_of_practices():
    unit = gmina("2604092", "Masłów", "2604", "kielecki")
    for _ in range(3):
        published_practice(gminas=[unit])
    few = _queries()
    for _ in range(27):
        published_practice(gminas=[unit])
    assert few == _queries()
