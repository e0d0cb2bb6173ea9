"""The optional second reviewer: a coordinator adds an advisor in review; both score every
criterion; the threshold applies to the mean of the two reviewers' averages; scores,
reviewers and averages are frozen (and fingerprinted) with the version."""

from decimal import Decimal

import pytest
from django.urls import reverse

from casework.kinds.practice.models import PracticeScore, PracticeVersion
from casework.kinds.practice.services import review_of, reviewer_averages
from casework.models import CaseEvent
from directory.constants import MembershipRole
from tests.factories import MembershipFactory
from workflows.constants import RefusalCode
from workflows.exceptions import TransitionRefused

from .conftest import notified, run, score_all, score_each

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_reviewers(in_review, coordinator, advisor2):
    run(in_review, "add_second_reviewer", coordinator, reviewer=advisor2)
    in_review.refresh_from_db()
    return in_review


def test_a_coordinator_adds_a_second_reviewer_who_is_told(two_reviewers, coordinator, advisor2):
    case = two_reviewers
    assert case.practice.second_reviewer == advisor2
    event = CaseEvent.objects.get(case=case, action="add_second_reviewer")
    assert event.data["second_reviewer"] == advisor2.pk
    assert event.actor == coordinator
    assert advisor2 in notified(case, "second_reviewer")


def test_who_may_add_whom(in_review, advisor, advisor2, coordinator, committee_member):
    for actor in (advisor, committee_member):
        with pytest.raises(TransitionRefused) as refused:
            run(in_review, "add_second_reviewer", actor, reviewer=advisor2)
        assert refused.value.code == RefusalCode.FORBIDDEN
    # The assignee is already a reviewer; a coordinator is not an advisor.
    with pytest.raises(TransitionRefused) as refused:
        run(in_review, "add_second_reviewer", coordinator, reviewer=advisor)
    assert refused.value.code == RefusalCode.INVALID
    with pytest.raises(TransitionRefused):
        run(in_review, "add_second_reviewer", coordinator, reviewer=coordinator)
    in_review.practice.refresh_from_db()
    assert in_review.practice.second_reviewer is None


def test_only_the_two_reviewers_score(two_reviewers, advisor, advisor2, rops):
    third = MembershipFactory(organisation=rops, role=MembershipRole.ADVISOR).user
    score_all(two_reviewers, advisor, 4)
    score_all(two_reviewers, advisor2, 3)
    with pytest.raises(TransitionRefused):
        score_all(two_reviewers, third, 5)
    assert PracticeScore.objects.filter(practice=two_reviewers.practice).count() == 10
    assert {s.scored_by for s in PracticeScore.objects.all()} == {advisor, advisor2}


def test_both_must_score_everything_before_approval(two_reviewers, advisor, advisor2):
    score_all(two_reviewers, advisor, 5)
    with pytest.raises(TransitionRefused) as refused:
        run(two_reviewers, "submit_for_approval", advisor)
    assert refused.value.code == RefusalCode.INVALID
    _rows, average, missing = review_of(two_reviewers.practice)
    assert average is None
    assert len(missing) == 5


@pytest.mark.parametrize(
    ("first", "second", "average", "goes"),
    [
        ([5, 4, 3, 4, 4], [3, 3, 2, 3, 3], "3.40", True),
        ([4, 4, 4, 4, 4], [2, 2, 2, 2, 2], "3.00", True),
        ([4, 4, 4, 4, 4], [1, 2, 2, 2, 2], "2.90", False),
    ],
)
def test_the_threshold_is_on_the_mean_of_the_two_averages(
    two_reviewers, advisor, advisor2, first, second, average, goes
):
    score_each(two_reviewers, advisor, first)
    score_each(two_reviewers, advisor2, second)
    _rows, mean, _missing = review_of(two_reviewers.practice)
    assert mean == Decimal(average)
    if goes:
        run(two_reviewers, "submit_for_approval", advisor)
        two_reviewers.refresh_from_db()
        assert two_reviewers.status == "in_approval"
    else:
        with pytest.raises(TransitionRefused) as refused:
            run(two_reviewers, "submit_for_approval", advisor)
        assert "2,90" in str(refused.value.message)


def test_the_version_freezes_both_reviewers_scores_and_averages(two_reviewers, advisor, advisor2):
    score_each(two_reviewers, advisor, [5, 4, 3, 4, 4])
    score_each(two_reviewers, advisor2, [3, 3, 2, 3, 3])
    run(two_reviewers, "submit_for_approval", advisor)
    two_reviewers.refresh_from_db()
    version = two_reviewers.practice.current_version
    assert version.average == Decimal("3.40")
    assert [(a["reviewer_id"], a["average"]) for a in version.reviewer_averages] == [
        (advisor.pk, "4.00"),
        (advisor2.pk, "2.80"),
    ]
    assert len(version.scores) == 10
    assert {row["reviewer"] for row in version.scores} == {
        advisor.get_full_name(),
        "Paweł Zieliński",
    }
    assert set(version.drafters.all()) == {advisor, advisor2}
    assert version.fingerprint_matches()
    # Later scoring changes nothing frozen; changing a frozen average breaks the fingerprint.
    PracticeScore.objects.update(score=1)
    version.refresh_from_db()
    assert version.fingerprint_matches()
    version.reviewer_averages[1]["average"] = "5.00"
    assert not version.fingerprint_matches()


def test_a_version_frozen_before_reviewer_averages_keeps_its_fingerprint(in_review, advisor):
    score_all(in_review, advisor, 4)
    run(in_review, "submit_for_approval", advisor)
    in_review.refresh_from_db()
    version = in_review.practice.current_version
    old = version.content()
    old.pop("reviewer_averages")
    old_fingerprint = PracticeVersion.fingerprint_of(old)
    PracticeVersion.objects.filter(pk=version.pk).update(
        reviewer_averages=[], sha256=old_fingerprint
    )
    version.refresh_from_db()
    assert version.fingerprint_matches()


def test_scores_of_a_reviewer_reassigned_away_do_not_count(
    two_reviewers, advisor, advisor2, coordinator, rops
):
    third = MembershipFactory(organisation=rops, role=MembershipRole.ADVISOR).user
    score_all(two_reviewers, advisor, 1)
    score_all(two_reviewers, advisor2, 4)
    run(two_reviewers, "reassign", coordinator, assignee=third)
    two_reviewers.refresh_from_db()
    assert review_of(two_reviewers.practice)[1] is None  # the new assignee has not scored
    score_all(two_reviewers, third, 5)
    assert review_of(two_reviewers.practice)[1] == Decimal("4.50")
    assert [a["reviewer_id"] for a in reviewer_averages(two_reviewers.practice)] == [
        third.pk,
        advisor2.pk,
    ]


def test_the_second_reviewer_scores_on_the_case_page(client, two_reviewers, advisor2, advisor):
    score_all(two_reviewers, advisor, 4)
    client.force_login(advisor2)
    page = client.get(reverse("casework:case-detail", args=[two_reviewers.pk])).content.decode()
    assert reverse("casework:practice-score", args=[two_reviewers.pk]) in page
    assert "Paweł Zieliński" in page
    data = {}
    for criterion_id in two_reviewers.practice.scores.values_list("criterion_id", flat=True):
        data[f"score_{criterion_id}"] = "3"
        data[f"justification_{criterion_id}"] = "Drugie spojrzenie"
    response = client.post(reverse("casework:practice-score", args=[two_reviewers.pk]), data)
    assert response.status_code == 302
    assert PracticeScore.objects.filter(scored_by=advisor2).count() == 5
    assert set(PracticeScore.objects.filter(scored_by=advisor).values_list("score", flat=True)) == {
        4
    }
    page = client.get(reverse("casework:case-detail", args=[two_reviewers.pk])).content.decode()
    assert "<strong>3,50</strong>" in page
