"""Fixtures of the good-practice tests: a practice of an NGO (the organisation_user's) with
its text complete, and helpers to move it on through the transition service."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from casework.kinds.practice.models import ReviewCriterion
from casework.kinds.practice.services import (
    photo_add,
    practice_create,
    practice_score,
    practice_update,
)
from casework.models import Notification
from tests.factories import TerritorialUnitFactory
from workflows.outbox import outbox_rehand
from workflows.services import transition_apply

TEXT = {
    "partners": "Gminny Ośrodek Pomocy Społecznej w Masłowie",
    "area": "reintegration",
    "problem": "Długotrwale bezrobotni mieszkańcy bez oferty pracy.",
    "solution": "Spółdzielnia socjalna prowadzi stołówkę szkolną.",
    "results": "Zatrudnienie w spółdzielni.",
    "figures": "8 osób zatrudnionych",
    "costs": "120 000 zł",
    "funding_sources": "FEŚ 2021-2027",
    "replication": "Lokal, umowa z gminą, klauzula społeczna.",
    "links": "https://example.pl/praktyka",
    "contact_name": "Anna Nowak",
    "contact_email": "anna@example.pl",
    "contact_phone": "",
    "contact_consent": False,
}


@pytest.fixture
def ngo(organisation_user):
    return organisation_user.memberships.first().organisation


@pytest.fixture
def gmina(db):
    return TerritorialUnitFactory(code="2604092", name="Masłów")


@pytest.fixture
def practice_case(organisation_user, ngo, gmina):
    case = practice_create(
        requesting_organisation=ngo,
        title="Stołówka prowadzona przez spółdzielnię",
        area="reintegration",
        filed_by=organisation_user,
    )
    practice_update(case=case, actor=organisation_user, title=case.title, gminas=[gmina], **TEXT)
    case.refresh_from_db()
    return case


def run(case, name, actor, **data):
    """Apply transition ``name`` as ``actor`` from the case's current status."""
    case.refresh_from_db()
    return transition_apply(
        case=case, name=name, actor=actor, expected_status=case.status, data=data
    )


def score_all(case, actor, value: int):
    """The assignee scores every criterion in use with ``value``."""
    scores = {c.pk: (value, f"Uzasadnienie {c.code}") for c in ReviewCriterion.objects.all()}
    case.refresh_from_db()
    return practice_score(case=case, actor=actor, scores=scores)


@pytest.fixture
def in_review(practice_case, organisation_user, advisor):
    run(practice_case, "submit", organisation_user)
    run(practice_case, "accept", advisor)
    practice_case.refresh_from_db()
    return practice_case


def notified(case, verb):
    """Who got an in-app notification ``verb`` on ``case`` (after running the outbox)."""
    outbox_rehand(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1))
    return {n.recipient for n in Notification.objects.filter(case=case, verb=verb)}


@pytest.fixture
def media_root(settings, tmp_path):
    """Photos are written under a fresh MEDIA_ROOT the test can count files in."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def image_bytes(fmt="JPEG", size=(640, 480), color=(40, 120, 200), **save) -> bytes:
    """An image made here, in ``fmt`` (JPEG, PNG, WEBP, GIF …), with ``save``'s options."""
    mode = "RGBA" if fmt == "PNG" and save.pop("alpha", False) else "RGB"
    image = Image.new(mode, size, color)
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def gps_exif(orientation: int = 1) -> Image.Exif:
    """EXIF with a camera, a date, an orientation and a GPS position (Kielce), built with
    Pillow's Exif API."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Camera Maker"
    exif[ExifTags.Base.Model] = "Secret Phone 12"
    exif[ExifTags.Base.DateTime] = "2026:05:01 12:00:00"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 52.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (20.0, 37.0, 41.0)
    return exif


def upload(content: bytes, name="zdjecie.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def add_photo(case, actor, content=None, **fields):
    """Add a photo (a plain JPEG unless ``content``) through the service."""
    values = {
        "alt_text": "Uczestnicy przy stołówce",
        "author": "Jan Kowalski",
        "licence": "cc-by-4.0",
        **fields,
    }
    return photo_add(
        practice=case.practice,
        file=upload(content if content is not None else image_bytes()),
        actor=actor,
        **values,
    )


def publish(case, advisor, committee_member):
    """From review to published: scores above the threshold, approval of the version."""
    score_all(case, advisor, 4)
    run(case, "submit_for_approval", advisor)
    case.refresh_from_db()
    run(case, "approve", committee_member, version=case.practice.current_version.sha256)
    case.refresh_from_db()
    return case
