"""The admin shows cases and events but cannot move a case or rewrite its log."""

import pytest
from django.urls import reverse

from casework.models import CaseEvent
from workflows.exceptions import TransitionRefused
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
    case = transition_apply(
        case=case, expected_status=case.status, name="submit", actor=municipality_user, data={}
    )
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


def test_the_admin_cannot_change_owner_requester_or_clock_of_a_case(
    admin_client, gmina_org, municipality_user, advisor
):
    """Assignee, requesting organisation and the clock's inputs move only through the flows."""
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    case = transition_apply(
        case=case, expected_status=case.status, name="submit", actor=municipality_user, data={}
    )
    page = admin_client.get(reverse("admin:casework_case_change", args=[case.pk]))
    for field in ("assignee", "requesting_organisation", "is_complex", "date_received"):
        assert f'name="{field}"'.encode() not in page.content
    admin_client.post(
        reverse("admin:casework_case_change", args=[case.pk]),
        {"assignee": advisor.pk, "is_complex": "on", "title": "Inny"},
    )
    case.refresh_from_db()
    assert case.assignee is None
    assert not case.is_complex


def test_an_action_on_a_case_deleted_meanwhile_is_a_conflict(gmina_org, municipality_user):
    from casework.services import case_draft_delete
    from workflows.exceptions import RefusalCode, TransitionRefused

    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    stale = type(case).objects.get(pk=case.pk)
    case_draft_delete(case=case, actor=municipality_user)
    with pytest.raises(TransitionRefused) as refused:
        transition_apply(
            case=stale,
            expected_status=stale.status,
            name="submit",
            actor=municipality_user,
            data={},
        )
    assert refused.value.code == RefusalCode.CONFLICT


def test_deleting_a_draft_deleted_meanwhile_is_a_clear_refusal(gmina_org, municipality_user):
    from casework.services import ERROR_NOT_A_DRAFT, case_draft_delete

    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    stale = type(case).objects.get(pk=case.pk)
    case_draft_delete(case=case, actor=municipality_user)
    with pytest.raises(TransitionRefused) as refused:
        case_draft_delete(case=stale, actor=municipality_user)
    assert refused.value.message == ERROR_NOT_A_DRAFT


def test_the_admin_cannot_turn_an_internal_comment_external(admin_client, gmina_org, advisor):
    """Who may read a comment is decided when it is written, not in the admin."""
    from casework.models import CaseComment

    case = draft_case(organisation=gmina_org, filed_by=advisor)
    comment = CaseComment.objects.create(
        case=case, author=advisor, body="notatka", is_internal=True
    )
    url = reverse("admin:casework_casecomment_change", args=[comment.pk])
    response = admin_client.post(url, {"is_internal": "", "body": "notatka"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.is_internal
