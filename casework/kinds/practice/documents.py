"""Good practices as documents of the register (``documents/``): the practice card, issued
when a practice is approved and published, and the yearly catalogue edition.

Both are public documents (what they print is ``public.PUBLIC_FIELDS`` only: the contact
only with consent, no scores) and verifiable like every document. Photos go into the PDF as
PNG data URIs made from their stored thumbnails: the renderer fetches no other image (no
storage, no network), and a PNG is what it accepts from us.

The edition holds every practice published in a year (archived ones too: they were
published that year and stay public), in Polish alphabetical order of their titles, with a
cover, a table of contents whose page numbers the layout fills in (``target-counter()``) and
an index by powiat. Its versions: the coordinator issues an edition (``edition_issue``); the
tick (``editions_refresh``) issues a new version of every edition whose year gained (or
lost) practices since its last version, so the edition on the portal is never behind the
catalogue for longer than a tick. A year's first edition is the coordinator's decision.
"""

import base64
import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.constants import OrganisationKind
from directory.registry.textsearch import polish_sort_key
from directory.roles import is_coordinator, is_staff
from documents.models import Document
from documents.registry import register_document_kind
from documents.services import document_request

from .constants import ThematicArea
from .models import CatalogueEdition, GoodPractice, PracticeVersion
from .public import public_practices, public_values

PRACTICE_CARD = "practice_card"
CATALOGUE_EDITION = "practice_catalogue"


def _png_data_uri(stored) -> str:
    """A stored JPEG derivative as a PNG data URI ("" when the file is gone)."""
    from PIL import Image

    try:
        with stored.open("rb") as handle, Image.open(handle) as image:
            out = io.BytesIO()
            image.convert("RGB").save(out, format="PNG", optimize=False)
    except (FileNotFoundError, OSError, ValueError):
        return ""
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def printed(practice: GoodPractice) -> dict[str, Any]:
    """A practice as the documents print it: its public values, labels and photos."""
    values = public_values(practice)
    org = practice.case.requesting_organisation
    photos = []
    for photo in practice.photos.all():
        uri = _png_data_uri(photo.thumbnail)
        if uri:
            photos.append({"src": uri, "alt": photo.alt_text, "credit": photo.credit()})
    return {
        **values,
        "anchor": f"p{practice.pk}",
        "area_label": str(dict(ThematicArea.choices).get(practice.area, practice.area)),
        "organisation_kind": str(dict(OrganisationKind.choices).get(org.kind, org.kind)),
        "powiats": sorted({g["powiat"] for g in values["gminas"] if g["powiat"]}),
        "printed_photos": photos,
    }


def _card_context(version: PracticeVersion) -> dict:
    practice = public_practices(GoodPractice.objects.filter(pk=version.practice_id)).first()
    if practice is None:
        raise LookupError("The practice is not public.")
    return {
        "title": f"Karta dobrej praktyki: {practice.case.title}"[:300],
        "reference": practice.case.number,
        "p": printed(practice),
    }


def year_practices(year: int):
    """The public practices published in ``year`` (the approval of their version)."""
    return public_practices().filter(current_version__approved_at__year=year)


def _edition_context(edition: CatalogueEdition) -> dict:
    practices = sorted(
        (printed(p) for p in year_practices(edition.year)),
        key=lambda p: (polish_sort_key(p["title"]), p["id"]),
    )
    by_powiat: dict[str, list[dict]] = {}
    for p in practices:
        for powiat in p["powiats"] or ["—"]:
            by_powiat.setdefault(powiat, []).append(p)
    index = sorted(by_powiat.items(), key=lambda item: polish_sort_key(item[0]))
    return {
        "title": f"Katalog dobrych praktyk ekonomii społecznej {edition.year}",
        "reference": f"{edition.year}",
        "edition": edition,
        "practices": practices,
        "index": index,
    }


def _staff(user, source) -> bool:
    return is_staff(user)


def _coordinators(user, source) -> bool:
    return is_coordinator(user)


def register() -> None:
    register_document_kind(
        PRACTICE_CARD,
        template="practice/card.html",
        build_context=_card_context,
        label=_("good practice card"),
        may_manage=_staff,
        reference=lambda version: version.practice.case.number,
        file_prefix="karta-praktyki",
    )
    register_document_kind(
        CATALOGUE_EDITION,
        template="practice/edition.html",
        build_context=_edition_context,
        label=_("catalogue of good practices"),
        may_manage=_coordinators,
        reference=lambda edition: f"{edition.year}",
        file_prefix="katalog-dobrych-praktyk",
    )


def card_request(*, flow, version: PracticeVersion) -> None:
    """Queue the card of a practice just approved and published (``approve``'s ``then``),
    in the transition's transaction."""
    document = document_request(
        kind=PRACTICE_CARD,
        source=version,
        actor=flow.actor,
        key=f"{PRACTICE_CARD}:{version.pk}",
        public=True,
    )
    flow.event_data["document"] = document.pk


def card_document(practice: GoodPractice) -> Document | None:
    """The latest ready card of a practice (one query), for its public page."""
    return Document.objects.newest_public(
        PracticeVersion, [practice.current_version_id], PRACTICE_CARD
    ).get(practice.current_version_id)


def edition_documents() -> list[Document]:
    """The latest ready version of each year's edition, newest year first (one query)."""
    latest: dict[int, Document] = {}
    rows = (
        Document.objects.filter(kind=CATALOGUE_EDITION, is_public=True).ready().order_by("-version")
    )
    for document in rows:
        latest.setdefault(document.source_id, document)
    return sorted(latest.values(), key=lambda d: d.reference, reverse=True)


def current_year() -> int:
    return timezone.localdate().year
