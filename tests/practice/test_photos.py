"""Photos of a practice: accepted by their content, stored only as re-encoded derivatives
without any metadata, refused storing nothing; removed and reordered; who may do it."""

import io

import pytest
from django.db import IntegrityError
from PIL import ExifTags, Image, ImageCms

from casework.kinds.practice import services
from casework.kinds.practice.constants import PracticeStatus as S
from casework.kinds.practice.models import PracticePhoto
from casework.kinds.practice.photos import PHOTO_DAMAGED, PHOTO_NOT_IMAGE
from casework.kinds.practice.services import (
    ERROR_PHOTO_ALT_TEXT,
    ERROR_PHOTO_CONSENT,
    photo_move,
    photo_remove,
)
from workflows.constants import RefusalCode
from workflows.exceptions import TransitionRefused

from .conftest import add_photo, gps_exif, image_bytes, run, stored_files

pytestmark = pytest.mark.django_db


def opened(field):
    with field.open("rb") as handle:
        raw = handle.read()
    return raw, Image.open(io.BytesIO(raw))


def test_a_photo_with_gps_and_other_metadata_is_stored_without_any(
    practice_case, organisation_user, media_root
):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>Secret XMP</rdf:Description>'
    xmp += b"</x:xmpmeta>"
    source = image_bytes(
        size=(300, 200),
        exif=gps_exif(orientation=6),
        icc_profile=srgb,
        xmp=xmp,
        comment=b"Secret comment",
    )
    # The photo made here does carry all of it.
    original = Image.open(io.BytesIO(source))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    assert b"Secret XMP" in source
    assert b"Secret Phone" in source

    photo = add_photo(practice_case, organisation_user, content=source)

    for field in (photo.image, photo.thumbnail):
        raw, image = opened(field)
        assert image.format == "JPEG"
        assert not image.getexif()
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(image.info)
        for secret in (b"Exif", b"GPS", b"Secret", b"Camera Maker", b"xmpmeta"):
            assert secret not in raw
        # The EXIF orientation (rotate 90°) was applied to the pixels before it went.
        assert image.size == (200, 300)
    assert (photo.width, photo.height) == (200, 300)
    assert len(stored_files(media_root)) == 2


@pytest.mark.parametrize(
    ("fmt", "name", "extra"),
    [("JPEG", "a.jpg", {}), ("PNG", "a.png", {"alpha": True}), ("WEBP", "a.webp", {})],
)
def test_jpeg_png_and_webp_are_resized_to_the_stored_sizes(
    practice_case, organisation_user, media_root, fmt, name, extra
):
    photo = add_photo(
        practice_case, organisation_user, content=image_bytes(fmt, size=(3200, 1600), **extra)
    )
    assert (photo.width, photo.height) == (1600, 800)
    assert (photo.thumbnail_width, photo.thumbnail_height) == (400, 200)
    _raw, large = opened(photo.image)
    _raw, thumb = opened(photo.thumbnail)
    assert (large.format, large.mode, large.size) == ("JPEG", "RGB", (1600, 800))
    assert thumb.size == (400, 200)


def test_a_small_photo_is_not_enlarged(practice_case, organisation_user, media_root):
    photo = add_photo(practice_case, organisation_user, content=image_bytes(size=(320, 240)))
    assert (photo.width, photo.height) == (320, 240)
    assert (photo.thumbnail_width, photo.thumbnail_height) == (320, 240)


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _bomb() -> bytes:
    """A small PNG of 64 megapixels (one bit each): it would unpack to far too much."""
    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_pdf(), PHOTO_NOT_IMAGE),
        ("Zwykły tekst, nie zdjęcie.".encode(), PHOTO_NOT_IMAGE),
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', PHOTO_NOT_IMAGE),
        (image_bytes("GIF"), PHOTO_NOT_IMAGE),
        (image_bytes("BMP"), PHOTO_NOT_IMAGE),
        (image_bytes(size=(800, 600))[:1500], PHOTO_DAMAGED),
        (image_bytes("PNG", size=(800, 600))[:300], PHOTO_DAMAGED),
    ],
    ids=["pdf-named-jpg", "text", "svg", "gif", "bmp", "truncated-jpeg", "truncated-png"],
)
def test_what_is_not_a_whole_photo_is_refused_storing_nothing(
    practice_case, organisation_user, media_root, content, message
):
    before = stored_files(media_root)
    with pytest.raises(TransitionRefused) as refused:
        add_photo(practice_case, organisation_user, content=content)
    assert refused.value.code == RefusalCode.INVALID
    assert refused.value.errors["file"] == [str(message)]
    assert str(refused.value.message) == str(message)
    assert not PracticePhoto.objects.exists()
    assert stored_files(media_root) == before == []


def test_a_decompression_bomb_is_refused_storing_nothing(
    practice_case, organisation_user, media_root
):
    with pytest.raises(TransitionRefused) as refused:
        add_photo(practice_case, organisation_user, content=_bomb())
    assert "50" in str(refused.value.message)
    assert not PracticePhoto.objects.exists()
    assert stored_files(media_root) == []


def test_an_empty_file_is_refused(practice_case, organisation_user, media_root):
    with pytest.raises(TransitionRefused) as refused:
        add_photo(practice_case, organisation_user, content=b"")
    assert "file" in refused.value.errors
    assert stored_files(media_root) == []


def test_when_the_row_cannot_be_written_the_files_are_removed_again(
    practice_case, organisation_user, media_root, monkeypatch
):
    def fail(self, *args, **kwargs):
        raise IntegrityError("the database said no")

    monkeypatch.setattr(PracticePhoto, "save", fail)
    with pytest.raises(IntegrityError):
        add_photo(practice_case, organisation_user)
    assert not PracticePhoto.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"alt_text": "   "}, "alt_text", ERROR_PHOTO_ALT_TEXT),
        ({"people_shown": True, "people_consent": False}, "people_consent", ERROR_PHOTO_CONSENT),
        ({"licence": "public-domain-ish"}, "licence", None),
        ({"author": ""}, "author", None),
    ],
)
def test_alt_text_author_licence_and_consent_are_required(
    practice_case, organisation_user, media_root, fields, field, message
):
    with pytest.raises(TransitionRefused) as refused:
        add_photo(practice_case, organisation_user, **fields)
    assert list(refused.value.errors) == [field]
    if message is not None:
        assert refused.value.errors[field] == [message]
    assert stored_files(media_root) == []
    assert not PracticePhoto.objects.exists()


def test_people_shown_with_consent_are_stored(practice_case, organisation_user, media_root):
    photo = add_photo(practice_case, organisation_user, people_shown=True, people_consent=True)
    assert photo.people_shown
    assert photo.people_consent
    assert photo.credit() == "Jan Kowalski, CC BY 4.0"


def test_the_database_refuses_people_shown_without_consent(practice_case, organisation_user):
    photo = PracticePhoto(
        practice=practice_case.practice,
        alt_text="x",
        author="y",
        licence="cc0-1.0",
        people_shown=True,
        people_consent=False,
        image="a.jpg",
        thumbnail="b.jpg",
        width=1,
        height=1,
        thumbnail_width=1,
        thumbnail_height=1,
        uploaded_by=organisation_user,
    )
    with pytest.raises(IntegrityError):
        photo.save()


def test_at_most_the_limit_of_photos(practice_case, organisation_user, media_root, monkeypatch):
    monkeypatch.setattr(services, "PHOTOS_MAX", 2)
    add_photo(practice_case, organisation_user)
    add_photo(practice_case, organisation_user)
    with pytest.raises(TransitionRefused) as refused:
        add_photo(practice_case, organisation_user)
    assert "2" in str(refused.value.message)
    assert PracticePhoto.objects.count() == 2
    assert len(stored_files(media_root)) == 4


def test_removing_a_photo_deletes_its_files_after_commit_and_closes_the_gap(
    practice_case, organisation_user, media_root, django_capture_on_commit_callbacks
):
    first, second, third = (
        add_photo(practice_case, organisation_user, alt_text=f"Zdjęcie {n}") for n in (1, 2, 3)
    )
    assert [first.position, second.position, third.position] == [0, 1, 2]
    gone = [media_root / second.image.name, media_root / second.thumbnail.name]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        photo_remove(photo=second, actor=organisation_user)
    # Not yet committed: the files are still there (a rollback would need them).
    assert all(path.exists() for path in gone)
    for callback in callbacks:
        callback()
    assert not any(path.exists() for path in gone)
    assert len(stored_files(media_root)) == 4
    assert [(p.alt_text, p.position) for p in practice_case.practice.photos.all()] == [
        ("Zdjęcie 1", 0),
        ("Zdjęcie 3", 1),
    ]


def test_moving_a_photo_reorders_the_gallery(practice_case, organisation_user, media_root):
    photos = [add_photo(practice_case, organisation_user, alt_text=f"Z{n}") for n in (1, 2, 3)]
    photo_move(photo=photos[2], actor=organisation_user, offset=-1)
    assert [p.alt_text for p in practice_case.practice.photos.all()] == ["Z1", "Z3", "Z2"]
    photo_move(photo=photos[0], actor=organisation_user, offset=1)
    assert [p.alt_text for p in practice_case.practice.photos.all()] == ["Z3", "Z1", "Z2"]
    # Past either end it stays where it is.
    photo_move(photo=photos[1], actor=organisation_user, offset=5)
    photo_move(photo=photos[2], actor=organisation_user, offset=-5)
    assert [p.alt_text for p in practice_case.practice.photos.all()] == ["Z3", "Z1", "Z2"]
    assert [p.position for p in practice_case.practice.photos.all()] == [0, 1, 2]


def test_who_may_edit_photos_when(
    practice_case,
    organisation_user,
    advisor,
    coordinator,
    media_root,
    django_capture_on_commit_callbacks,
):
    photo = add_photo(practice_case, organisation_user)  # the submitter, in a draft
    with pytest.raises(TransitionRefused) as refused:  # staff do not touch a draft
        add_photo(practice_case, advisor)
    assert refused.value.code == RefusalCode.FORBIDDEN
    run(practice_case, "submit", organisation_user)
    practice_case.refresh_from_db()
    for actor in (organisation_user, advisor):  # submitted: nobody
        with pytest.raises(TransitionRefused):
            add_photo(practice_case, actor)
    run(practice_case, "accept", advisor)
    practice_case.refresh_from_db()
    assert practice_case.status == S.IN_REVIEW
    with pytest.raises(TransitionRefused):  # in review: the submitter waits
        photo_move(photo=photo, actor=organisation_user, offset=1)
    add_photo(practice_case, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        photo_remove(photo=photo, actor=advisor)
    run(practice_case, "request_changes", advisor, reason="Dodajcie zdjęcie z zajęć.")
    practice_case.refresh_from_db()
    add_photo(practice_case, organisation_user)  # returned for changes: the submitter again
    with pytest.raises(TransitionRefused):
        add_photo(practice_case, advisor)
    assert practice_case.practice.photos.count() == 2
    assert len(stored_files(media_root)) == 4
