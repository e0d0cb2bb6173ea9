"""Case pages: thin views over ``visible_to`` (404 for what one may not see) and one service
each; a refusal (``TransitionRefused``) becomes the page with its message at 400/403/409,
never a 500. Nothing here names a case kind: a kind's details come from the registry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from workflows.constants import RefusalCode
from workflows.exceptions import ERROR_INVALID_DATA, TransitionRefused

from . import permissions
from .conflicts import conflict_context
from .constants import AttachmentVisibility
from .entry_points import follow_up_links, linked_cases, new_case_links
from .forms import AnswerFilesForm, AttachmentUploadForm, CommentForm
from .models import Attachment, Case, CaseComment, Notification
from .outcomes import done_message, race_message
from .promises import outcome_of
from .recusal import event_labels, sees_conflict_reasons
from .registry import kind_of
from .services import (
    attachment_add,
    can_attach,
    case_draft_delete,
    case_transition,
    comment_add,
    may_edit_draft,
    notification_mark_read,
)
from .uploads import attachment_response


def visible_case(user, pk: int) -> Case:
    """The case ``pk`` if ``user`` may see it, else 404 (kinds' views fetch through this)."""
    return get_object_or_404(
        Case.objects.visible_to(user).select_related(
            "requesting_organisation", "assignee", "filed_by"
        ),
        pk=pk,
    )


def _action_form(flow, transition, user, **kwargs):
    """Transition ``transition``'s form as ``user`` meets it (None if it has none)."""
    form_class = transition.custom.get("form")
    if form_class is None:
        return None
    form = form_class(**kwargs)
    if hasattr(form, "for_actor"):
        form.for_actor(flow, user)
    return form


def open_question(case: Case, user) -> CaseComment | None:
    """The question the case is paused on (the comment of the latest pausing transition), if
    the user may read it: shown above the answer box."""
    if not case.resume_status:
        return None
    kind = kind_of(case)
    if kind is None:
        return None
    flow_class = kind.flow
    pausing = [
        name
        for name in flow_class.transition_names()
        if any(
            t.custom.get("clock") == "pause" for t in getattr(flow_class, name).get_transitions()
        )
    ]
    event = case.events.filter(action__in=pausing).order_by("-at", "-pk").first()
    comment_id = event.data.get("comment") if event else None
    if not comment_id:
        return None
    return (
        CaseComment.objects.visible_to(user)
        .filter(case=case, pk=comment_id)
        .select_related("author")
        .first()
    )


def _actions(case: Case, user) -> list[dict]:
    """The buttons of the case page: each transition the user may run now, with its form;
    an answer (a transition that resumes the clock) shows the open question above it."""
    if kind_of(case) is None:
        return []
    flow = case.get_flow(actor=user)
    actions = []
    for transition in flow.available_actions(user):
        prefix = f"id_{transition.slug}_%s"
        resumes = transition.custom.get("clock") == "resume"
        actions.append(
            {
                "name": transition.slug,
                "label": transition.label,
                "confirm": transition.custom.get("confirm"),
                "irreversible": transition.custom.get("irreversible"),
                "question": open_question(case, user) if resumes else None,
                "form": _action_form(
                    flow,
                    transition,
                    user,
                    auto_id=prefix,
                    initial=flow.form_initial(transition.slug),
                ),
                "files": AnswerFilesForm(auto_id=prefix)
                if transition.custom.get("files")
                else None,
            }
        )
    return actions


def event_rows(case: Case, user=None) -> list[dict]:
    """The case's history: what happened (each transition's past-tense ``done`` label, not
    its button; declarations and recusals worded by ``casework.recusal``), who did it, the
    change of state in the kind's own status forms; each event that wrote a comment (a
    question, an answer, a reason) quotes it to whoever may read it."""
    kind = kind_of(case)
    flow_class = kind.flow if kind else None
    rows = []
    events = list(case.events.select_related("actor"))
    comment_ids = [e.data.get("comment") for e in events if isinstance(e.data, dict)]
    quoted = {}
    if user is not None and any(comment_ids):
        quoted = dict(
            CaseComment.objects.visible_to(user)
            .filter(case=case, pk__in=[c for c in comment_ids if c])
            .values_list("pk", "body")
        )
    # Declarations and recusals are events of no transition: worded by casework.recusal.
    declared = event_labels(events, with_reasons=user is not None and sees_conflict_reasons(user))
    for event in events:
        rows.append(
            {
                "event": event,
                "label": declared.get(event.pk)
                or (flow_class.done_label(event.action) if flow_class else event.action),
                "from": flow_class.status_label(event.from_status) if flow_class else "",
                "to": flow_class.status_label(event.to_status) if flow_class else "",
                "quote": quoted.get(event.data.get("comment"))
                if isinstance(event.data, dict)
                else None,
            }
        )
    return rows


def _reached_at(case: Case, rows: list[dict]):
    """When the case entered its current state, read off the history already loaded."""
    for row in reversed(rows):
        if row["event"].to_status == case.status:
            return row["event"].at
    return None


def _documents_context(case: Case, user) -> dict:
    kind = kind_of(case)
    documents = kind.documents_visible(case, user) if kind and kind.documents_visible else []
    return {
        "documents": documents,
        "documents_pending": any(d.status == "pending" for d in documents),
    }


def detail_context(case: Case, user, **extra) -> dict:
    """Everything the case page shows; ``extra`` carries bound forms with their errors."""
    staff = permissions.sees_internal(user)
    kind = kind_of(case)
    upload_form = None
    if can_attach(user, case):
        upload_form = extra.pop("upload_form", None) or AttachmentUploadForm(staff=staff)
    comment_form = extra.pop("comment_form", None) or CommentForm(initial={"internal": staff})
    if not staff and "internal" in comment_form.fields:
        del comment_form.fields["internal"]
    kind_context = {}
    if kind is not None:
        kind_context = {
            "kind": kind,
            "detail": kind.detail_of(case),
            **kind.detail_context(case, user, extra),
        }
    may_edit = may_edit_draft(user, case)
    rows = event_rows(case, user)
    forms = [upload_form, comment_form, *kind_context.get("kind_forms", [])]
    return {
        "case": case,
        "staff": staff,
        **kind_context,
        "edit_url": reverse(kind.edit_url, args=[case.pk])
        if may_edit and kind and kind.edit_url
        else None,
        "event_rows": rows,
        "outcome": outcome_of(case, _reached_at(case, rows)),
        **conflict_context(case, user, extra.pop("conflict_form", None)),
        "comments": CaseComment.objects.visible_to(user).filter(case=case).select_related("author"),
        "attachments": Attachment.objects.visible_to(user)
        .filter(case=case)
        .select_related("uploaded_by"),
        "pauses": case.pauses.all(),
        "extensions": case.extensions.select_related("actor"),
        **_documents_context(case, user),
        "actions": _actions(case, user),
        "upload_form": upload_form,
        "comment_form": comment_form,
        "has_form_errors": any(f is not None and f.errors for f in forms),
        "can_delete_draft": may_edit,
        "follow_up_links": follow_up_links(user, case),
        "linked_cases": linked_cases(user, case),
        "today": timezone.localdate(),
        **extra,
    }


def render_detail(request, case: Case, *, status: int = 200, **extra):
    return render(
        request,
        "casework/case_detail.html",
        detail_context(case, request.user, **extra),
        status=status,
    )


def refused_detail(request, case: Case, refused: TransitionRefused):
    """The case page again, with the refusal's message and its status code."""
    case.refresh_from_db()
    return render_detail(request, case, status=refused.status_code, refusal=refused)


@login_required
def case_list(request):
    cases = (
        Case.objects.visible_to(request.user)
        .select_related("requesting_organisation", "assignee")
        .order_by("due_date", "-created_at")[:200]
    )
    return render(
        request,
        "casework/case_list.html",
        {
            "cases": cases,
            "today": timezone.localdate(),
            "new_case_links": new_case_links(request.user),
        },
    )


@login_required
def case_detail(request, pk: int):
    case = visible_case(request.user, pk)
    return render_detail(request, case)


def _takes_files(case: Case, name: str) -> bool:
    """Does transition ``name`` accept files with its form (e.g. an answer's attachment)?"""
    if kind_of(case) is None:
        return False
    transition = case.get_flow().transition_for(name)
    return bool(transition and transition.custom.get("files"))


def _confirmation(request, case: Case, name: str, seen_status: str):
    """For an irreversible transition not yet confirmed: the page that names the case and
    the consequence and asks again (a plain form: no JavaScript needed), or None when the
    transition may go ahead (confirmed, reversible, or about to be refused anyway)."""
    if request.POST.get("confirm") == "1" or kind_of(case) is None:
        return None
    flow = case.get_flow(actor=request.user)
    transition = flow.transition_for(name)
    if (
        transition is None
        or not transition.custom.get("irreversible")
        or seen_status != case.status
        or not flow.allowed_now(name, request.user)
    ):
        return None  # the service refuses it (or runs it) with its own answer
    form = _action_form(flow, transition, request.user, data=request.POST)
    if form is not None and not form.is_valid():
        refusal = TransitionRefused(
            RefusalCode.INVALID, ERROR_INVALID_DATA, errors=form.errors.get_json_data()
        )
        return refused_detail(request, case, refusal)
    return render(
        request,
        "casework/transition_confirm.html",
        {
            "case": case,
            "name": name,
            "label": transition.label,
            "consequence": transition.custom.get("confirm"),
            "form": form,
            "seen_status": seen_status,
        },
    )


def _lost_race(request, case: Case):
    """Someone changed the case since the user's page: say who did what and show the case
    as it is now, by redirect (POST/redirect/GET: a reload re-posts nothing)."""
    case.refresh_from_db()
    messages.warning(request, race_message(case))
    return redirect("casework:case-detail", pk=case.pk)


@login_required
@require_POST
def case_transition_view(request, pk: int, name: str):
    case = visible_case(request.user, pk)
    # The state the user saw: if the case moved since the page was rendered, it is a conflict.
    seen_status = request.POST.get("seen_status") or case.status
    if seen_status != case.status:
        return _lost_race(request, case)
    confirmation = _confirmation(request, case, name, seen_status)
    if confirmation is not None:
        return confirmation
    files = ()
    if request.FILES and _takes_files(case, name):
        files_form = AnswerFilesForm(request.POST, request.FILES)
        if not files_form.is_valid():
            refusal = TransitionRefused(
                RefusalCode.INVALID,
                _("The attached file was refused."),
                errors=files_form.errors.get_json_data(),
            )
            return render_detail(request, case, status=400, refusal=refusal)
        upload = files_form.cleaned_data.get("file")
        files = (upload,) if upload else ()
    try:
        case_transition(
            case=case,
            name=name,
            actor=request.user,
            expected_status=seen_status,
            data=request.POST.dict(),
            files=files,
        )
    except TransitionRefused as refused:
        if (
            refused.code == RefusalCode.CONFLICT
            and Case.objects.filter(pk=case.pk).exclude(status=seen_status).exists()
        ):
            return _lost_race(request, case)
        return refused_detail(request, case, refused)
    case.refresh_from_db()
    messages.success(request, done_message(case, name))
    if not Case.objects.visible_to(request.user).filter(pk=case.pk).exists():
        # E.g. a committee member who returned the item: the case left their sight.
        return redirect("casework:case-list")
    return redirect("casework:case-detail", pk=case.pk)


@login_required
@require_POST
def case_draft_delete_view(request, pk: int):
    case = visible_case(request.user, pk)
    try:
        case_draft_delete(case=case, actor=request.user)
    except TransitionRefused as refused:
        return render_detail(request, case, status=refused.status_code, refusal=refused)
    messages.success(request, _("The draft was deleted."))
    return redirect("casework:case-list")


# Comments, attachments -----------------------------------------------------------------------


@login_required
def case_comments(request, pk: int):
    """The comments of a case (GET, for htmx) or a new one (POST)."""
    case = visible_case(request.user, pk)
    if request.method == "POST":
        form = CommentForm(request.POST)
        if not form.is_valid():
            return render_detail(request, case, status=400, comment_form=form)
        try:
            comment_add(
                case=case,
                author=request.user,
                body=form.cleaned_data["body"],
                internal=form.cleaned_data.get("internal", False),
            )
        except TransitionRefused as refused:
            return render_detail(request, case, status=refused.status_code, refusal=refused)
        messages.success(request, _("The comment was added."))
        return redirect("casework:case-detail", pk=case.pk)
    comments = CaseComment.objects.visible_to(request.user).filter(case=case)
    return render(request, "casework/partials/comments.html", {"case": case, "comments": comments})


@login_required
@require_GET
def case_events(request, pk: int):
    case = visible_case(request.user, pk)
    return render(
        request,
        "casework/partials/timeline.html",
        {"case": case, "event_rows": event_rows(case, request.user)},
    )


@login_required
@require_GET
def case_documents(request, pk: int):
    case = visible_case(request.user, pk)
    return render(
        request,
        "casework/partials/documents.html",
        {"case": case, **_documents_context(case, request.user)},
    )


@login_required
@require_POST
def attachment_upload(request, pk: int):
    case = visible_case(request.user, pk)
    staff = permissions.sees_internal(request.user)
    form = AttachmentUploadForm(request.POST, request.FILES, staff=staff)
    if not form.is_valid():
        return render_detail(request, case, status=400, upload_form=form)
    try:
        attachment_add(
            case=case,
            uploaded_file=form.cleaned_data["file"],
            actor=request.user,
            visibility=form.cleaned_data.get("visibility", AttachmentVisibility.EXTERNAL),
        )
    except TransitionRefused as refused:
        return render_detail(request, case, status=refused.status_code, refusal=refused)
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
    notifications = Notification.objects.for_user(request.user).select_related(
        "case", "comment", "recipient"
    )[:100]
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
