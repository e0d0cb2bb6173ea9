from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    """A register row is *pending* from the job's creation until its file is complete and
    hashed; only a *ready* row is ever served or verified."""

    PENDING = "pending", _("being prepared")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class DocumentEventAction(models.TextChoices):
    """What happened to an issued document after its issue (its append-only history)."""

    CORRECTED = "corrected", _("corrected version issued")
    REVOKED = "revoked", _("revoked")


#: The longest reason for a correction or a revocation (it is shown on the public
#: verification page, so it is kept to a paragraph).
REASON_MAX_LENGTH = 1000

#: The outbox topic of rendering jobs.
RENDER_TOPIC = "documents.render"

#: A worker holds a claimed job this long; after that `tick` may take it over.
RENDER_LEASE_SECONDS = 300

#: Files on disk without a register row are removed once older than this.
ORPHAN_GRACE_SECONDS = 3600

#: Where rendered files go in the default storage (under MEDIA_ROOT, never served by URL).
STORAGE_DIR = "documents"

#: Verification codes: 12 characters of Crockford's base32 (no I, L, O, U), typed in groups.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
CODE_GROUP = 4

#: Largest PDF the verification page accepts.
VERIFY_MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# Error messages (module constants so tests can assert them).
ERROR_UNKNOWN_KIND = _("Unknown document kind: %(kind)s.")
ERROR_NOT_RETRYABLE = _("Only a failed document can be retried.")
ERROR_CODE_FORMAT = _(
    "A verification code has 12 letters and digits, e.g. ABCD-EFGH-JKMN. Check what you typed."
)
ERROR_NOT_A_PDF = _("This file is not a PDF document.")
ERROR_UPLOAD_TOO_LARGE = _("The file is too large to be an esflow document.")
ERROR_TOO_MANY_CHECKS = _("Too many checks from your address. Try again in a minute.")
ERROR_NOT_ISSUED = _("Only an issued document can be corrected or revoked.")
ERROR_REVOKED = _("This document has been revoked; a revoked document cannot be corrected.")
ERROR_NOT_CURRENT = _(
    "A newer version of this document already exists; only the current version can be corrected."
)
ERROR_SOURCE_GONE = _("The record this document was issued from no longer exists.")
ERROR_REASON_REQUIRED = _("Give the reason.")
ERROR_FORM_KEY = _("This form is no longer valid. Open the page again and send it once more.")

# Signed copies (documents.signatures): an upload may be a little larger than the document
# issued for signing (signatures, certificates, time stamps, revocation data are appended).
SIGNED_COPY_MAX_BYTES = 30 * 1024 * 1024

ERROR_SIGNED_TOO_LARGE = _("The file is too large to be a signed copy of an esflow document.")
ERROR_SIGNED_UNREADABLE = _(
    "This PDF file cannot be read: it is damaged or incomplete. Upload the signed file again."
)
ERROR_SIGNED_UNSIGNED = _(
    "This PDF has no electronic signature. Sign the document issued for signing with a "
    "qualified electronic signature or the trusted profile and upload the signed file."
)
ERROR_SIGNED_BROKEN = _(
    "The signature in this PDF is not intact: the file was changed after it was signed, or "
    "the signature is damaged."
)
ERROR_SIGNED_CHANGED = _(
    "This PDF was changed after it was signed: the signature no longer covers its content."
)
ERROR_SIGNED_OTHER_DOCUMENT = _(
    "This signature is not over the document issued for signing. Download that document "
    "from esflow, sign it without changing it and upload the signed file."
)
ERROR_SIGNED_UNTRUSTED = _(
    "The signer's certificate was not issued by a certification authority this service "
    "trusts (a qualified trust service or the trusted profile)."
)
