"""The writers of the good-practice kind: opening a practice, editing its text, scoring it and
freezing it for approval. State changes go through ``workflows.services.transition_apply``;
who may do what is asked of ``casework.permissions`` (the rules below only combine its
nodes with the practice's states)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from casework import permissions as p
from casework.constants import Channel
from casework.models import Case
from casework.services import case_create, case_locked, filing_check, refuse
from casework.versions import version_freeze
from directory.models import Organisation
from directory.roles import REQUESTER_ROLES, is_coordinator, is_staff, roles_of
from documents.models import Document
from documents.services import document_request
from workflows.constants import RefusalCode
from workflows.exceptions import TransitionRefused

from .catalogue import index_values
from .constants import KIND, PHOTOS_MAX, PhotoLicence, PhotoSize
from .constants import PracticeStatus as S
from .documents import CATALOGUE_EDITION, year_practices
from .models import (
    TEXT_FIELDS,
    CatalogueEdition,
    GoodPractice,
    PracticePhoto,
    PracticeScore,
    PracticeVersion,
    ReviewCriterion,
)
from .photos import photo_derivatives

ERROR_FILING_NEEDS_DATE = _("Give the date the practice was received.")
ERROR_FILING_CHANNEL = _("Staff submitting on an organisation's behalf must say how it arrived.")
ERROR_NOT_EDITABLE = _(
    "Only the submitting organisation may edit the practice, while it is a draft or returned "
    "for changes."
)
ERROR_NOT_SCORABLE = _(
    "Only the practice's reviewers (the assigned advisor and a second reviewer, if one was "
    "added) may score it while it is in review."
)

#: The submitting side edits the text of a draft, and again when it was returned for changes.
EDITS_TEXT = p.all_of(
    p.REQUESTER_SIDE,
    p.any_of(p.StatusIs(S.DRAFT), p.StatusIs(S.CHANGES_REQUESTED)),
    name="edits the practice",
)


def _second_reviewer_rows(s: p.Subject):
    return GoodPractice.objects.filter(second_reviewer_id=s.pk)


#: The advisor a coordinator added as the practice's second reviewer.
SECOND_REVIEWER = p.InRelatedTable(_second_reviewer_rows, "case_id", "second reviewer")
#: The reviewers (the assigned advisor, the second reviewer) score the practice in review.
SCORES = p.all_of(
    p.any_of(p.ASSIGNEE, SECOND_REVIEWER),
    p.StatusIs(S.IN_REVIEW),
    name="scores the practice",
)


def min_average() -> Decimal:
    """Below this average of the scores a practice cannot go for approval (the deployment's
    ``ESFLOW_PRACTICE_MIN_AVERAGE``; a system check refuses a value that is not a score)."""
    return Decimal(str(settings.ESFLOW_PRACTICE_MIN_AVERAGE))


def may_create(user) -> bool:
    """A member of any organisation submits its practices; staff on an organisation's
    behalf (the intake page's test, and the registry's for the "new …" link)."""
    return is_staff(user) or bool(roles_of(user) & REQUESTER_ROLES)


def may_issue_edition(user) -> bool:
    """The coordinator issues a yearly edition of the catalogue (the catalogue page offers it
    and the issuing view asks, both here)."""
    return is_coordinator(user)


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
    filing_check(
        filed_by=filed_by, requesting_organisation=requesting_organisation, channel=channel,
        date_received=date_received, channel_error=ERROR_FILING_CHANNEL,
        date_error=ERROR_FILING_NEEDS_DATE,
    )  # fmt: skip
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
    """Record a reviewer's own scores: ``{criterion_id: (score, justification)}``."""
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
            scored_by=actor,
            defaults={"score": score, "justification": justification},
        )
        stored.append(row)
    return stored


def reviewers_of(practice: GoodPractice) -> list:
    """Who reviews the practice now: the case's assignee, then the second reviewer (if a
    coordinator added one and it is someone else)."""
    reviewers = [practice.case.assignee, practice.second_reviewer]
    seen, result = set(), []
    for user in reviewers:
        if user is not None and user.pk not in seen:
            seen.add(user.pk)
            result.append(user)
    return result


def _name(user) -> str:
    return user.get_full_name() or user.email


def _two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def review_of(practice: GoodPractice) -> tuple[list[dict], Decimal | None, list]:
    """The reviewers' scores of the criteria in use, the average the threshold is checked
    against (two decimals; None while any is missing) and the criteria some reviewer has not
    scored yet.

    The rule with two reviewers: each reviewer must score every criterion in use; each
    reviewer's scores are averaged, and the practice's average is the mean of the reviewers'
    averages (so both weigh the same; as each scores every criterion, it is also the mean of
    all the scores). Only the current reviewers count: scores of an advisor the case was
    reassigned away from stay stored but are not used. ``reviewer_averages`` gives the
    per-reviewer averages."""
    rows, _averages, average, missing = _review(practice)
    return rows, average, missing


def reviewer_averages(practice: GoodPractice) -> list[dict]:
    """``[{"reviewer", "reviewer_id", "average"}]`` of the reviewers who scored everything."""
    return _review(practice)[1]


def _review(practice: GoodPractice):
    reviewers = reviewers_of(practice)
    ids = [r.pk for r in reviewers]
    by_key = {
        (s.scored_by_id, s.criterion_id): s
        for s in practice.scores.filter(scored_by_id__in=ids).select_related("criterion")
    }
    rows, missing = [], []
    totals: dict[int, list[int]] = {pk: [] for pk in ids}
    for criterion in active_criteria():
        for reviewer in reviewers:
            score = by_key.get((reviewer.pk, criterion.pk))
            if score is None:
                if criterion not in missing:
                    missing.append(criterion)
                continue
            totals[reviewer.pk].append(score.score)
            rows.append(
                {
                    "criterion": criterion.code,
                    "name": criterion.name,
                    "score": score.score,
                    "justification": score.justification,
                    "reviewer": _name(reviewer),
                    "reviewer_id": reviewer.pk,
                }
            )
    averages = [
        {
            "reviewer": _name(reviewer),
            "reviewer_id": reviewer.pk,
            "average": _two_places(Decimal(sum(totals[reviewer.pk])) / len(totals[reviewer.pk])),
        }
        for reviewer in reviewers
        if totals[reviewer.pk]
    ]
    if missing or not rows:
        return rows, averages, None, missing
    mean = sum(Decimal(sum(t)) / len(t) for t in totals.values()) / len(totals)
    return rows, averages, _two_places(mean), missing


def practice_freeze(*, practice: GoodPractice, sent_by: Any) -> PracticeVersion:
    """Freeze the practice and its review as the next version (inside submit_for_approval);
    drafters are the sender and the reviewers whose scores it holds."""
    rows, averages, average, _missing = _review(practice)
    scorers = {r for r in reviewers_of(practice) if any(a["reviewer_id"] == r.pk for a in averages)}
    version = version_freeze(
        owner=practice,
        model=PracticeVersion,
        sent_by=sent_by,
        editors=scorers,
        title=practice.case.title,
        scores=rows,
        average=average,
        reviewer_averages=[{**a, "average": f"{a['average']:.2f}"} for a in averages],
        **practice.text(),
    )
    practice.current_version = version
    practice.save(update_fields=["current_version"])
    return version


# --- photos ------------------------------------------------------------------------------

ERROR_PHOTOS_NOT_EDITABLE = _(
    "Photos are added and removed by the submitting organisation while the practice is a "
    "draft or returned for changes, and by the office while it is in review."
)
ERROR_PHOTO_ALT_TEXT = _("Describe what the photo shows (alternative text).")
ERROR_PHOTO_AUTHOR = _("Give the author of the photo.")
ERROR_PHOTO_LICENCE = _("Choose the licence of the photo.")
ERROR_PHOTO_CONSENT = _(
    "A photo showing people can be added only with their consent to its publication."
)
ERROR_PHOTOS_FULL = _("A practice has at most %(max)s photos: remove one first.")
ERROR_PHOTO_GONE = _("The photo was removed meanwhile.")

#: The submitting side adds, removes and reorders photos when it edits the text; the office
#: (advisors, coordinators) while the practice is in review (e.g. a photo without consent).
EDITS_PHOTOS = p.any_of(
    EDITS_TEXT,
    p.all_of(p.STAFF, p.StatusIs(S.IN_REVIEW)),
    name="edits the practice's photos",
)


def may_edit_photos(user: Any, case: Case) -> bool:
    return p.holds(EDITS_PHOTOS, user, case)


def _photo_invalid(message, field: str) -> TransitionRefused:
    return TransitionRefused(RefusalCode.INVALID, message, errors={field: [message]})


def _renumber(practice: GoodPractice, ordered: list[PracticePhoto]) -> None:
    for position, photo in enumerate(ordered):
        if photo.position != position:
            photo.position = position
            photo.save(update_fields=["position"])


def photo_add(
    *,
    practice: GoodPractice,
    file: Any,
    alt_text: str,
    author: str,
    licence: str,
    people_shown: bool = False,
    people_consent: bool = False,
    actor: Any,
) -> PracticePhoto:
    """Add a photo at the end of the practice's gallery.

    The file is accepted by its content and stored only as derivatives re-encoded from its
    pixels (``photos.photo_derivatives``; a form may have made them already and left them
    on ``file.derivatives``). A refusal is a ``TransitionRefused`` (``errors`` names the
    field) and stores nothing. The files are written inside the transaction that records the
    row; if anything fails up to and including its commit, they are deleted again before the
    error goes on. (A caller that wraps this in a larger transaction of its own takes that
    duty over for what fails after it: the views call it alone.)"""
    written: list[str] = []
    try:
        with transaction.atomic():
            return _photo_add(
                practice=practice,
                file=file,
                alt_text=alt_text,
                author=author,
                licence=licence,
                people_shown=people_shown,
                people_consent=people_consent,
                actor=actor,
                written=written,
            )
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def _photo_add(
    *, practice, file, alt_text, author, licence, people_shown, people_consent, actor, written
) -> PracticePhoto:
    locked = case_locked(practice.case, ERROR_PHOTOS_NOT_EDITABLE)
    if not may_edit_photos(actor, locked):
        raise refuse(ERROR_PHOTOS_NOT_EDITABLE)
    alt_text, author = (alt_text or "").strip(), (author or "").strip()
    if not alt_text:
        raise _photo_invalid(ERROR_PHOTO_ALT_TEXT, "alt_text")
    if not author:
        raise _photo_invalid(ERROR_PHOTO_AUTHOR, "author")
    if licence not in PhotoLicence.values:
        raise _photo_invalid(ERROR_PHOTO_LICENCE, "licence")
    if people_shown and not people_consent:
        raise _photo_invalid(ERROR_PHOTO_CONSENT, "people_consent")
    count = PracticePhoto.objects.filter(practice_id=locked.pk).count()
    if count >= PHOTOS_MAX:
        raise _photo_invalid(ERROR_PHOTOS_FULL % {"max": PHOTOS_MAX}, "file")
    derivatives = getattr(file, "derivatives", None)
    if derivatives is None:
        try:
            derivatives = photo_derivatives(file)
        except ValidationError as error:
            messages = [str(m) for m in error.messages]
            raise TransitionRefused(
                RefusalCode.INVALID, messages[0], errors={"file": messages}
            ) from None
    large, thumb = derivatives[PhotoSize.LARGE], derivatives[PhotoSize.THUMB]
    photo = PracticePhoto(
        practice_id=locked.pk,
        position=count,
        alt_text=alt_text,
        author=author,
        licence=licence,
        people_shown=people_shown,
        people_consent=people_consent,
        width=large.width,
        height=large.height,
        thumbnail_width=thumb.width,
        thumbnail_height=thumb.height,
        uploaded_by=actor,
    )
    photo.image.save("photo.jpg", ContentFile(large.content), save=False)
    written.append(photo.image.name)
    photo.thumbnail.save("photo.jpg", ContentFile(thumb.content), save=False)
    written.append(photo.thumbnail.name)
    photo.save()
    return photo


def _locked_photo(photo: PracticePhoto, actor: Any) -> tuple[Case, PracticePhoto]:
    locked = case_locked(photo.practice.case, ERROR_PHOTOS_NOT_EDITABLE)
    if not may_edit_photos(actor, locked):
        raise refuse(ERROR_PHOTOS_NOT_EDITABLE)
    try:
        return locked, PracticePhoto.objects.select_for_update().get(pk=photo.pk)
    except PracticePhoto.DoesNotExist:
        raise refuse(ERROR_PHOTO_GONE, RefusalCode.CONFLICT) from None


@transaction.atomic
def photo_remove(*, photo: PracticePhoto, actor: Any) -> None:
    """Remove a photo; its files go once the removal is committed (a removal rolled back
    keeps them: ``models._photo_files_go_after_commit``)."""
    _case, current = _locked_photo(photo, actor)
    practice = current.practice
    current.delete()
    _renumber(practice, list(practice.photos.order_by("position", "pk")))


@transaction.atomic
def photo_move(*, photo: PracticePhoto, actor: Any, offset: int) -> None:
    """Move a photo ``offset`` places in the gallery (-1: one earlier, +1: one later);
    moving past either end leaves it there."""
    _case, current = _locked_photo(photo, actor)
    ordered = list(current.practice.photos.select_for_update().order_by("position", "pk"))
    index = next(i for i, other in enumerate(ordered) if other.pk == current.pk)
    target = max(0, min(len(ordered) - 1, index + offset))
    ordered.insert(target, ordered.pop(index))
    _renumber(current.practice, ordered)


def _ids_of(year: int) -> list[int]:
    return sorted(year_practices(year).order_by().values_list("pk", flat=True))


@transaction.atomic
def edition_issue(*, year: int, actor: Any = None) -> Document:
    """Issue the edition of ``year`` as a new version of its document (public)."""
    edition, _created = CatalogueEdition.objects.get_or_create(year=year)
    edition = CatalogueEdition.objects.select_for_update().get(pk=edition.pk)
    edition.practice_ids = _ids_of(year)
    edition.save(update_fields=["practice_ids"])
    return document_request(kind=CATALOGUE_EDITION, source=edition, actor=actor, public=True)


def editions_refresh() -> int:
    """The tick's check: a new version of every edition whose year's practices changed
    since its last version. Idempotent: an edition in step is left alone."""
    issued = 0
    for edition in CatalogueEdition.objects.all():
        if _ids_of(edition.year) != sorted(edition.practice_ids or []):
            edition_issue(year=edition.year)
            issued += 1
    return issued
