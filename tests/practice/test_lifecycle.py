"""The good practice's walk through every state, through the transition service."""

import pytest
from django.core import mail

from casework.kinds.practice.constants import PracticeStatus as S
from casework.kinds.practice.models import PracticeVersion
from casework.models import CaseComment, CaseEvent
from casework.permissions import can_view
from workflows.constants import RefusalCode
from workflows.exceptions import TransitionRefused

from .conftest import notified, run, score_all

pytestmark = pytest.mark.django_db


def test_submit_numbers_the_practice_and_starts_the_clock(practice_case, organisation_user):
    case = run(practice_case, "submit", organisation_user)
    assert case.status == S.SUBMITTED
    assert case.number.startswith("DP/")
    assert case.due_date is not None
    assert CaseEvent.objects.filter(case=case, action="submit").count() == 1


def test_an_incomplete_practice_cannot_be_submitted(practice_case, organisation_user):
    practice = practice_case.practice
    practice.solution = "  "
    practice.save()
    with pytest.raises(TransitionRefused) as refused:
        run(practice_case, "submit", organisation_user)
    assert "rozwiązanie" in str(refused.value.message)
    practice_case.refresh_from_db()
    assert practice_case.status == S.DRAFT


def test_the_whole_walk_returned_resubmitted_approved_archived(
    in_review, organisation_user, advisor, coordinator, committee_member
):
    case = in_review
    assert case.assignee_id == advisor.pk
    # The reviewer returns it with feedback the submitter can read.
    run(case, "request_changes", advisor, reason="Dodajcie liczby: ile osób zatrudniono?")
    case.refresh_from_db()
    assert case.status == S.CHANGES_REQUESTED
    assert case.due_date is None  # paused while the submitter edits
    feedback = CaseComment.objects.visible_to(organisation_user).get(case=case)
    assert "ile osób" in feedback.body
    assert organisation_user in notified(case, "changes_requested")
    # The submitter resubmits; the case goes back to review with its clock.
    run(case, "resubmit", organisation_user)
    case.refresh_from_db()
    assert case.status == S.IN_REVIEW
    assert case.due_date is not None
    # Scored above the threshold, sent for approval: a frozen version with the scores.
    score_all(case, advisor, 4)
    run(case, "submit_for_approval", advisor)
    case.refresh_from_db()
    assert case.status == S.IN_APPROVAL
    version = case.practice.current_version
    assert version.number == 1
    assert len(version.scores) == 5
    assert str(version.average) == "4.00"
    assert version.fingerprint_matches()
    assert set(version.drafters.all()) == {advisor}
    # The committee returns it to the reviewer once; the reviewer sends it again (version 2).
    run(case, "return_for_changes", committee_member, reason="Uzasadnienia są zbyt krótkie.")
    case.refresh_from_db()
    assert case.status == S.IN_REVIEW
    run(case, "submit_for_approval", advisor)
    case.refresh_from_db()
    version = case.practice.current_version
    assert version.number == 2
    # Approval publishes exactly that version, under the member's committee membership.
    run(case, "approve", committee_member, version=version.sha256)
    case.refresh_from_db()
    assert case.status == S.PUBLISHED
    version.refresh_from_db()
    assert version.approved_by == committee_member
    assert version.approved_under is not None
    run(case, "archive", coordinator)
    case.refresh_from_db()
    assert case.status == S.ARCHIVED
    assert can_view(organisation_user, case)
    assert can_view(committee_member, case)
    actions = list(
        CaseEvent.objects.filter(case=case).order_by("pk").values_list("action", flat=True)
    )
    assert actions == [
        "submit",
        "accept",
        "request_changes",
        "resubmit",
        "submit_for_approval",
        "return_for_changes",
        "submit_for_approval",
        "approve",
        "archive",
    ]


def test_a_score_below_the_threshold_cannot_go_for_approval(in_review, advisor):
    score_all(in_review, advisor, 2)
    with pytest.raises(TransitionRefused) as refused:
        run(in_review, "submit_for_approval", advisor)
    assert "2,00" in str(refused.value.message)
    assert "3,00" in str(refused.value.message)
    in_review.refresh_from_db()
    assert in_review.status == S.IN_REVIEW
    assert not PracticeVersion.objects.exists()


def test_unscored_criteria_are_named_in_the_refusal(in_review, advisor):
    with pytest.raises(TransitionRefused) as refused:
        run(in_review, "submit_for_approval", advisor)
    assert "Innowacyjność" in str(refused.value.message)


def test_the_threshold_is_a_setting(in_review, advisor, settings):
    settings.ESFLOW_PRACTICE_MIN_AVERAGE = "4.5"
    score_all(in_review, advisor, 4)
    with pytest.raises(TransitionRefused):
        run(in_review, "submit_for_approval", advisor)


def test_rejection_declining_and_withdrawal(
    practice_case, organisation_user, advisor, coordinator, committee_member
):
    run(practice_case, "submit", organisation_user)
    run(practice_case, "withdraw", organisation_user, reason="Zmiana planów.")
    practice_case.refresh_from_db()
    assert practice_case.status == S.WITHDRAWN


def test_the_committee_rejects(in_review, advisor, committee_member, organisation_user):
    score_all(in_review, advisor, 5)
    run(in_review, "submit_for_approval", advisor)
    run(in_review, "reject", committee_member, reason="Nie dotyczy ekonomii społecznej.")
    in_review.refresh_from_db()
    assert in_review.status == S.REJECTED
    assert organisation_user in notified(in_review, "rejected")


def test_a_coordinator_declines_a_submitted_practice(practice_case, organisation_user, coordinator):
    run(practice_case, "submit", organisation_user)
    run(practice_case, "decline", coordinator, reason="To nie jest praktyka z regionu.")
    practice_case.refresh_from_db()
    assert practice_case.status == S.REJECTED


def test_the_scorer_may_not_approve_and_a_stale_version_is_a_conflict(
    in_review, advisor, committee_member
):
    score_all(in_review, advisor, 4)
    run(in_review, "submit_for_approval", advisor)
    with pytest.raises(TransitionRefused) as refused:
        run(in_review, "approve", committee_member, version="0" * 64)
    assert refused.value.code == RefusalCode.CONFLICT
    with pytest.raises(TransitionRefused) as refused:
        run(in_review, "approve", advisor, version=in_review.practice.current_version.sha256)
    assert refused.value.code == RefusalCode.FORBIDDEN


def test_submission_notifies_the_coordinators_and_gives_the_submitter_a_receipt(
    practice_case, organisation_user, coordinator
):
    case = run(practice_case, "submit", organisation_user)
    assert coordinator in notified(practice_case, "submitted")
    assert organisation_user in notified(practice_case, "received")
    subjects = {m.subject for m in mail.outbox}
    assert any(case.number in subject for subject in subjects)


def test_the_demo_loads_practices_in_three_states_once(settings, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from casework.models import Case

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=StringIO())
    practices = Case.objects.filter(kind="practice")
    assert set(practices.values_list("status", flat=True)) == {
        S.PUBLISHED,
        S.CHANGES_REQUESTED,
        S.IN_APPROVAL,
    }
    published = practices.filter(status=S.PUBLISHED)
    assert published.count() == 3  # the catalogue shows a few
    for case in published:
        assert case.number.startswith("DP/")
        assert case.practice.current_version.is_approved
        assert case.practice.gminas.exists()
        assert case.practice.photos.exists()
    count = (practices.count(), CaseEvent.objects.filter(case__kind="practice").count())
    call_command("demo", stdout=StringIO())
    assert (practices.count(), CaseEvent.objects.filter(case__kind="practice").count()) == count


def test_erasing_the_contact_person_clears_the_practices_contact(practice_case):
    from casework.kinds.practice.personal_data import erase

    erase(None, ["Someone Else"])
    practice_case.practice.refresh_from_db()
    assert practice_case.practice.contact_email == "anna@example.pl"
    erase(None, ["ANNA@example.pl"])
    practice_case.practice.refresh_from_db()
    assert practice_case.practice.contact_name == ""
    assert practice_case.practice.contact_email == ""
