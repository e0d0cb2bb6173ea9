"""Public pages of the portal: the registry of social-economy entities, contact, sitemap.

Every page here works without JavaScript; htmx only swaps the results in place.
"""

import contextlib

from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from casework.kinds.agreement.public import agreements_of
from casework.kinds.practice.models import GoodPractice
from casework.kinds.practice.public import public_practices
from directory.constants import OrganisationKind
from directory.models import Organisation, RegistryEntry
from directory.registry.public import PublicProfile, public_entries
from directory.registry.querysets import place_choices

from .exports import FORMATS, export_response
from .forms import PAGE_SIZE, RegistrySearchForm
from .map import powiat_shapes, svg_links, table_rows
from .public import PublicListItem

PLACE_FILTERS = ("powiat", "gmina")


class _Search:
    """One search of the public registry: the form and what it selects.

    The words of the query are looked up first; only when they match no entry (whatever
    the place filters) are names similar to the query tried instead (PostgreSQL)."""

    def __init__(self, request):
        self.powiats, self.gminas = place_choices()
        self.form = RegistrySearchForm(
            request.GET or None, powiats=self.powiats, gminas=self.gminas
        )
        filters, self.query, sort = {}, "", ""
        if self.form.is_bound and self.form.is_valid():
            filters = self.form.filters()
            self.query = self.form.cleaned_data["q"]
            sort = self.form.cleaned_data["sort"]
        self.place = {k: v for k, v in filters.items() if k in PLACE_FILTERS}
        anywhere = {k: v for k, v in filters.items() if k not in PLACE_FILTERS}
        #: What the other filters select, in any place (the map counts over it).
        self.base = RegistryEntry.objects.public().public_filter(**anywhere)
        self.by_relevance = bool(self.query) and sort != "name"

    def page(self, number) -> Page:
        """One page of ``PublicListItem`` rows (Django's ``Paginator``); the search keeps
        the counts per powiat (``per_powiat``) for the map."""
        for similar in (False, True):
            found = self.base.search(self.query, similar=similar)
            _here, anywhere, self.per_powiat = found.place_counts(**self.place)
            if anywhere or not self.query:
                break  # else no entry has these words anywhere: a typo? Try similar names.
        columns = PublicListItem.COLUMNS
        rows = (
            found.public_filter(**self.place)
            .ordered(by_relevance=self.by_relevance)
            .values(*columns.values())
        )
        page = Paginator(rows, PAGE_SIZE).get_page(number)
        page.object_list = PublicListItem.rows(
            [{name: row[path] for name, path in columns.items()} for row in page.object_list],
            self.powiat_names,
        )
        return page

    def results(self):
        """All the matching entries in the chosen place, in order (for the exports)."""
        found = self.base.search(self.query)
        if self.query and not found.place_counts()[1]:
            found = self.base.search(self.query, similar=True)
        return found.public_filter(**self.place).ordered(by_relevance=self.by_relevance)

    @cached_property
    def powiat_names(self) -> dict[str, str]:
        return dict(self.powiats)


def _params(request, **changes) -> str:
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    params.update({k: v for k, v in changes.items() if v})
    for k, v in changes.items():
        if not v:
            params.pop(k, None)
    return "?" + urlencode(params) if params else "?"


def _map(request, search: _Search) -> dict:
    """Counts per powiat of what the search and the other filters select, with links that
    add the powiat to the current search."""
    view_box, shapes = powiat_shapes()
    names = search.powiat_names
    counts = search.per_powiat
    selected = search.place.get("powiat", "")
    url = reverse("portal:registry")
    powiats = []
    for shape in shapes:
        name = names.get(shape["code"], shape["name"])
        count = counts.get(shape["code"], 0)
        label = ngettext(
            "Powiat %(name)s: %(counter)s entity", "Powiat %(name)s: %(counter)s entities", count
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
        "powiats": powiats,
        "svg_links": svg_links(powiats),
        "table_rows": table_rows(powiats),
        "clear_href": url + _params(request, powiat=""),
    }


@require_GET
def registry(request):
    """Search the public registry; the URL holds the whole search, so it can be shared."""
    search = _Search(request)
    page = search.page(request.GET.get("page"))
    params = _params(request)
    context = {
        "form": search.form,
        "page": page,
        "profiles": page.object_list,
        "page_base": params,
        "exports": [
            {
                "label": export.label,
                "description": export.describe(),
                "href": reverse("portal:registry-export", args=[key]) + params.rstrip("?"),
            }
            for key, export in FORMATS.items()
        ],
        "map": _map(request, search),
    }
    template = "portal/registry_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


@require_GET
def registry_entry(request, pk: int):
    """The public profile of one entity: only what it agreed to publish."""
    entry = get_object_or_404(public_entries(), pk=pk)
    # Its good practices in the catalogue (the link back from each practice's page).
    practices = [
        {"title": title, "url": reverse("portal:practice", args=[practice_pk])}
        for practice_pk, title in public_practices(
            GoodPractice.objects.filter(case__requesting_organisation_id=entry.organisation_id)
        )
        .prefetch_related(None)
        .values_list("pk", "case__title")
    ]
    return render(
        request,
        "portal/registry_entry.html",
        {
            "profile": PublicProfile(entry),
            "practices": practices,
            "agreements": agreements_of(entry.organisation_id),
        },
    )


@require_GET
def registry_export(request, fmt: str):
    """The current search, all pages, in a file."""
    if fmt not in FORMATS:
        raise Http404
    return export_response(public_entries(_Search(request).results()), fmt)


@require_GET
def contact(request):
    rops = Organisation.objects.filter(kind=OrganisationKind.ROPS, is_active=True).first()
    return render(request, "portal/contact.html", {"rops": rops})


def _public_pages() -> list[tuple[str, str]]:
    from django.utils.translation import gettext as _

    pages = [
        (_("Home page"), reverse("home")),
        (_("Registry of social-economy entities"), reverse("portal:registry")),
        (_("Catalogue of good practices"), reverse("portal:catalogue")),
        (_("Register of partnership agreements"), reverse("portal:agreements")),
        (_("Committee and thematic groups"), reverse("portal:committee-bodies")),
        (_("Register of resolutions"), reverse("portal:resolutions")),
        (_("Contact"), reverse("portal:contact")),
        (_("Verify a document"), reverse("documents:verify")),
        (_("Site map"), reverse("portal:sitemap")),
    ]
    # The accessibility statement belongs to another issue and may not be routed yet.
    with contextlib.suppress(NoReverseMatch):
        pages.append((_("Accessibility statement"), reverse("portal:accessibility")))
    return pages


@require_GET
def sitemap(request):
    return render(request, "portal/sitemap.html", {"pages": _public_pages()})


@require_GET
def sitemap_xml(request):
    base = request.build_absolute_uri("/")[:-1]
    urls = [base + url for _label, url in _public_pages()]
    urls += [
        base + reverse("portal:registry-entry", args=[pk])
        for pk in RegistryEntry.objects.public().order_by("pk").values_list("pk", flat=True)
    ]
    urls += [
        base + reverse("portal:practice", args=[pk])
        for pk in public_practices().prefetch_related(None).values_list("pk", flat=True)
    ]
    return render(request, "portal/sitemap.xml", {"urls": urls}, content_type="application/xml")
