"""Comments: internal ones only for staff, external ones for the requester too."""

import pytest

from casework.models import Case, CaseComment
from casework.services import (
    ERROR_COMMENT_NOT_ALLOWED,
    ERROR_NOT_A_DRAFT,
    ERROR_NOT_YOUR_DRAFT,
    case_draft_delete,
    comment_add,
)
from workflows.exceptions import TransitionRefused
from workflows.services import transition_apply

from .factories import draft_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(gmina_org, municipality_user):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    return transition_apply(
        case=case, expected_status=case.status, name="submit", actor=municipality_user, data={}
    )


def test_the_requester_sees_external_comments_but_not_internal_ones(
    case, advisor, municipality_user
):
    internal = comment_add(case=case, author=advisor, body="Notatka.", internal=True)
    external = comment_add(case=case, author=advisor, body="Pytanie.", internal=False)
    assert list(CaseComment.objects.visible_to(municipality_user)) == [external]
    assert set(CaseComment.objects.visible_to(advisor)) == {internal, external}


def test_a_requester_cannot_write_an_internal_comment(case, municipality_user):
    with pytest.raises(TransitionRefused) as refused:
        comment_add(case=case, author=municipality_user, body="x", internal=True)
    assert refused.value.message == ERROR_COMMENT_NOT_ALLOWED
    assert not CaseComment.objects.exists()


def test_a_stranger_can_neither_comment_nor_read_comments(case, organisation_user, advisor):
    comment_add(case=case, author=advisor, body="Pytanie.", internal=False)
    with pytest.raises(TransitionRefused):
        comment_add(case=case, author=organisation_user, body="x", internal=False)
    assert not CaseComment.objects.visible_to(organisation_user).exists()


def test_a_draft_can_be_deleted_by_its_organisation_but_a_filed_case_cannot(
    gmina_org, municipality_user, organisation_user, case
):
    draft = draft_case(organisation=gmina_org, filed_by=municipality_user)
    with pytest.raises(TransitionRefused) as refused:
        case_draft_delete(case=draft, actor=organisation_user)
    assert refused.value.message == ERROR_NOT_YOUR_DRAFT
    case_draft_delete(case=draft, actor=municipality_user)
    assert not Case.objects.filter(pk=draft.pk).exists()
    with pytest.raises(TransitionRefused) as refused:
        case_draft_delete(case=case, actor=municipality_user)
    assert refused.value.message == ERROR_NOT_A_DRAFT
