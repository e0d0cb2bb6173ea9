"""Case pages: thin views over ``visible_to`` (404 for what one may not see) and one service
each (a refusal becomes a page with the message at 400/403/409, never a 500)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from directory.constants import Role
from directory.roles import current_memberships, roles_of
from workflows.exceptions import TransitionRefused

from .constants import DRAFT, AttachmentVisibility
from .forms import (
    AdvisoryStartForm,
    AnswerFilesForm,
    AttachmentUploadForm,
    CommentForm,
    DraftMetaForm,
    OpinionForm,
)
from .intake.topics import MODE_DRAFT, MODE_SUBMIT, intake_form, requester_initial
from .models import Attachment, Case, CaseComment, Notification
from .querysets import STAFF_ROLES
from .services import (
    CaseworkError,
    advisory_create,
    advisory_draft_update,
    advisory_transition,
    attachment_add,
    can_attach,
    case_draft_delete,
    comment_add,
    notification_mark_read,
    opinion_edit,
)
from .uploads import attachment_response

#: Transitions whose form can carry a file (the answer to a question).
FILE_ACTIONS = frozenset({"provide_info"})


def _advisory(case: Case):
    try:
        return case.advisory
    except Exception:  # a case of another kind has no advisory detail
        return None


def _visible_case(user, pk: int) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(user).select_related(
            "requesting_organisation", "assignee", "filed_by"
        ),
        pk=pk,
    )


def _actions(case: Case, user) -> list[dict]:
    """The buttons of the case page: each transition the user may run now, with its form."""
    try:
        flow = case.get_flow(actor=user)
    except LookupError:
        return []
    advisory = _advisory(case)
    actions = []
    for transition in flow.available_actions(user):
        form_class = transition.custom.get("form")
        form = None
        if form_class:
            initial = {}
            if transition.slug == "approve" and advisory and advisory.current_version:
                initial["version"] = advisory.current_version.sha256
            form = form_class(auto_id=f"id_{transition.slug}_%s", initial=initial)
        actions.append(
            {
                "name": transition.slug,
                "label": transition.label,
                "confirm": transition.custom.get("confirm"),
                "form": form,
                "files": AnswerFilesForm(auto_id=f"id_{transition.slug}_%s")
                if transition.slug in FILE_ACTIONS
                else None,
            }
        )
    return actions


def _event_rows(case: Case):
    try:
        flow_class = type(case.get_flow())
    except LookupError:
        flow_class = None
    rows = []
    for event in case.events.select_related("actor"):
        method = getattr(flow_class, event.action, None) if flow_class else None
        label = event.action
        if method is not None:
            transitions = list(method.get_transitions())
            if transitions:
                label = transitions[0].label
        rows.append(
            {
                "event": event,
                "label": label,
                "from": flow_class.status_label(event.from_status) if flow_class else "",
                "to": flow_class.status_label(event.to_status) if flow_class else "",
            }
        )
    return rows


def _intake_rows(advisory) -> list[tuple[str, str]]:
    """The intake answers as (label, shown value) pairs, in the form's order."""
    if advisory is None:
        return []
    form = intake_form(advisory.topic, intake=advisory.intake)
    rows = []
    for name, field in form.fields.items():
        value = advisory.intake.get(name)
        if value in (None, "", []):
            continue
        choices = dict(getattr(field, "choices", []) or [])
        if isinstance(value, list):
            shown = ", ".join(str(choices.get(v, v)) for v in value)
        elif isinstance(value, bool):
            shown = _("yes") if value else _("no")
        else:
            shown = str(choices.get(value, value))
        rows.append((field.label, shown))
    return rows


def _documents(case: Case, user) -> list:
    advisory = _advisory(case)
    if advisory is None:
        return []
    from .documents import opinion_documents_visible

    return opinion_documents_visible(advisory=advisory, user=user)


def _documents_context(case: Case, user) -> dict:
    documents = _documents(case, user)
    return {
        "documents": documents,
        "documents_pending": any(d.status == "pending" for d in documents),
    }


def _detail_context(case: Case, user, **extra) -> dict:
    staff = bool(roles_of(user) & STAFF_ROLES)
    advisory = _advisory(case)
    opinion_form = None
    if advisory is not None and case.status == "in_review" and case.assignee_id == user.pk:
        opinion_form = extra.pop("opinion_form", None) or OpinionForm(
            initial={
                "text": advisory.opinion_text,
                "recommendations": advisory.opinion_recommendations,
                "legal_references": advisory.opinion_legal_references,
            }
        )
    upload_form = None
    if can_attach(user, case):
        upload_form = extra.pop("upload_form", None) or AttachmentUploadForm(staff=staff)
    comment_form = extra.pop("comment_form", None) or CommentForm(initial={"internal": staff})
    if not staff and "internal" in comment_form.fields:
        del comment_form.fields["internal"]
    return {
        "case": case,
        "advisory": advisory,
        "staff": staff,
        "intake_rows": _intake_rows(advisory),
        "versions": advisory.versions.select_related("sent_by", "approved_by")
        if advisory and (staff or Role.COMMITTEE in roles_of(user))
        else [],
        "event_rows": _event_rows(case),
        "comments": CaseComment.objects.visible_to(user).filter(case=case).select_related("author"),
        "attachments": Attachment.objects.visible_to(user)
        .filter(case=case)
        .select_related("uploaded_by"),
        "pauses": case.pauses.all(),
        "extensions": case.extensions.select_related("actor"),
        **_documents_context(case, user),
        "actions": _actions(case, user),
        "opinion_form": opinion_form,
        "upload_form": upload_form,
        "comment_form": comment_form,
        "can_delete_draft": case.status == DRAFT
        and (
            case.filed_by_id == user.pk
            or case.requesting_organisation_id
            in {m.organisation_id for m in current_memberships(user)}
        ),
        "today": timezone.localdate(),
        **extra,
    }


def _render_detail(request, case: Case, *, status: int = 200, **extra):
    return render(
        request,
        "casework/case_detail.html",
        _detail_context(case, request.user, **extra),
        status=status,
    )


@login_required
def case_list(request):
    cases = (
        Case.objects.visible_to(request.user)
        .select_related("requesting_organisation", "assignee")
        .order_by("due_date", "-created_at")[:200]
    )
    may_file = bool(roles_of(request.user) & (STAFF_ROLES | {Role.MUNICIPALITY, Role.ORGANISATION}))
    return render(
        request,
        "casework/case_list.html",
        {"cases": cases, "today": timezone.localdate(), "may_file": may_file},
    )


@login_required
def case_detail(request, pk: int):
    case = _visible_case(request.user, pk)
    return _render_detail(request, case)


@login_required
@require_POST
def case_transition(request, pk: int, name: str):
    case = _visible_case(request.user, pk)
    # The state the user saw: if the case moved since the page was rendered, it is a conflict.
    case.status = request.POST.get("seen_status", case.status)
    files = ()
    if name in FILE_ACTIONS and request.FILES:
        files_form = AnswerFilesForm(request.POST, request.FILES)
        if not files_form.is_valid():
            case.refresh_from_db()
            refusal = TransitionRefused(
                "invalid",
                _("The attached file was refused."),
                errors=files_form.errors.get_json_data(),
            )
            return _render_detail(request, case, status=400, refusal=refusal)
        upload = files_form.cleaned_data.get("file")
        files = (upload,) if upload else ()
    try:
        advisory_transition(
            case=case, name=name, actor=request.user, data=request.POST.dict(), files=files
        )
    except TransitionRefused as refused:
        case.refresh_from_db()
        return _render_detail(request, case, status=refused.status_code, refusal=refused)
    except CaseworkError as error:
        case.refresh_from_db()
        refusal = TransitionRefused("forbidden", error.message)
        return _render_detail(request, case, status=403, refusal=refusal)
    messages.success(request, _("Done."))
    if not Case.objects.visible_to(request.user).filter(pk=case.pk).exists():
        # E.g. a committee member who returned the opinion: the case left their sight.
        return redirect("casework:case-list")
    return redirect("casework:case-detail", pk=case.pk)


# Advisory requests: starting and editing a draft ---------------------------------------------


def _may_file_on_behalf(user) -> bool:
    return bool(roles_of(user) & STAFF_ROLES)


@login_required
def advisory_new(request):
    organisations = [m.organisation for m in current_memberships(request.user)]
    roles = roles_of(request.user)
    on_behalf = _may_file_on_behalf(request.user)
    if not on_behalf and not (roles & {Role.MUNICIPALITY, Role.ORGANISATION}):
        raise Http404
    form = AdvisoryStartForm(request.POST or None, organisations=organisations, on_behalf=on_behalf)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = advisory_create(
                    requesting_organisation=data["organisation"],
                    topic=data["topic"],
                    title=data["title"],
                    filed_by=request.user,
                    channel=data.get("channel") or "online",
                    date_received=data.get("date_received"),
                    intake=requester_initial(data["organisation"]),
                )
            except CaseworkError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                return redirect("casework:advisory-edit", pk=case.pk)
        else:
            status = 400
    return render(
        request,
        "casework/advisory/new.html",
        {"form": form, "on_behalf": on_behalf},
        status=status,
    )


@login_required
def advisory_edit(request, pk: int):
    case = _visible_case(request.user, pk)
    advisory = _advisory(case)
    if advisory is None or case.status != DRAFT:
        raise Http404
    meta = DraftMetaForm(
        request.POST or None,
        initial={"title": case.title, "consent_to_publish": advisory.consent_to_publish},
    )
    submitting = "submit" in request.POST
    mode = MODE_SUBMIT if submitting else MODE_DRAFT
    if request.method == "POST":
        form = intake_form(advisory.topic, data=request.POST, mode=mode)
    else:
        # A stored draft, bound in draft mode: only malformed values would show as errors.
        form = intake_form(advisory.topic, intake=advisory.intake)
    status = 200
    if request.method == "POST":
        if meta.is_valid() and form.is_valid():
            try:
                advisory_draft_update(
                    case=case,
                    actor=request.user,
                    title=meta.cleaned_data["title"],
                    intake=form.to_json(),
                    consent_to_publish=meta.cleaned_data["consent_to_publish"],
                )
                if submitting:
                    case.refresh_from_db()
                    advisory_transition(case=case, name="submit", actor=request.user)
                    messages.success(request, _("The request was submitted."))
                    return redirect("casework:case-detail", pk=case.pk)
            except CaseworkError as error:
                form.add_error(None, error.message)
                status = 403
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
                status = refused.status_code
            else:
                messages.success(request, _("The draft was saved."))
                return redirect("casework:advisory-edit", pk=case.pk)
        else:
            status = 400
    return render(
        request,
        "casework/advisory/edit.html",
        {"case": case, "advisory": advisory, "meta": meta, "form": form},
        status=status,
    )


@login_required
@require_POST
def case_draft_delete_view(request, pk: int):
    case = _visible_case(request.user, pk)
    try:
        case_draft_delete(case=case, actor=request.user)
    except CaseworkError as error:
        refusal = TransitionRefused("forbidden", error.message)
        return _render_detail(request, case, status=403, refusal=refusal)
    messages.success(request, _("The draft was deleted."))
    return redirect("casework:case-list")


# The opinion, comments, attachments --------------------------------------------------------


@login_required
@require_POST
def opinion_save(request, pk: int):
    case = _visible_case(request.user, pk)
    form = OpinionForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, case, status=400, opinion_form=form)
    try:
        opinion_edit(case=case, actor=request.user, **form.cleaned_data)
    except CaseworkError as error:
        refusal = TransitionRefused("forbidden", error.message)
        return _render_detail(request, case, status=403, refusal=refusal)
    messages.success(request, _("The opinion was saved."))
    return redirect("casework:case-detail", pk=case.pk)


@login_required
def case_comments(request, pk: int):
    """The comments of a case (GET, for htmx) or a new one (POST)."""
    case = _visible_case(request.user, pk)
    if request.method == "POST":
        form = CommentForm(request.POST)
        if not form.is_valid():
            return _render_detail(request, case, status=400, comment_form=form)
        try:
            comment_add(
                case=case,
                author=request.user,
                body=form.cleaned_data["body"],
                internal=form.cleaned_data.get("internal", False),
            )
        except CaseworkError as error:
            refusal = TransitionRefused("forbidden", error.message)
            return _render_detail(request, case, status=403, refusal=refusal)
        messages.success(request, _("The comment was added."))
        return redirect("casework:case-detail", pk=case.pk)
    comments = CaseComment.objects.visible_to(request.user).filter(case=case)
    return render(request, "casework/partials/comments.html", {"case": case, "comments": comments})


@login_required
@require_GET
def case_events(request, pk: int):
    case = _visible_case(request.user, pk)
    return render(
        request,
        "casework/partials/timeline.html",
        {"case": case, "event_rows": _event_rows(case)},
    )


@login_required
@require_GET
def case_documents(request, pk: int):
    case = _visible_case(request.user, pk)
    return render(
        request,
        "casework/partials/documents.html",
        {"case": case, **_documents_context(case, request.user)},
    )


@login_required
@require_POST
def attachment_upload(request, pk: int):
    case = _visible_case(request.user, pk)
    staff = bool(roles_of(request.user) & STAFF_ROLES)
    form = AttachmentUploadForm(request.POST, request.FILES, staff=staff)
    if not form.is_valid():
        return _render_detail(request, case, status=400, upload_form=form)
    try:
        attachment_add(
            case=case,
            uploaded_file=form.cleaned_data["file"],
            actor=request.user,
            visibility=form.cleaned_data.get("visibility", AttachmentVisibility.EXTERNAL),
        )
    except CaseworkError as error:
        refusal = TransitionRefused("forbidden", error.message)
        return _render_detail(request, case, status=403, refusal=refusal)
    messages.success(request, _("The file was added."))
    return redirect("casework:case-detail", pk=case.pk)


@login_required
@require_GET
def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    return attachment_response(
        storage_name=attachment.storage_name,
        original_name=attachment.original_name,
        content_type=attachment.content_type,
    )


# Notifications ---------------------------------------------------------------------------------


@login_required
def notification_list(request):
    notifications = Notification.objects.for_user(request.user).select_related("case")[:100]
    return render(request, "casework/notifications.html", {"notifications": notifications})


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    notification_mark_read(notification=notification, user=request.user)
    if (
        notification.case_id
        and Case.objects.visible_to(request.user).filter(pk=notification.case_id).exists()
    ):
        return redirect("casework:case-detail", pk=notification.case_id)
    return redirect("casework:notifications")
