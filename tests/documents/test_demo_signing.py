"""The demo's certificates (manage.py documents_demo_signing): made once, and what they make
works with documents.signatures."""

import io

from django.core.management import call_command
from pypdf import PdfWriter

from documents.signatures import seal_pdf, verify_signed_copy
from documents.signing_keys import Issued
from tests.signing_ca import sign_pdf


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_demo_certificates_seal_and_verify(tmp_path, settings):
    from cryptography.hazmat.primitives.serialization import load_pem_private_key, pkcs12
    from cryptography.x509 import load_pem_x509_certificate

    directory = tmp_path / "demo-signing"
    call_command("documents_demo_signing", "--dir", str(directory), stdout=io.StringIO())
    first = (directory / "trust-roots.pem").read_bytes()
    out = io.StringIO()
    call_command("documents_demo_signing", "--dir", str(directory), stdout=out)
    assert "already" in out.getvalue()
    assert (directory / "trust-roots.pem").read_bytes() == first
    assert (directory / "seal.key.pem").stat().st_mode & 0o077 == 0
    _key, p12_cert, _chain = pkcs12.load_key_and_certificates(
        (directory / "jan-kowalski.p12").read_bytes(), b"demo"
    )
    assert p12_cert.subject.rfc4514_string().startswith("CN=Jan Kowalski")

    settings.ESFLOW_SIGNATURE_TRUST_ROOTS = str(directory / "trust-roots.pem")
    settings.ESFLOW_SEAL_KEY = str(directory / "seal.key.pem")
    settings.ESFLOW_SEAL_CERT = str(directory / "seal.cert.pem")
    issued = seal_pdf(_pdf())
    root = load_pem_x509_certificate(first)
    jan = Issued(
        certificate=load_pem_x509_certificate((directory / "jan-kowalski.cert.pem").read_bytes()),
        key=load_pem_private_key((directory / "jan-kowalski.key.pem").read_bytes(), None),
        issuer=Issued(certificate=root, key=None),
    )

    check = verify_signed_copy(signed=sign_pdf(issued, signer=jan), issued=issued)

    assert check.signer_name == "Jan Kowalski"
    assert check.trusted is True
