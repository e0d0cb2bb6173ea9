"""Public pages of the portal: the registry of social-economy entities, contact, sitemap.

Every page here works without JavaScript; htmx only swaps the results in place.
"""

import contextlib

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from directory.constants import OrganisationKind, UnitKind
from directory.models import Organisation, RegistryEntry, TerritorialUnit

from .exports import FORMATS, export_response
from .forms import PAGE_SIZE, RegistrySearchForm
from .map import powiat_shapes
from .public import PublicProfile, public_entries


def _search(request):
    """The form, the results, the same search without a place filter (for the map)."""
    units = list(
        TerritorialUnit.objects.filter(kind__in=[UnitKind.POWIAT, UnitKind.GMINA]).order_by("name")
    )
    form = RegistrySearchForm(request.GET or None, units=units)
    filters, query, sort = {}, "", ""
    if form.is_bound and form.is_valid():
        filters = form.filters()
        query = form.cleaned_data["q"]
        sort = form.cleaned_data["sort"]
    results = (
        public_entries()
        .public_filter(**filters)
        .search(query)
        .ordered(by_relevance=bool(query) and sort != "name")
    )
    anywhere = {k: v for k, v in filters.items() if k not in ("powiat", "gmina")}
    unplaced = RegistryEntry.objects.public().public_filter(**anywhere).search(query)
    return form, results, unplaced, filters, units


def _params(request, **changes) -> str:
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    params.update({k: v for k, v in changes.items() if v})
    for k, v in changes.items():
        if not v:
            params.pop(k, None)
    return "?" + urlencode(params) if params else "?"


def _map(request, unplaced, filters, units) -> dict:
    """Counts per powiat of what the search and the other filters select, with links that
    add the powiat to the current search."""
    counts = dict(
        unplaced.filter(consent_address=True)
        .order_by()
        .values_list("powiat_code")
        .annotate(n=Count("pk"))
    )
    names = {u.code: u.name for u in units if u.kind == UnitKind.POWIAT}
    view_box, shapes = powiat_shapes()
    selected = filters.get("powiat", "")
    url = reverse("portal:registry")
    powiats = [
        {
            **shape,
            "name": names.get(shape["code"], shape["name"]),
            "count": counts.get(shape["code"], 0),
            "href": url + _params(request, powiat=shape["code"], gmina=""),
            "selected": shape["code"] == selected,
        }
        for shape in shapes
    ]
    return {
        "view_box": view_box,
        "powiats": powiats,
        "clear_href": url + _params(request, powiat=""),
    }


@require_GET
def registry(request):
    """Search the public registry; the URL holds the whole search, so it can be shared."""
    form, results, unplaced, filters, units = _search(request)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "profiles": [PublicProfile(e) for e in page.object_list],
        "page_base": _params(request),
        "export_query": _params(request)[1:],
        "formats": list(FORMATS),
        "map": _map(request, unplaced, filters, units),
    }
    template = "portal/registry_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


@require_GET
def registry_entry(request, pk: int):
    """The public profile of one entity: only what it agreed to publish."""
    entry = get_object_or_404(public_entries(), pk=pk)
    return render(request, "portal/registry_entry.html", {"profile": PublicProfile(entry)})


@require_GET
def registry_export(request, fmt: str):
    """The current search, all pages, in a file."""
    if fmt not in FORMATS:
        raise Http404
    _form, results, *_ = _search(request)
    return export_response(results, fmt)


@require_GET
def contact(request):
    rops = Organisation.objects.filter(kind=OrganisationKind.ROPS, is_active=True).first()
    return render(request, "portal/contact.html", {"rops": rops})


def _public_pages() -> list[tuple[str, str]]:
    from django.utils.translation import gettext as _

    pages = [
        (_("Home page"), reverse("home")),
        (_("Registry of social-economy entities"), reverse("portal:registry")),
        (_("Contact"), reverse("portal:contact")),
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
    return render(request, "portal/sitemap.xml", {"urls": urls}, content_type="application/xml")
