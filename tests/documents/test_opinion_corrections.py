"""Corrections of a real document kind: the advisory opinion issued to the requester.

What must hold (issue 14, point 5): a corrected opinion supersedes the old; both verify, the
old one pointing to the new; a revoked one verifies as revoked; the register keeps every
version. And who may correct or revoke, over HTTP, for each role around the case.
"""

import re

import pytest
from django.urls import reverse

from documents.models import Document, DocumentEvent
from documents.services import document_render
from tests.advisory.conftest import (  # noqa: F401 (fixtures)
    clerk,
    clock,
    gmina,
    member2,
    other_clerk,
    other_gmina,
)
from tests.advisory.helpers import apply, new_request, write_opinion
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db

VERIFY = reverse("documents:verify")
REASON = "Błędny numer CPV w części 1 — skorygowano."


@pytest.fixture
def opinion(clock, gmina, clerk, advisor, member2):  # noqa: F811
    """A published request and its rendered opinion (version 1)."""
    case = apply(new_request(gmina, clerk), "submit", clerk)
    case = apply(case, "accept", advisor)
    write_opinion(case, advisor)
    case = apply(case, "submit_for_approval", advisor)
    case = apply(case, "approve", member2, version=case.advisory.current_version.sha256)
    case = apply(case, "publish", advisor)
    document = Document.objects.get(kind="advisory_opinion")
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.is_ready
    return case, document


def flat(response) -> str:
    return " ".join(response.content.decode().split())


def correct_over_http(client, user, document, reason=REASON):
    client.force_login(user)
    page = client.get(reverse("documents:correct", args=[document.pk])).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    response = client.post(
        reverse("documents:correct", args=[document.pk]), {"reason": reason, "token": token}
    )
    assert response.status_code == 302
    new = Document.objects.get(kind=document.kind, version=document.version + 1)
    document_render(document_id=new.pk)  # the worker's part
    new.refresh_from_db()
    return new


def test_a_corrected_opinion_supersedes_the_old_and_both_verify(client, opinion, advisor):
    case, old = opinion
    new = correct_over_http(client, advisor, old)
    assert new.is_ready
    assert (new.source_id, new.supersedes_id) == (old.source_id, old.pk)
    assert new.sha256 != old.sha256
    assert new.verification_code != old.verification_code
    client.logout()

    old_page = flat(client.get(VERIFY, {"code": old.code_display}))
    assert "Dokument autentyczny" in old_page
    assert "<dt>Wystawca</dt><dd>Regionalny Ośrodek Polityki Społecznej</dd>" in old_page
    assert "<dt>Tytuł</dt><dd>Opinia doradcza</dd>" in old_page
    assert f"<dt>Znak sprawy</dt><dd>{case.number}</dd>" in old_page
    assert "<dt>Wersja</dt><dd>1</dd>" in old_page
    assert "Istnieje nowsza wersja:" in old_page
    assert f'<a href="{VERIFY}?code={new.code_display}">wersja 2, wydana' in old_page

    # The corrected opinion says so on paper: what it replaces and why.
    with new.file.open("rb") as f:
        text = " ".join(pdf_text(f.read()).split())
    assert f"Wersja skorygowana. Zastępuje dokument {old.number} (wersja 1" in text
    assert f"Uzasadnienie korekty: {REASON}" in text
    assert f"Sprawa: {case.number} · Dokument: {new.number}, wersja 2" in text

    new_page = flat(client.get(VERIFY, {"code": new.code_display}))
    assert "Dokument autentyczny" in new_page
    assert f"<dt>Znak sprawy</dt><dd>{case.number}</dd>" in new_page
    assert "<dt>Wersja</dt><dd>2</dd>" in new_page
    assert "To jest najnowsza wersja." in new_page
    assert f"Ta wersja koryguje wersję 1. Uzasadnienie: {REASON}" in new_page


def test_a_revoked_opinion_verifies_as_revoked(client, opinion, coordinator):
    _case, document = opinion
    client.force_login(coordinator)
    response = client.post(
        reverse("documents:revoke", args=[document.pk]), {"reason": "Wydana omyłkowo."}
    )
    assert response.status_code == 302
    client.logout()
    page = flat(client.get(VERIFY, {"code": document.code_display}))
    assert "Dokument unieważniony" in page
    assert "Ten dokument został unieważniony" in page
    assert "Uzasadnienie: Wydana omyłkowo." in page
    (event,) = DocumentEvent.objects.all()
    assert (event.action, event.actor) == ("revoked", coordinator)


def test_the_case_page_lists_every_version_with_its_standing(
    client,
    opinion,
    advisor,
    coordinator,
    clerk,  # noqa: F811
):
    case, first = opinion
    second = correct_over_http(client, advisor, first)
    third = correct_over_http(client, coordinator, second, reason="Literówka w nazwie gminy.")
    client.post(reverse("documents:revoke", args=[third.pk]), {"reason": "Wydana omyłkowo."})
    for user in (clerk, advisor):
        client.force_login(user)
        page = flat(client.get(reverse("casework:case-detail", args=[case.pk])))
        section = page[page.index('id="documents"') :]
        section = section[: section.index("</section>")]
        for document in (first, second, third):
            assert reverse("documents:detail", args=[document.pk]) in section
        assert "wersja 1: zastąpiona wersją 2" in section
        assert "wersja 2: zastąpiona wersją 3" in section
        assert "wersja 3: <strong>unieważniona" in section


@pytest.mark.parametrize(
    ("who", "get_status"),
    [
        ("anonymous", 404),
        ("other_clerk", 404),
        ("clerk", 403),
        ("committee_member", 403),
        ("member2", 403),
        ("advisor", 200),
        ("coordinator", 200),
    ],
)
def test_who_may_correct_or_revoke_an_opinion(client, request, opinion, who, get_status):
    _case, document = opinion
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    correct = reverse("documents:correct", args=[document.pk])
    revoke = reverse("documents:revoke", args=[document.pk])
    assert client.get(correct).status_code == get_status
    assert client.get(revoke).status_code == get_status
    detail = client.get(reverse("documents:detail", args=[document.pk]))
    if get_status == 404:
        assert detail.status_code == 404
    else:
        assert detail.status_code == 200
        assert (correct in detail.content.decode()) == (get_status == 200)
    if get_status != 200:
        post = client.post(correct, {"reason": REASON, "token": "t" * 32})
        assert post.status_code == get_status
        assert client.post(revoke, {"reason": REASON}).status_code == get_status
        assert not DocumentEvent.objects.exists()
        assert Document.objects.filter(kind=document.kind).count() == 1
        document.refresh_from_db()
        assert not document.is_revoked
    else:
        response = client.post(revoke, {"reason": REASON})
        assert response.status_code == 302
        document.refresh_from_db()
        assert document.is_revoked
