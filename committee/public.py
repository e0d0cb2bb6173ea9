"""What the public may read about the committee: the bodies listed on the portal, their
members with the institutions they come from, and the register of adopted resolutions with
their PDF documents. The portal reads these and nothing else of the committee."""

from dataclasses import dataclass
from typing import Any

from directory.constants import BODY_KINDS, OrganisationKind
from directory.models import Membership
from documents.models import Document

from . import permissions as perms
from .documents import MINUTES_DOCUMENT, RESOLUTION_DOCUMENT
from .models import Body, Minutes, Resolution


@dataclass(frozen=True)
class PublicSeat:
    name: str
    role: str
    institutions: list[str]


def public_bodies():
    return Body.objects.filter(is_public=True).select_related("organisation", "parent")


def public_seats(body: Body) -> list[PublicSeat]:
    """The body's current seats, each with the institutions its member comes from (their
    other current memberships, bodies left out), in one query for all of them."""
    seats = list(perms.seats(body))
    others: dict[int, list[str]] = {}
    rows = (
        Membership.objects.current()
        .filter(user_id__in=[s.user_id for s in seats])
        .exclude(organisation__kind__in=BODY_KINDS)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    for m in rows:
        others.setdefault(m.user_id, []).append(m.organisation.name)
    return [
        PublicSeat(s.user.full_name, s.get_role_display(), others.get(s.user_id, [])) for s in seats
    ]


def composition_labels(body: Body) -> list[str]:
    labels = dict(OrganisationKind.choices)
    return [str(labels[k]) for k in body.composition if k in labels]


def public_resolutions():
    return Resolution.objects.filter(body__is_public=True).select_related("body__organisation")


def public_document(source: Any, kind: str) -> Document | None:
    """The newest ready public version of a resolution's or minutes' PDF."""
    return Document.objects.newest_public(type(source), [source.pk], kind).get(source.pk)


def resolution_document(resolution: Resolution) -> Document | None:
    return public_document(resolution, RESOLUTION_DOCUMENT)


def minutes_document(minutes: Minutes) -> Document | None:
    return public_document(minutes, MINUTES_DOCUMENT)


def with_documents(resolutions) -> list[tuple[Resolution, Document | None]]:
    """Each resolution with its newest ready public PDF, in one query for the page."""
    resolutions = list(resolutions)
    found = Document.objects.newest_public(
        Resolution, [r.pk for r in resolutions], RESOLUTION_DOCUMENT
    )
    return [(r, found.get(r.pk)) for r in resolutions]


def public_minutes(body: Body, limit: int = 20) -> list[tuple[Minutes, Document | None]]:
    """The approved minutes of the body's meetings, newest first, each with its newest ready
    public PDF: what a body (a thematic group too) has produced besides its resolutions. Two
    queries, whatever the number of meetings."""
    from .constants import MinutesStatus

    minutes = list(
        Minutes.objects.filter(meeting__body=body, status=MinutesStatus.APPROVED)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-pk")[:limit]
    )
    found = Document.objects.newest_public(Minutes, [m.pk for m in minutes], MINUTES_DOCUMENT)
    return [(m, found.get(m.pk)) for m in minutes]
