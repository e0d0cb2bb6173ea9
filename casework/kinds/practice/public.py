"""What the public may see of good practices: the one place that decides it.

Every public reader — the portal's catalogue, the practice card and the yearly edition
(PDF documents), the public API — reads practices only through ``public_practices()`` and
their fields only through ``PUBLIC_FIELDS`` / ``public_values()``, so a field added to the
practice is private until it is named here.

Public are the published practices and the archived ones (they stay readable with a notice).
Not public: the scores and their justifications, the average, the internal comments, the
review's frozen versions beyond the approval date, the submitter's users, and the contact
person unless the submitting organisation consented to show it (``contact_consent``).
"""

from django.db.models import Prefetch, QuerySet

from directory.models import TerritorialUnit

from .constants import KIND, PUBLIC_STATES, PhotoSize
from .models import GoodPractice, PracticePhoto
from .photos import public_photo_url

__all__ = ["PUBLIC_FIELDS", "PUBLIC_STATES", "public_practices", "public_values"]

#: The practice's public fields (on the practice, its case or its organisation). The contact
#: fields are public only with consent (``public_contact()``); nothing else is.
PUBLIC_FIELDS = (
    "id",  # the case's primary key: the catalogue's and the API's identifier
    "number",
    "title",
    "status",  # "published" or "archived"
    "organisation",  # {id, name, kind} of the submitting organisation
    "partners",
    "area",
    "gminas",  # [{code, name, powiat}]
    "period_start",
    "period_end",
    "problem",
    "solution",
    "results",
    "figures",
    "costs",
    "funding_sources",
    "replication",
    "links",
    "published_at",  # when the committee member approved it
    "contact",  # {name, email, phone} with consent, else None
    "photos",  # [{id, alt_text, author, licence, credit, url, thumbnail_url, sizes}]
)

#: Shown only when the organisation consented (``contact_consent``).
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


def public_practices(practices: QuerySet | None = None) -> QuerySet:
    """``public_practices()``: the good practices the public may see — published and
    archived — of ``practices`` (a ``GoodPractice`` queryset) if given, with everything a
    public page, document or API row shows (case, organisation, approved version, gminas
    with their powiats, photos once the kind has them) in a fixed number of queries whatever
    their number. Newest publication first."""
    if practices is None:
        practices = GoodPractice.objects.all()
    gminas = TerritorialUnit.objects.select_related("parent").order_by("name", "code")
    photos = PracticePhoto.objects.order_by("position", "pk")
    return (
        practices.filter(case__kind=KIND, case__status__in=PUBLIC_STATES)
        .select_related("case__requesting_organisation", "current_version")
        .prefetch_related(Prefetch("gminas", queryset=gminas), Prefetch("photos", queryset=photos))
        .order_by("-current_version__approved_at", "-pk")
    )


def is_public(practice: GoodPractice) -> bool:
    return practice.case.kind == KIND and practice.case.status in PUBLIC_STATES


def public_contact(practice: GoodPractice) -> dict | None:
    """The contact person, only if the organisation consented to show it."""
    if not practice.contact_consent:
        return None
    contact = {
        "name": practice.contact_name,
        "email": practice.contact_email,
        "phone": practice.contact_phone,
    }
    return contact if any(contact.values()) else None


def public_values(practice: GoodPractice) -> dict:
    """The practice's ``PUBLIC_FIELDS`` as plain Python values (dates, datetimes, lists),
    read from the objects ``public_practices()`` loaded (no further query)."""
    case = practice.case
    org = case.requesting_organisation
    version = practice.current_version
    return {
        "id": case.pk,
        "number": case.number,
        "title": case.title,
        "status": case.status,
        "organisation": {"id": org.pk, "name": org.name, "kind": org.kind},
        "partners": [line.strip() for line in practice.partners.splitlines() if line.strip()],
        "area": practice.area,
        "gminas": [
            {
                "code": g.code,
                "name": g.name,
                "powiat": g.parent.name if g.parent else "",
            }
            for g in practice.gminas.all()
        ],
        "period_start": practice.period_start,
        "period_end": practice.period_end,
        "problem": practice.problem,
        "solution": practice.solution,
        "results": practice.results,
        "figures": [line.strip() for line in practice.figures.splitlines() if line.strip()],
        "costs": practice.costs,
        "funding_sources": practice.funding_sources,
        "replication": practice.replication,
        "links": practice.link_list(),
        "published_at": version.approved_at if version else None,
        "contact": public_contact(practice),
        "photos": [photo_values(photo) for photo in practice.photos.all()],
    }


def photo_values(photo: PracticePhoto) -> dict:
    """A photo as the public sees it: its description, credit and addresses."""
    return {
        "id": photo.pk,
        "alt_text": photo.alt_text,
        "author": photo.author,
        "licence": photo.licence,
        "licence_label": str(photo.get_licence_display()),
        "credit": photo.credit(),
        "url": public_photo_url(photo, PhotoSize.LARGE),
        "thumbnail_url": public_photo_url(photo, PhotoSize.THUMB),
        "width": photo.width,
        "height": photo.height,
        "thumbnail_width": photo.thumbnail_width,
        "thumbnail_height": photo.thumbnail_height,
    }
