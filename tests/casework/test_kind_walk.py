"""A kind that casework's shared modules never import (``tests.testkind``, installed only by
``tests/settings.py``) walks through intake, the queues, the case page and every common
transition over HTTP, as the real users would: the kind's partial, buttons, queue column and
filter, events and notification wording all come from its one ``CaseKind`` declaration."""

import pytest
from django.apps import apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from casework.entry_points import new_case_links
from casework.models import Attachment, Case, CaseEvent, CaseParty, Notification
from casework.notification_subjects import VERBS, notification_subject
from casework.outcomes import DEFAULT_NEXT_STEPS
from casework.registry import get_kind
from directory.constants import MembershipRole, OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory
from tests.intake.files import MINIMAL_PDF
from tests.testkind.kind import NOTE_FILTER, SUBJECTS, TEST_KIND
from tests.testkind.models import TestDetail
from workflows.flows import NOTIFY_TOPIC
from workflows.models import OutboxRow
from workflows.outbox import outbox_run

pytestmark = pytest.mark.django_db

NOTE = "Klauzule w przetargu na catering"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(rops, committee_body, municipality_user, advisor, coordinator, committee_member):
    second_advisor = MembershipFactory(
        organisation=rops, role=MembershipRole.ADVISOR, user__email="advisor2@example.pl"
    ).user
    partner = OrganisationFactory(kind=OrganisationKind.FOUNDATION, name="Fundacja Partnerska")
    # A committee member who sits on the board of a party to the case: recused.
    party_member = MembershipFactory(
        organisation=committee_body, user__email="committee2@example.pl"
    ).user
    MembershipFactory(user=party_member, organisation=partner)
    return {
        "clerk": municipality_user,
        "advisor": advisor,
        "advisor2": second_advisor,
        "coordinator": coordinator,
        "member": committee_member,
        "party_member": party_member,
        "partner": partner,
    }


class Walker:
    """One test Client per person, logged in as them."""

    def __init__(self, client_class, people):
        self.people = people
        self.clients = {}
        for name, user in people.items():
            if name == "partner":
                continue
            client = client_class()
            client.force_login(user)
            self.clients[name] = client

    def get(self, who, url, **params):
        return self.clients[who].get(url, params)

    def post(self, who, url, data=None, **kwargs):
        return self.clients[who].post(url, data or {}, **kwargs)

    def page(self, who, case):
        response = self.get(who, reverse("casework:case-detail", args=[case.pk]))
        assert response.status_code == 200, (who, case.status)
        return response

    def actions(self, who, case) -> set[str]:
        return {a["name"] for a in self.page(who, case).context["actions"]}

    def act(self, who, case, name, **data):
        response = self.post(
            who,
            reverse("casework:case-transition", args=[case.pk, name]),
            {"seen_status": case.status, **data},
        )
        assert response.status_code == 302, (who, name, response.status_code)
        case.refresh_from_db()
        return case


def deliver_notifications() -> list[Notification]:
    """Run the outbox's pending notifications (on_commit hand-offs do not run in a test)."""
    rows = OutboxRow.objects.filter(topic=NOTIFY_TOPIC, status="pending").order_by("pk")
    for row in rows:
        outbox_run(row.pk)
    return list(Notification.objects.order_by("pk"))


def new_notifications(seen: set[int]) -> list[Notification]:
    fresh = [n for n in deliver_notifications() if n.pk not in seen]
    seen.update(n.pk for n in fresh)
    return fresh


def events(case) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).order_by("pk").values_list("action", flat=True))


def kind_subject(verb, case) -> str:
    return SUBJECTS[verb] % {"number": case.number}


def assert_partial(response, note=NOTE):
    html = response.content.decode()
    assert 'id="test-detail"' in html
    assert f"Note: {note}" in html
    assert 'id="test-after-actions"' in html
    assert response.context["detail"].note == note
    assert response.context["kind"] is TEST_KIND


def intake(walker, who="clerk", title="Catering w szkołach", note=NOTE) -> Case:
    url = reverse(TEST_KIND.create_url)
    response = walker.get(who, url)
    assert response.status_code == 200
    organisation = walker.people[who].memberships.first().organisation
    response = walker.post(
        who, url, {"organisation": organisation.pk, "title": title, "note": note}
    )
    assert response.status_code == 302
    case = Case.objects.get(title=title)
    assert response.url == reverse("casework:case-detail", args=[case.pk])
    return case


def test_the_test_kind_is_registered_by_its_app_and_casework_holds_nothing_of_it():
    import sys
    import types

    from tests.testkind.apps import TestKindConfig

    assert get_kind("test") is TEST_KIND
    assert isinstance(apps.get_app_config("testkind"), TestKindConfig)
    for name, module in list(sys.modules.items()):
        if not name.startswith("casework") or module is None:
            continue
        for value in vars(module).values():
            origin = value.__name__ if isinstance(value, types.ModuleType) else None
            origin = origin or getattr(value, "__module__", None) or ""
            assert not str(origin).startswith("tests"), (name, value)


def test_a_kind_casework_does_not_import_walks_every_common_transition(people):
    walker = Walker(Client, people)
    seen: set[int] = set()

    # Intake: the "new" link, the kind's page, a draft with its detail row.
    assert {"label": "New test case", "url": reverse("casework:testkind-new")} in new_case_links(
        people["clerk"]
    )
    case = intake(walker)
    assert case.kind == "test"
    assert case.status == "draft"
    assert TestDetail.objects.get(case=case).note == NOTE
    response = walker.page("clerk", case)
    assert_partial(response)
    assert "You filed this test case." in response.content.decode()
    assert {a["name"] for a in response.context["actions"]} == {"submit"}
    # A draft is the requesting side's only.
    for who in ("advisor", "coordinator", "member"):
        assert walker.get(who, reverse("casework:case-detail", args=[case.pk])).status_code == 404

    # submit
    walker.act("clerk", case, "submit")
    assert case.status == "submitted"
    assert case.number.startswith("TST/")
    assert events(case) == ["submit"]
    # The requesting side's receipt: number, deadline and what happens next (the default
    # wording: the kind words none of its own).
    fresh = new_notifications(seen)
    (receipt,) = [n for n in fresh if n.verb == "received"]
    assert receipt.recipient == people["clerk"]
    with translation.override("en"):
        details = dict(receipt.details)
        assert details["Case number"] == case.number
        assert details["Deadline"] == date_format(case.due_date, "DATE_FORMAT")
        assert details["What happens next"] == str(DEFAULT_NEXT_STEPS)
    (receipt_mail,) = [m for m in mail.outbox if m.to == [people["clerk"].email]]
    assert case.number in receipt_mail.body
    with translation.override(people["clerk"].preferred_language):
        assert str(DEFAULT_NEXT_STEPS) in receipt_mail.body
    assert walker.actions("clerk", case) == {"withdraw"}
    assert walker.actions("advisor", case) == {"accept"}
    assert walker.actions("coordinator", case) == {"accept", "extend_deadline", "request_info"}
    assert walker.get("member", reverse("casework:case-detail", args=[case.pk])).status_code == 404
    response = walker.page("advisor", case)
    assert_partial(response)
    assert "You filed this test case." not in response.content.decode()

    # The advisor's "unassigned" queue: the case, its kind's column, its kind's filter.
    queue = reverse("casework:queue")
    response = walker.get("advisor", queue, queue="unassigned")
    assert response.status_code == 200
    assert NOTE_FILTER in response.context["form"].fields
    (row,) = [r for r in response.context["rows"] if r["pk"] == case.pk]
    assert row["detail"] == f"note: {NOTE}"
    assert f'<span class="help">note: {NOTE}</span>' in response.content.decode()
    assert row["can_claim"]
    response = walker.get("advisor", queue, queue="unassigned", **{NOTE_FILTER: "catering"})
    assert [r["pk"] for r in response.context["rows"]] == [case.pk]
    response = walker.get("advisor", queue, queue="unassigned", **{NOTE_FILTER: "nic takiego"})
    assert response.context["rows"] == []
    response = walker.get("advisor", queue, queue="unassigned", kind="test")
    assert [r["pk"] for r in response.context["rows"]] == [case.pk]

    # Claim from the queue (accept).
    response = walker.post(
        "advisor",
        reverse("casework:queue-claim", args=[case.pk]),
        {"claim": case.status, "next": queue + "?queue=unassigned"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "in_review"
    assert case.assignee == people["advisor"]
    assert events(case) == ["submit", "accept"]
    (note,) = new_notifications(seen)
    assert (note.recipient, note.verb) == (people["advisor"], "assigned")
    assert notification_subject("assigned", case) == kind_subject("assigned", case)
    assert mail.outbox[-1].subject == kind_subject("assigned", case)
    response = walker.get("advisor", queue, queue="unassigned")
    assert case.pk not in [r["pk"] for r in response.context["rows"]]
    response = walker.get("advisor", queue, queue="mine")
    assert case.pk in [r["pk"] for r in response.context["rows"]]
    assert walker.actions("advisor", case) == {"extend_deadline", "request_info"}
    assert walker.actions("coordinator", case) == {"extend_deadline", "reassign", "request_info"}
    assert walker.actions("clerk", case) == {"withdraw"}

    # request_info: a question; the clock pauses.
    walker.act("advisor", case, "request_info", question="Jaki jest budżet zamówienia?")
    assert case.status == "awaiting_info"
    assert case.resume_status == "in_review"
    assert events(case)[-1] == "request_info"
    assert case.pauses.filter(ended_on__isnull=True).exists()
    fresh = new_notifications(seen)
    assert {(n.recipient, n.verb) for n in fresh} == {(people["clerk"], "info_requested")}
    assert mail.outbox[-1].subject == kind_subject("info_requested", case)
    assert "Jaki jest budżet zamówienia?" in mail.outbox[-1].body
    with translation.override("en"):
        assert dict(fresh[0].details)["Question"] == "Jaki jest budżet zamówienia?"
    response = walker.page("clerk", case)
    assert_partial(response)
    assert "Jaki jest budżet zamówienia?" in response.content.decode()
    assert {a["name"] for a in response.context["actions"]} == {"provide_info", "withdraw"}
    (provide,) = [a for a in response.context["actions"] if a["name"] == "provide_info"]
    assert provide["files"] is not None  # the answer takes a file
    assert walker.actions("advisor", case) == set()
    assert walker.actions("coordinator", case) == {"reassign"}

    # provide_info: the answer, with a file; back to review.
    walker.act(
        "clerk",
        case,
        "provide_info",
        answer="Około 200 000 zł.",
        file=SimpleUploadedFile("budzet.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    assert case.status == "in_review"
    assert case.resume_status == ""
    assert events(case)[-1] == "provide_info"
    (attachment,) = Attachment.objects.filter(case=case)
    assert attachment.original_name == "budzet.pdf"
    assert attachment.uploaded_by == people["clerk"]
    fresh = new_notifications(seen)
    assert {(n.recipient, n.verb) for n in fresh} == {(people["advisor"], "info_provided")}
    assert mail.outbox[-1].subject == kind_subject("info_provided", case)
    response = walker.page("advisor", case)
    assert "Około 200 000 zł." in response.content.decode()
    assert "budzet.pdf" in response.content.decode()

    # extend_deadline: more days with a reason; the state stays.
    due = case.due_date
    walker.act("advisor", case, "extend_deadline", days="7", reason="Sprawa złożona.")
    assert case.status == "in_review"
    assert case.due_date > due
    assert events(case)[-1] == "extend_deadline"
    assert case.extensions.count() == 1
    fresh = new_notifications(seen)
    assert {(n.recipient, n.verb) for n in fresh} == {(people["clerk"], "deadline_extended")}
    # A verb the kind does not word falls back to casework's own wording.
    assert notification_subject("deadline_extended", case) == str(VERBS["deadline_extended"]) % {
        "number": case.number
    }

    # reassign (the coordinator): to the second advisor.
    assert "reassign" not in walker.actions("advisor", case)
    walker.act("coordinator", case, "reassign", assignee=str(people["advisor2"].pk))
    assert case.status == "in_review"
    assert case.assignee == people["advisor2"]
    assert events(case)[-1] == "reassign"
    fresh = new_notifications(seen)
    assert {(n.recipient, n.verb) for n in fresh} == {(people["advisor2"], "assigned")}
    assert walker.actions("advisor2", case) == {"extend_deadline", "request_info"}

    # submit_for_approval: offered once the review note is written (a guard of the kind).
    response = walker.post(
        "advisor2",
        reverse("casework:case-comments", args=[case.pk]),
        {"body": "Notatka z analizy.", "internal": "on"},
    )
    assert response.status_code == 302
    assert walker.actions("advisor2", case) == {
        "extend_deadline",
        "request_info",
        "submit_for_approval",
    }
    # A party: its members see the case, and a committee member among them is recused.
    CaseParty.objects.create(case=case, organisation=people["partner"])
    walker.act("advisor2", case, "submit_for_approval")
    assert case.status == "in_approval"
    assert events(case)[-1] == "submit_for_approval"

    # The committee: the member decides, the party's member is recused.
    assert walker.actions("member", case) == {"approve", "return_for_changes"}
    assert_partial(walker.page("member", case))
    assert walker.actions("party_member", case) == set()
    approvals = reverse("casework:approvals")
    rows = walker.get("member", approvals).context["rows"]
    assert [(r["case"].pk, r["case"].recused) for r in rows] == [(case.pk, False)]
    response = walker.get("party_member", approvals)
    assert [(r["case"].pk, r["case"].recused) for r in response.context["rows"]] == [
        (case.pk, True)
    ]
    assert reverse("casework:case-detail", args=[case.pk]) in response.content.decode()
    refused = walker.post(
        "party_member",
        reverse("casework:case-transition", args=[case.pk, "approve"]),
        {"seen_status": case.status},
    )
    assert refused.status_code == 403
    case.refresh_from_db()
    assert case.status == "in_approval"
    assert walker.actions("advisor2", case) == {"extend_deadline"}
    assert walker.actions("coordinator", case) == {"extend_deadline", "reassign"}

    # return_for_changes (a reason) and back again.
    walker.act("member", case, "return_for_changes", reason="Proszę uzupełnić uzasadnienie.")
    assert case.status == "in_review"
    assert events(case)[-1] == "return_for_changes"
    fresh = new_notifications(seen)
    assert {(n.recipient, n.verb) for n in fresh} == {(people["advisor2"], "returned")}
    assert mail.outbox[-1].subject == kind_subject("returned", case)
    assert "Proszę uzupełnić uzasadnienie." in mail.outbox[-1].body
    # The item left the committee's sight with its state.
    assert walker.get("member", reverse("casework:case-detail", args=[case.pk])).status_code == 404
    walker.act("advisor2", case, "submit_for_approval")
    assert case.status == "in_approval"

    # approve (a member who is not recused), then close.
    walker.act("member", case, "approve")
    assert case.status == "approved"
    assert events(case)[-1] == "approve"
    fresh = new_notifications(seen)
    assert {(n.recipient, n.verb) for n in fresh} == {(people["clerk"], "approved")}
    assert mail.outbox[-1].subject == str(VERBS["approved"]) % {"number": case.number}
    assert walker.actions("advisor2", case) == {"close"}
    assert walker.actions("coordinator", case) == {"close"}
    assert walker.actions("clerk", case) == set()
    walker.act("advisor2", case, "close")
    assert case.status == "closed"
    assert events(case) == [
        "submit",
        "accept",
        "request_info",
        "provide_info",
        "extend_deadline",
        "reassign",
        "submit_for_approval",
        "return_for_changes",
        "submit_for_approval",
        "approve",
        "close",
    ]
    for who in ("clerk", "advisor", "advisor2", "coordinator", "member", "party_member"):
        response = walker.page(who, case)
        assert_partial(response)
        assert response.context["actions"] == []
    # The timeline labels each event with the kind's own transition label.
    labels = [row["label"] for row in walker.page("coordinator", case).context["event_rows"]]
    assert "Send for approval" in labels
    assert "Close" in labels

    # A second case, withdrawn by the requesting side once filed.
    second = intake(walker, title="Usługi sprzątania", note="Sprzątanie urzędu")
    walker.act("clerk", second, "submit")
    new_notifications(seen)  # the coordinators' news and the receipt
    response = walker.get("advisor", queue, queue="unassigned", **{NOTE_FILTER: "sprzątanie"})
    assert [r["pk"] for r in response.context["rows"]] == [second.pk]
    # Irreversible: the first POST asks to confirm (the reason required), the second runs it.
    withdraw_url = reverse("casework:case-transition", args=[second.pk, "withdraw"])
    response = walker.post("clerk", withdraw_url, {"seen_status": "submitted", "reason": ""})
    assert response.status_code == 409
    assert "reason" in response.context["refusal"].errors
    response = walker.post(
        "clerk", withdraw_url, {"seen_status": "submitted", "reason": "Zmiana planów."}
    )
    assert response.status_code == 200
    assert response.templates[0].name == "casework/transition_confirm.html"
    assert second.number in response.content.decode()
    second.refresh_from_db()
    assert second.status == "submitted"
    walker.act("clerk", second, "withdraw", reason="Zmiana planów.", confirm="1")
    assert second.status == "withdrawn"
    assert events(second) == ["submit", "withdraw"]
    fresh = new_notifications(seen)
    assert {(n.recipient, n.verb) for n in fresh} == {(people["coordinator"], "withdrawn")}
    assert mail.outbox[-1].subject == kind_subject("withdrawn", second)
    assert "Zmiana planów." in mail.outbox[-1].body
    with translation.override("en"):
        assert dict(fresh[0].details)["Reason"] == "Zmiana planów."
    assert walker.actions("clerk", second) == set()
    assert_partial(walker.page("coordinator", second), note="Sprzątanie urzędu")
    response = walker.get("advisor", queue, queue="unassigned")
    assert second.pk not in [r["pk"] for r in response.context["rows"]]
