"""Serving a practice's photos: through the case's visibility rule until the practice is
published (404 for everyone else), to anyone once it is published or archived; 404 for an
unknown photo or size, whoever asks."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from casework.kinds.practice.photos import public_photo_url
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import add_photo, publish, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger(db):
    return MembershipFactory(organisation=OrganisationFactory()).user


@pytest.fixture
def photo(practice_case, organisation_user, media_root):
    return add_photo(practice_case, organisation_user)


def get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_the_url_names_the_photo_and_its_size(photo):
    assert public_photo_url(photo) == reverse(
        "casework:practice-photo", kwargs={"pk": photo.pk, "size": "large"}
    )
    assert public_photo_url(photo, "thumb").endswith(f"/{photo.pk}/thumb/")
    with pytest.raises(ValueError, match="original"):
        public_photo_url(photo, "original")


def test_a_draft_photo_is_served_only_to_the_submitting_side(
    client, photo, organisation_user, stranger, advisor, committee_member
):
    response = get(client, organisation_user, public_photo_url(photo, "thumb"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (photo.thumbnail_width, photo.thumbnail_height)
    # A draft is seen by nobody else: not a stranger, not the office, not anonymous.
    for user in (stranger, advisor, committee_member, None):
        assert get(client, user, public_photo_url(photo)).status_code == 404


def test_in_review_the_office_sees_it_and_outsiders_do_not(
    client, photo, practice_case, organisation_user, advisor, stranger, committee_member
):
    run(practice_case, "submit", organisation_user)
    assert get(client, advisor, public_photo_url(photo)).status_code == 200
    for user in (stranger, committee_member, None):
        assert get(client, user, public_photo_url(photo)).status_code == 404


def test_once_published_and_archived_anyone_sees_it(
    client, photo, practice_case, organisation_user, advisor, coordinator, committee_member
):
    run(practice_case, "submit", organisation_user)
    run(practice_case, "accept", advisor)
    publish(practice_case, advisor, committee_member)
    response = get(client, None, public_photo_url(photo))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (photo.width, photo.height)
    assert not image.getexif()
    run(practice_case, "archive", coordinator)
    assert get(client, None, public_photo_url(photo, "thumb")).status_code == 200


@pytest.mark.parametrize(
    "tail",
    [
        "{pk}/original/",
        "{pk}/LARGE/",
        "{pk}/large%00/",
        "999999/large/",
        "0/large/",
        "99999999999999999999999/large/",
        "{pk}/",
    ],
)
def test_unknown_photos_and_sizes_are_404_even_for_the_submitter(
    client, photo, organisation_user, tail
):
    url = public_photo_url(photo)
    base = url[: url.index(f"{photo.pk}/large/")]
    assert get(client, organisation_user, base + tail.format(pk=photo.pk)).status_code == 404


def test_a_photo_whose_file_is_gone_is_404_not_500(client, photo, organisation_user):
    photo.image.storage.delete(photo.image.name)
    assert get(client, organisation_user, public_photo_url(photo)).status_code == 404
