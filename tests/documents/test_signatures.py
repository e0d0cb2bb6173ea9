"""PAdES: a signed copy of an issued document is accepted only when it is intact, covers
that document unchanged and (when anchors are configured) chains to a trusted CA; esflow's
own seal (documents.signatures)."""

import io
import os
import re

import pytest
from django.core.checks import run_checks
from django.utils.translation import gettext
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from pyhanko.pdf_utils.generic import (
    DictionaryObject,
    NameObject,
    StreamObject,
)
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject

from documents.constants import (
    ERROR_NOT_A_PDF,
    ERROR_SIGNED_BROKEN,
    ERROR_SIGNED_CHANGED,
    ERROR_SIGNED_OTHER_DOCUMENT,
    ERROR_SIGNED_TOO_LARGE,
    ERROR_SIGNED_UNREADABLE,
    ERROR_SIGNED_UNSIGNED,
    ERROR_SIGNED_UNTRUSTED,
    SIGNED_COPY_MAX_BYTES,
)
from documents.signatures import SignatureRefused, seal_pdf, verify_signed_copy
from tests.signing_ca import SigningCA, sign_pdf


@pytest.fixture(scope="module")
def ca():
    return SigningCA.create()


@pytest.fixture(scope="module")
def jan(ca):
    return ca.signer("Jan Kowalski")


@pytest.fixture(scope="module")
def signed_small(jan):
    """A small issued PDF and its copy signed by Jan Kowalski (signed once per module)."""
    issued = small_pdf()
    return issued, sign_pdf(issued, signer=jan)


@pytest.fixture
def trusted(ca, settings, tmp_path):
    """The test CA is the deployment's only trust anchor."""
    return ca.trust(settings, tmp_path / "anchors")


@pytest.fixture
def issued_pdf(notice, issue):
    """A real issued document (a notice rendered by the documents app, PDF/A)."""
    document = issue(notice)
    with document.file.open("rb") as f:
        return f.read()


def small_pdf(width=200, pages=1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        page = writer.add_blank_page(width, 200)
        content = DecodedStreamObject()
        content.set_data(b"0 0 0 rg 20 20 30 30 re f")
        page.replace_contents(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def refusal(signed: bytes, issued: bytes) -> str:
    with pytest.raises(SignatureRefused) as caught:
        verify_signed_copy(signed=signed, issued=issued)
    return str(caught.value.message)


def append_page_content(pdf: bytes, text: bytes = b"0 0 1 rg 10 10 50 50 re f") -> bytes:
    """An incremental update that draws on the first page (what a forger would append)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    stream = writer.add_object(StreamObject(stream_data=text))
    writer.add_stream_to_page(0, stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# Accepted -----------------------------------------------------------------------------


def test_valid_signature_over_the_issued_document_is_accepted(issued_pdf, jan, trusted):
    signed = sign_pdf(issued_pdf, signer=jan)

    check = verify_signed_copy(signed=signed, issued=issued_pdf)

    assert check.signer_name == "Jan Kowalski"
    assert "Stowarzyszenie Test" in check.signer_subject
    assert check.trusted is True
    assert check.trust_configured is True
    assert check.signed_at is not None
    assert check.signed_at.tzinfo is not None
    assert len(check.signer_certificate_sha256) == 64
    assert [s.name for s in check.signers] == ["Jan Kowalski"]
    assert check.signed_sha256 != check.issued_sha256


def test_without_trust_anchors_a_signature_is_checked_but_not_trusted(issued_pdf, jan, settings):
    settings.ESFLOW_SIGNATURE_TRUST_ROOTS = ""
    check = verify_signed_copy(signed=sign_pdf(issued_pdf, signer=jan), issued=issued_pdf)

    assert check.signer_name == "Jan Kowalski"
    assert check.trusted is False
    assert check.trust_configured is False


def test_two_representatives_signing_one_copy_are_both_listed(ca, jan, trusted):
    issued = small_pdf()
    anna = ca.signer("Anna Nowak")
    signed = sign_pdf(sign_pdf(issued, signer=jan), signer=anna)

    check = verify_signed_copy(signed=signed, issued=issued)

    assert check.signer_name == "Jan Kowalski"
    assert [s.name for s in check.signers] == ["Jan Kowalski", "Anna Nowak"]
    assert all(s.trusted for s in check.signers)


def test_an_ecdsa_signature_is_accepted(ca, trusted):
    issued = small_pdf()
    signer = ca.signer("Ewa Zielińska", key_type="ec")

    check = verify_signed_copy(signed=sign_pdf(issued, signer=signer), issued=issued)

    assert check.signer_name == "Ewa Zielińska"
    assert check.trusted is True


# Refused ------------------------------------------------------------------------------


def test_a_valid_signature_over_another_document_is_refused(issued_pdf, jan, trusted):
    other = sign_pdf(small_pdf(), signer=jan)
    assert refusal(other, issued_pdf) == gettext(ERROR_SIGNED_OTHER_DOCUMENT)


def test_a_signature_over_another_issued_document_of_the_same_kind_is_refused(
    issued_pdf, issue, jan, trusted
):
    """Another notice from the same register, validly signed: still not this document."""
    from .factories import NoticeFactory

    another = issue(NoticeFactory())
    with another.file.open("rb") as f:
        other_pdf = f.read()

    assert refusal(sign_pdf(other_pdf, signer=jan), issued_pdf) == gettext(
        ERROR_SIGNED_OTHER_DOCUMENT
    )


def test_a_signature_over_a_copy_changed_before_signing_is_refused(jan, trusted):
    """The signer's tool (or the signer) drew on the page, then signed: the signature is
    intact, but what it covers is not the issued document."""
    issued = small_pdf()
    changed_then_signed = sign_pdf(append_page_content(issued), signer=jan)

    assert refusal(changed_then_signed, issued) == gettext(ERROR_SIGNED_OTHER_DOCUMENT)


def test_a_page_added_before_signing_is_refused(jan, trusted):
    issued = small_pdf()
    writer = PdfWriter(io.BytesIO(issued), incremental=True)
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(issued)

    assert refusal(sign_pdf(out.getvalue(), signer=jan), issued) == gettext(
        ERROR_SIGNED_OTHER_DOCUMENT
    )


def test_a_pdf_changed_after_signing_is_refused(issued_pdf, jan, trusted):
    signed = sign_pdf(issued_pdf, signer=jan)
    changed = append_page_content(signed)
    assert changed.startswith(signed)

    assert refusal(changed, issued_pdf) == gettext(ERROR_SIGNED_CHANGED)


def test_a_flipped_byte_in_a_signed_pdf_is_refused(issued_pdf, jan, trusted):
    signed = bytearray(sign_pdf(issued_pdf, signer=jan))
    position = len(issued_pdf) // 2  # inside the issued document's content, covered
    signed[position] ^= 0x01

    assert refusal(bytes(signed), issued_pdf) == gettext(ERROR_SIGNED_BROKEN)


def contents_hole(signed: bytes, after: int) -> tuple[int, int]:
    """Where the hex digits of the (last) signature's /Contents lie: the only bytes its
    /ByteRange leaves out."""
    start = signed.index(b"/Contents <", after) + len(b"/Contents <")
    return start, signed.index(b">", start)


def test_a_changed_signature_value_is_refused(jan, trusted):
    issued = small_pdf()
    signed = bytearray(sign_pdf(issued, signer=jan))
    start, end = contents_hole(signed, len(issued))
    der_end = start + len(bytes(signed[start:end]).rstrip(b"0"))
    position = der_end - 100  # inside the RSA signature value, the CMS's last field
    signed[position] = ord("0") if signed[position] != ord("0") else ord("1")

    assert refusal(bytes(signed), issued) == gettext(ERROR_SIGNED_BROKEN)


def test_an_unsigned_pdf_is_refused(issued_pdf, trusted):
    assert refusal(issued_pdf, issued_pdf) == gettext(ERROR_SIGNED_UNSIGNED)
    assert refusal(small_pdf(), issued_pdf) == gettext(ERROR_SIGNED_UNSIGNED)


@pytest.mark.parametrize(
    "upload",
    [
        b"",
        b"This is a text file, not a PDF.\n",
        "Zażółć gęślą jaźń".encode(),
        os.urandom(4096),
        b"\x89PNG\r\n\x1a\n" + bytes(100),
    ],
    ids=["empty", "text", "polish-text", "random", "png"],
)
def test_a_non_pdf_is_refused(upload, trusted):
    assert refusal(upload, small_pdf()) == gettext(ERROR_NOT_A_PDF)


def test_a_truncated_signed_pdf_is_refused(jan, trusted):
    issued = small_pdf()
    signed = sign_pdf(issued, signer=jan)
    for cut in (10, len(issued) // 2, len(issued), len(signed) - 40):
        assert refusal(signed[:cut], issued) in {
            gettext(ERROR_SIGNED_UNREADABLE),
            gettext(ERROR_SIGNED_UNSIGNED),
            gettext(ERROR_SIGNED_BROKEN),
        }


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_whatever_follows_a_pdf_header_only_a_refusal_leaves(tail):
    issued = small_pdf()
    with pytest.raises(SignatureRefused):
        verify_signed_copy(signed=b"%PDF-1.7\n" + tail, issued=issued)


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(position=st.integers(min_value=0), mask=st.integers(min_value=1, max_value=255))
def test_any_changed_byte_the_signature_covers_is_refused(signed_small, position, mask):
    """Every byte the signature covers matters: whichever is changed, the copy is refused
    (and only with a refusal). The /Contents hole is by design not covered: its padding and
    the certificates bag may change without touching what was signed."""
    issued, signed = signed_small
    signed = bytearray(signed)
    start, end = contents_hole(signed, len(issued))
    covered = [*range(0, start - 1), *range(end + 1, len(signed))]
    signed[covered[position % len(covered)]] ^= mask
    with pytest.raises(SignatureRefused):
        verify_signed_copy(signed=bytes(signed), issued=issued)


def test_a_signer_outside_the_trust_anchors_is_refused(issued_pdf, trusted):
    stranger = SigningCA.create("Unknown CA").signer("Jan Kowalski")
    signed = sign_pdf(issued_pdf, signer=stranger)

    assert refusal(signed, issued_pdf) == gettext(ERROR_SIGNED_UNTRUSTED)


def test_an_oversized_upload_is_refused_before_parsing():
    assert refusal(b"%PDF-1.7\n" + bytes(SIGNED_COPY_MAX_BYTES), small_pdf()) == gettext(
        ERROR_SIGNED_TOO_LARGE
    )


def test_a_large_signed_copy_is_checked(jan, trusted):
    """A 5 MB issued document (an incompressible stream on its page) and its signed copy:
    the check reads it through and accepts it (no timing asserted)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(small_pdf()))
    blob = writer.add_object(
        StreamObject(DictionaryObject({NameObject("/Type"): NameObject("/XObject")}))
    )
    blob.get_object()._data = os.urandom(5 * 1024 * 1024)
    out = io.BytesIO()
    writer.write(out)
    issued = out.getvalue()
    assert len(issued) > 5 * 1024 * 1024

    check = verify_signed_copy(signed=sign_pdf(issued, signer=jan), issued=issued)
    assert check.signer_name == "Jan Kowalski"


# Sealing ------------------------------------------------------------------------------


@pytest.fixture
def seal(ca, settings, tmp_path):
    sealer = ca.signer("esflow — pieczęć testowa", organisation="ROPS")
    key, cert = sealer.write(tmp_path / "seal", "seal")
    settings.ESFLOW_SEAL_KEY = str(key)
    settings.ESFLOW_SEAL_CERT = str(cert)
    return sealer


def test_seal_is_a_pades_signature_that_validates_against_the_test_ca(issued_pdf, ca, seal):
    sealed = seal_pdf(issued_pdf)

    assert sealed.startswith(issued_pdf)
    reader = PdfFileReader(io.BytesIO(sealed))
    [signature] = reader.embedded_regular_signatures
    status = validate_pdf_signature(
        signature,
        signer_validation_context=ValidationContext(trust_roots=[_asn1(ca.root)]),
    )
    assert status.intact
    assert status.valid
    assert status.trusted
    assert status.signing_cert.subject.native["common_name"] == "esflow — pieczęć testowa"
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"


def pdfa_claim(pdf: bytes) -> tuple[str, str]:
    xmp = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data()
    text = xmp.decode()
    part = re.search(r'pdfaid:part(?:="|>)\s*(\d)', text)
    conformance = re.search(r'pdfaid:conformance(?:="|>)\s*([A-Za-z])', text)
    return (part and part.group(1), conformance and conformance.group(1))


def test_a_sealed_document_keeps_its_pdfa_claim(issued_pdf, seal):
    """The issued documents claim PDF/A (3b); the seal's incremental update keeps the claim
    (and writes no PDF 2.0 version, which an RSA seal does not need)."""
    sealed = seal_pdf(issued_pdf)

    assert pdfa_claim(issued_pdf) == ("3", "B")
    assert pdfa_claim(sealed) == pdfa_claim(issued_pdf)
    root = PdfReader(io.BytesIO(sealed)).trailer["/Root"]
    assert root.get("/Version") in (None, "/1.7")


def test_a_signature_over_a_sealed_document_is_accepted(issued_pdf, jan, seal, trusted):
    issued = seal_pdf(issued_pdf)
    check = verify_signed_copy(signed=sign_pdf(issued, signer=jan), issued=issued)

    assert [s.name for s in check.signers] == ["Jan Kowalski"]
    assert check.trusted is True


def test_a_sealed_document_uploaded_unsigned_is_refused(seal, trusted):
    issued = seal_pdf(small_pdf())
    assert refusal(issued, issued) == gettext(ERROR_SIGNED_UNSIGNED)


def test_sealing_twice_adds_a_second_seal(issued_pdf, seal):
    twice = seal_pdf(seal_pdf(issued_pdf))
    assert len(PdfFileReader(io.BytesIO(twice)).embedded_regular_signatures) == 2


def test_without_a_sealing_key_the_pdf_is_returned_unchanged(issued_pdf, settings):
    settings.ESFLOW_SEAL_KEY = ""
    settings.ESFLOW_SEAL_CERT = ""
    assert seal_pdf(issued_pdf) is issued_pdf


def _asn1(issued):
    from asn1crypto import x509
    from cryptography.hazmat.primitives import serialization

    return x509.Certificate.load(issued.certificate.public_bytes(serialization.Encoding.DER))


# Configuration checks -----------------------------------------------------------------


def check_ids():
    return {m.id for m in run_checks() if m.id and m.id.startswith("documents.")}


def test_system_check_warns_when_only_the_key_or_only_the_certificate_is_set(settings, tmp_path):
    pem_file = tmp_path / "x.pem"
    pem_file.write_text("x")
    settings.ESFLOW_SEAL_KEY = str(pem_file)
    settings.ESFLOW_SEAL_CERT = ""
    assert "documents.W001" in check_ids()
    settings.ESFLOW_SEAL_KEY = ""
    settings.ESFLOW_SEAL_CERT = str(pem_file)
    assert "documents.W001" in check_ids()
    settings.ESFLOW_SEAL_KEY = str(pem_file)
    assert "documents.W001" not in check_ids()


def test_system_check_reports_a_missing_file(settings, tmp_path):
    settings.ESFLOW_SIGNATURE_TRUST_ROOTS = str(tmp_path / "missing.pem")
    assert "documents.E001" in check_ids()
    settings.ESFLOW_SIGNATURE_TRUST_ROOTS = ""
    assert "documents.E001" not in check_ids()


def test_refusals_speak_polish(jan, trusted):
    from django.utils import translation

    issued = small_pdf()
    with translation.override("pl"):
        message = refusal(sign_pdf(small_pdf(width=300), signer=jan), issued)
        expected = gettext(ERROR_SIGNED_OTHER_DOCUMENT)
    with translation.override("en"):
        english = gettext(ERROR_SIGNED_OTHER_DOCUMENT)
    assert message == expected
    assert expected != english


def incremental(pdf: bytes, change) -> bytes:
    """``change(writer)`` in a pypdf incremental update of ``pdf``."""
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(pdf)
    return out.getvalue()


def test_a_content_stream_rewritten_in_place_before_signing_is_refused(jan, trusted):
    def redraw(writer):
        writer.pages[0]["/Contents"].get_object().set_data(b"1 0 0 rg 0 0 200 200 re f")

    issued = small_pdf()
    signed = sign_pdf(incremental(issued, redraw), signer=jan)

    assert refusal(signed, issued) == gettext(ERROR_SIGNED_OTHER_DOCUMENT)


def test_a_page_box_changed_before_signing_is_refused(jan, trusted):
    def crop(writer):
        from pypdf.generic import RectangleObject

        writer.pages[0].cropbox = RectangleObject([0, 0, 100, 100])

    issued = small_pdf()
    signed = sign_pdf(incremental(issued, crop), signer=jan)

    assert refusal(signed, issued) == gettext(ERROR_SIGNED_OTHER_DOCUMENT)


def test_an_object_written_again_unchanged_before_signing_is_accepted(jan, trusted):
    """Some tools write objects again on an incremental save; the same content is fine."""
    issued = small_pdf()
    writer = IncrementalPdfFileWriter(io.BytesIO(issued))
    pages_ref = writer.root.raw_get("/Pages").reference
    content_ref = writer.root["/Pages"]["/Kids"][0].raw_get("/Contents").reference
    writer.mark_update(pages_ref)
    writer.mark_update(content_ref)
    out = io.BytesIO()
    writer.write(out)
    copy = out.getvalue()
    rewritten = PdfFileReader(io.BytesIO(copy)).xrefs.explicit_refs_in_revision(1)
    assert {(r.idnum, r.generation) for r in rewritten} >= {
        (pages_ref.idnum, pages_ref.generation),
        (content_ref.idnum, content_ref.generation),
    }

    check = verify_signed_copy(signed=sign_pdf(copy, signer=jan), issued=issued)

    assert check.signer_name == "Jan Kowalski"


def test_an_annotation_added_before_signing_is_refused(jan, trusted):
    """A note drawn over the page is not a signature field: the signed copy is not the
    issued document as it was."""

    def note(writer):
        from pypdf.annotations import FreeText

        writer.add_annotation(0, FreeText(text="kwota: 1 000 000 zł", rect=(10, 10, 150, 40)))

    issued = small_pdf()
    signed = sign_pdf(incremental(issued, note), signer=jan)

    assert refusal(signed, issued) == gettext(ERROR_SIGNED_OTHER_DOCUMENT)


def test_an_annotation_added_after_signing_is_refused(jan, trusted):
    def note(writer):
        from pypdf.annotations import FreeText

        writer.add_annotation(0, FreeText(text="kwota: 1 000 000 zł", rect=(10, 10, 150, 40)))

    issued = small_pdf()
    changed = incremental(sign_pdf(issued, signer=jan), note)

    assert refusal(changed, issued) == gettext(ERROR_SIGNED_CHANGED)


def test_inside_a_running_event_loop_it_checks_the_same_and_refuses_in_the_same_language(
    signed_small,
):
    """pyHanko runs its own event loop: in a thread that runs one (an async view, Playwright
    beside the tests) the check goes to a worker thread, with the caller's language."""
    import asyncio
    import concurrent.futures

    from django.utils import translation

    issued, signed = signed_small
    outside = verify_signed_copy(signed=signed, issued=issued)

    async def inside_a_loop():
        check = verify_signed_copy(signed=signed, issued=issued)
        with translation.override("pl"), pytest.raises(SignatureRefused) as refused:
            verify_signed_copy(signed=signed, issued=small_pdf(width=333))
        return check, refused.value.message

    # A thread of its own runs the loop (this one may run Playwright's already).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        inside, message = pool.submit(asyncio.run, inside_a_loop()).result()
    assert inside == outside
    with translation.override("pl"):
        assert message == gettext(ERROR_SIGNED_OTHER_DOCUMENT)


def test_a_trusted_time_stamp_gives_the_signing_time(ca, jan, trusted):
    from tests.signing_ca import make_tsa

    issued = small_pdf()
    check = verify_signed_copy(signed=sign_pdf(issued, signer=jan, tsa=make_tsa(ca)), issued=issued)

    assert check.timestamped is True
    assert check.signed_at is not None
    assert check.signed_at.tzinfo is not None


def test_without_a_time_stamp_the_time_is_the_signers_own(jan, trusted, signed_small):
    issued, signed = signed_small
    check = verify_signed_copy(signed=signed, issued=issued)

    assert check.timestamped is False
    assert check.signed_at is not None
