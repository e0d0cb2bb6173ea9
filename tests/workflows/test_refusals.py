"""A refused transition raises TransitionRefused with a code and changes nothing."""

import pytest

from casework.models import Case, CaseComment, CaseEvent
from tests.casework.factories import draft_case
from tests.casework.testkind import ERROR_NO_TITLE
from tests.factories import MembershipFactory
from workflows.exceptions import (
    ERROR_CONFLICT,
    ERROR_FORBIDDEN,
    ERROR_INVALID_DATA,
    ERROR_NOT_NOW,
    ERROR_UNKNOWN_ACTION,
    TransitionRefused,
)
from workflows.models import OutboxRow
from workflows.services import transition_apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(clock, gmina_org, municipality_user):
    return draft_case(organisation=gmina_org, filed_by=municipality_user)


def refused(case, name, actor, data=None):
    before = Case.objects.filter(pk=case.pk).values().get()
    events = CaseEvent.objects.count()
    outbox = OutboxRow.objects.count()
    with pytest.raises(TransitionRefused) as info:
        transition_apply(
            case=case, expected_status=case.status, name=name, actor=actor, data=data or {}
        )
    assert Case.objects.filter(pk=case.pk).values().get() == before
    assert CaseEvent.objects.count() == events
    assert OutboxRow.objects.count() == outbox
    return info.value


def test_a_user_of_another_organisation_may_not_submit(case, organisation_user):
    error = refused(case, "submit", organisation_user)
    assert (error.code, error.status_code, error.message) == ("forbidden", 403, ERROR_FORBIDDEN)


def test_an_action_from_the_wrong_state_is_invalid(case, committee_member):
    error = refused(case, "approve", committee_member)
    assert (error.code, error.status_code, error.message) == ("invalid", 409, ERROR_NOT_NOW)


def test_an_unknown_action_is_invalid(case, municipality_user):
    assert refused(case, "explode", municipality_user).message == ERROR_UNKNOWN_ACTION
    assert refused(case, "get_flow", municipality_user).message == ERROR_UNKNOWN_ACTION


def test_missing_form_data_is_invalid_with_field_errors(case, municipality_user, coordinator):
    case = transition_apply(
        case=case, expected_status=case.status, name="submit", actor=municipality_user, data={}
    )
    error = refused(case, "request_info", coordinator, {"question": ""})
    assert (error.code, error.message) == ("invalid", ERROR_INVALID_DATA)
    assert "question" in error.errors


def test_a_guard_refuses_with_its_own_message(case, municipality_user):
    Case.objects.filter(pk=case.pk).update(title="  ")
    case.refresh_from_db()
    error = refused(case, "submit", municipality_user)
    assert error.code == "invalid"
    assert error.message == ERROR_NO_TITLE


def test_acting_on_a_stale_copy_is_a_conflict(case, municipality_user):
    stale = Case.objects.get(pk=case.pk)
    transition_apply(
        case=case, expected_status=case.status, name="submit", actor=municipality_user, data={}
    )
    error = refused(stale, "submit", municipality_user)
    assert (error.code, error.status_code, error.message) == ("conflict", 409, ERROR_CONFLICT)


def test_a_recused_committee_member_may_not_approve(
    case, municipality_user, advisor, committee_member, gmina_org
):
    case = transition_apply(
        case=case, expected_status=case.status, name="submit", actor=municipality_user, data={}
    )
    case = transition_apply(
        case=case, expected_status=case.status, name="accept", actor=advisor, data={}
    )
    CaseComment.objects.create(case=case, author=advisor, body="ok", is_internal=True)
    case = transition_apply(
        case=case, expected_status=case.status, name="submit_for_approval", actor=advisor, data={}
    )
    MembershipFactory(user=committee_member, organisation=gmina_org)
    committee_member = type(committee_member).objects.get(pk=committee_member.pk)  # no cache
    assert refused(case, "approve", committee_member).code == "forbidden"


def test_only_staff_can_be_assigned(case, municipality_user, coordinator, organisation_user):
    case = transition_apply(
        case=case, expected_status=case.status, name="submit", actor=municipality_user, data={}
    )
    for bad in (organisation_user.pk, 999999, "x"):
        error = refused(case, "accept", coordinator, {"assignee": bad})
        assert "assignee" in error.errors
    case = transition_apply(
        case=case,
        expected_status=case.status,
        name="accept",
        actor=coordinator,
        data={"assignee": coordinator.pk},
    )
    assert case.assignee == coordinator
