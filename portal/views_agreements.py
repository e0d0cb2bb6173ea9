"""The public register of partnership agreements: those in force and past, their parties,
goals and duration, and the signed PDF where every party agreed to publish it. What is
public is decided by the agreement kind (``casework.kinds.agreement.public``)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.kinds.agreement.public import public_agreements, public_view

PAGE_SIZE = 20


@require_GET
def agreements(request):
    paginator = Paginator(public_agreements(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("strona"))
    rows = [public_view(a) for a in page.object_list]
    return render(request, "portal/agreements.html", {"page": page, "rows": rows})


@require_GET
def agreement(request, pk: int):
    found = public_agreements().filter(pk=pk).first()
    if found is None:
        raise Http404
    return render(
        request, "portal/agreement.html", {"agreement": public_view(found, with_document=True)}
    )
