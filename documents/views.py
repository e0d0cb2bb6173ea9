from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services
from .constants import ERROR_TOO_MANY_CHECKS
from .forms import CorrectionForm, RevocationForm, VerifyCodeForm, VerifyFileForm
from .models import Document
from .permissions import can_correct, can_manage, can_view


def _document_for(request, pk: int) -> Document:
    """The document if the user may see it; 404 otherwise (even if it exists)."""
    document = get_object_or_404(Document, pk=pk)
    if not can_view(request.user, document):
        raise Http404
    return document


def _context(request, document: Document) -> dict:
    versions = services.document_versions(document)
    this = next(entry for entry in versions if entry.document.pk == document.pk)
    return {
        "document": document,
        "entry": this,
        "versions": versions,
        "events": list(document.events.select_related("new_document").order_by("at", "pk")),
        "may_manage": can_manage(request.user, document),
        "may_correct": can_correct(request.user, document),
    }


@require_GET
def document_detail(request, pk: int):
    """The document's page: being prepared (polls its status), ready or failed."""
    document = _document_for(request, pk)
    return render(request, "documents/detail.html", _context(request, document))


@require_GET
def document_status(request, pk: int):
    """The status partial the page polls every 2 s while the document is being prepared
    (it shows the status alone, so it reads no versions or history)."""
    document = _document_for(request, pk)
    context = {"document": document, "may_manage": can_manage(request.user, document)}
    return render(request, "documents/detail.html#status", context)


@require_GET
def document_download(request, pk: int):
    """The PDF, as an attachment; only a ready document has a file to serve."""
    document = _document_for(request, pk)
    if not document.is_ready:
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def document_retry(request, pk: int):
    """Staff queue a failed document again."""
    document = _document_for(request, pk)
    if not can_manage(request.user, document):
        raise PermissionDenied
    try:
        services.document_retry(document=document, actor=request.user)
    except services.DocumentError as exc:
        messages.error(request, str(exc))
    return redirect("documents:detail", pk=document.pk)


def _correctable_for(request, pk: int) -> Document:
    """The document, for those who may correct or revoke it: 404 to who may not see it,
    403 to who may see it but not correct it."""
    document = _document_for(request, pk)
    if not can_correct(request.user, document):
        raise PermissionDenied
    return document


@require_http_methods(["GET", "POST"])
def document_correct(request, pk: int):
    """Staff issue a corrected version with a reason; the page is the confirmation step
    (a required reason and an explicit button, no JavaScript needed)."""
    document = _correctable_for(request, pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            corrected = services.document_correct(
                document=document,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                token=form.cleaned_data["token"],
            )
        except services.DocumentError as exc:
            messages.error(request, str(exc))
            return redirect("documents:detail", pk=document.pk)
        messages.success(
            request,
            _(
                "The corrected version of %(number)s (version %(version)s) has been requested "
                "and is being prepared."
            )
            % {"version": corrected.version, "number": document.number},
        )
        return redirect("documents:detail", pk=corrected.pk)
    context = {**_context(request, document), "form": form}
    return render(request, "documents/correct.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
def document_revoke(request, pk: int):
    """Staff revoke an issued document with a reason; the page is the confirmation step."""
    document = _correctable_for(request, pk)
    form = RevocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document, revoked = services.document_revoke(
                document=document, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.DocumentError as exc:
            messages.error(request, str(exc))
            return redirect("documents:detail", pk=document.pk)
        if revoked:
            messages.success(
                request,
                _("Document %(number)s (version %(version)s) has been revoked.")
                % {"version": document.version, "number": document.number},
            )
        else:
            messages.info(
                request,
                _("Document %(number)s (version %(version)s) had already been revoked.")
                % {"version": document.version, "number": document.number},
            )
        return redirect("documents:detail", pk=document.pk)
    context = {**_context(request, document), "form": form}
    return render(request, "documents/revoke.html", context, status=400 if form.is_bound else 200)


def _throttled(request) -> bool:
    """A per-address budget of checks a minute: codes cannot be enumerated at speed."""
    limit = getattr(settings, "ESFLOW_VERIFY_CHECKS_PER_MINUTE", 30)
    minute = timezone.now().strftime("%Y%m%d%H%M")
    key = f"documents-verify:{request.META.get('REMOTE_ADDR', '')}:{minute}"
    cache.add(key, 0, timeout=90)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
    return count > limit


@require_http_methods(["GET", "POST"])
def verify(request):
    """Public: is this code, or this PDF, a genuine esflow document?"""
    code_form = VerifyCodeForm(request.GET or None)
    file_form = VerifyFileForm(request.POST or None, request.FILES or None)
    context = {"code_form": code_form, "file_form": file_form, "checked": None}
    status = 200
    form = file_form if request.method == "POST" else code_form
    if form.is_bound and _throttled(request):
        context["throttled"] = ERROR_TOO_MANY_CHECKS
        return render(request, "documents/verify.html", context, status=429)
    if request.method == "POST" and file_form.is_valid():
        context["checked"] = "file"
        context["result"] = services.document_verify_file(stream=file_form.cleaned_data["file"])
    elif request.method == "GET" and code_form.is_valid():
        context["checked"] = "code"
        context["result"] = services.document_verify_code(code=code_form.cleaned_data["code"])
    elif form.is_bound:
        status = 400
    return render(request, "documents/verify.html", context, status=status)
