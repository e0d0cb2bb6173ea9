"""PAdES: checking a signed copy of an issued document, and sealing esflow's own PDFs.

Kind-neutral: a case kind hands in the bytes of the document it issued for signing and the
bytes a signatory uploaded; this module says who signed and whether the signature may be
relied on, or refuses with a message the signatory can act on. It knows no case, party or
agreement.

A signatory signs the issued PDF in their own tool (a qualified electronic signature, the
trusted profile); every such tool adds the signature as an *incremental update*: the issued
file's bytes stay as they were and the signature, its field and its certificates are
appended. So the honest check is byte for byte: the upload must start with the issued
document, each signature added after it must be intact and cover the whole revision it
signs, and every revision after the issued one may only add signatures (pyHanko's
difference analysis, at the level of form filling). Anything else — another document, a
changed page, a flipped byte — is refused.

Trust: the deployment configures the certification authorities it accepts
(``ESFLOW_SIGNATURE_TRUST_ROOTS``, a PEM file; README, "Signatures"). When it is set, a
signer whose certificate does not chain to one of them is refused; when it is not set, the
signature is still checked for integrity and coverage and the result says ``trusted=False``.
Nothing is fetched from the network (no OCSP, CRL or AIA): validation is deterministic and
offline, as the README says.

Use (a case kind's service, with the file it issued for signing)::

    try:
        check = verify_signed_copy(signed=upload.read(), issued=issued_bytes)
    except SignatureRefused as refused:
        form.add_error("file", refused.message)   # nothing stored
    else:
        ...  # record check.signer_name, check.signed_at, check.trusted, check.signed_sha256

and ``seal_pdf(pdf_bytes)`` on a final PDF before it is stored (unchanged when no sealing
key is configured).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import decimal
import functools
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem, x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext as _
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import Reference
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, DiffResult, ModificationLevel
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .constants import (
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

logger = logging.getLogger(__name__)

#: A PDF's header must appear within its first 1024 bytes (ISO 32000-1, annex H.3).
_HEADER_WINDOW = 1024

#: Qualified signature and seal certificates carry non-repudiation (content commitment);
#: some signing services' certificates carry digital signature only. Either is a signing key.
_KEY_USAGE = KeyUsageConstraints(
    key_usage={"non_repudiation", "digital_signature"}, match_all_key_usages=False
)

#: After the issued document, a revision may add signature fields and their values, time
#: stamps and validation data; filling a form field is the same level in pyHanko's scale
#: (the issued documents have none). Annotations, page content, new pages: refused.
_PERMITTED = ModificationLevel.FORM_FILLING


class SignatureRefused(Exception):
    """The upload is not an intact signature over the issued document; ``message`` says why
    in words the signatory can act on (translated)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Signer:
    """One signature added to the issued document."""

    name: str
    subject: str
    issuer: str
    certificate_sha256: str
    signed_at: datetime.datetime | None
    #: ``signed_at`` comes from a time stamp that validated, not from the signer's computer.
    timestamped: bool
    #: The certificate chains to one of the configured trust anchors.
    trusted: bool


@dataclass(frozen=True)
class SignatureCheck:
    """What an accepted signed copy says. The ``signer_*`` fields are about the first
    signature added to the issued document; ``signers`` lists every one in the order they
    were made (two board members may sign one copy one after the other)."""

    signer_name: str
    signer_subject: str
    signer_issuer: str
    signer_certificate_sha256: str
    signed_at: datetime.datetime | None
    timestamped: bool
    trusted: bool
    #: Whether trust anchors were configured at all (``trusted`` is False when not).
    trust_configured: bool
    signers: tuple[Signer, ...]
    #: SHA-256 of the uploaded file (the caller stores the file under it).
    signed_sha256: str
    #: SHA-256 of the issued document the signatures cover.
    issued_sha256: str


def verify_signed_copy(*, signed: bytes, issued: bytes) -> SignatureCheck:
    """Accept ``signed`` as a signed copy of ``issued`` or raise `SignatureRefused`.

    Whatever the bytes, the only exception that leaves is `SignatureRefused` (and
    `ImproperlyConfigured` for a trust-anchor file that cannot be read).
    """
    if len(signed) > SIGNED_COPY_MAX_BYTES:
        raise SignatureRefused(_(ERROR_SIGNED_TOO_LARGE))
    if b"%PDF-" not in signed[:_HEADER_WINDOW]:
        raise SignatureRefused(_(ERROR_NOT_A_PDF))
    context = _validation_context()
    try:
        return off_the_event_loop(_verify, signed=signed, issued=issued, context=context)
    except SignatureRefused:
        raise
    except Exception as exc:
        # A broken file meets pyHanko in many places (the parser, the CMS and ASN.1 decoders,
        # the difference analysis); each is the same answer for the signatory. The expected
        # kinds are logged briefly; anything else with its traceback, in case it is ours.
        expected = isinstance(exc, PdfError | ValueError | KeyError | IndexError | TypeError)
        logger.log(
            logging.INFO if expected else logging.WARNING,
            "signed copy refused: unreadable (%s: %s)",
            type(exc).__name__,
            exc,
            exc_info=not expected,
        )
        raise SignatureRefused(_(ERROR_SIGNED_UNREADABLE)) from exc


def off_the_event_loop(fn, /, *args, **kwargs):
    """``fn(*args, **kwargs)``, in a worker thread when this thread runs an event loop.

    pyHanko's synchronous API runs its own event loop (``asyncio.run``), which cannot start
    in a thread that already runs one (an async view; Playwright's sync API beside the tests).
    There the call goes to a thread of its own, in the caller's language (refusals are
    translated), as ``asgiref``'s ``async_to_sync`` does; elsewhere it runs here.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    language = translation.get_language()

    def call():
        with translation.override(language):
            return fn(*args, **kwargs)

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def _verify(*, signed: bytes, issued: bytes, context: ValidationContext | None) -> SignatureCheck:
    reader = PdfFileReader(io.BytesIO(signed))
    # In the order they were made (the form may list its fields in any order).
    embedded = sorted(reader.embedded_regular_signatures, key=lambda sig: sig.signed_revision)
    if not embedded:
        raise SignatureRefused(_(ERROR_SIGNED_UNSIGNED))

    extends_issued = signed.startswith(issued)
    if extends_issued:
        # A signature inside the issued bytes is esflow's own seal, not the signatory's.
        embedded = [sig for sig in embedded if int(sig.byte_range[1]) >= len(issued)]
        if not embedded:
            raise SignatureRefused(_(ERROR_SIGNED_UNSIGNED))

    found = [
        _check_signature(sig, trust_configured=context is not None, context=context)
        for sig in embedded
    ]

    if not extends_issued:
        raise SignatureRefused(_(ERROR_SIGNED_OTHER_DOCUMENT))
    _check_revisions_after_issued(reader, issued, embedded[0].signed_revision)

    first = found[0]
    return SignatureCheck(
        signer_name=first.name,
        signer_subject=first.subject,
        signer_issuer=first.issuer,
        signer_certificate_sha256=first.certificate_sha256,
        signed_at=first.signed_at,
        timestamped=first.timestamped,
        trusted=first.trusted,
        trust_configured=context is not None,
        signers=tuple(found),
        signed_sha256=hashlib.sha256(signed).hexdigest(),
        issued_sha256=hashlib.sha256(issued).hexdigest(),
    )


def _check_signature(sig, *, trust_configured: bool, context: ValidationContext | None) -> Signer:
    status: PdfSignatureStatus = validate_pdf_signature(
        sig,
        # Without anchors, an empty context: pyHanko must not fall back to the operating
        # system's TLS roots (deprecated and meaningless for document signatures).
        signer_validation_context=context or ValidationContext(trust_roots=[]),
        diff_policy=DEFAULT_DIFF_POLICY,
        key_usage_settings=_KEY_USAGE,
    )
    if not (status.intact and status.valid):
        raise SignatureRefused(_(ERROR_SIGNED_BROKEN))
    if status.coverage is None or status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        raise SignatureRefused(_(ERROR_SIGNED_BROKEN))
    level = status.modification_level
    if (
        not isinstance(status.diff_result, DiffResult)
        or level is None
        or level > _PERMITTED
        or not status.docmdp_ok
    ):
        raise SignatureRefused(_(ERROR_SIGNED_CHANGED))
    if trust_configured and not status.trusted:
        logger.info(
            "signed copy refused: untrusted signer %s (%s)",
            status.signing_cert.subject.human_friendly,
            status.trust_problem_indic,
        )
        raise SignatureRefused(_(ERROR_SIGNED_UNTRUSTED))
    return _signer(status, trusted=trust_configured and status.trusted)


def _check_revisions_after_issued(reader: PdfFileReader, issued: bytes, signed_revision: int):
    """The revisions from the issued document up to the first added signature only add
    signatures (what follows a signature, pyHanko's difference analysis has checked).

    The upload starts with the issued bytes; its own chain of revisions must also pass
    through the issued document's last cross-reference section (a file that merely *begins*
    with those bytes and then starts afresh would otherwise slip through). pyHanko's
    difference analysis cannot take the issued revision as its base (it compares the form of
    a signed revision, and the issued document has none), so the updates in between are read
    here: an object of the issued document may be rewritten only if it is the catalogue (new
    entries for the form and signature data only), the document information or metadata, a
    page (new signature widgets in its annotations only), its annotation array or the form;
    every other object of the issued document — page content, fonts, images, the page tree —
    stays as issued. Objects it adds are reachable only through those permitted entries.
    """
    issued_reader = PdfFileReader(io.BytesIO(issued))
    # pyHanko documents `xrefs` as internal; total_revisions, the startxref of a revision and
    # the objects a revision writes are what its own difference analysis reads.
    base = issued_reader.xrefs.total_revisions - 1
    if signed_revision <= base:
        raise SignatureRefused(_(ERROR_SIGNED_OTHER_DOCUMENT))
    issued_startxref = issued_reader.xrefs.get_startxref_for_revision(base)
    if reader.xrefs.get_startxref_for_revision(base) != issued_startxref:
        raise SignatureRefused(_(ERROR_SIGNED_OTHER_DOCUMENT))

    old = reader.get_historical_resolver(base)
    new = reader.get_historical_resolver(signed_revision)
    base_size = int(old.trailer_view["/Size"])
    rewritten: set[tuple[int, int]] = set()
    for revision in range(base + 1, signed_revision + 1):
        if any(r.idnum < base_size for r in reader.xrefs.refs_freed_in_revision(revision)):
            raise SignatureRefused(_(ERROR_SIGNED_OTHER_DOCUMENT))
        rewritten |= {
            (r.idnum, r.generation)
            for r in reader.xrefs.explicit_refs_in_revision(revision)
            if r.idnum < base_size
        }
    if not rewritten:
        return

    root_ref = _ref(old.trailer_view.raw_get("/Root"))
    old_root = old.root
    pages = dict(_pages(old_root["/Pages"]))
    may_change = {root_ref, _ref(old.trailer_view.get("/Info"))}
    may_change.add(_ref(old_root.get("/Metadata")))
    may_change.add(_ref(old_root.get("/AcroForm")))
    if "/AcroForm" in old_root:
        may_change.add(_ref(old_root["/AcroForm"].get("/Fields")))
    for ref, page in pages.items():
        may_change.add(ref)
        may_change.add(_ref(page.get("/Annots")))
    for ref in rewritten - may_change:
        # Some tools write objects again unchanged on an incremental save: the same is fine.
        if not _same_object(
            old.get_object(Reference(*ref, pdf=old)), new.get_object(Reference(*ref, pdf=new))
        ):
            raise SignatureRefused(_(ERROR_SIGNED_OTHER_DOCUMENT))

    if root_ref in rewritten:
        new_root = new.root
        if not _same_except(old_root, new_root, _CATALOGUE_MAY_CHANGE):
            raise SignatureRefused(_(ERROR_SIGNED_OTHER_DOCUMENT))
        if "/AcroForm" in new_root:
            form = new_root["/AcroForm"]
            # [] follows a reference, .get() does not
            old_form = old_root["/AcroForm"] if "/AcroForm" in old_root else None  # noqa: SIM401
            added = _added(_items(old_form, "/Fields"), _items(form, "/Fields"))
            if "/XFA" in form or added is None or not all(map(_is_signature_field, added)):
                raise SignatureRefused(_(ERROR_SIGNED_OTHER_DOCUMENT))
    for ref, old_page in pages.items():
        new_page = new.get_object(Reference(*ref, pdf=new))
        if not _same_except(old_page, new_page, frozenset({"/Annots"})):
            raise SignatureRefused(_(ERROR_SIGNED_OTHER_DOCUMENT))
        added = _added(_items(old_page, "/Annots"), _items(new_page, "/Annots"))
        if added is None or not all(map(_is_signature_field, added)):
            raise SignatureRefused(_(ERROR_SIGNED_OTHER_DOCUMENT))


#: Catalogue entries a signing tool may add or change: the form, the signature permissions,
#: validation data, developer extensions, the version, the XMP metadata (none of them is
#: page content).
_CATALOGUE_MAY_CHANGE = frozenset(
    {"/AcroForm", "/Perms", "/DSS", "/Extensions", "/Version", "/Metadata"}
)


def _ref(value) -> tuple[int, int] | None:
    if isinstance(value, generic.IndirectObject):
        return (value.idnum, value.generation)
    return None


def _pages(node, depth: int = 0):
    """(reference, page) for every page under a page-tree node, in order."""
    if depth > 64:
        raise SignatureRefused(_(ERROR_SIGNED_UNREADABLE))
    for kid in _items(node, "/Kids"):
        obj = kid.get_object()
        if obj.get("/Type") == "/Pages":
            yield from _pages(obj, depth + 1)
        else:
            yield _ref(kid), obj


def _same(a, b, depth: int = 0) -> bool:
    """Equal as written in the file: references by number, direct objects by value."""
    if depth > 32:
        return False
    if isinstance(a, generic.IndirectObject) or isinstance(b, generic.IndirectObject):
        return _ref(a) == _ref(b)
    if isinstance(a, generic.StreamObject) or isinstance(b, generic.StreamObject):
        return False  # a stream is always indirect; a direct one here was rewritten
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a.raw_get(k), b.raw_get(k), depth + 1) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(
            _same(x, y, depth + 1) for x, y in zip(a.iterate(), b.iterate(), strict=True)
        )
    if isinstance(a, int | float | decimal.Decimal) and isinstance(
        b, int | float | decimal.Decimal
    ):
        # A rewritten page may write 0.0 as 0: the same number.
        return not isinstance(a, bool) and not isinstance(b, bool) and a == b
    return type(a) is type(b) and a == b


#: How a stream is encoded, which a tool may change without changing what it holds.
_STREAM_ENCODING = frozenset({"/Length", "/Filter", "/DecodeParms"})


def _same_object(old, new) -> bool:
    """An object written again holds what it held (a stream: the same dictionary and data)."""
    if isinstance(old, generic.StreamObject) or isinstance(new, generic.StreamObject):
        return (
            isinstance(old, generic.StreamObject)
            and isinstance(new, generic.StreamObject)
            and _same_except(old, new, _STREAM_ENCODING)
            and old.data == new.data
        )
    return _same(old, new)


def _same_except(old, new, may_change: frozenset[str]) -> bool:
    """``new`` keeps every entry of ``old`` except ``may_change``, and adds only those."""
    if not isinstance(new, dict):
        return False
    kept = set(old.keys()) - may_change
    if kept != set(new.keys()) - may_change:
        return False
    return all(_same(old.raw_get(k), new.raw_get(k)) for k in kept)


def _items(container, key: str) -> list:
    """The entries of an array in a dictionary, as written (references not followed)."""
    if not isinstance(container, dict) or key not in container:
        return []
    array = container[key]
    return list(array.iterate()) if isinstance(array, list) else []


def _added(old_items: list, new_items: list) -> list | None:
    """The entries of ``new_items`` that were not in ``old_items`` (every old one must
    still be there), dereferenced; None when an old entry is gone."""
    remaining = list(new_items)
    for item in old_items:
        match = next((i for i, n in enumerate(remaining) if _same(item, n)), None)
        if match is None:
            return None
        remaining.pop(match)
    return [item.get_object() for item in remaining]


def _is_signature_field(obj) -> bool:
    """A signature field or its widget (the widget may be merged with the field or be its
    kid)."""
    if not isinstance(obj, dict):
        return False
    if "/Subtype" in obj and obj.get("/Subtype") != "/Widget":
        return False
    field = obj
    if "/FT" not in field and "/Parent" in field:
        field = field["/Parent"]
    return field.get("/FT") == "/Sig"


def _signer(status: PdfSignatureStatus, *, trusted: bool) -> Signer:
    cert: x509.Certificate = status.signing_cert
    names = cert.subject.native
    common_name = names.get("common_name") if isinstance(names, dict) else None
    if isinstance(common_name, list):
        common_name = " ".join(common_name)
    subject = cert.subject.human_friendly
    timestamp = status.timestamp_validity
    # A time stamp counts when it is intact and its authority is trusted (a TSA's root in the
    # trust-anchor file); otherwise the time is what the signer's computer said.
    timestamped = bool(timestamp is not None and timestamp.intact and timestamp.trusted)
    signed_at = timestamp.timestamp if timestamped else status.signer_reported_dt
    if signed_at is not None and signed_at.tzinfo is None:
        signed_at = signed_at.replace(tzinfo=datetime.UTC)
    return Signer(
        name=common_name or subject,
        subject=subject,
        issuer=cert.issuer.human_friendly,
        certificate_sha256=hashlib.sha256(cert.dump()).hexdigest(),
        signed_at=signed_at,
        timestamped=timestamped,
        trusted=trusted,
    )


def _validation_context() -> ValidationContext | None:
    path = getattr(settings, "ESFLOW_SIGNATURE_TRUST_ROOTS", "")
    if not path:
        return None
    roots = trust_roots(path)
    # Offline: revocation data embedded in the file are used, nothing is fetched.
    return ValidationContext(trust_roots=list(roots), allow_fetching=False)


def trust_roots(path: str) -> tuple[x509.Certificate, ...]:
    """The certificates in a PEM file (read again when the file changes)."""
    try:
        stamp = Path(path).stat().st_mtime_ns
    except OSError as exc:
        raise ImproperlyConfigured(f"ESFLOW_SIGNATURE_TRUST_ROOTS: cannot read {path}") from exc
    return _load_certificates(path, stamp)


@functools.lru_cache(maxsize=4)
def _load_certificates(path: str, stamp: int) -> tuple[x509.Certificate, ...]:
    data = Path(path).read_bytes()
    try:
        certs = tuple(
            x509.Certificate.load(der)
            for kind, _headers, der in pem.unarmor(data, multiple=True)
            if kind == "CERTIFICATE"
        )
        for cert in certs:
            cert.native  # noqa: B018 -- parse now, so a damaged file fails here, not later
    except ValueError as exc:
        raise ImproperlyConfigured(f"ESFLOW_SIGNATURE_TRUST_ROOTS: {path}: {exc}") from exc
    if not certs:
        raise ImproperlyConfigured(f"ESFLOW_SIGNATURE_TRUST_ROOTS: no certificate in {path}")
    return certs


# Sealing -------------------------------------------------------------------------------


def seal_configured() -> bool:
    return bool(
        getattr(settings, "ESFLOW_SEAL_KEY", "") and getattr(settings, "ESFLOW_SEAL_CERT", "")
    )


def seal_pdf(pdf: bytes) -> bytes:
    """Seal ``pdf`` with the configured key (PAdES baseline B), or return it unchanged.

    The seal is an incremental update: the output starts with the input bytes, so the
    sealed file still contains the issued document byte for byte, and a signatory's own
    signature can follow it. PDF/A: the update adds an invisible signature field (a widget
    with a zero-size rectangle, which needs no appearance, flagged to print), the form entry
    and the updated dates in the XMP and the document information, and keeps the XMP's
    PDF/A identification; PDF/A-2 and -3 allow signatures and incremental updates, so the
    file keeps its PDF/A-3b claim. An RSA key keeps the declared version at 1.7 (pyHanko
    declares PDF 2.0 for an ECDSA signature, which a PDF/A-3 file should not); README,
    "Signatures".
    """
    signer = _seal_signer()
    if signer is None:
        return pdf
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=_free_field_name(writer),
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=getattr(settings, "ESFLOW_SITE_NAME", "esflow"),
    )
    out = io.BytesIO()
    off_the_event_loop(signers.PdfSigner(meta, signer=signer).sign_pdf, writer, output=out)
    return out.getvalue()


def _free_field_name(writer: IncrementalPdfFileWriter) -> str:
    """``esflow-seal``, or ``esflow-seal-2`` … when the file was sealed before."""
    form = writer.root.get("/AcroForm")
    taken = set()
    if form is not None:
        for field in form.get_object().get("/Fields", []):
            name = field.get_object().get("/T")
            if name is not None:
                taken.add(str(name))
    name, n = "esflow-seal", 1
    while name in taken:
        n += 1
        name = f"esflow-seal-{n}"
    return name


def _seal_signer() -> signers.SimpleSigner | None:
    if not seal_configured():
        return None
    key = settings.ESFLOW_SEAL_KEY
    cert = settings.ESFLOW_SEAL_CERT
    passphrase = getattr(settings, "ESFLOW_SEAL_KEY_PASSPHRASE", "") or None
    chain = getattr(settings, "ESFLOW_SEAL_CHAIN", "") or None
    signer = signers.SimpleSigner.load(
        key,
        cert,
        ca_chain_files=(chain,) if chain else None,
        key_passphrase=passphrase.encode() if passphrase else None,
    )
    if signer is None:  # pyHanko logs why
        raise ImproperlyConfigured(f"ESFLOW_SEAL_KEY / ESFLOW_SEAL_CERT: cannot load {key}, {cert}")
    return signer
