"""Photos of good practices: the rule of who may see one, and its address.

A photo is public once its practice is (``PUBLIC_STATES``); before that it is served only to
those who may see the case (``Case.objects.visible_to``), everyone else gets 404. Pages and
documents ask for a photo's address here, never build it themselves."""

from django.urls import reverse

from casework.models import Case

from .constants import PUBLIC_STATES, PhotoSize
from .models import PracticePhoto


def is_public(photo: PracticePhoto) -> bool:
    return photo.practice.case.status in PUBLIC_STATES


def may_see_photo(user, photo: PracticePhoto) -> bool:
    """Anyone, once the practice is published; before that whoever may see the case."""
    if is_public(photo):
        return True
    return Case.objects.visible_to(user).filter(pk=photo.practice_id).exists()


def public_photo_url(photo: PracticePhoto, size: str = PhotoSize.LARGE) -> str:
    """The address that serves ``photo`` at ``size`` (``PhotoSize``: "large" or "thumb")
    through the permission check: to anyone once the practice is published, before that only
    to those who may see the case."""
    return reverse("casework:practice-photo", kwargs={"pk": photo.pk, "size": PhotoSize(size)})
