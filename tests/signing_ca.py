"""A test certification authority and PAdES signing for tests (documents.signatures).

Everything is generated at test time (documents.signing_keys): no private key is committed.

    ca = SigningCA.create()
    jan = ca.signer("Jan Kowalski")
    ca.trust(settings, tmp_path)          # ESFLOW_SIGNATURE_TRUST_ROOTS = the root's PEM
    signed = sign_pdf(issued_pdf, signer=jan)
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import keys, x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from documents.signing_keys import Issued, make_root_ca, make_signer


@dataclass
class SigningCA:
    root: Issued
    issued: list[Issued] = field(default_factory=list)

    @classmethod
    def create(cls, name: str = "esflow test root CA") -> "SigningCA":
        return cls(root=make_root_ca(common_name=name))

    def signer(
        self,
        name: str = "Jan Kowalski",
        organisation: str = "Stowarzyszenie Test",
        key_type: str = "rsa",
    ) -> Issued:
        issued = make_signer(self.root, name, organisation, key_type=key_type)
        self.issued.append(issued)
        return issued

    def write_anchors(self, directory: Path) -> Path:
        """The root certificate as a trust-anchor PEM file."""
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "trust-roots.pem"
        path.write_bytes(self.root.certificate_pem)
        return path

    def trust(self, settings, directory: Path) -> Path:
        """Configure this CA as the only trust anchor (pytest-django's ``settings``)."""
        path = self.write_anchors(directory)
        settings.ESFLOW_SIGNATURE_TRUST_ROOTS = str(path)
        return path


def _asn1_cert(issued: Issued) -> x509.Certificate:
    return x509.Certificate.load(issued.certificate.public_bytes(serialization.Encoding.DER))


def pyhanko_signer(signer: Issued, *, chain: tuple[Issued, ...] = ()) -> signers.SimpleSigner:
    key_der = signer.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    others = [_asn1_cert(c) for c in chain]
    if signer.issuer is not None:
        others.append(_asn1_cert(signer.issuer))
    return signers.SimpleSigner(
        signing_cert=_asn1_cert(signer),
        signing_key=keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(others),
    )


def sign_pdf(pdf_bytes: bytes, *, signer: Issued, field_name: str | None = None) -> bytes:
    """Sign ``pdf_bytes`` as a signatory's tool does: a PAdES signature in an incremental
    update (the input stays byte for byte at the start of the output)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name or f"Signature-{signer.certificate.serial_number % 10**6}",
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=pyhanko_signer(signer)).sign_pdf(writer, output=out)
    return out.getvalue()
