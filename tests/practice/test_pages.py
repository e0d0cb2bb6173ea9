"""The good practice over HTTP: intake, editing and (re)submission, the case page, scoring,
transitions with their confirmation, the queue with the kind's column and filter; and who
is refused (404 for who may not see the case, 403 for who sees it but may not act)."""

import pytest
from django.urls import reverse
from django.utils.text import capfirst

from casework.kinds.practice.constants import PracticeStatus as S
from casework.kinds.practice.kind import PRACTICE
from casework.kinds.practice.models import ReviewCriterion
from casework.models import Case
from directory.constants import OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import TEXT, run, score_all

pytestmark = pytest.mark.django_db


def detail(case):
    return reverse("casework:case-detail", args=[case.pk])


def edit(case):
    return reverse("casework:practice-edit", args=[case.pk])


def form_data(gmina, **changes):
    data = {**TEXT, "title": "Stołówka", "gminas": [gmina.pk], **changes}
    data["contact_consent"] = "on" if data["contact_consent"] else ""
    return data


@pytest.fixture
def stranger(db):
    """A member of another NGO: sees nothing of the practice."""
    return MembershipFactory(
        organisation=OrganisationFactory(kind=OrganisationKind.ASSOCIATION)
    ).user


def transition(client, case, name, **data):
    case.refresh_from_db()
    return client.post(
        reverse("casework:case-transition", args=[case.pk, name]),
        {"seen_status": case.status, "confirm": "1", **data},
    )


def test_a_member_of_an_ngo_starts_edits_and_submits_a_practice(
    client, organisation_user, ngo, gmina
):
    client.force_login(organisation_user)
    assert client.get(reverse("casework:practice-new")).status_code == 200
    response = client.post(
        reverse("casework:practice-new"),
        {"title": "Stołówka", "area": "reintegration", "organisation": ngo.pk},
    )
    case = Case.objects.get()
    assert response.url == edit(case)
    assert (case.kind, case.status, case.channel) == ("practice", "draft", "online")
    assert client.get(edit(case)).status_code == 200
    response = client.post(edit(case), {**form_data(gmina), "save": "1"})
    assert response.status_code == 302
    case.practice.refresh_from_db()
    assert case.practice.figures == TEXT["figures"]
    assert list(case.practice.gminas.all()) == [gmina]
    response = client.post(edit(case), {**form_data(gmina), "submit": "1"})
    assert response.url == detail(case)
    case.refresh_from_db()
    assert case.status == S.SUBMITTED
    assert case.number


def test_a_bad_link_or_period_is_a_form_error_and_nothing_is_saved(
    client, organisation_user, practice_case, gmina
):
    client.force_login(organisation_user)
    response = client.post(
        edit(practice_case),
        {
            **form_data(gmina, links="javascript:alert(1)"),
            "period_start": "2026-05-01",
            "period_end": "2026-01-01",
            "save": "1",
        },
    )
    assert response.status_code == 400
    assert "javascript" in response.content.decode()
    practice_case.practice.refresh_from_db()
    assert practice_case.practice.links == TEXT["links"]


def test_staff_submit_on_an_organisations_behalf(client, coordinator, ngo):
    client.force_login(coordinator)
    response = client.post(
        reverse("casework:practice-new"),
        {
            "title": "Z targów",
            "area": "rops_owes",
            "organisation": ngo.pk,
            "channel": "paper",
            "date_received": "2026-03-02",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.requesting_organisation, case.filed_by, case.channel) == (
        ngo,
        coordinator,
        "paper",
    )


def test_a_member_cannot_submit_for_an_organisation_not_theirs(client, organisation_user):
    other = OrganisationFactory()
    client.force_login(organisation_user)
    response = client.post(
        reverse("casework:practice-new"),
        {"title": "Cudza", "area": "reintegration", "organisation": other.pk},
    )
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_the_committee_has_no_intake_page(client, committee_member):
    client.force_login(committee_member)
    assert client.get(reverse("casework:practice-new")).status_code == 404


def test_a_stranger_gets_404_everywhere(client, stranger, in_review):
    client.force_login(stranger)
    assert client.get(detail(in_review)).status_code == 404
    assert client.get(edit(in_review)).status_code == 404
    url = reverse("casework:practice-score", args=[in_review.pk])
    assert client.post(url, {}).status_code == 404
    assert transition(client, in_review, "withdraw", reason="x").status_code == 404


def test_the_committee_does_not_see_a_practice_in_review(client, committee_member, in_review):
    client.force_login(committee_member)
    assert client.get(detail(in_review)).status_code == 404


def test_who_sees_but_may_not_act_gets_403(client, organisation_user, coordinator, in_review):
    # The submitter sees the case but may neither score it nor edit it in review.
    client.force_login(organisation_user)
    assert client.get(detail(in_review)).status_code == 200
    assert client.get(edit(in_review)).status_code == 403
    score_url = reverse("casework:practice-score", args=[in_review.pk])
    assert client.post(score_url, {}).status_code == 403
    response = transition(client, in_review, "submit_for_approval")
    assert response.status_code == 403
    # A coordinator who is not the assignee sees it but may not score it.
    client.force_login(coordinator)
    assert client.post(score_url, {}).status_code == 403


def test_the_advisor_scores_over_http_and_sends_it_for_approval(client, advisor, in_review):
    criteria = list(ReviewCriterion.objects.all())
    client.force_login(advisor)
    page = client.get(detail(in_review)).content.decode()
    assert "Innowacyjność" in page
    assert "<fieldset" in page
    score_url = reverse("casework:practice-score", args=[in_review.pk])
    # A score out of range is a form error, nothing stored.
    bad = {f"score_{c.pk}": "9" for c in criteria}
    bad.update({f"justification_{c.pk}": "Dobrze" for c in criteria})
    assert client.post(score_url, bad).status_code == 400
    assert not in_review.practice.scores.exists()
    low = {f"score_{c.pk}": "2" for c in criteria}
    low.update({f"justification_{c.pk}": "Słabo" for c in criteria})
    assert client.post(score_url, low).status_code == 302
    response = transition(client, in_review, "submit_for_approval")
    assert response.status_code == 409  # a guard: not now, with its reason
    assert "3,00" in response.content.decode()
    good = {**low, **{f"score_{c.pk}": "4" for c in criteria}}
    client.post(score_url, good)
    response = transition(client, in_review, "submit_for_approval")
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == S.IN_APPROVAL


def test_returned_for_changes_the_submitter_reads_the_feedback_edits_and_resubmits(
    client, organisation_user, advisor, in_review, gmina
):
    client.force_login(advisor)
    response = transition(client, in_review, "request_changes", reason="Brakuje kosztów.")
    assert response.status_code == 302
    client.force_login(organisation_user)
    page = client.get(detail(in_review)).content.decode()
    assert "Brakuje kosztów." in page
    assert edit(in_review) in page
    response = client.post(edit(in_review), {**form_data(gmina, costs="90 000 zł"), "submit": "1"})
    assert response.url == detail(in_review)
    in_review.refresh_from_db()
    assert in_review.status == S.IN_REVIEW
    assert in_review.practice.costs == "90 000 zł"


def test_the_committee_approves_over_http(client, advisor, committee_member, in_review):
    score_all(in_review, advisor, 5)
    run(in_review, "submit_for_approval", advisor)
    client.force_login(committee_member)
    page = client.get(detail(in_review)).content.decode()
    version = in_review.practice.current_version
    assert version.sha256 in page
    response = transition(client, in_review, "approve", version=version.sha256)
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == S.PUBLISHED


def test_the_contact_is_shown_to_the_committee_only_with_consent(
    client, advisor, committee_member, in_review
):
    score_all(in_review, advisor, 5)
    run(in_review, "submit_for_approval", advisor)
    client.force_login(committee_member)
    assert "anna@example.pl" not in client.get(detail(in_review)).content.decode()
    practice = in_review.practice
    practice.contact_consent = True
    practice.save()
    assert "anna@example.pl" in client.get(detail(in_review)).content.decode()


def test_the_queue_shows_the_area_and_filters_by_it(client, advisor, in_review, practice_case):
    client.force_login(advisor)
    response = client.get(reverse("casework:queue"), {"queue": "all"})
    assert response.status_code == 200
    page = response.content.decode()
    assert in_review.number in page
    assert "CIS, KIS" in page  # the area's label in its column
    response = client.get(reverse("casework:queue"), {"queue": "all", "area": "rops_owes"})
    assert in_review.number not in response.content.decode()
    response = client.get(
        reverse("casework:queue"), {"queue": "all", "area": "reintegration", "kind": "practice"}
    )
    assert in_review.number in response.content.decode()
    response = client.get(reverse("casework:queue"), {"queue": "all", "area": "<script>"})
    assert response.status_code in (200, 400)


def test_the_new_practice_link_is_offered_to_members_and_staff(
    client, organisation_user, committee_member
):
    url = reverse("casework:practice-new")
    client.force_login(organisation_user)
    assert url in client.get(reverse("casework:case-list")).content.decode()
    client.force_login(committee_member)
    assert url not in client.get(reverse("casework:case-list")).content.decode()


def test_the_submitter_reads_the_feedback_but_not_the_scores(
    client, organisation_user, advisor, in_review
):
    score_all(in_review, advisor, 4)
    client.force_login(organisation_user)
    page = client.get(detail(in_review)).content.decode()
    assert 'id="review-title"' not in page
    assert "Uzasadnienie social_impact" not in page
    client.force_login(advisor)
    page = client.get(detail(in_review)).content.decode()
    assert "Uzasadnienie social_impact" in page
    assert "4,00" in page  # the Polish decimal comma


def test_the_criteria_read_in_english_on_an_english_page(client, advisor, in_review):
    client.force_login(advisor)
    client.cookies["django_language"] = "en"
    page = client.get(detail(in_review), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Social impact" in page
    assert "Score the practice" in page


def test_the_area_column_is_there_only_when_a_practice_is_on_the_page(
    client, advisor, in_review, gmina_org, municipality_user
):
    """A kind's own column is headed and filled only on pages that show cases of that kind:
    a page of other kinds has no column empty on every row."""
    from tests.queues.factories import make_advisory

    request = make_advisory(organisation=gmina_org, filed_by=municipality_user, extras=False)
    client.force_login(advisor)
    area_head = f'<th scope="col">{capfirst(str(PRACTICE.queue_columns[0].label))}</th>'
    with_practice = client.get(reverse("casework:queue"), {"queue": "all"}).content.decode()
    assert area_head in with_practice
    without = client.get(
        reverse("casework:queue"), {"queue": "all", "kind": "advisory"}
    ).content.decode()
    assert in_review.number not in without
    assert request.number in without
    assert area_head not in without
