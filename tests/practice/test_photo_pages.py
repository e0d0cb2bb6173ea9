"""The photo pages: the form on the edit page and the photos page (labels, alt text required,
errors, nothing stored on a refusal), ordering and removal over HTTP, the gallery on the case
page; and who is refused (404 for who may not see the case, 403 for who sees it but may not
touch its photos)."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from casework.kinds.practice.models import PracticePhoto
from casework.kinds.practice.photos import PHOTO_NOT_IMAGE
from casework.kinds.practice.services import ERROR_PHOTO_CONSENT
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import add_photo, gps_exif, image_bytes, run, stored_files, upload

pytestmark = pytest.mark.django_db


def photos_url(case):
    return reverse("casework:practice-photos", args=[case.pk])


def photo_data(content=None, **changes):
    return {
        "photo-file": upload(content if content is not None else image_bytes()),
        "photo-alt_text": "Kucharki spółdzielni wydają obiad",
        "photo-author": "Jan Kowalski",
        "photo-licence": "cc-by-sa-4.0",
        "back": "edit",
        **changes,
    }


@pytest.fixture
def stranger(db):
    return MembershipFactory(organisation=OrganisationFactory()).user


def test_the_edit_page_has_the_photo_form_in_a_fieldset(client, organisation_user, practice_case):
    client.force_login(organisation_user)
    page = client.get(reverse("casework:practice-edit", args=[practice_case.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert "<legend>Dodaj zdjęcie</legend>" in page
    assert '<label for="id_photo-alt_text">' in page
    assert 'accept="image/jpeg,image/png,image/webp"' in page


def test_the_submitter_adds_a_photo_from_the_edit_page(
    client, organisation_user, practice_case, media_root
):
    client.force_login(organisation_user)
    content = image_bytes(size=(2000, 1000), exif=gps_exif())
    response = client.post(photos_url(practice_case), photo_data(content))
    assert response.status_code == 302
    assert response.url == reverse("casework:practice-edit", args=[practice_case.pk])
    photo = PracticePhoto.objects.get()
    assert (photo.licence, photo.width, photo.uploaded_by) == (
        "cc-by-sa-4.0",
        1600,
        organisation_user,
    )
    assert len(stored_files(media_root)) == 2
    page = client.get(response.url).content.decode()
    assert f'src="{photo.thumbnail_url}"' in page
    assert 'alt="Kucharki spółdzielni wydają obiad"' in page


def test_a_refused_file_is_the_fields_error_and_nothing_is_stored(
    client, organisation_user, practice_case, media_root
):
    client.force_login(organisation_user)
    pdf_as_jpg = upload(b"%PDF-1.7\n%%EOF\n", name="zdjecie.jpg")
    response = client.post(photos_url(practice_case), {**photo_data(), "photo-file": pdf_as_jpg})
    assert response.status_code == 400
    assert gettext(PHOTO_NOT_IMAGE) in response.content.decode()
    assert not PracticePhoto.objects.exists()
    assert stored_files(media_root) == []


def test_alt_text_is_required_and_people_need_consent(
    client, organisation_user, practice_case, media_root
):
    client.force_login(organisation_user)
    response = client.post(
        photos_url(practice_case),
        photo_data(**{"photo-alt_text": "", "photo-people_shown": "on"}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_photo-alt_text"' in page
    assert gettext(ERROR_PHOTO_CONSENT) in page
    assert not PracticePhoto.objects.exists()
    assert stored_files(media_root) == []


def test_reordering_and_removal_over_http(
    client, organisation_user, practice_case, media_root, django_capture_on_commit_callbacks
):
    first = add_photo(practice_case, organisation_user, alt_text="Pierwsze")
    second = add_photo(practice_case, organisation_user, alt_text="Drugie")
    client.force_login(organisation_user)
    move = reverse("casework:practice-photo-move", args=[practice_case.pk, second.pk])
    response = client.post(move, {"direction": "up", "back": "photos"})
    assert response.url == photos_url(practice_case)
    assert [p.alt_text for p in practice_case.practice.photos.all()] == ["Drugie", "Pierwsze"]
    # A bad direction is a message, not a 500, and changes nothing.
    client.post(move, {"direction": "sideways"})
    assert [p.alt_text for p in practice_case.practice.photos.all()] == ["Drugie", "Pierwsze"]
    remove = reverse("casework:practice-photo-remove", args=[practice_case.pk, first.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(remove, {"back": "edit"}).status_code == 302
    assert [p.alt_text for p in practice_case.practice.photos.all()] == ["Drugie"]
    assert len(stored_files(media_root)) == 2
    assert client.get(remove).status_code == 405


def test_the_case_page_shows_the_gallery_with_credits(
    client, organisation_user, advisor, practice_case, media_root
):
    photo = add_photo(practice_case, organisation_user)
    run(practice_case, "submit", organisation_user)
    client.force_login(advisor)
    page = client.get(reverse("casework:case-detail", args=[practice_case.pk])).content.decode()
    assert f'href="{photo.image_url}"' in page
    assert "Fot.: Jan Kowalski, CC BY 4.0" in page
    # Submitted: nobody edits photos until the review starts.
    assert photos_url(practice_case) not in page
    run(practice_case, "accept", advisor)
    page = client.get(reverse("casework:case-detail", args=[practice_case.pk])).content.decode()
    assert photos_url(practice_case) in page
    assert client.get(photos_url(practice_case)).status_code == 200


def test_who_is_refused(
    client, organisation_user, stranger, advisor, committee_member, practice_case, media_root
):
    photo = add_photo(practice_case, organisation_user)
    move = reverse("casework:practice-photo-move", args=[practice_case.pk, photo.pk])
    remove = reverse("casework:practice-photo-remove", args=[practice_case.pk, photo.pk])
    # Who may not see the draft: 404 on every page.
    for user in (stranger, advisor, committee_member):
        client.force_login(user)
        assert client.get(photos_url(practice_case)).status_code == 404
        assert client.post(photos_url(practice_case), photo_data()).status_code == 404
        assert client.post(move, {"direction": "up"}).status_code == 404
        assert client.post(remove).status_code == 404
    # Submitted: the submitter sees the case but may not touch the photos (403).
    run(practice_case, "submit", organisation_user)
    client.force_login(organisation_user)
    assert client.get(photos_url(practice_case)).status_code == 403
    assert client.post(remove).status_code == 403
    # A photo of another practice, or none at all, is 404 under this case.
    run(practice_case, "accept", advisor)
    client.force_login(advisor)
    other = reverse("casework:practice-photo-remove", args=[practice_case.pk, photo.pk + 1000])
    assert client.post(other).status_code == 404
    assert PracticePhoto.objects.count() == 1
    client.logout()
    assert client.get(photos_url(practice_case)).status_code == 302  # to the login page
