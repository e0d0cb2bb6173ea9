"""The good practice's walk through every state, through the transition service."""

from decimal import Decimal

import pytest
from django.core import mail
from PIL import Image

from casework.kinds.practice.constants import PracticeStatus as S
from casework.kinds.practice.models import PracticeVersion
from casework.kinds.practice.photos import public_photo_url
from casework.kinds.practice.services import practice_update
from casework.models import CaseComment, CaseEvent
from casework.permissions import can_view
from workflows.constants import RefusalCode
from workflows.exceptions import TransitionRefused

from .conftest import TEXT, add_photo, gps_exif, image_bytes, notified, run, score_all

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


def test_the_whole_lifecycle_with_photos_and_two_reviewers(
    client,
    media_root,
    practice_case,
    organisation_user,
    advisor,
    advisor2,
    coordinator,
    committee_member,
):
    """Must-hold 1: submission with photos, a score below the threshold refused for approval,
    return for changes, resubmission, two reviewers, approval, publication, archive; an
    event and the notifications at each step."""
    case = practice_case
    steps = []

    def step(name, actor, recipients, verb, **data):
        run(case, name, actor, **data)
        steps.append(name)
        case.refresh_from_db()
        assert list(CaseEvent.objects.filter(case=case).values_list("action", flat=True)) == steps
        assert set(recipients) <= notified(case, verb), (name, verb)

    # Submission with photos (one carrying a GPS position, which is not stored).
    first = add_photo(case, organisation_user, content=image_bytes(exif=gps_exif()))
    add_photo(
        case, organisation_user, alt_text="Wspólny posiłek", people_shown=True, people_consent=True
    )
    assert not Image.open(first.image.open("rb")).getexif()
    step("submit", organisation_user, [coordinator], "submitted")
    assert organisation_user in notified(case, "received")
    assert case.status == S.SUBMITTED
    # Before publication the public does not see the photos.
    assert client.get(public_photo_url(first)).status_code == 404

    # Review by two: the advisor takes it, a coordinator adds a second reviewer.
    step("accept", advisor, [advisor], "assigned")
    step("add_second_reviewer", coordinator, [advisor2], "second_reviewer", reviewer=advisor2)
    assert case.status == S.IN_REVIEW

    # Scores whose average (2 and 3: 2.50) is below the threshold: refused for approval.
    score_all(case, advisor, 2)
    score_all(case, advisor2, 3)
    with pytest.raises(TransitionRefused) as refused:
        run(case, "submit_for_approval", advisor)
    assert refused.value.code == RefusalCode.INVALID
    assert "2,50" in str(refused.value.message)
    case.refresh_from_db()
    assert case.status == S.IN_REVIEW
    assert not PracticeVersion.objects.exists()

    # Returned for changes: the submitter reads why, adds a photo and resubmits.
    step(
        "request_changes",
        advisor,
        [organisation_user],
        "changes_requested",
        reason="Pokażcie wyniki w liczbach i dodajcie zdjęcie z zajęć.",
    )
    assert case.status == S.CHANGES_REQUESTED
    add_photo(case, organisation_user, alt_text="Zajęcia w kuchni")
    practice_update(
        case=case,
        actor=organisation_user,
        title=case.title,
        **{**TEXT, "figures": "8 osób zatrudnionych\n120 obiadów dziennie"},
    )
    step("resubmit", organisation_user, [advisor], "resubmitted")
    assert case.status == S.IN_REVIEW

    # Both reviewers score again; the mean of their averages (4 and 5: 4.50) passes.
    score_all(case, advisor, 4)
    score_all(case, advisor2, 5)
    step("submit_for_approval", advisor, [committee_member], "approval_requested")
    assert case.status == S.IN_APPROVAL
    version = case.practice.current_version
    assert version.average == Decimal("4.50")
    assert len(version.scores) == 10
    assert [a["average"] for a in version.reviewer_averages] == ["4.00", "5.00"]
    assert "120 obiadów" in version.figures
    assert set(version.drafters.all()) == {advisor, advisor2}

    # A committee member approves exactly that version: the practice is published.
    step("approve", committee_member, [advisor], "approved", version=version.sha256)
    assert case.status == S.PUBLISHED
    version.refresh_from_db()
    assert version.approved_by == committee_member
    assert version.fingerprint_matches()
    photos = list(case.practice.photos.all())
    assert [p.alt_text for p in photos][1:] == ["Wspólny posiłek", "Zajęcia w kuchni"]
    for photo in photos:  # now public, to anyone
        assert client.get(public_photo_url(photo, "thumb")).status_code == 200

    # Archived: the submitter is told; the practice and its photos stay public.
    step("archive", coordinator, [organisation_user], "archived")
    assert case.status == S.ARCHIVED
    assert client.get(public_photo_url(first)).status_code == 200
    assert steps == [
        "submit",
        "accept",
        "add_second_reviewer",
        "request_changes",
        "resubmit",
        "submit_for_approval",
        "approve",
        "archive",
    ]
