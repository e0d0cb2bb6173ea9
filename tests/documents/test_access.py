"""Who may fetch a document: whoever may see its source; a public one, anyone."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from documents.constants import DocumentStatus
from documents.models import Document
from documents.services import document_render, document_request
from tests.factories import UserFactory


@pytest.fixture
def private_doc(notice, issue):
    return issue(notice)


@pytest.fixture
def public_doc(notice, issue):
    return issue(notice, public=True)


def download(client, document):
    return client.get(reverse("documents:download", args=[document.pk]))


def test_non_public_document_is_404_to_anonymous(client, private_doc):
    assert download(client, private_doc).status_code == 404
    assert client.get(reverse("documents:detail", args=[private_doc.pk])).status_code == 404


def test_non_public_document_is_404_to_a_user_who_may_not_see_its_source(
    client, private_doc, municipality_user, advisor
):
    for user in (municipality_user, advisor):
        client.force_login(user)
        assert download(client, private_doc).status_code == 404
        assert client.get(reverse("documents:detail", args=[private_doc.pk])).status_code == 404
        assert client.get(reverse("documents:status", args=[private_doc.pk])).status_code == 404


def test_non_public_document_is_served_to_who_may_see_its_source(client, private_doc, notice):
    client.force_login(notice.created_by)
    response = download(client, private_doc)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert private_doc.download_name in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_public_document_is_served_to_anonymous(client, public_doc):
    response = download(client, public_doc)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_pending_document_has_nothing_to_download(client, notice):
    document = document_request(kind="notice", source=notice, actor=None, public=True)
    client.force_login(notice.created_by)
    assert download(client, document).status_code == 404


def test_unknown_document_is_404(client, notice):
    client.force_login(notice.created_by)
    assert client.get(reverse("documents:download", args=[999999])).status_code == 404


def test_pending_page_polls_its_status_and_stops_when_ready(client, notice):
    document = document_request(kind="notice", source=notice, actor=None)
    client.force_login(notice.created_by)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert reverse("documents:status", args=[document.pk]) in page
    document_render(document_id=document.pk)
    partial = client.get(reverse("documents:status", args=[document.pk])).content.decode()
    assert "hx-trigger" not in partial
    assert reverse("documents:download", args=[document.pk]) in partial
    assert "<html" not in partial


def fail(document):
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.FAILED, error="RuntimeError: boom"
    )


def test_failure_and_retry_are_shown_to_staff_only(client, notice):
    document = document_request(kind="notice", source=notice, actor=None)
    fail(document)
    client.force_login(notice.created_by)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "RuntimeError: boom" not in page
    assert reverse("documents:retry", args=[document.pk]) not in page
    assert client.post(reverse("documents:retry", args=[document.pk])).status_code == 403

    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "RuntimeError: boom" in page
    response = client.post(reverse("documents:retry", args=[document.pk]))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING


def test_retry_is_404_to_who_may_not_see_the_source(client, notice, advisor):
    document = document_request(kind="notice", source=notice, actor=None)
    fail(document)
    client.force_login(advisor)
    assert client.post(reverse("documents:retry", args=[document.pk])).status_code == 404
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED


def test_retry_of_a_document_that_did_not_fail_is_refused_with_a_message(client, private_doc):
    client.force_login(UserFactory(is_staff=True))
    response = client.post(reverse("documents:retry", args=[private_doc.pk]), follow=True)
    assert "Only a failed document can be retried." in response.content.decode() or (
        "Ponowić można tylko" in response.content.decode()
    )
    assert Document.objects.count() == 1


def test_retry_needs_post(client, notice):
    client.force_login(UserFactory(is_staff=True))
    document = document_request(kind="notice", source=notice, actor=None)
    assert client.get(reverse("documents:retry", args=[document.pk])).status_code == 405


def test_visible_documents_applies_can_view_to_a_list_in_constant_queries(
    private_doc, public_doc, notice, municipality_user, django_assert_max_num_queries
):
    """The list form of the rule agrees with can_view, for the owner and for a stranger."""
    from documents.models import Document
    from documents.permissions import can_view, visible_documents

    documents = list(Document.objects.filter(pk__in=[private_doc.pk, public_doc.pk]))
    for user in (notice.created_by, municipality_user, AnonymousUser()):
        expected = [d for d in documents if can_view(user, d)]
        with django_assert_max_num_queries(2):
            assert visible_documents(user, documents) == expected
