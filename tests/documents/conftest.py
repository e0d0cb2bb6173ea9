import pytest

from documents.services import document_render, document_request

from .factories import NoticeFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its files to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def notice(db):
    return NoticeFactory()


@pytest.fixture
def issue():
    """Request a notice document and render it now, as the worker would."""

    def _issue(notice, *, public=False, key=None, actor=None):
        document = document_request(
            kind="notice", source=notice, actor=actor or notice.created_by, key=key, public=public
        )
        document_render(document_id=document.pk)
        document.refresh_from_db()
        return document

    return _issue


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)
