"""The steps a user meets on a case, for any kind (here the test kind, which casework's shared
code never imports): who is assigned on "accept", the confirmation of irreversible actions
without JavaScript, the withdrawal's reason, messages naming the case, the open question
above the answer box, and the "new …" links where the requesting side looks."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from casework.models import Case, CaseEvent, Notification
from casework.outcomes import DEFAULT_NEXT_STEPS, DONE, done_message
from directory.constants import MembershipRole
from tests.factories import MembershipFactory
from workflows.constants import RefusalCode
from workflows.exceptions import TransitionRefused
from workflows.models import OutboxRow
from workflows.outbox import outbox_run
from workflows.services import transition_apply

from .factories import draft_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor2(rops):
    return MembershipFactory(
        organisation=rops,
        role=MembershipRole.ADVISOR,
        user__email="advisor2@example.pl",
        user__full_name="Anna Nowak",
    ).user


@pytest.fixture
def submitted(gmina_org, municipality_user):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    return apply(case, "submit", municipality_user)


def apply(case, name, actor, **data):
    return transition_apply(
        case=case, expected_status=case.status, name=name, actor=actor, data=data
    )


def post(client, case, name, **data):
    url = reverse("casework:case-transition", args=[case.pk, name])
    return client.post(url, {"seen_status": case.status, **data})


def page(client, case):
    response = client.get(reverse("casework:case-detail", args=[case.pk]))
    assert response.status_code == 200
    return response


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# Accept: the chosen assignee is the one assigned ------------------------------------------


def test_the_flow_assigns_the_coordinators_choice(submitted, coordinator, advisor2):
    case = apply(submitted, "accept", coordinator, assignee=str(advisor2.pk))
    assert case.assignee == advisor2
    event = CaseEvent.objects.filter(case=case, action="accept").get()
    assert event.data["assignee"] == advisor2.pk


def test_the_flow_refuses_an_advisor_assigning_someone_else(submitted, advisor, advisor2):
    with pytest.raises(TransitionRefused) as refused:
        apply(submitted, "accept", advisor, assignee=str(advisor2.pk))
    assert refused.value.code == RefusalCode.FORBIDDEN
    case = Case.objects.get(pk=submitted.pk)
    assert (case.status, case.assignee_id) == ("submitted", None)


def test_an_advisor_claims_for_themself(submitted, advisor):
    assert apply(submitted, "accept", advisor).assignee == advisor


def test_over_http_the_coordinators_choice_is_assigned(client, submitted, coordinator, advisor2):
    client.force_login(coordinator)
    (accept,) = [a for a in page(client, submitted).context["actions"] if a["name"] == "accept"]
    assert "assignee" in accept["form"].fields  # a coordinator gets the list
    response = post(client, submitted, "accept", assignee=str(advisor2.pk))
    assert response.status_code == 302
    case = Case.objects.get(pk=submitted.pk)
    assert case.assignee == advisor2
    assert messages_of(response) == [
        f"Sprawa {case.number} została przyjęta do rozpatrzenia; prowadzi: Anna Nowak."
    ]


def test_over_http_an_advisor_gets_no_list_and_may_not_choose_another(
    client, submitted, advisor, advisor2
):
    client.force_login(advisor)
    response = page(client, submitted)
    (accept,) = [a for a in response.context["actions"] if a["name"] == "accept"]
    assert "assignee" not in accept["form"].fields
    assert 'name="assignee"' not in response.content.decode()
    refused = post(client, submitted, "accept", assignee=str(advisor2.pk))
    assert refused.status_code == 403
    assert Case.objects.get(pk=submitted.pk).assignee_id is None
    assert post(client, submitted, "accept").status_code == 302
    assert Case.objects.get(pk=submitted.pk).assignee == advisor


# Irreversible actions: a confirmation page, the second POST runs it ------------------------


def test_withdrawal_asks_for_confirmation_and_a_reason(client, submitted, municipality_user):
    client.force_login(municipality_user)
    html = page(client, submitted).content.decode()
    assert "Na następnej stronie poprosimy o potwierdzenie." in html
    assert "Tego nie można cofnąć" not in html  # said on the confirmation page only

    no_reason = post(client, submitted, "withdraw", reason=" ")
    assert no_reason.status_code == 409
    assert "reason" in no_reason.context["refusal"].errors

    first = post(client, submitted, "withdraw", reason="Zmiana planów inwestycyjnych.")
    assert first.status_code == 200
    html = first.content.decode()
    assert submitted.number in html
    assert submitted.title in html
    assert "Tego nie można cofnąć." in html
    assert 'name="confirm" value="1"' in html
    assert "Zmiana planów inwestycyjnych." in html  # carried to the second POST
    assert Case.objects.get(pk=submitted.pk).status == "submitted"
    assert not CaseEvent.objects.filter(case=submitted, action="withdraw").exists()

    second = post(client, submitted, "withdraw", reason="Zmiana planów.", confirm="1")
    assert second.status_code == 302
    case = Case.objects.get(pk=submitted.pk)
    assert case.status == "withdrawn"
    assert messages_of(second) == [f"Sprawa {case.number} została wycofana."]
    # The reason is kept (a comment the event points to) and shown in the history.
    event = CaseEvent.objects.get(case=case, action="withdraw")
    assert case.comments.get(pk=event.data["comment"]).body == "Zmiana planów."
    rows = page(client, case).context["event_rows"]
    assert [r["quote"] for r in rows if r["event"].action == "withdraw"] == ["Zmiana planów."]


def test_a_reversible_action_runs_at_once_without_confirmation(client, submitted, coordinator):
    client.force_login(coordinator)
    response = post(client, submitted, "request_info", question="Jaki jest budżet?")
    assert response.status_code == 302
    case = Case.objects.get(pk=submitted.pk)
    assert case.status == "awaiting_info"
    assert messages_of(response) == [
        f"Pytanie w sprawie {case.number} zostało wysłane do wnioskodawcy; bieg terminu "
        "jest wstrzymany."
    ]


def test_the_confirmation_page_does_not_bypass_permissions(client, submitted, advisor):
    """Someone who may not withdraw gets the refusal, not a confirmation page."""
    client.force_login(advisor)
    response = post(client, submitted, "withdraw", reason="x")
    assert response.status_code == 403
    response = post(client, submitted, "withdraw", reason="x", confirm="1")
    assert response.status_code == 403
    assert Case.objects.get(pk=submitted.pk).status == "submitted"


def test_each_transition_has_a_message_naming_the_case(submitted):
    with translation.override("en"):
        for name in DONE:
            message = done_message(submitted, name)
            assert submitted.number in message, name
            assert "%(" not in message


# The open question, above the answer box ---------------------------------------------------


def test_the_question_is_shown_above_the_answer_box(
    client, submitted, coordinator, municipality_user
):
    case = apply(submitted, "request_info", coordinator, question="Prosimy o kosztorys.")
    client.force_login(municipality_user)
    response = page(client, case)
    (answer,) = [a for a in response.context["actions"] if a["name"] == "provide_info"]
    assert answer["question"].body == "Prosimy o kosztorys."
    html = response.content.decode()
    question_at = html.index('id="open-question-provide_info"')
    assert question_at < html.index('id="id_provide_info_answer"')
    assert html.index("Prosimy o kosztorys.") < html.index('id="id_provide_info_answer"')
    # Staff see it in history, but have no answer box (and no question block) of their own.
    client.force_login(coordinator)
    assert 'id="open-question-' not in page(client, case).content.decode()


# Where the requesting side looks: "new …" on the dashboard and on "my requests" -------------


@pytest.mark.parametrize("url_name", ["dashboard", "casework:my-cases", "casework:case-list"])
def test_the_clerk_finds_the_new_request_link(client, municipality_user, url_name):
    client.force_login(municipality_user)
    html = client.get(reverse(url_name)).content.decode()
    assert f'href="{reverse("casework:testkind-new")}"' in html


def test_a_committee_member_gets_no_new_request_link(client, committee_member):
    client.force_login(committee_member)
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse("casework:testkind-new") not in html
    assert not re.search(r'class="new-case-links"', html)


# The receipt --------------------------------------------------------------------------------


def test_the_receipt_gives_number_deadline_and_next_steps(
    submitted, coordinator, municipality_user
):
    for row in OutboxRow.objects.order_by("pk"):
        outbox_run(row.pk)
    receipt = Notification.objects.get(recipient=municipality_user, verb="received")
    with translation.override("en"):
        details = dict(receipt.details)
        assert details["Case number"] == submitted.number
        assert details["Deadline"] == date_format(submitted.due_date, "DATE_FORMAT")
        assert details["What happens next"] == str(DEFAULT_NEXT_STEPS)
        # Read after a question paused the clock, it says so instead of a stale date.
        apply(Case.objects.get(pk=submitted.pk), "request_info", coordinator, question="?")
        receipt = Notification.objects.get(pk=receipt.pk)
        assert dict(receipt.details)["Deadline"] == (
            "The deadline is paused while the office waits for information."
        )
