"""Published good practices made straight in the database, for the catalogue's tests: the
lifecycle through the transition service is tested in tests/practice; here 60 practices must
be cheap. ``published_practice()`` writes what publication leaves behind (the status, an
approved frozen version) and refreshes the catalogue's index as publication does."""

import datetime
import io
import itertools

from django.utils import timezone

from casework.kinds.practice.models import GoodPractice, PracticeVersion
from casework.kinds.practice.services import practice_index
from casework.models import Case
from tests.factories import OrganisationFactory, TerritorialUnitFactory, UserFactory

_seq = itertools.count(1)


def published_practice(
    *,
    title: str = "",
    organisation=None,
    area: str = "reintegration",
    gminas=(),
    status: str = "published",
    approved_at: datetime.datetime | None = None,
    **text,
) -> GoodPractice:
    n = next(_seq)
    organisation = organisation or OrganisationFactory()
    user = UserFactory()
    approved_at = approved_at or timezone.now()
    case = Case.objects.create(
        kind="practice",
        title=title or f"Praktyka numer {n}",
        requesting_organisation=organisation,
        filed_by=user,
        status=status,
        number=f"DP.8121.{n}.{approved_at.year}",
        number_year=approved_at.year,
        number_seq=n,
    )
    defaults = {
        "problem": "Długotrwałe bezrobocie mieszkańców.",
        "solution": "Spółdzielnia socjalna prowadzi stołówkę szkolną.",
        "results": "Stałe zatrudnienie.",
    }
    practice = GoodPractice.objects.create(case=case, area=area, **{**defaults, **text})
    practice.gminas.set(gminas)
    version = PracticeVersion.objects.create(
        practice=practice,
        number=1,
        sha256="0" * 64,
        sent_by=user,
        approved_by=user,
        approved_at=approved_at,
        title=case.title,
        area=area,
        average="4.00",
    )
    practice.current_version = version
    practice.save(update_fields=["current_version"])
    _index(practice)
    return practice


def _index(practice):
    practice_index(practice=practice)


def gmina(code: str, name: str, powiat_code: str = "", powiat_name: str = ""):
    parent = None
    if powiat_code:
        parent = TerritorialUnitFactory(
            code=powiat_code, name=powiat_name or f"powiat {powiat_code}", kind="powiat"
        )
    unit = TerritorialUnitFactory(code=code, name=name, parent=parent)
    return unit


def jpeg(width: int = 48, height: int = 32, colour=(200, 80, 40)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="JPEG", quality=70)
    return out.getvalue()


def photo(practice, *, alt_text: str = "Kuchnia spółdzielni", n: int = 0):
    """A small stored photo (its derivatives written as the upload service would)."""
    from django.core.files.base import ContentFile

    from casework.kinds.practice.models import PracticePhoto

    colour = ((n * 37) % 256, (n * 91) % 256, (n * 53) % 256)
    data = jpeg(colour=colour)
    result = PracticePhoto(
        practice=practice,
        position=n,
        alt_text=alt_text,
        author="Jan Fotograf",
        licence="cc-by-4.0",
        width=48,
        height=32,
        thumbnail_width=48,
        thumbnail_height=32,
        uploaded_by=practice.case.filed_by,
    )
    result.image.save("x.jpg", ContentFile(data), save=False)
    result.thumbnail.save("x.jpg", ContentFile(data), save=False)
    result.save()
    return result
