"""The public catalogue of good practices: the list with its search, filters and map, and the
practice's page with its gallery, similar practices and the link to the organisation's
registry profile.

What the public sees is decided by the practice kind (``casework.kinds.practice.public``);
the search is the registry's (folded, stemmed words; ``casework.kinds.practice.catalogue``).
Every page runs a fixed number of queries whatever the number of practices. Works without
JavaScript; htmx only swaps the results in place.
"""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from casework.kinds.practice import catalogue
from casework.kinds.practice.constants import PracticeStatus as S
from casework.kinds.practice.constants import ThematicArea
from casework.kinds.practice.documents import card_document, current_year, edition_documents
from casework.kinds.practice.public import public_practices, public_values
from casework.kinds.practice.services import may_issue_edition
from directory.constants import OrganisationKind
from directory.models import RegistryEntry
from directory.registry.querysets import place_choices

from .forms import PracticeSearchForm
from .map import powiat_shapes, svg_links, table_rows
from .views_public import _params

PAGE_SIZE = 12
#: At most this many similar practices on a practice's page.
SIMILAR = 4


class PracticeItem:
    """A practice as the catalogue shows it: its public values and labels."""

    def __init__(self, practice):
        self.practice = practice
        self.values = public_values(practice)
        self.pk = practice.pk
        self.title = self.values["title"]
        self.url = reverse("portal:practice", args=[practice.pk])
        self.area = str(dict(ThematicArea.choices).get(practice.area, practice.area))
        org = practice.case.requesting_organisation
        self.organisation = org.name
        self.organisation_kind = str(dict(OrganisationKind.choices).get(org.kind, org.kind))
        self.is_archived = practice.case.status == S.ARCHIVED
        self.published_at = self.values["published_at"]
        self.gminas = self.values["gminas"]
        self.powiats = sorted({g["powiat"] for g in self.gminas if g["powiat"]})
        self.photos = self.values["photos"]
        self.thumbnail = self.photos[0] if self.photos else None
        self.summary = practice.solution

    @property
    def place(self) -> str:
        return ", ".join(g["name"] for g in self.gminas)


class _Search:
    """One search of the catalogue: the form, what it selects, counts per powiat."""

    def __init__(self, request):
        self.powiats, self.gminas = place_choices()
        self.everything = public_practices()
        self.form = PracticeSearchForm(
            request.GET or None,
            areas=ThematicArea.choices,
            powiats=self.powiats,
            gminas=self.gminas,
            years=catalogue.publication_years(self.everything),
        )
        filters, self.query = {}, ""
        if self.form.is_bound and self.form.is_valid():
            filters = self.form.filters()
            self.query = self.form.cleaned_data["q"]
        self.place = {k: filters.pop(k, "") for k in ("powiat", "gmina")}
        #: What the words and the other filters select, in any place (the map counts it).
        self.base = catalogue.filter_practices(
            catalogue.search(self.everything, self.query), **filters
        )
        self.found = catalogue.filter_practices(self.base, **self.place)
        if self.query:
            self.found = self.found.order_by("-score", "-current_version__approved_at", "-pk")


def _map(request, search: _Search) -> dict:
    view_box, shapes = powiat_shapes()
    names = dict(search.powiats)
    counts = catalogue.per_powiat(search.base)
    selected = search.place.get("powiat", "")
    url = reverse("portal:catalogue")
    powiats = []
    for shape in shapes:
        name = names.get(shape["code"], shape["name"])
        count = counts.get(shape["code"], 0)
        label = ngettext(
            "Powiat %(name)s: %(counter)s practice",
            "Powiat %(name)s: %(counter)s practices",
            count,
        ) % {"name": name, "counter": count}
        powiats.append(
            {
                **shape,
                "name": name,
                "count": count,
                "label": label,
                "href": url + _params(request, powiat=shape["code"], gmina=""),
                "selected": shape["code"] == selected,
            }
        )
    return {
        "view_box": view_box,
        "svg_links": svg_links(powiats),
        "table_rows": table_rows(powiats),
        "clear_href": url + _params(request, powiat=""),
    }


@require_GET
def catalogue_list(request):
    """Search the catalogue; the URL holds the whole search, so it can be shared."""
    search = _Search(request)
    page = Paginator(search.found, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [PracticeItem(p) for p in page.object_list]
    context = {
        "form": search.form,
        "page": page,
        "practices": page.object_list,
        "page_base": _params(request),
        "map": _map(request, search),
        "editions": edition_documents(),
        "can_issue_edition": may_issue_edition(request.user),
        "this_year": current_year(),
    }
    template = "portal/catalogue_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


@require_GET
def practice_page(request, pk: int):
    """A published (or archived, with a notice) practice; any other is 404."""
    practice = get_object_or_404(public_practices(), pk=pk)
    item = PracticeItem(practice)
    powiat_codes = sorted({g["code"][:4] for g in item.gminas})
    similar_q = Q(area=practice.area)
    for code in powiat_codes:
        similar_q |= catalogue.place_q(powiat=code)
    similar = public_practices().filter(similar_q).exclude(pk=practice.pk)[:SIMILAR]
    org = practice.case.requesting_organisation
    registry_pk = (
        RegistryEntry.objects.public()
        .filter(organisation_id=org.pk)
        .values_list("pk", flat=True)
        .first()
    )
    context = {
        "item": item,
        "practice": practice,
        "values": item.values,
        "similar": [PracticeItem(p) for p in similar],
        "registry_url": reverse("portal:registry-entry", args=[registry_pk]) if registry_pk else "",
        "card": card_document(practice),
    }
    return render(request, "portal/practice.html", context)
