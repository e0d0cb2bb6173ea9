"""The admin shows cases and events but cannot move a case or rewrite its log."""

import pytest
from django.urls import reverse

from casework.models import CaseEvent
from workflows.services import transition_apply

from .factories import draft_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model, password):
    user = django_user_model.objects.create_superuser(
        email="root@example.pl", password=password, full_name="Root"
    )
    client.force_login(user)
    return client


def test_the_case_page_shows_status_read_only_and_refuses_adding(
    admin_client, gmina_org, municipality_user
):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    case = transition_apply(case=case, name="submit", actor=municipality_user, data={})
    page = admin_client.get(reverse("admin:casework_case_change", args=[case.pk]))
    assert page.status_code == 200
    assert b'name="status"' not in page.content
    assert admin_client.get(reverse("admin:casework_case_add")).status_code == 403
    event = CaseEvent.objects.get(case=case)
    assert admin_client.get(reverse("admin:casework_caseevent_add")).status_code == 403
    delete = reverse("admin:casework_caseevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert CaseEvent.objects.filter(pk=event.pk).exists()


def test_the_outbox_list_opens(admin_client):
    assert admin_client.get(reverse("admin:workflows_outboxrow_changelist")).status_code == 200
