"""Corrections and revocations of issued documents (any kind; the notice kind here).

A corrected version is the next version of the same source and kind, rendered again through
the render job, with its own number, hash and code; the old one stays stored and verifiable
and its verification points to the new one. A revoked document verifies as revoked, with
when and why. Both acts are append-only events, safe to submit twice.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from documents.constants import (
    ERROR_NOT_CURRENT,
    ERROR_NOT_ISSUED,
    ERROR_REVOKED,
    DocumentEventAction,
    DocumentStatus,
)
from documents.models import Document, DocumentEvent
from documents.permissions import can_correct
from documents.services import (
    DocumentError,
    document_correct,
    document_render,
    document_request,
    document_revoke,
    document_versions,
    register_entries,
)
from tests.factories import UserFactory

from .conftest import pdf_text

VERIFY = reverse("documents:verify")
TOKEN = "t" * 32
REASON = "Błędna data w nagłówku — poprawiono datę wpływu."


@pytest.fixture
def staff(db):
    """Notices are the admin's documents: Django's ``is_staff`` manages them."""
    return UserFactory(is_staff=True, email="admin@example.pl")


@pytest.fixture
def issued(notice, issue):
    return issue(notice)


def correct(document, actor, reason=REASON, token=TOKEN, render=True):
    new = document_correct(document=document, actor=actor, reason=reason, token=token)
    if render:
        document_render(document_id=new.pk)
    new.refresh_from_db()
    return new


def pdf_bytes(document) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


def verify_page(client, document, lang="pl") -> str:
    response = client.get(VERIFY, {"code": document.code_display}, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


# The service -----------------------------------------------------------------------------------


def test_a_corrected_version_supersedes_the_old_one_through_the_render_job(issued, staff):
    new = document_correct(document=issued, actor=staff, reason=REASON, token=TOKEN)
    # Requested like any issue: pending until the worker renders it.
    assert new.status == DocumentStatus.PENDING
    assert (new.kind, new.source_id, new.version) == (issued.kind, issued.source_id, 2)
    assert new.supersedes_id == issued.pk
    assert new.correction_reason == REASON
    document_render(document_id=new.pk)
    new.refresh_from_db()
    assert new.status == DocumentStatus.READY
    assert new.verification_code != issued.verification_code
    assert new.sha256 != issued.sha256
    assert new.number != issued.number
    # The old version stays stored, unchanged and hashed as before.
    old = Document.objects.get(pk=issued.pk)
    assert old.status == DocumentStatus.READY
    assert old.sha256 == issued.sha256
    assert old.file.name == issued.file.name
    assert pdf_bytes(old) == pdf_bytes(issued)
    # One event on the old version, naming the new one, with the reason.
    (event,) = DocumentEvent.objects.all()
    assert (event.document_id, event.action, event.new_document_id, event.actor_id) == (
        issued.pk,
        DocumentEventAction.CORRECTED,
        new.pk,
        staff.pk,
    )
    assert event.reason == REASON


def test_the_corrected_pdf_says_what_it_replaces_and_why(issued, staff):
    new = correct(issued, staff)
    text = " ".join(pdf_text(pdf_bytes(new)).split())
    assert "Wersja skorygowana." in text
    assert f"Zastępuje dokument {issued.number} (wersja 1" in text
    assert f"Uzasadnienie korekty: {REASON}" in text
    assert "wersja 2" in text
    # The first issue says nothing of the kind.
    assert "Wersja skorygowana" not in pdf_text(pdf_bytes(issued))


def test_the_same_form_sent_twice_is_one_correction(issued, staff):
    first = document_correct(document=issued, actor=staff, reason=REASON, token=TOKEN)
    second = document_correct(document=issued, actor=staff, reason=REASON, token=TOKEN)
    assert first.pk == second.pk
    assert Document.objects.filter(source_id=issued.source_id).count() == 2
    assert DocumentEvent.objects.count() == 1


def test_only_the_current_version_can_be_corrected(issued, staff):
    correct(issued, staff)
    with pytest.raises(DocumentError) as refused:
        document_correct(document=issued, actor=staff, reason=REASON, token="u" * 32)
    assert str(refused.value) == str(ERROR_NOT_CURRENT)
    assert Document.objects.filter(source_id=issued.source_id).count() == 2
    assert DocumentEvent.objects.count() == 1


def test_a_correction_being_prepared_blocks_a_second_one(issued, staff):
    correct(issued, staff, render=False)
    with pytest.raises(DocumentError):
        document_correct(document=issued, actor=staff, reason=REASON, token="u" * 32)


def test_a_revoked_or_unissued_document_cannot_be_corrected(issued, notice, staff):
    document_revoke(document=issued, actor=staff, reason="Wydany omyłkowo.")
    with pytest.raises(DocumentError) as refused:
        document_correct(document=issued, actor=staff, reason=REASON, token=TOKEN)
    assert str(refused.value) == str(ERROR_REVOKED)
    pending = document_request(kind="notice", source=notice, actor=staff)
    for act in (
        lambda: document_correct(document=pending, actor=staff, reason=REASON, token=TOKEN),
        lambda: document_revoke(document=pending, actor=staff, reason=REASON),
    ):
        with pytest.raises(DocumentError) as refused:
            act()
        assert str(refused.value) == str(ERROR_NOT_ISSUED)
    assert DocumentEvent.objects.count() == 1


def test_revocation_is_recorded_once(issued, staff):
    document, revoked = document_revoke(document=issued, actor=staff, reason="Wydany omyłkowo.")
    assert revoked
    assert document.revoked_at is not None
    assert document.revoked_by == staff
    assert document.revocation_reason == "Wydany omyłkowo."
    again, revoked_again = document_revoke(document=issued, actor=staff, reason="Inny powód.")
    assert not revoked_again
    assert again.revocation_reason == "Wydany omyłkowo."
    assert again.revoked_at == document.revoked_at
    (event,) = DocumentEvent.objects.all()
    assert (event.action, event.reason) == (DocumentEventAction.REVOKED, "Wydany omyłkowo.")
    # Still stored and still the same file.
    assert pdf_bytes(again) == pdf_bytes(issued)


def test_the_register_keeps_every_version_with_its_standing(issued, staff):
    second = correct(issued, staff)
    third = correct(second, staff, token="v" * 32)
    document_revoke(document=third, actor=staff, reason="Wydany omyłkowo.")
    entries = document_versions(issued)
    assert [e.document.version for e in entries] == [3, 2, 1]
    standing = {
        e.document.version: (
            e.is_current,
            e.superseded_by.version if e.superseded_by else None,
            e.document.is_revoked,
        )
        for e in entries
    }
    assert standing == {1: (False, 2, False), 2: (False, 3, False), 3: (False, None, True)}
    # The same standing for a list of documents of several sources (one query for all).
    assert [e.superseded_by for e in register_entries([issued])] == [second]


# Verification ----------------------------------------------------------------------------------


def test_both_versions_verify_and_the_old_one_points_to_the_new(client, issued, staff, notice):
    new = correct(issued, staff)
    old_page = verify_page(client, issued, lang="en")
    assert "Genuine document" in old_page
    assert "A newer version exists:" in old_page
    link = re.search(r'id="verify-newer">.*?<a href="([^"]+)">version 2, issued on', old_page, re.S)
    assert link, old_page
    assert link.group(1) == f"{VERIFY}?code={new.code_display}"
    new_page = client.get(link.group(1), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Genuine document" in new_page
    assert new.number in new_page
    assert "This is the latest version." in new_page
    assert f"This version corrects version 1. Reason: {REASON}" in " ".join(new_page.split())
    # The old file still verifies as itself.
    upload_page = client.post(
        VERIFY,
        {"file": _upload(pdf_bytes(issued))},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert issued.number in upload_page
    assert "A newer version exists:" in upload_page


def _upload(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("dokument.pdf", content, content_type="application/pdf")


def test_verification_shows_issuer_title_case_number_date_and_version(client, issued, notice):
    page = verify_page(client, issued)
    dl = " ".join(page.split())
    assert "<dt>Wystawca</dt><dd>Regionalny Ośrodek Polityki Społecznej</dd>" in dl
    assert f"<dt>Tytuł</dt><dd>{notice.title}</dd>" in dl
    assert f"<dt>Znak sprawy</dt><dd>{notice.reference}</dd>" in dl
    assert "<dt>Wersja</dt><dd>1</dd>" in dl
    assert "<dt>Data wydania</dt>" in dl
    assert issued.issued_at.strftime("%Y-%m-%d") in dl


def test_verification_names_the_issuer_from_the_settings(client, notice, issue, settings):
    settings.ESFLOW_DOCUMENT_ISSUER = "Regionalny Ośrodek Polityki Społecznej w Kielcach"
    document = issue(notice)
    assert document.issuer == "Regionalny Ośrodek Polityki Społecznej w Kielcach"
    page = " ".join(verify_page(client, document).split())
    assert "<dd>Regionalny Ośrodek Polityki Społecznej w Kielcach</dd>" in page


def test_a_revoked_document_verifies_as_revoked_with_when_and_why(client, issued, staff):
    document_revoke(document=issued, actor=staff, reason="Wydany omyłkowo.")
    page = " ".join(verify_page(client, issued).split())
    assert "Dokument unieważniony" in page
    assert "Dokument autentyczny" not in page
    assert "Ten dokument został unieważniony" in page
    assert "Uzasadnienie: Wydany omyłkowo." in page
    assert "To jest najnowsza wersja." not in page
    page = " ".join(verify_page(client, issued, lang="en").split())
    assert "Revoked document" in page
    assert "This document was revoked on" in page
    assert "Reason: Wydany omyłkowo." in page


def test_the_verification_page_is_linked_from_the_footer_and_the_sitemap(client, db):
    home = client.get(reverse("portal:sitemap")).content.decode()
    footer = home[home.index('<footer class="site-footer">') :]
    assert f'href="{VERIFY}"' in footer
    main = home[home.index("<main") : home.index('<footer class="site-footer">')]
    assert f'href="{VERIFY}"' in main
    assert "Weryfikacja dokumentu" in main
    xml = client.get(reverse("portal:sitemap-xml")).content.decode()
    assert f"<loc>http://testserver{VERIFY}</loc>" in xml


# Who may do it ------------------------------------------------------------------------------


def test_who_may_correct_a_notice(issued, notice, staff, advisor):
    assert can_correct(staff, issued)
    assert not can_correct(notice.created_by, issued)  # sees it, does not manage it
    assert not can_correct(advisor, issued)  # does not see it
    assert not can_correct(AnonymousUser(), issued)
    staff.is_active = False
    assert not can_correct(staff, issued)


def correct_url(document):
    return reverse("documents:correct", args=[document.pk])


def revoke_url(document):
    return reverse("documents:revoke", args=[document.pk])


def test_the_pages_are_404_to_who_may_not_see_the_document(client, issued, advisor):
    for url in (correct_url(issued), revoke_url(issued)):
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x", "token": TOKEN}).status_code == 404
    client.force_login(advisor)
    for url in (correct_url(issued), revoke_url(issued)):
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x", "token": TOKEN}).status_code == 404
    assert client.get(reverse("documents:correct", args=[10**9])).status_code == 404
    assert not DocumentEvent.objects.exists()


def test_the_pages_are_403_to_who_sees_the_document_but_may_not_correct_it(
    client, notice, issue, issued
):
    client.force_login(notice.created_by)
    for url in (correct_url(issued), revoke_url(issued)):
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "x", "token": TOKEN}).status_code == 403
    page = client.get(reverse("documents:detail", args=[issued.pk])).content.decode()
    assert correct_url(issued) not in page
    assert revoke_url(issued) not in page
    # A public document is anyone's to see, but not to correct.
    client.logout()
    public = issue(notice, public=True)
    assert client.get(correct_url(public)).status_code == 403
    assert client.post(revoke_url(public), {"reason": "x"}).status_code == 403
    assert not DocumentEvent.objects.exists()


def test_staff_confirm_a_correction_on_a_page_without_javascript(client, issued, staff):
    client.force_login(staff)
    detail = client.get(reverse("documents:detail", args=[issued.pk])).content.decode()
    assert f'href="{correct_url(issued)}"' in detail
    assert f'href="{revoke_url(issued)}"' in detail
    page = client.get(correct_url(issued), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    assert re.search(r'<textarea name="reason"[^>]*required', page)
    assert "Confirm and issue the corrected version" in page
    # No reason: the form again, with the error, nothing written.
    response = client.post(correct_url(issued), {"reason": "  ", "token": token})
    assert response.status_code == 400
    assert "Podaj uzasadnienie." in response.content.decode()
    assert Document.objects.count() == 1
    # Confirmed: the corrected version is requested; sent twice, still one.
    for _ in range(2):
        response = client.post(correct_url(issued), {"reason": REASON, "token": token})
        assert response.status_code == 302
    new = Document.objects.get(version=2)
    assert response["Location"] == reverse("documents:detail", args=[new.pk])
    assert DocumentEvent.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert f"Zlecono wersję skorygowaną dokumentu {issued.number} (wersja 2)" in page
    # A different form for the old version is refused: it is no longer current.
    response = client.post(correct_url(issued), {"reason": REASON, "token": "w" * 32}, follow=True)
    assert "Istnieje już nowsza wersja tego dokumentu" in response.content.decode()
    assert Document.objects.count() == 2


def test_a_tampered_form_key_is_a_form_error(client, issued, staff):
    client.force_login(staff)
    response = client.post(correct_url(issued), {"reason": REASON, "token": "<script>"})
    assert response.status_code == 400
    assert "Ten formularz jest już nieważny" in response.content.decode()
    assert Document.objects.count() == 1


def test_staff_confirm_a_revocation_and_a_second_submit_changes_nothing(client, issued, staff):
    client.force_login(staff)
    page = client.get(revoke_url(issued)).content.decode()
    assert "Potwierdź i unieważnij dokument" in page
    assert client.post(revoke_url(issued), {"reason": ""}).status_code == 400
    assert not DocumentEvent.objects.exists()
    response = client.post(revoke_url(issued), {"reason": "Wydany omyłkowo."}, follow=True)
    page = response.content.decode()
    assert f"Dokument {issued.number} (wersja 1) został unieważniony." in page
    assert "Ten dokument został unieważniony" in page
    response = client.post(revoke_url(issued), {"reason": "Drugi raz."}, follow=True)
    assert "został unieważniony już wcześniej" in response.content.decode()
    assert DocumentEvent.objects.count() == 1
    issued.refresh_from_db()
    assert issued.revocation_reason == "Wydany omyłkowo."
    # A revoked document offers neither action any more.
    page = client.get(reverse("documents:detail", args=[issued.pk])).content.decode()
    assert f'href="{correct_url(issued)}"' not in page
    assert f'href="{revoke_url(issued)}"' not in page


def test_the_detail_page_lists_every_version_with_its_standing(client, issued, staff):
    second = correct(issued, staff)
    third = correct(second, staff, token="v" * 32)
    document_revoke(document=third, actor=staff, reason="Wydany omyłkowo.")
    client.force_login(staff)
    page = client.get(reverse("documents:detail", args=[issued.pk])).content.decode()
    table = " ".join(page[page.index('id="document-versions"') :].split())
    assert table.count("<tr") == 4  # header and three versions
    assert "zastąpiona wersją 2" in table
    assert "zastąpiona wersją 3" in table
    assert "unieważniona" in table
    assert f'href="{reverse("documents:detail", args=[third.pk])}"' in table
    assert "skorygowano: wydano" in " ".join(page.split())
    english = client.get(
        reverse("documents:detail", args=[third.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "superseded by version 3" in english
    assert "This document was revoked on" in english


def test_a_listener_hears_of_each_act_with_its_source(issued, notice, staff):
    """The hook an app with its own history (a case log) listens on."""
    from documents.signals import document_event_recorded

    heard = []

    def listener(sender, event, source, **kwargs):
        heard.append((event.action, event.document_id, source))

    document_event_recorded.connect(listener)
    try:
        new = correct(issued, staff)
        document_revoke(document=new, actor=staff, reason="Wydany omyłkowo.")
        document_revoke(document=new, actor=staff, reason="Drugi raz.")  # nothing new
    finally:
        document_event_recorded.disconnect(listener)
    assert heard == [("corrected", issued.pk, notice), ("revoked", new.pk, notice)]


@pytest.mark.pg_only
def test_the_history_can_be_neither_updated_nor_deleted_on_postgresql(issued, staff):
    from django.db import IntegrityError, connection, transaction

    document_revoke(document=issued, actor=staff, reason="Wydany omyłkowo.")
    event = DocumentEvent.objects.get()

    def refused(statement):
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            statement()

    refused(lambda: DocumentEvent.objects.filter(pk=event.pk).update(reason="inny"))
    refused(lambda: DocumentEvent.objects.filter(pk=event.pk).delete())

    def raw_delete():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM documents_documentevent WHERE id = %s", [event.pk])

    refused(raw_delete)
    assert DocumentEvent.objects.get(pk=event.pk).reason == "Wydany omyłkowo."


def _race(document, trial, staff, threads=4):
    """``threads`` threads each send their own correction form and then a revocation of
    ``document`` at the same moment; what each got."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(threads)
    outcomes, errors = [], []

    def work(i):
        try:
            barrier.wait()
            try:
                token = f"{trial:02d}{i}" * 8
                new = document_correct(document=document, actor=staff, reason=REASON, token=token)
                outcomes.append(("corrected", new.pk))
            except DocumentError:
                outcomes.append(("refused", None))
            _doc, revoked = document_revoke(document=document, actor=staff, reason="x")
            outcomes.append(("revoked", revoked))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert not errors, errors
    return outcomes


@pytest.mark.pg_only
@pytest.mark.django_db(transaction=True)
def test_racing_corrections_and_revocations_have_one_winner_on_postgresql(notice, issue, staff):
    """Ten times over: one correction and one revocation per version, never a second."""
    current = issue(notice)
    for trial in range(10):
        outcomes = _race(current, trial, staff)
        corrected = [pk for what, pk in outcomes if what == "corrected"]
        assert len(corrected) == 1
        assert sum(1 for what, ok in outcomes if what == "revoked" and ok) == 1
        assert DocumentEvent.objects.filter(document=current).count() == 2
        current = Document.objects.get(pk=corrected[0])
        document_render(document_id=current.pk)
        current.refresh_from_db()
    assert Document.objects.filter(source_id=notice.pk, kind="notice").count() == 11


def test_a_document_issued_before_the_register_kept_its_facts_still_names_them(
    client, issued, notice
):
    """Rows rendered before migration 0002 have no stored title, case number or issuer: the
    page falls back to the kind's label, the source's reference and the letterhead."""
    Document.objects.filter(pk=issued.pk).update(title="", reference="", issuer="")
    page = " ".join(verify_page(client, issued).split())
    assert "<dt>Wystawca</dt><dd>Regionalny Ośrodek Polityki Społecznej</dd>" in page
    assert "<dt>Tytuł</dt><dd>Komunikat</dd>" in page
    assert f"<dt>Znak sprawy</dt><dd>{notice.reference}</dd>" in page
