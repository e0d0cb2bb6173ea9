"""The writers of the good-practice kind: opening a practice, editing its text, scoring it and
freezing it for approval. State changes go through ``workflows.services.transition_apply``;
who may do what is asked of ``casework.permissions`` (the rules below only combine its
nodes with the practice's states)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from casework import permissions as p
from casework.constants import Channel
from casework.models import Case
from casework.services import case_create, case_locked, refuse
from casework.versions import version_freeze
from directory.models import Organisation
from directory.roles import REQUESTER_ROLES, is_staff, roles_of
from workflows.constants import RefusalCode

from .catalogue import index_values
from .constants import DEFAULT_MIN_AVERAGE, KIND
from .constants import PracticeStatus as S
from .models import TEXT_FIELDS, GoodPractice, PracticeScore, PracticeVersion, ReviewCriterion

ERROR_FILING_NEEDS_DATE = _("Give the date the practice was received.")
ERROR_FILING_CHANNEL = _("Staff submitting on an organisation's behalf must say how it arrived.")
ERROR_NOT_EDITABLE = _(
    "Only the submitting organisation may edit the practice, while it is a draft or returned "
    "for changes."
)
ERROR_NOT_SCORABLE = _("Only the assigned advisor may score the practice while it is in review.")

#: The submitting side edits the text of a draft, and again when it was returned for changes.
EDITS_TEXT = p.all_of(
    p.REQUESTER_SIDE,
    p.any_of(p.StatusIs(S.DRAFT), p.StatusIs(S.CHANGES_REQUESTED)),
    name="edits the practice",
)
#: The assigned advisor scores the practice while it is in review.
SCORES = p.all_of(p.ASSIGNEE, p.StatusIs(S.IN_REVIEW), name="scores the practice")


def min_average() -> Decimal:
    return Decimal(str(getattr(settings, "ESFLOW_PRACTICE_MIN_AVERAGE", DEFAULT_MIN_AVERAGE)))


def may_create(user) -> bool:
    """A member of any organisation submits its practices; staff on an organisation's
    behalf (the intake page's test, and the registry's for the "new …" link)."""
    return is_staff(user) or bool(roles_of(user) & REQUESTER_ROLES)


def may_edit_practice(user: Any, case: Case) -> bool:
    return p.holds(EDITS_TEXT, user, case)


def may_score(user: Any, case: Case) -> bool:
    return p.holds(SCORES, user, case)


@transaction.atomic
def practice_create(
    *,
    requesting_organisation: Organisation,
    title: str,
    area: str,
    filed_by: Any,
    channel: str = Channel.ONLINE,
    date_received: datetime.date | None = None,
) -> Case:
    """Open a practice draft; staff submitting on an organisation's behalf give the channel
    and the date it arrived."""
    if not p.holds(
        p.REQUESTING_ORGANISATION, filed_by, Case(requesting_organisation=requesting_organisation)
    ):
        if channel == Channel.ONLINE:
            raise refuse(ERROR_FILING_CHANNEL, RefusalCode.INVALID)
        if date_received is None:
            raise refuse(ERROR_FILING_NEEDS_DATE, RefusalCode.INVALID)
    case = case_create(
        kind=KIND,
        title=title,
        requesting_organisation=requesting_organisation,
        filed_by=filed_by,
        channel=channel,
        date_received=date_received,
    )
    practice_index(practice=GoodPractice.objects.create(case=case, area=area))
    return case


#: What the edit form may change besides the text fields and the title.
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone", "contact_consent")


@transaction.atomic
def practice_update(*, case: Case, actor: Any, title: str, gminas=(), **fields) -> GoodPractice:
    """Save the practice's text (the submitting side, in a draft or when returned)."""
    locked = case_locked(case, ERROR_NOT_EDITABLE)
    if not may_edit_practice(actor, locked):
        raise refuse(ERROR_NOT_EDITABLE)
    locked.title = title
    locked.save(update_fields=["title", "updated_at"])
    practice = locked.practice
    allowed = {*TEXT_FIELDS, *CONTACT_FIELDS}
    for name, value in fields.items():
        if name in allowed:
            setattr(practice, name, value)
    practice.save()
    practice.gminas.set(gminas)
    practice_index(practice=practice)
    return practice


def practice_index(*, practice: GoodPractice) -> None:
    """Refresh what the public catalogue searches in (the practice's public words); the
    search filters by state, so a draft's index is harmless and ready at publication."""
    GoodPractice.objects.filter(pk=practice.pk).update(**index_values(practice))


def active_criteria():
    return ReviewCriterion.objects.filter(is_active=True)


@transaction.atomic
def practice_score(*, case: Case, actor: Any, scores: dict[int, tuple[int, str]]) -> list:
    """Record the assigned advisor's scores: ``{criterion_id: (score, justification)}``."""
    locked = case_locked(case, ERROR_NOT_SCORABLE)
    if not may_score(actor, locked):
        raise refuse(ERROR_NOT_SCORABLE)
    practice = locked.practice
    stored = []
    for criterion in active_criteria():
        if criterion.pk not in scores:
            continue
        score, justification = scores[criterion.pk]
        row, _created = PracticeScore.objects.update_or_create(
            practice=practice,
            criterion=criterion,
            defaults={"score": score, "justification": justification, "scored_by": actor},
        )
        stored.append(row)
    return stored


def review_of(practice: GoodPractice) -> tuple[list[dict], Decimal | None, list]:
    """The scores of the criteria in use, their average (two decimals, None while any is
    missing) and the criteria still unscored."""
    by_criterion = {s.criterion_id: s for s in practice.scores.select_related("criterion")}
    rows, missing = [], []
    for criterion in active_criteria():
        score = by_criterion.get(criterion.pk)
        if score is None:
            missing.append(criterion)
            continue
        rows.append(
            {
                "criterion": criterion.code,
                "name": criterion.name,
                "score": score.score,
                "justification": score.justification,
            }
        )
    if missing or not rows:
        return rows, None, missing
    average = Decimal(sum(r["score"] for r in rows)) / len(rows)
    return rows, average.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), missing


def practice_freeze(*, practice: GoodPractice, sent_by: Any) -> PracticeVersion:
    """Freeze the practice and its review as the next version (inside submit_for_approval);
    drafters are the sender and the advisors who scored it."""
    rows, average, _missing = review_of(practice)
    scorers = {s.scored_by for s in practice.scores.select_related("scored_by")}
    version = version_freeze(
        owner=practice,
        model=PracticeVersion,
        sent_by=sent_by,
        editors=scorers,
        title=practice.case.title,
        scores=rows,
        average=average,
        **practice.text(),
    )
    practice.current_version = version
    practice.save(update_fields=["current_version"])
    return version
