"""The good-practice kind as the case-kind registry knows it (registered in ``apps.py``)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy

from casework import permissions as p
from casework.registry import ApprovalMode, CaseKind, QueueColumn, QueueFilter
from directory.roles import is_staff

from .constants import KIND, ThematicArea
from .constants import PracticeStatus as S
from .flow import PracticeFlow
from .forms import ScoreForm
from .models import GoodPractice, PracticeVersion
from .services import (
    active_criteria,
    may_create,
    may_edit_photos,
    may_edit_practice,
    may_score,
    min_average,
    review_of,
)


def _area_label(value) -> str:
    return str(dict(ThematicArea.choices).get(value, value or ""))


def detail_context(case, user, extra: dict) -> dict:
    """What the practice partial shows: the practice, its contact (to the submitting side and
    staff, to others only with consent), the score form (the assigned advisor in review), the
    review (staff and the committee) and the frozen versions."""
    practice = case.practice
    score_form = extra.pop("score_form", None)
    if may_score(user, case):
        score_form = score_form or ScoreForm(
            criteria=active_criteria(), scores=practice.scores.all()
        )
    else:
        score_form = None
    sees_review = is_staff(user) or p.holds(p.COMMITTEE, user, case)
    rows, average, missing = review_of(practice) if sees_review else ([], None, [])
    return {
        "practice": practice,
        "photos": list(practice.photos.all()),
        "photos_editable": may_edit_photos(user, case),
        "gminas": practice.gminas.order_by("name"),
        "shows_contact": practice.contact_consent
        or is_staff(user)
        or p.holds(p.REQUESTER_SIDE, user, case),
        "score_form": score_form,
        "kind_forms": [score_form] if score_form else [],
        "sees_review": sees_review,
        "review_rows": rows,
        "review_average": average,
        "review_missing": missing,
        "threshold": min_average(),
        "practice_edit": may_edit_practice(user, case) and case.status != S.DRAFT,
        "versions": practice.versions.select_related("sent_by", "approved_by")
        if sees_review
        else [],
    }


PRACTICE = CaseKind(
    name=KIND,
    label=gettext_lazy("good practice"),
    label_plural=gettext_lazy("good practices"),
    flow=PracticeFlow,
    detail_model=GoodPractice,
    detail_relation="practice",
    detail_template="practice/_detail.html",
    detail_context=detail_context,
    urls="casework.kinds.practice.urls",
    create_url="casework:practice-new",
    create_label=gettext_lazy("New good practice"),
    may_create=may_create,
    edit_url="casework:practice-edit",
    staff_attach_states=frozenset(
        {S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.IN_APPROVAL, S.PUBLISHED}
    ),
    requester_attach_states=frozenset({S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED}),
    queue_columns=(
        QueueColumn("practice__area", gettext_lazy("Thematic area"), _area_label, column=True),
    ),
    queue_filters=(
        QueueFilter(
            "area",
            lambda: forms.ChoiceField(
                label=gettext_lazy("Thematic area"),
                required=False,
                choices=[("", gettext_lazy("All")), *ThematicArea.choices],
            ),
            lambda value: Q(practice__area=value),
        ),
    ),
    notification_subjects={
        "submitted": gettext_lazy("A new good practice was submitted: case %(number)s"),
        "received": gettext_lazy("Receipt of good practice %(number)s"),
        "changes_requested": gettext_lazy(
            "Good practice %(number)s was returned to you for changes"
        ),
        "resubmitted": gettext_lazy("Good practice %(number)s was resubmitted"),
        "approval_requested": gettext_lazy("Good practice %(number)s awaits approval"),
        "returned": gettext_lazy("Good practice %(number)s was returned to the reviewer"),
        "approved": gettext_lazy("Good practice %(number)s was approved and published"),
        "archived": gettext_lazy("Good practice %(number)s was archived"),
        "withdrawn": gettext_lazy("Good practice %(number)s was withdrawn by the submitter"),
    },
    done_messages={
        "submit": gettext_lazy("Good practice %(number)s was submitted."),
        "accept": gettext_lazy(
            "Good practice %(number)s was accepted for review; assignee: %(assignee)s."
        ),
        "decline": gettext_lazy("Good practice %(number)s was declined."),
        "request_changes": gettext_lazy(
            "Good practice %(number)s was returned to the submitter for changes."
        ),
        "resubmit": gettext_lazy("Good practice %(number)s was resubmitted."),
        "submit_for_approval": gettext_lazy("Good practice %(number)s was sent for approval."),
        "return_for_changes": gettext_lazy(
            "Good practice %(number)s was returned to the reviewer."
        ),
        "approve": gettext_lazy("Good practice %(number)s was approved and published."),
        "reject": gettext_lazy("Good practice %(number)s was rejected."),
        "archive": gettext_lazy("Good practice %(number)s was archived."),
        "withdraw": gettext_lazy("Good practice %(number)s was withdrawn."),
    },
    next_steps=gettext_lazy(
        "An advisor reviews your practice and scores it; if something is missing, it comes "
        "back to you with the reviewer's remarks. A member of the committee approves it "
        "before it is published."
    ),
    expected_of_requester={
        S.CHANGES_REQUESTED: gettext_lazy(
            "Read the reviewer's remarks, edit the practice and resubmit it."
        ),
    },
    version_model=PracticeVersion,
    version_issued_states=frozenset({S.PUBLISHED, S.ARCHIVED}),
    approval_mode=ApprovalMode.SINGLE_MEMBER,
)
