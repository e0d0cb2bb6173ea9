"""The case pages around a request: starting and editing a draft, staff filing on a gmina's
behalf, the opinion editor, comments, and 404 for everything of a case one may not see."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.kinds.advisory.services import ERROR_FILING_CHANNEL, advisory_create
from casework.models import Attachment, Case, CaseComment
from tests.intake.files import MINIMAL_PDF
from workflows.exceptions import TransitionRefused

from .helpers import SCHOOL_CATERING, apply, complete_intake, new_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def detail(case):
    return reverse("casework:case-detail", args=[case.pk])


def test_a_clerk_starts_a_request_for_their_gmina(client, clerk, gmina):
    client.force_login(clerk)
    response = client.post(
        reverse("casework:advisory-new"),
        {"topic": "social_clauses", "title": "Catering", "organisation": gmina.pk},
    )
    case = Case.objects.get()
    assert response.url == reverse("casework:advisory-edit", args=[case.pk])
    assert (case.status, case.channel, case.filed_by, case.advisory.topic) == (
        "draft",
        "online",
        clerk,
        "social_clauses",
    )
    assert case.advisory.intake["requester_regon"] == gmina.regon


def test_a_clerk_cannot_start_a_request_for_another_gmina(client, clerk, other_gmina):
    client.force_login(clerk)
    response = client.post(
        reverse("casework:advisory-new"),
        {"topic": "social_clauses", "title": "Catering", "organisation": other_gmina.pk},
    )
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_a_committee_member_cannot_start_a_request(client, committee_member):
    client.force_login(committee_member)
    assert client.get(reverse("casework:advisory-new")).status_code == 404


def test_staff_file_on_a_gminas_behalf_and_the_date_received_starts_the_clock(
    client, coordinator, gmina, clock
):
    client.force_login(coordinator)
    response = client.post(
        reverse("casework:advisory-new"),
        {
            "topic": "social_clauses",
            "title": "Zgłoszone telefonicznie",
            "organisation": gmina.pk,
            "channel": "phone",
            "date_received": "2026-02-26",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.filed_by, case.channel, case.date_received) == (
        coordinator,
        "phone",
        datetime.date(2026, 2, 26),
    )
    case.advisory.intake = complete_intake()
    case.advisory.save()
    case = apply(case, "submit", coordinator)  # the filer submits for the gmina
    assert case.clock_started_on == datetime.date(2026, 2, 26)
    assert case.due_date == datetime.date(2026, 3, 30)  # 28 March is a Saturday


def test_staff_filing_needs_a_channel_and_a_date(coordinator, gmina):
    with pytest.raises(TransitionRefused) as refused:
        advisory_create(
            requesting_organisation=gmina, topic="local_plan", title="x", filed_by=coordinator
        )
    assert refused.value.message == ERROR_FILING_CHANNEL


def test_saving_a_draft_keeps_partial_answers_and_submitting_names_what_is_missing(
    client, clerk, gmina
):
    case = new_request(gmina, clerk, intake={})
    client.force_login(clerk)
    url = reverse("casework:advisory-edit", args=[case.pk])
    saved = client.post(url, {"title": "Catering", "contact_name": "Anna", "save": "1"})
    assert saved.status_code == 302
    case.advisory.refresh_from_db()
    assert case.advisory.intake["contact_name"] == "Anna"
    refused = client.post(url, {"title": "Catering", "contact_name": "Anna", "submit": "1"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'id="error-summary"' in page
    assert Case.objects.get(pk=case.pk).status == "draft"


def test_a_complete_draft_is_submitted_from_the_edit_page(client, clerk, gmina, clock):
    case = new_request(gmina, clerk, intake={})
    client.force_login(clerk)
    data = dict(SCHOOL_CATERING)
    response = client.post(
        reverse("casework:advisory-edit", args=[case.pk]),
        {**data, "title": "Catering", "consent_to_publish": "on", "submit": "1"},
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert case.status == "submitted"
    assert case.advisory.consent_to_publish


def test_only_the_author_side_edits_or_deletes_a_draft(client, clerk, other_clerk, advisor, gmina):
    case = new_request(gmina, clerk)
    for user in (other_clerk, advisor):
        client.force_login(user)
        assert client.get(reverse("casework:advisory-edit", args=[case.pk])).status_code == 404
        assert client.post(reverse("casework:draft-delete", args=[case.pk])).status_code == 404
    client.force_login(clerk)
    assert client.post(reverse("casework:draft-delete", args=[case.pk])).status_code == 302
    assert not Case.objects.exists()


def test_a_submitted_request_cannot_be_deleted_or_edited(client, clerk, gmina, clock):
    case = apply(new_request(gmina, clerk), "submit", clerk)
    client.force_login(clerk)
    assert client.post(reverse("casework:draft-delete", args=[case.pk])).status_code == 403
    assert client.get(reverse("casework:advisory-edit", args=[case.pk])).status_code == 404
    assert Case.objects.filter(pk=case.pk).exists()


def test_only_the_assignee_edits_the_opinion_in_review(
    client, clerk, advisor, advisor2, gmina, clock
):
    case = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    url = reverse("casework:opinion-save", args=[case.pk])
    data = {"text": "Opinia.", "recommendations": "", "legal_references": ""}
    client.force_login(advisor2)
    assert client.post(url, data).status_code == 403
    client.force_login(clerk)
    assert client.post(url, data).status_code == 403
    client.force_login(advisor)
    assert client.post(url, data).status_code == 302
    case.advisory.refresh_from_db()
    assert case.advisory.opinion_text == "Opinia."
    assert list(case.advisory.opinion_editors.all()) == [advisor]


def test_internal_comments_never_reach_the_requester(client, clerk, advisor, gmina, clock):
    case = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    client.force_login(advisor)
    url = reverse("casework:case-comments", args=[case.pk])
    client.post(url, {"body": "Uwaga wewnętrzna: gmina dzwoniła.", "internal": "on"})
    client.post(url, {"body": "Dziękujemy za wniosek."})
    client.force_login(clerk)
    for page in (client.get(detail(case)), client.get(url)):
        text = page.content.decode()
        assert "Dziękujemy za wniosek." in text
        assert "Uwaga wewnętrzna" not in text
    # A requester's attempt at an internal comment is stored as external or refused.
    client.post(url, {"body": "Tajne?", "internal": "on"})
    assert not CaseComment.objects.filter(body="Tajne?", is_internal=True).exists()


def test_a_clerk_of_another_gmina_gets_404_for_everything_of_the_case(
    client, clerk, other_clerk, advisor, committee_member, gmina, clock
):
    case = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    client.force_login(clerk)
    client.post(
        reverse("casework:attachment-upload", args=[case.pk]),
        {"file": SimpleUploadedFile("opz.pdf", MINIMAL_PDF)},
    )
    attachment = Attachment.objects.get()
    client.force_login(other_clerk)
    urls = [
        detail(case),
        reverse("casework:case-events", args=[case.pk]),
        reverse("casework:case-comments", args=[case.pk]),
        reverse("casework:case-documents", args=[case.pk]),
        reverse("casework:attachment", args=[attachment.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    posts = [
        reverse("casework:case-comments", args=[case.pk]),
        reverse("casework:attachment-upload", args=[case.pk]),
        reverse("casework:opinion-save", args=[case.pk]),
        reverse("casework:case-transition", args=[case.pk, "withdraw"]),
    ]
    for url in posts:
        assert client.post(url, {"body": "x", "text": "x"}).status_code == 404, url
    # The committee does not see a case in review either.
    client.force_login(committee_member)
    assert client.get(reverse("casework:attachment", args=[attachment.pk])).status_code == 404


def test_the_timeline_lists_events_in_the_past_tense(client, clerk, advisor, gmina, clock):
    """The history says what happened ("Złożono wniosek"), not the button ("Złóż wniosek")."""
    case = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    client.force_login(clerk)
    html = client.get(reverse("casework:case-events", args=[case.pk])).content.decode()
    assert "Złożono wniosek" in html
    assert "Przyjęto wniosek do rozpatrzenia" in html
    assert "Złóż wniosek" not in html
    assert "Przyjmij" not in html
    assert html.count("<li>") == 2


def test_the_case_page_shows_only_the_actions_the_user_may_take(
    client, clerk, advisor, coordinator, gmina, clock
):
    case = apply(new_request(gmina, clerk), "submit", clerk)
    client.force_login(clerk)
    page = client.get(detail(case))
    assert [a["name"] for a in page.context["actions"]] == ["withdraw"]
    client.force_login(coordinator)
    page = client.get(detail(case))
    assert [a["name"] for a in page.context["actions"]] == [
        "accept",
        "decline",
        "extend_deadline",
        "request_info",
    ]


def test_erasing_the_contact_person_clears_the_contact_details_of_their_requests(
    clerk, gmina, django_user_model
):
    from accounts.services import user_erase

    case = new_request(gmina, clerk)
    case.advisory.intake = {**case.advisory.intake, "contact_email": clerk.email}
    case.advisory.save()
    admin = django_user_model.objects.create_superuser(email="root@example.pl", password="x")
    user_erase(user=clerk, actor=admin)
    case.advisory.refresh_from_db()
    assert "contact_email" not in case.advisory.intake
    assert "contact_name" not in case.advisory.intake
    assert case.advisory.intake["question"]
