"""The public datasets: their querysets (the readers the portal uses too, e.g.
``directory.registry.public`` for the registry; nothing more) and the metadata a national
open-data portal (dane.gov.pl) harvests with each bulk dump."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Min, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casework.kinds.agreement.public import public_agreements
from casework.kinds.practice.public import public_practices
from committee.models import AgendaItem
from committee.public import public_resolutions
from directory.models import RegistryEntry
from directory.registry.public import public_entries
from events.models import Event, Session


def registry_queryset():
    return public_entries().order_by("organisation__name", "pk")


def events_queryset():
    return (
        Event.objects.published()
        .annotate(first_start=Min("sessions__starts_at"))
        .select_related("gmina", "organiser")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk"))
        )
        .order_by("first_start", "pk")
    )


def practices_queryset():
    """Published and archived practices, newest publication first (a unique key last)."""
    return public_practices()


def agreements_queryset():
    """The register of agreements (in force and past), newest start first (a unique key last)."""
    return public_agreements()


def resolutions_queryset():
    """The register of resolutions as the portal orders it (a unique key last), each with
    the items it decides (the case's number or the item's title, and the count)."""
    items = AgendaItem.objects.select_related("case").order_by("position", "pk")
    return (
        public_resolutions()
        .order_by("-year", "-seq", "-pk")
        .prefetch_related(Prefetch("items", queryset=items))
    )


def _registry_modified():
    return RegistryEntry.objects.public().aggregate(m=Max("updated_at"))["m"]


def _events_modified():
    return Event.objects.published().aggregate(m=Max("created_at"))["m"]


def _practices_modified():
    return public_practices().order_by().aggregate(m=Max("case__updated_at"))["m"]


def _agreements_modified():
    return public_agreements().order_by().aggregate(m=Max("case__updated_at"))["m"]


def _resolutions_modified():
    return public_resolutions().order_by().aggregate(m=Max("created_at"))["m"]


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: object
    description: object
    update_frequency: object
    queryset: object
    last_modified: object


DATASETS = {
    "registry": Dataset(
        slug="registry",
        title=_("Registry of social-economy entities"),
        description=_(
            "Entities of the social economy in the region that agreed to publication, with "
            "the field groups each one agreed to publish (address, contact, activity, "
            "employment, offer, social-enterprise status)."
        ),
        update_frequency=_("daily"),
        queryset=registry_queryset,
        last_modified=_registry_modified,
    ),
    "events": Dataset(
        slug="events",
        title=_("Events of the social-economy programme"),
        description=_(
            "Published conferences, workshops and other events of the programme with their "
            "dates; registrations are never published."
        ),
        update_frequency=_("weekly"),
        queryset=events_queryset,
        last_modified=_events_modified,
    ),
    "practices": Dataset(
        slug="practices",
        title=_("Catalogue of good practices"),
        description=_(
            "Good practices of the social economy in the region approved for the catalogue "
            "(published, and archived ones with their status): what the problem was, the "
            "solution, results, costs, the places and the photos; the contact person only "
            "where the organisation agreed to publish it. Review scores are never published."
        ),
        update_frequency=_("weekly"),
        queryset=practices_queryset,
        last_modified=_practices_modified,
    ),
    "agreements": Dataset(
        slug="agreements",
        title=_("Register of partnership agreements"),
        description=_(
            "Partnership agreements of the programme that are in force or have ended: the "
            "title, the parties, the goals and the duration of the version the parties "
            "signed; the signed PDF only where every party agreed to publish it."
        ),
        update_frequency=_("weekly"),
        queryset=agreements_queryset,
        last_modified=_agreements_modified,
    ),
    "resolutions": Dataset(
        slug="resolutions",
        title=_("Register of resolutions of the committee"),
        description=_(
            "Resolutions adopted by the public bodies of the committee: the number, the "
            "body, the date, the title and text, the count of the vote on each matter it "
            "decides, and the PDF once it is ready. How each member voted is never published."
        ),
        update_frequency=_("weekly"),
        queryset=resolutions_queryset,
        last_modified=_resolutions_modified,
    ),
}


def metadata(dataset: Dataset, request) -> dict:
    name, url = settings.ESFLOW_OPEN_DATA_LICENCE
    qs = dataset.queryset()
    return {
        "slug": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "licence": name,
        "licence_url": url,
        "update_frequency": str(dataset.update_frequency),
        "last_modified": dataset.last_modified(),
        "records": qs.count(),
        "csv_url": request.build_absolute_uri(reverse("api:dataset-csv", args=[dataset.slug])),
        "json_url": request.build_absolute_uri(reverse("api:dataset-json", args=[dataset.slug])),
    }
