"""Small valid (and deliberately invalid) files of every accepted kind, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

MINIMAL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
    b"0000000115 00000 n \ntrailer << /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n"
)

_CONTENT_TYPES_DOCX = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>Opinia w sprawie klauzul spo\xc5\x82ecznych</w:t></w:r></w:p>"
    b"</w:body></w:document>"
)


def zip_bytes(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            compress = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compress)
    return buffer.getvalue()


def docx_bytes(*, content_types: bytes = _CONTENT_TYPES_DOCX) -> bytes:
    return zip_bytes(
        [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", _RELS),
            ("word/document.xml", _DOCUMENT),
        ]
    )


def docm_bytes() -> bytes:
    macro_types = _CONTENT_TYPES_DOCX.replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    return zip_bytes(
        [
            ("[Content_Types].xml", macro_types),
            ("_rels/.rels", _RELS),
            ("word/document.xml", _DOCUMENT),
            ("word/vbaProject.bin", b"\x00" * 64),
        ]
    )


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Wartość szacunkowa"
    workbook.active["B1"] = 250000
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odf_bytes(mimetype: str, *, stored: bool = True, extra=()) -> bytes:
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    ).encode()
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2">'
        b"<office:body/></office:document-content>"
    )
    return zip_bytes(
        [
            ("mimetype", mimetype.encode()),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", content),
            *extra,
        ],
        stored_first=stored,
    )


def odt_bytes() -> bytes:
    return odf_bytes("application/vnd.oasis.opendocument.text")


def ods_bytes() -> bytes:
    return odf_bytes("application/vnd.oasis.opendocument.spreadsheet")


def image_bytes(fmt: str, size: tuple[int, int] = (8, 8)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 79, 138)).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
