"""The test kind as the case-kind registry knows it (registered in ``apps.py``).

Its wording is plain English on purpose: only the test suite meets it, so it has no
catalogue entries.
"""

from django import forms
from django.db.models import Q

from casework.registry import CaseKind, QueueColumn, QueueFilter, register_kind, registered_kinds
from directory.roles import REQUESTER_ROLES, roles_of

from .flow import S, TestFlow
from .models import TestDetail

NOTE_FILTER = "test_note"

SUBJECTS = {
    "assigned": "Test case %(number)s is yours now",
    "info_requested": "Test case %(number)s: the office has a question",
    "info_provided": "Test case %(number)s: the requester answered",
    "returned": "Test case %(number)s: the committee sent it back",
    "withdrawn": "Test case %(number)s: the requester withdrew it",
}


def detail_context(case, user, extra: dict) -> dict:
    """What the test partial shows beyond ``detail``: whether the viewer filed the case."""
    return {"test_filed_by_viewer": case.filed_by_id == user.pk}


def may_create(user) -> bool:
    """Only the requesting roles open the test kind's intake (no filing on behalf): unlike
    the advisory kind's, so the "new …" links are tested against a rule of a kind's own."""
    return bool(roles_of(user) & REQUESTER_ROLES)


TEST_KIND = CaseKind(
    name=TestFlow.kind,
    label="test case",
    label_plural="test cases",
    flow=TestFlow,
    detail_model=TestDetail,
    detail_relation="test_detail",
    detail_template="testkind/_detail.html",
    detail_context=detail_context,
    urls="tests.testkind.urls",
    create_url="casework:testkind-new",
    create_label="New test case",
    may_create=may_create,
    staff_attach_states=frozenset({S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO, S.IN_APPROVAL}),
    requester_attach_states=frozenset({S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO}),
    queue_columns=(QueueColumn("test_detail__note", "Note", lambda value: f"note: {value}"),),
    queue_filters=(
        QueueFilter(
            NOTE_FILTER,
            lambda: forms.CharField(label="Test note", required=False, max_length=200),
            lambda value: Q(test_detail__note__icontains=value),
        ),
    ),
    notification_subjects=SUBJECTS,
    expected_of_requester={S.AWAITING_INFO: "Answer the test question."},
)


def register_test_kind() -> None:
    """The test kind is registered only by the test suite, never in the running service."""
    if registered_kinds().get(TEST_KIND.name) is not TEST_KIND:
        register_kind(TEST_KIND)
