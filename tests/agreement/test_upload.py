"""Signing by upload: the issued PDF signed with a qualified signature (PAdES, a test CA) is
accepted and recorded with its signer; a valid signature over another document, a PDF
changed after signing, an unsigned PDF and a non-PDF are each refused with a clear message,
storing nothing; a failure after the file is written, up to the commit, leaves neither the
file nor the row."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from casework.kinds.agreement.constants import SignatureMethod
from casework.kinds.agreement.models import AgreementParty, AgreementSignature
from casework.models import CaseEvent
from documents.constants import (
    ERROR_NOT_A_PDF,
    ERROR_SIGNED_CHANGED,
    ERROR_SIGNED_OTHER_DOCUMENT,
    ERROR_SIGNED_UNSIGNED,
)
from tests.documents.test_signatures import append_page_content, small_pdf
from tests.signing_ca import sign_pdf

from .conftest import issued_bytes

pytestmark = pytest.mark.django_db


def _post(client, case, user, organisation, content: bytes):
    client.force_login(user)
    party = AgreementParty.objects.get(agreement_id=case.pk, organisation=organisation)
    case.refresh_from_db()
    return client.post(
        reverse("casework:agreement-sign-upload", args=[case.pk]),
        {
            "upload-sha256": case.agreement.current_version.sha256,
            "upload-party": party.pk,
            "upload-signed_pdf": SimpleUploadedFile(
                "podpisane.pdf", content, content_type="application/pdf"
            ),
        },
    )


def _stored_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT) / "agreements"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_qualified_signature_over_the_issued_pdf_signs_for_the_party(
    client, signing, parties, owes, trusted_ca
):
    issued = issued_bytes(signing)
    signer = trusted_ca.signer("Iwona Sikora", "OWES Kielce")
    response = _post(client, signing, parties["owes"], owes, sign_pdf(issued, signer=signer))
    assert response.status_code == 302
    signature = AgreementSignature.objects.get()
    assert signature.method == SignatureMethod.QUALIFIED
    assert signature.certificate["name"] == "Iwona Sikora"
    assert signature.certificate["trusted"] is True
    assert signature.signed_file
    assert len(_stored_files()) == 1
    party = AgreementParty.objects.get(organisation=owes)
    assert party.signed_version_id == signing.agreement.current_version_id
    assert CaseEvent.objects.get(case=signing, action="signed").data["method"] == "qualified"


@pytest.mark.parametrize("upload", ["other document", "changed", "unsigned", "not a pdf"])
def test_a_refused_upload_stores_nothing_and_says_why(
    client, signing, parties, owes, trusted_ca, upload
):
    issued = issued_bytes(signing)
    signer = trusted_ca.signer("Iwona Sikora", "OWES Kielce")
    content, message = {
        "other document": (sign_pdf(small_pdf(), signer=signer), ERROR_SIGNED_OTHER_DOCUMENT),
        "changed": (append_page_content(sign_pdf(issued, signer=signer)), ERROR_SIGNED_CHANGED),
        "unsigned": (issued, ERROR_SIGNED_UNSIGNED),
        "not a pdf": (b"To nie jest PDF, tylko tekst.", ERROR_NOT_A_PDF),
    }[upload]
    response = _post(client, signing, parties["owes"], owes, content)
    assert response.status_code == 409
    assert escape(gettext(message)) in response.content.decode()
    assert not AgreementSignature.objects.exists()
    assert not CaseEvent.objects.filter(case=signing, action="signed").exists()
    assert _stored_files() == []


def test_an_upload_is_refused_to_a_member_without_the_right(
    client, signing, parties, leader_org, trusted_ca
):
    issued = issued_bytes(signing)
    signed = sign_pdf(issued, signer=trusted_ca.signer("Jan Urzędnik", "Gmina"))
    response = _post(client, signing, parties["clerk"], leader_org, signed)
    assert response.status_code == 403
    assert not AgreementSignature.objects.exists()
    assert _stored_files() == []


def test_without_trust_anchors_an_upload_is_refused_not_recorded_as_qualified(
    client, signing, parties, owes, signing_ca, settings
):
    """An intact signature over the issued PDF, but no anchors configured: nothing says the
    certificate is qualified, so the upload is refused (and acceptance stays open)."""
    from casework.kinds.agreement.services import ERROR_UPLOAD_UNTRUSTED

    settings.ESFLOW_SIGNATURE_TRUST_ROOTS = ""
    signer = signing_ca.signer("Iwona Sikora", "OWES Kielce")
    content = sign_pdf(issued_bytes(signing), signer=signer)
    response = _post(client, signing, parties["owes"], owes, content)
    assert response.status_code == 409
    assert escape(gettext(ERROR_UPLOAD_UNTRUSTED)) in response.content.decode()
    assert not AgreementSignature.objects.exists()
    assert _stored_files() == []


def _upload(case, user, organisation, content):
    from casework.kinds.agreement.services import agreement_sign_upload

    case.refresh_from_db()
    return agreement_sign_upload(
        case=case,
        actor=user,
        party=AgreementParty.objects.get(agreement_id=case.pk, organisation=organisation),
        sha256=case.agreement.current_version.sha256,
        signed=content,
    )


def test_a_failure_after_the_file_is_written_leaves_no_file_and_no_row(
    signing, parties, owes, trusted_ca
):
    """The last step after the file is written (saving its name on the row) fails: the
    signature is rolled back and the file deleted."""
    from unittest import mock

    from django.db import DatabaseError

    content = sign_pdf(issued_bytes(signing), signer=trusted_ca.signer("Iwona Sikora", "OWES"))
    save = AgreementSignature.save
    seen = []

    def failing_save(self, *args, **kwargs):
        if kwargs.get("update_fields") == ["signed_file"]:
            seen.extend(_stored_files())  # the file is on disk at this point
            raise DatabaseError("disk full")
        return save(self, *args, **kwargs)

    with (
        mock.patch.object(AgreementSignature, "save", failing_save),
        pytest.raises(DatabaseError),
    ):
        _upload(signing, parties["owes"], owes, content)
    assert len(seen) == 1
    assert _stored_files() == []
    assert not AgreementSignature.objects.exists()
    assert not CaseEvent.objects.filter(case=signing, action="signed").exists()
    assert not AgreementParty.objects.get(organisation=owes).signed_version_id
    # Nothing is left half-done: the same upload then succeeds.
    _upload(signing, parties["owes"], owes, content)
    assert AgreementSignature.objects.get().signed_file
    assert len(_stored_files()) == 1


def test_inside_a_callers_transaction_the_upload_is_refused_before_writing(
    signing, parties, owes, trusted_ca
):
    """A caller's transaction could roll the row back after the file is written: the upload
    refuses to run inside one, and nothing is stored."""
    from django.db import transaction

    content = sign_pdf(issued_bytes(signing), signer=trusted_ca.signer("Iwona Sikora", "OWES"))
    with pytest.raises(RuntimeError), transaction.atomic():
        _upload(signing, parties["owes"], owes, content)
    assert _stored_files() == []
    assert not AgreementSignature.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_commit_leaves_no_file_and_no_row(signing, parties, owes, trusted_ca):
    """The commit itself fails (the database went away at the last moment): the row is not
    there and the file written during the signing is deleted."""
    from unittest import mock

    from django.db import DatabaseError, connections

    content = sign_pdf(issued_bytes(signing), signer=trusted_ca.signer("Iwona Sikora", "OWES"))
    connection = connections["default"]
    with (
        mock.patch.object(connection, "commit", side_effect=DatabaseError("commit failed")),
        pytest.raises(DatabaseError),
    ):
        _upload(signing, parties["owes"], owes, content)
    assert _stored_files() == []
    assert not AgreementSignature.objects.exists()
    assert not CaseEvent.objects.filter(case=signing, action="signed").exists()
    # A real commit then keeps both.
    _upload(signing, parties["owes"], owes, content)
    assert AgreementSignature.objects.get().signed_file
    assert len(_stored_files()) == 1
