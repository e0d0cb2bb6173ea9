"""The public datasets: their querysets (the readers the portal uses too, e.g.
``directory.registry.public`` for the registry; nothing more) and the metadata a national
open-data portal (dane.gov.pl) harvests with each bulk dump."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Min, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casework.kinds.practice.public import public_practices
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


def _registry_modified():
    return RegistryEntry.objects.public().aggregate(m=Max("updated_at"))["m"]


def _events_modified():
    return Event.objects.published().aggregate(m=Max("created_at"))["m"]


def _practices_modified():
    return public_practices().order_by().aggregate(m=Max("case__updated_at"))["m"]


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
}

#: The licence of the open data (a deployment may set its own in ``ESFLOW_OPEN_DATA_LICENCE``).
DEFAULT_LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


def metadata(dataset: Dataset, request) -> dict:
    name, url = getattr(settings, "ESFLOW_OPEN_DATA_LICENCE", DEFAULT_LICENCE)
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
