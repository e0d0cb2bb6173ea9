"""The public pages of the committee: its bodies with their members and institutions, and
the register of resolutions (committee.public says what is public)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from committee.public import (
    composition_labels,
    public_bodies,
    public_minutes,
    public_resolutions,
    public_seats,
    resolution_document,
    with_documents,
)

PAGE_SIZE = 50


@require_GET
def bodies(request):
    return render(request, "portal/committee/bodies.html", {"bodies": public_bodies()})


@require_GET
def body(request, pk: int):
    found = get_object_or_404(public_bodies(), pk=pk)
    context = {
        "body": found,
        "seats": public_seats(found),
        "composition": composition_labels(found),
        "groups": public_bodies().filter(parent=found),
        "resolutions": with_documents(public_resolutions().filter(body=found)[:20]),
        "minutes": public_minutes(found),
    }
    return render(request, "portal/committee/body.html", context)


@require_GET
def resolutions(request):
    page = Paginator(public_resolutions(), PAGE_SIZE).get_page(request.GET.get("strona"))
    context = {"page": page, "rows": with_documents(page.object_list)}
    return render(request, "portal/committee/resolutions.html", context)


@require_GET
def resolution(request, pk: int):
    found = get_object_or_404(public_resolutions(), pk=pk)
    context = {
        "resolution": found,
        "document": resolution_document(found),
        "items": found.items.select_related("case").order_by("position", "pk"),
    }
    return render(request, "portal/committee/resolution.html", context)
