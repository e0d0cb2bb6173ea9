"""A test certification authority and PAdES signing for tests (documents.signatures).

Everything is generated at test time (documents.signing_keys): no private key is committed.

    ca = SigningCA.create()
    jan = ca.signer("Jan Kowalski")
    ca.trust(settings, tmp_path)          # ESFLOW_SIGNATURE_TRUST_ROOTS = the root's PEM
    signed = sign_pdf(issued_pdf, signer=jan)
"""

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import keys, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from documents.signatures import off_the_event_loop
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


def make_tsa(ca: SigningCA, name: str = "esflow test TSA") -> Issued:
    """A time-stamping authority issued by ``ca`` (critical timeStamping EKU, RFC 3161)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=5)
    certificate = (
        cx509.CertificateBuilder()
        .subject_name(cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(ca.root.certificate.subject)
        .public_key(key.public_key())
        .serial_number(cx509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=365))
        .add_extension(cx509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(cx509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(
            cx509.AuthorityKeyIdentifier.from_issuer_public_key(ca.root.key.public_key()),
            critical=False,
        )
        .sign(ca.root.key, hashes.SHA256())
    )
    return Issued(certificate=certificate, key=key, issuer=ca.root)


def _asn1_key(issued: Issued) -> keys.PrivateKeyInfo:
    return keys.PrivateKeyInfo.load(
        issued.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def _asn1_cert(issued: Issued) -> x509.Certificate:
    return x509.Certificate.load(issued.certificate.public_bytes(serialization.Encoding.DER))


def pyhanko_signer(signer: Issued, *, chain: tuple[Issued, ...] = ()) -> signers.SimpleSigner:
    others = [_asn1_cert(c) for c in chain]
    if signer.issuer is not None:
        others.append(_asn1_cert(signer.issuer))
    return signers.SimpleSigner(
        signing_cert=_asn1_cert(signer),
        signing_key=_asn1_key(signer),
        cert_registry=SimpleCertificateStore.from_certs(others),
    )


def sign_pdf(
    pdf_bytes: bytes,
    *,
    signer: Issued,
    field_name: str | None = None,
    tsa: Issued | None = None,
) -> bytes:
    """Sign ``pdf_bytes`` as a signatory's tool does: a PAdES signature in an incremental
    update (the input stays byte for byte at the start of the output); with ``tsa``, a
    signature time stamp from that authority (PAdES-T)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name or f"Signature-{signer.certificate.serial_number % 10**6}",
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
    )
    out = io.BytesIO()
    timestamper = None
    if tsa is not None:
        timestamper = DummyTimeStamper(
            tsa_cert=_asn1_cert(tsa),
            tsa_key=_asn1_key(tsa),
            certs_to_embed=SimpleCertificateStore.from_certs([_asn1_cert(tsa.issuer)]),
        )
    pdf_signer = signers.PdfSigner(meta, signer=pyhanko_signer(signer), timestamper=timestamper)
    off_the_event_loop(pdf_signer.sign_pdf, writer, output=out)
    return out.getvalue()
