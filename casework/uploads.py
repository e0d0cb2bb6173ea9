"""Attachment uploads: what we accept, decided by the content, never by the name.

Accepted: PDF, DOCX, XLSX, ODT, ODS, JPG and PNG. ZIP-based formats are recognised by their
inner structure (and refused when they would unpack to something absurd, or carry macros);
images are checked by Pillow; the extension must agree with what the content is. The
original name is kept, sanitised, for download; the stored file gets a random name. Every
refusal is a ``ValidationError`` with one of the messages below, so a form shows it as a
field error and nothing is stored.

Names: Django's upload parser already drops any directory part and unprintable characters
from names sent by a browser. Names that still contain a path separator, ``..`` or control
(or bidi-formatting) characters reach us only from other callers (an API, a script): we
refuse them rather than guess what was meant.
"""

import hashlib
import re
import unicodedata
import uuid
import warnings
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, default_storage
from django.db import models
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

UPLOAD_MAX_BYTES_DEFAULT = 10 * 1024 * 1024
#: ZIP-based documents: more entries or more unpacked bytes than this is not a document.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: An entry over 1 MB unpacked that shrank more than this many times is a bomb, not XML.
ZIP_MAX_RATIO = 200
#: Longest kept file name (characters, extension included).
NAME_MAX_LENGTH = 150
#: A name that is only dots and spaces is stored under this stem.
FALLBACK_STEM = "plik"

UPLOAD_EMPTY = _("The file is empty.")
UPLOAD_TOO_BIG = _("The file is too big: the limit is %(limit)s.")
UPLOAD_BAD_NAME = _(
    "The file name contains a folder path, “..” or control characters. "
    "Rename the file and upload it again."
)
UPLOAD_NO_NAME = _("The file has no usable name. Rename the file and upload it again.")
UPLOAD_UNKNOWN_CONTENT = _(
    "This file is not a PDF, DOCX, XLSX, ODT, ODS, JPG or PNG file, whatever its name says. "
    "Save it in one of these formats and upload it again."
)
UPLOAD_EXTENSION_MISMATCH = _(
    "The file is a %(kind)s file but its name ends in .%(ext)s. "
    "Rename it to end in .%(expected)s, or upload the file you meant."
)
UPLOAD_NO_EXTENSION = _("The file name has no extension: a %(kind)s file ends in .%(expected)s.")
UPLOAD_ACTIVE_CONTENT = _(
    "Web pages, SVG images and documents with macros can run code and are not accepted. "
    "Save the content as PDF and upload it again."
)
UPLOAD_PLAIN_ZIP = _(
    "This is a ZIP archive, not a document. Upload the documents themselves "
    "(PDF, DOCX, XLSX, ODT, ODS, JPG or PNG)."
)
UPLOAD_BOMB = _("The file unpacks to an unreasonable size or number of parts and is refused.")
UPLOAD_DAMAGED = _("The file looks like a %(kind)s file but is damaged. Save it again and retry.")


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    ODT = "odt", "ODT"
    ODS = "ods", "ODS"
    JPEG = "jpeg", "JPG"
    PNG = "png", "PNG"


CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
}

#: Extensions each kind may carry; the first is the one we suggest.
EXTENSIONS = {
    FileKind.PDF: ("pdf",),
    FileKind.DOCX: ("docx",),
    FileKind.XLSX: ("xlsx",),
    FileKind.ODT: ("odt",),
    FileKind.ODS: ("ods",),
    FileKind.JPEG: ("jpg", "jpeg"),
    FileKind.PNG: ("png",),
}

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": FileKind.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": FileKind.ODS,
}
# Markup a browser could run: sniffed in the first bytes, whatever the extension.
_ACTIVE_MARKUP = re.compile(
    rb"<\s*(svg|html|!doctype\s+html|script|head|body|iframe|object|embed|xml-stylesheet)\b"
    rb"|<\?xml[^>]*>\s*(<!--.*?-->\s*)*<\s*svg\b",
    re.IGNORECASE | re.DOTALL,
)
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class InspectedUpload:
    kind: str
    content_type: str
    safe_name: str
    size: int
    sha256: str


def upload_max_bytes() -> int:
    return int(getattr(settings, "ESFLOW_UPLOAD_MAX_BYTES", UPLOAD_MAX_BYTES_DEFAULT))


# --- names -------------------------------------------------------------------------------


def sanitise_name(raw: str) -> str:
    """The name to keep for download, or ValidationError for a name we refuse.

    Refused: a path separator (``/`` or ``\\``), the name ``..``, control or format characters
    (these include the bidi overrides that disguise ``gpj.exe`` as ``exe.jpg``). Kept: Polish and
    other letters (NFC-normalised); characters Windows cannot store become ``_``; runs of
    spaces shrink to one; leading and trailing dots and spaces go; the name is cut to
    NAME_MAX_LENGTH keeping its extension; an empty stem becomes "plik".
    """
    name = unicodedata.normalize("NFC", raw or "")
    if "/" in name or "\\" in name or name.strip() == "..":
        raise ValidationError(UPLOAD_BAD_NAME, code="bad_name")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        raise ValidationError(UPLOAD_BAD_NAME, code="bad_name")
    name = re.sub(r'[<>:"|?*]', "_", name)
    name = re.sub(r"\s+", " ", name).strip()
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem, ext = stem.strip(" ."), ext.strip()[:10]
    if not stem and not ext:
        raise ValidationError(UPLOAD_NO_NAME, code="no_name")
    room = NAME_MAX_LENGTH - (len(ext) + 1 if ext else 0)
    stem = stem[:room].rstrip(" .") or FALLBACK_STEM
    return f"{stem}.{ext}" if ext else stem


def _extension(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


# --- content -------------------------------------------------------------------------------


def _read_capped(archive: zipfile.ZipFile, name: str, cap: int = 1024 * 1024) -> bytes:
    with archive.open(name) as member:
        return member.read(cap + 1)


def _inspect_zip(upload) -> str:
    """The kind of a ZIP-based document, or ValidationError."""
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(UPLOAD_PLAIN_ZIP, code="plain_zip") from None
    except NotImplementedError:  # a ZIP version zipfile does not read ("zip file version 6.4")
        raise ValidationError(UPLOAD_UNKNOWN_CONTENT, code="unknown") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > ZIP_MAX_ENTRIES:
            raise ValidationError(UPLOAD_BOMB, code="bomb")
        if sum(info.file_size for info in infos) > ZIP_MAX_UNCOMPRESSED_BYTES:
            raise ValidationError(UPLOAD_BOMB, code="bomb")
        for info in infos:
            if info.file_size > 1024 * 1024 and info.file_size > ZIP_MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise ValidationError(UPLOAD_BOMB, code="bomb")
        names = {info.filename for info in infos}
        try:
            if infos and infos[0].filename == "mimetype":
                return _inspect_odf(archive, infos, names)
            if "[Content_Types].xml" in names:
                return _inspect_ooxml(archive, names)
        except (
            zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, NotImplementedError
        ):  # fmt: skip
            # A damaged member, an encrypted one (RuntimeError), a bad CRC, a ZIP version or
            # compression method zipfile does not read (NotImplementedError) …
            raise ValidationError(UPLOAD_UNKNOWN_CONTENT, code="unknown") from None
    raise ValidationError(UPLOAD_PLAIN_ZIP, code="plain_zip")


def _inspect_odf(archive: zipfile.ZipFile, infos, names: set[str]) -> str:
    # ODF 1.2 part 3, 3.3: "mimetype" is the first entry, stored uncompressed.
    if infos[0].compress_type != zipfile.ZIP_STORED:
        raise ValidationError(UPLOAD_PLAIN_ZIP, code="plain_zip")
    kind = _ODF_MIMETYPES.get(_read_capped(archive, "mimetype", 200))
    if kind is None:
        raise ValidationError(UPLOAD_UNKNOWN_CONTENT, code="unknown")
    if "content.xml" not in names:
        raise ValidationError(UPLOAD_DAMAGED, code="damaged", params={"kind": FileKind(kind).label})
    if any(n.startswith(("Basic/", "Scripts/")) for n in names):
        raise ValidationError(UPLOAD_ACTIVE_CONTENT, code="active")
    return kind


def _inspect_ooxml(archive: zipfile.ZipFile, names: set[str]) -> str:
    types = _read_capped(archive, "[Content_Types].xml")
    if b"macroEnabled" in types or any(n.endswith("vbaProject.bin") for n in names):
        raise ValidationError(UPLOAD_ACTIVE_CONTENT, code="active")
    if "word/document.xml" in names and b"wordprocessingml.document.main+xml" in types:
        return FileKind.DOCX
    if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main+xml" in types:
        return FileKind.XLSX
    # Another OOXML (pptx, vsdx …) or a ZIP dressed up with a stray [Content_Types].xml.
    raise ValidationError(UPLOAD_PLAIN_ZIP, code="plain_zip")


def _inspect_image(upload, kind: str) -> str:
    from PIL import Image  # Pillow comes with WeasyPrint; imported only when needed

    expected = {FileKind.JPEG: "JPEG", FileKind.PNG: "PNG"}[kind]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format != expected:
                    raise ValidationError(UPLOAD_UNKNOWN_CONTENT, code="unknown")
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(UPLOAD_BOMB, code="bomb") from None
    except ValidationError:
        raise
    except Exception:  # Pillow raises many types for a broken image
        raise ValidationError(
            UPLOAD_DAMAGED, code="damaged", params={"kind": FileKind(kind).label}
        ) from None
    return kind


def _inspect_pdf(upload) -> str:
    upload.seek(0, 2)
    end = upload.tell()
    upload.seek(max(0, end - 2048))
    if b"%%EOF" not in upload.read():
        raise ValidationError(UPLOAD_DAMAGED, code="damaged", params={"kind": "PDF"})
    return FileKind.PDF


def detect_kind(upload) -> str:
    """What the file is, by its bytes; ValidationError if it is nothing we accept."""
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return _inspect_pdf(upload)
    if head.startswith(_PNG_SIGNATURE):
        return _inspect_image(upload, FileKind.PNG)
    if head.startswith(b"\xff\xd8\xff"):
        return _inspect_image(upload, FileKind.JPEG)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _inspect_zip(upload)
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    if _ACTIVE_MARKUP.search(text[:1024]) or _ACTIVE_MARKUP.search(text.replace(b"\x00", b"")):
        raise ValidationError(UPLOAD_ACTIVE_CONTENT, code="active")
    raise ValidationError(UPLOAD_UNKNOWN_CONTENT, code="unknown")


def inspect_upload(uploaded_file, *, name: str | None = None) -> InspectedUpload:
    """Check an uploaded file and describe it; ValidationError with a clear message if refused.

    ``name`` overrides the file's own name (for callers that get the name separately).
    """
    limit = upload_max_bytes()
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > limit:
        raise ValidationError(
            UPLOAD_TOO_BIG, code="too_big", params={"limit": filesizeformat(limit)}
        )
    digest = hashlib.sha256()
    size = 0
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise ValidationError(
                UPLOAD_TOO_BIG, code="too_big", params={"limit": filesizeformat(limit)}
            )
        digest.update(chunk)
    if size == 0:
        raise ValidationError(UPLOAD_EMPTY, code="empty")
    safe_name = sanitise_name(name if name is not None else uploaded_file.name)
    try:
        kind = detect_kind(uploaded_file)
    finally:
        uploaded_file.seek(0)
    ext = _extension(safe_name)
    allowed = EXTENSIONS[kind]
    if not ext:
        raise ValidationError(
            UPLOAD_NO_EXTENSION,
            code="no_extension",
            params={"kind": FileKind(kind).label, "expected": allowed[0]},
        )
    if ext not in allowed:
        raise ValidationError(
            UPLOAD_EXTENSION_MISMATCH,
            code="extension_mismatch",
            params={"kind": FileKind(kind).label, "ext": ext, "expected": allowed[0]},
        )
    return InspectedUpload(
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        safe_name=safe_name,
        size=size,
        sha256=digest.hexdigest(),
    )


# --- storing -----------------------------------------------------------------------------


def random_storage_name(*, prefix: str = "attachments") -> str:
    """``attachments/<yyyy>/<uuid4 hex>``: nothing of the user's name reaches the disk."""
    return f"{prefix}/{timezone.localdate():%Y}/{uuid.uuid4().hex}"


def upload_store(*, uploaded_file, storage: Storage | None = None) -> str:
    """Write an inspected upload under a random name; returns the storage name.

    Call it only after ``inspect_upload`` passed, inside the service that records the
    attachment row, so a refused upload never reaches the storage.
    """
    storage = storage or default_storage
    uploaded_file.seek(0)
    return storage.save(random_storage_name(), uploaded_file)


UPLOAD_HELP = _("PDF, DOCX, XLSX, ODT, ODS, JPG or PNG, at most %(limit)s.")

# Translated when shown, not when the form class is defined.
_attachment_help_text = lazy(
    lambda: UPLOAD_HELP % {"limit": filesizeformat(upload_max_bytes())}, str
)


class AttachmentField(forms.FileField):
    """A file field that runs ``inspect_upload``: a refused file is a form error.

    The cleaned value is the uploaded file with an ``inspected`` attribute
    (InspectedUpload); the field itself stores nothing.
    """

    default_error_messages = {"empty": UPLOAD_EMPTY}

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.ClearableFileInput(
                attrs={"accept": ",".join(f".{e}" for exts in EXTENSIONS.values() for e in exts)}
            ),
        )
        kwargs.setdefault("help_text", _attachment_help_text())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and uploaded is not initial and hasattr(uploaded, "chunks"):
            uploaded.inspected = inspect_upload(uploaded)
        return uploaded


def attachment_response(
    *, storage_name: str, original_name: str, content_type: str, storage: Storage | None = None
) -> FileResponse:
    """The file as a download. Call it only after the permission check of the view.

    Always ``attachment`` (never shown inline, so a file cannot run in our origin), with the
    content type we detected at upload, ``nosniff``, and no caching by shared proxies.
    """
    storage = storage or default_storage
    response = FileResponse(
        storage.open(storage_name, "rb"),
        as_attachment=True,
        filename=original_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
