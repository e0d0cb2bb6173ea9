"""The advisory pages: starting a request, editing its draft, drafting the opinion. Thin:
fetch through ``visible_case`` (404), validate, call one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.constants import DRAFT, Channel
from casework.outcomes import done_message
from casework.services import case_transition
from casework.views import render_detail, visible_case
from directory.roles import (
    REQUESTER_ROLES,
    current_memberships,
    is_coordinator,
    is_staff,
    roles_of,
)
from workflows.exceptions import TransitionRefused

from .clauses import TEMPLATE_CLAUSE_TYPES, current_templates, suggest_clause_types, template_save
from .forms import (
    AdvisoryStartForm,
    ClauseInsertForm,
    ClauseTemplateForm,
    DraftMetaForm,
    OpinionForm,
    clause_formset,
)
from .intake.constants import ClauseType
from .intake.topics import MODE_DRAFT, MODE_SUBMIT, intake_form, requester_initial
from .models import AdvisoryRequest, ClauseTemplate
from .services import advisory_create, advisory_draft_update, opinion_edit


def _advisory_or_404(case):
    try:
        return case.advisory
    except AdvisoryRequest.DoesNotExist:  # a case of another kind
        raise Http404 from None


@login_required
def advisory_new(request):
    organisations = [m.organisation for m in current_memberships(request.user)]
    on_behalf = is_staff(request.user)
    if not on_behalf and not (roles_of(request.user) & REQUESTER_ROLES):
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
                    channel=data.get("channel") or Channel.ONLINE,
                    date_received=data.get("date_received"),
                    intake=requester_initial(data["organisation"]),
                )
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
                status = 400
            else:
                return redirect("casework:advisory-edit", pk=case.pk)
        else:
            status = 400
    return render(
        request,
        "advisory/new.html",
        {"form": form, "on_behalf": on_behalf},
        status=status,
    )


@login_required
def advisory_edit(request, pk: int):
    case = visible_case(request.user, pk)
    advisory = _advisory_or_404(case)
    if case.status != DRAFT:
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
                updated = advisory_draft_update(
                    case=case,
                    actor=request.user,
                    title=meta.cleaned_data["title"],
                    intake=form.to_json(),
                    consent_to_publish=meta.cleaned_data["consent_to_publish"],
                )
                if submitting:
                    submitted = case_transition(
                        case=updated,
                        name="submit",
                        actor=request.user,
                        expected_status=DRAFT,
                    )
                    messages.success(request, done_message(submitted, "submit"))
                    return redirect("casework:case-detail", pk=case.pk)
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
        "advisory/edit.html",
        {"case": case, "advisory": advisory, "meta": meta, "form": form},
        status=status,
    )


@login_required
@require_POST
def opinion_save(request, pk: int):
    """Save the opinion's draft and its clauses; with "insert", also insert the ticked
    clause templates (the text may still be empty then: clauses often come first)."""
    case = visible_case(request.user, pk)
    advisory = _advisory_or_404(case)
    inserting = "insert" in request.POST
    form = OpinionForm(request.POST)
    if inserting:
        form.fields["text"].required = False
    # A post without the clauses' management form (an older page) leaves the clauses as stored.
    posts_clauses = "clause-TOTAL_FORMS" in request.POST
    clauses = clause_formset(
        request.POST if posts_clauses else None, clauses=advisory.opinion_clauses or []
    )
    picker = ClauseInsertForm(
        request.POST,
        suggestions=suggest_clause_types(advisory.intake or {}),
        present=[c.get("clause_type") for c in advisory.opinion_clauses or []],
    )
    if not (form.is_valid() and (clauses.is_valid() or not posts_clauses) and picker.is_valid()):
        return render_detail(
            request,
            case,
            status=400,
            opinion_form=form,
            clause_formset=clauses,
            clause_picker=picker,
        )
    chosen = picker.cleaned_data["insert_clause_types"] if inserting else []
    try:
        opinion_edit(
            case=case,
            actor=request.user,
            clauses=clauses.clauses() if posts_clauses else None,
            insert_clause_types=chosen,
            **form.cleaned_data,
        )
    except TransitionRefused as refused:
        return render_detail(request, case, status=refused.status_code, refusal=refused)
    if inserting and chosen:
        messages.success(
            request,
            _("Draft clauses were inserted into the opinion on case %(number)s; edit them below.")
            % {"number": case.number},
        )
        return redirect(f"{reverse('casework:case-detail', args=[case.pk])}#clauses-title")
    if inserting:
        messages.info(request, _("No clause was ticked; the opinion was saved."))
    else:
        messages.success(request, _("The opinion was saved."))
    return redirect("casework:case-detail", pk=case.pk)


def _coordinator_or_404(user) -> None:
    """Clause templates are the coordinator's: to anyone else the pages do not exist."""
    if not is_coordinator(user):
        raise Http404


@login_required
def clause_templates(request):
    """The coordinator's list of the clause templates: the current version of each type."""
    _coordinator_or_404(request.user)
    current = current_templates()
    rows = [
        {"clause_type": t, "label": ClauseType(t).label, "template": current.get(t)}
        for t in TEMPLATE_CLAUSE_TYPES
    ]
    return render(request, "advisory/clause_templates.html", {"rows": rows})


@login_required
def clause_template_edit(request, clause_type: str):
    """Edit a clause template: saving adds a version; issued opinions keep their texts."""
    _coordinator_or_404(request.user)
    if clause_type not in TEMPLATE_CLAUSE_TYPES:
        raise Http404
    versions = list(ClauseTemplate.objects.filter(clause_type=clause_type).order_by("-version"))
    current = versions[0] if versions else None
    initial = (
        {"title": current.title, "legal_basis": current.legal_basis, "text": current.text}
        if current
        else {}
    )
    form = ClauseTemplateForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved = template_save(clause_type=clause_type, actor=request.user, **form.cleaned_data)
            messages.success(
                request,
                _(
                    "Version %(version)s of the template “%(title)s” was saved; opinions "
                    "already drafted or issued keep their texts."
                )
                % {"version": saved.version, "title": saved.title},
            )
            return redirect("casework:clause-templates")
        status = 400
    return render(
        request,
        "advisory/clause_template_edit.html",
        {
            "form": form,
            "label": ClauseType(clause_type).label,
            "current": current,
            "versions": versions,
        },
        status=status,
    )
