"""The partnership-agreement kind as the case-kind registry knows it (registered in
``apps.py``)."""

from django.utils.translation import gettext_lazy

from casework import permissions as p
from casework.registry import ApprovalMode, CaseKind
from directory.roles import is_staff

from .constants import AGREEMENT_DOCUMENT, KIND, SIGNED_AGREEMENT_DOCUMENT
from .constants import AgreementStatus as S
from .documents import agreement_documents_visible
from .flow import AgreementFlow
from .models import Agreement, AgreementVersion
from .services import (
    linked_cases,
    may_create,
    may_edit_agreement,
    may_sign,
    may_start_from,
    signature_summary,
)


def detail_context(case, user, extra: dict) -> dict:
    """What the agreement partial shows: the text, the parties with their rules and
    signatures, the signing link (a signatory while it is being signed) and the versions."""
    agreement = case.agreement
    sees_versions = is_staff(user) or p.holds(p.COMMITTEE, user, case)
    return {
        "agreement": agreement,
        "parties": signature_summary(agreement),
        "agreement_edit": may_edit_agreement(user, case),
        "signs": may_sign(user, case),
        "versions": agreement.versions.select_related("sent_by", "approved_by")
        if sees_versions or case.status != S.DRAFT
        else [],
        "origin_case": agreement.origin_case,
    }


AGREEMENT = CaseKind(
    name=KIND,
    label=gettext_lazy("partnership agreement"),
    label_plural=gettext_lazy("partnership agreements"),
    flow=AgreementFlow,
    detail_model=Agreement,
    detail_relation="agreement",
    detail_template="agreement/_detail.html",
    detail_context=detail_context,
    urls="casework.kinds.agreement.urls",
    create_url="casework:agreement-new",
    create_label=gettext_lazy("New partnership agreement"),
    may_create=may_create,
    edit_url="casework:agreement-edit",
    staff_attach_states=frozenset(
        {S.IN_REVIEW, S.AWAITING_INFO, S.IN_APPROVAL, S.SIGNING, S.IN_FORCE, S.AMENDING}
    ),
    requester_attach_states=frozenset({S.DRAFT, S.AMENDING, S.IN_REVIEW, S.AWAITING_INFO}),
    notification_subjects={
        "submitted": gettext_lazy("A partnership agreement was submitted for review: %(number)s"),
        "received": gettext_lazy("Receipt of partnership agreement %(number)s"),
        "info_requested": gettext_lazy(
            "The reviewer asks a question about partnership agreement %(number)s"
        ),
        "info_provided": gettext_lazy("The leader answered on partnership agreement %(number)s"),
        "approval_requested": gettext_lazy("Partnership agreement %(number)s awaits approval"),
        "returned": gettext_lazy("Partnership agreement %(number)s was returned to the reviewer"),
        "approved": gettext_lazy("Partnership agreement %(number)s was approved"),
        "signing_opened": gettext_lazy("Partnership agreement %(number)s awaits your signature"),
        "signing_reminder": gettext_lazy(
            "Reminder: partnership agreement %(number)s awaits your signature"
        ),
        "party_signed": gettext_lazy("A party signed partnership agreement %(number)s"),
        "signature_refused": gettext_lazy(
            "A party refused to sign partnership agreement %(number)s"
        ),
        "in_force": gettext_lazy("Partnership agreement %(number)s is in force"),
        "annex_started": gettext_lazy(
            "An annex to partnership agreement %(number)s is being prepared"
        ),
        "expiry_reminder": gettext_lazy("Partnership agreement %(number)s ends soon"),
        "expired": gettext_lazy("Partnership agreement %(number)s has expired"),
        "terminated": gettext_lazy("Partnership agreement %(number)s ended by notice"),
        "notice_given": gettext_lazy(
            "A party gave notice of termination of partnership agreement %(number)s"
        ),
        "declined": gettext_lazy("Partnership agreement %(number)s was declined"),
        "rejected": gettext_lazy("Partnership agreement %(number)s was rejected"),
        "withdrawn": gettext_lazy("Partnership agreement %(number)s was withdrawn by the leader"),
    },
    done_messages={
        "submit": gettext_lazy("Partnership agreement %(number)s was submitted for review."),
        "accept": gettext_lazy(
            "Partnership agreement %(number)s was taken for review; assignee: %(assignee)s."
        ),
        "request_info": gettext_lazy(
            "The question on partnership agreement %(number)s was sent to the leader."
        ),
        "provide_info": gettext_lazy("Your answer on partnership agreement %(number)s was sent."),
        "decline": gettext_lazy("Partnership agreement %(number)s was declined."),
        "submit_for_approval": gettext_lazy(
            "Partnership agreement %(number)s was sent for approval."
        ),
        "return_for_changes": gettext_lazy(
            "Partnership agreement %(number)s was returned to the reviewer."
        ),
        "approve": gettext_lazy(
            "Partnership agreement %(number)s was approved and sent to the parties for signing."
        ),
        "reject": gettext_lazy("Partnership agreement %(number)s was rejected."),
        "refuse_signature": gettext_lazy(
            "Your refusal was recorded: partnership agreement %(number)s is back in review."
        ),
        "give_notice": gettext_lazy(
            "Your notice of termination of partnership agreement %(number)s was recorded."
        ),
        "amend": gettext_lazy("An annex to partnership agreement %(number)s is being prepared."),
        "withdraw": gettext_lazy("Partnership agreement %(number)s was withdrawn."),
        "reassign": gettext_lazy(
            "Partnership agreement %(number)s has a new assignee: %(assignee)s."
        ),
    },
    next_steps=gettext_lazy(
        "An advisor reviews the agreement and may ask you questions; a member of the committee "
        "approves it. Then every party's authorised representatives sign the approved version; "
        "the last signature puts the agreement in force."
    ),
    expected_of_requester={
        S.AWAITING_INFO: gettext_lazy("Answer the reviewer's question."),
        S.SIGNING: gettext_lazy("Sign the approved version for your organisation."),
        S.AMENDING: gettext_lazy("Draft the annex and submit it for review."),
    },
    document_kinds=(AGREEMENT_DOCUMENT, SIGNED_AGREEMENT_DOCUMENT),
    documents_visible=agreement_documents_visible,
    version_model=AgreementVersion,
    version_issued_states=frozenset({S.SIGNING, S.IN_FORCE, S.AMENDING, S.EXPIRED, S.TERMINATED}),
    approval_mode=ApprovalMode.SINGLE_MEMBER,
    start_from_url="casework:agreement-from-case",
    start_from_label=gettext_lazy("Start a partnership agreement from this case"),
    may_start_from=may_start_from,
    linked_cases=linked_cases,
)
