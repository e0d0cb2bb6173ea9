"""The PDFs: the approved version issued for signing, and the signed agreement whose last
page is the certificate of signatures; the signed one is public only when every party
consented to publishing it."""

import pytest

from casework.kinds.agreement.models import AgreementParty
from casework.kinds.agreement.services import agreement_sign
from documents.models import Document
from documents.services import document_render
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db


def _sign_all(case, parties, *, consent):
    sha = case.agreement.current_version.sha256
    for user in (parties["wojt"], parties["a"], parties["b"], parties["owes"]):
        party = next(
            row
            for row in AgreementParty.objects.filter(agreement_id=case.pk)
            if row.organisation.memberships.filter(user=user).exists()
        )
        case.refresh_from_db()
        agreement_sign(case=case, actor=user, party=party, sha256=sha, publish_consent=consent)


def _text(document) -> str:
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "ready"
    with document.file.open("rb") as f:
        return " ".join(pdf_text(f.read()).split())


def test_the_signed_pdf_ends_with_the_certificate_of_signatures(signing, parties):
    version = signing.agreement.current_version
    issued = Document.objects.get(kind="agreement", source_id=version.pk)
    text = _text(issued)
    assert "Porozumienie partnerskie" in text
    assert "Stowarzyszenie Razem" in text
    assert "Poświadczenie podpisów" not in text
    _sign_all(signing, parties, consent=True)
    signed = Document.objects.get(kind="agreement_signed", source_id=version.pk)
    assert signed.is_public
    text = _text(signed)
    assert "Poświadczenie podpisów" in text
    for user in (parties["wojt"], parties["a"], parties["b"], parties["owes"]):
        assert user.full_name in text, user.full_name
    assert "OWES Kielce" in text
    assert version.sha256 in text.replace(" ", "")


def test_without_every_consent_the_signed_pdf_is_not_public(signing, parties):
    _sign_all(signing, parties, consent=False)
    signed = Document.objects.get(kind="agreement_signed")
    assert not signed.is_public


def test_with_a_sealing_key_the_signed_pdf_is_sealed(signing, parties, settings, tmp_path):
    """The in-force PDF carries esflow's seal (a PAdES signature) when a key is configured;
    the PDF issued for signing does not."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    from tests.signing_ca import SigningCA

    ca = SigningCA.create()
    sealer = ca.signer("esflow — pieczęć testowa", organisation="ROPS")
    key, cert = sealer.write(tmp_path / "seal", "seal")
    settings.ESFLOW_SEAL_KEY = str(key)
    settings.ESFLOW_SEAL_CERT = str(cert)
    _sign_all(signing, parties, consent=True)
    version = signing.agreement.current_version

    def signatures_of(kind):
        document = Document.objects.get(kind=kind, source_id=version.pk)
        document_render(document_id=document.pk)
        document.refresh_from_db()
        with document.file.open("rb") as f:
            return PdfFileReader(io.BytesIO(f.read())).embedded_regular_signatures

    [seal] = signatures_of("agreement_signed")
    assert "esflow" in seal.signer_cert.subject.human_friendly
    assert signatures_of("agreement") == []
