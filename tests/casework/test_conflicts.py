"""Conflicts of interest (issue 14, must-hold 4): who may decide an item, from a literal
table of the member's memberships, declared links and declared conflicts against the case's
requesting organisation and parties; through the flow (``transition_apply``) and over HTTP
(the case page's approve action); declarations and recusals are events; the committee's
list says why; the pages refuse whom they should (404 for a case one cannot see)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.conflicts import ERROR_ALREADY_DECLARED
from casework.models import Case, CaseEvent, CaseParty, ConflictDeclaration, DeclaredLink
from casework.recusal import ERROR_RECUSED
from directory.constants import OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory
from tests.queues.factories import make_advisory, make_case
from workflows.constants import RefusalCode
from workflows.exceptions import TransitionRefused
from workflows.services import transition_apply

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate() + datetime.timedelta(days=365)

# (the member's memberships, their declared links, their declared conflicts,
#  the case's parties besides the requester) -> may the member decide (approve) the case?
# Organisations: "requester" (the requesting gmina), "party" (an association), "other"
# (an unrelated foundation). A membership or link may be "ended" (in the past) or "future".
RECUSAL_TABLE = [
    pytest.param([], [], [], [], True, id="no tie"),
    pytest.param(["requester"], [], [], [], False, id="member of the requester"),
    pytest.param(["requester ended"], [], [], [], True, id="former member of the requester"),
    pytest.param(["requester future"], [], [], [], True, id="future member of the requester"),
    pytest.param(["party"], [], [], ["party"], False, id="member of a party"),
    pytest.param(["party ended"], [], [], ["party"], True, id="former member of a party"),
    pytest.param(["party"], [], [], [], True, id="member of an organisation that is no party"),
    pytest.param(["other"], [], [], ["party"], True, id="member of an unrelated organisation"),
    pytest.param([], ["requester"], [], [], False, id="declared link with the requester"),
    pytest.param([], ["party"], [], ["party"], False, id="declared link with a party"),
    pytest.param([], ["party"], [], [], True, id="declared link with no party"),
    pytest.param([], ["requester ended"], [], [], True, id="ended link with the requester"),
    pytest.param([], ["party ended"], [], ["party"], True, id="ended link with a party"),
    pytest.param([], ["other"], [], ["party"], True, id="declared link elsewhere"),
    pytest.param([], [], ["this case"], [], False, id="declared conflict on this case"),
    pytest.param([], [], ["another case"], [], True, id="declared conflict on another case"),
    pytest.param(["other"], ["other"], ["another case"], ["party"], True, id="ties elsewhere only"),
    pytest.param(
        ["requester", "party"],
        ["requester", "party"],
        ["this case"],
        ["party"],
        False,
        id="every tie at once",
    ),
]
KINDS = ["test", "advisory"]


@pytest.fixture
def orgs(gmina_org):
    return {
        "requester": gmina_org,
        "party": OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name="Stowarzyszenie Most"),
        "other": OrganisationFactory(kind=OrganisationKind.FOUNDATION, name="Fundacja Inna"),
    }


def _item(kind, orgs, filer, advisor, parties):
    """An item awaiting the committee's decision, of ``kind``, with its parties."""
    common = {"organisation": orgs["requester"], "filed_by": filer, "status": "in_approval"}
    if kind == "advisory":
        case = make_advisory(version_by=advisor, assignee=advisor, **common)
    else:
        case = make_case(kind=kind, assignee=advisor, **common)
    for name in parties:
        CaseParty.objects.create(case=case, organisation=orgs[name])
    return case


def _tie(member, orgs, case, memberships, links, conflicts, other_case):
    for spec in memberships:
        name, _, when = spec.partition(" ")
        dates = {
            "": {},
            "ended": {
                "valid_from": datetime.date(2019, 1, 1),
                "valid_to": datetime.date(2022, 1, 1),
            },
            "future": {"valid_from": NEXT_YEAR},
        }[when]
        MembershipFactory(user=member, organisation=orgs[name], **dates)
    for spec in links:
        name, _, when = spec.partition(" ")
        DeclaredLink.objects.create(
            member=member,
            organisation=orgs[name],
            note="brat w zarządzie",
            ended_at=timezone.now() if when == "ended" else None,
        )
    for spec in conflicts:
        target = case if spec == "this case" else other_case
        ConflictDeclaration.objects.create(case=target, member=member, reason="Znam wnioskodawcę")


@pytest.fixture
def setup(orgs, committee_member, municipality_user, advisor):
    def build(kind, memberships, links, conflicts, parties):
        case = _item(kind, orgs, municipality_user, advisor, parties)
        other_case = _item(kind, orgs, municipality_user, advisor, [])
        _tie(committee_member, orgs, case, memberships, links, conflicts, other_case)
        return case

    return build


def _approve_data(case):
    if case.kind == "advisory":
        return {"version": case.advisory.current_version.sha256}
    return {}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("memberships", "links", "conflicts", "parties", "may"), RECUSAL_TABLE)
def test_who_may_decide_through_the_flow(
    setup, committee_member, kind, memberships, links, conflicts, parties, may
):
    case = setup(kind, memberships, links, conflicts, parties)
    if may:
        done = transition_apply(
            case=case,
            name="approve",
            actor=committee_member,
            expected_status="in_approval",
            data=_approve_data(case),
        )
        assert done.status == "approved"
        assert CaseEvent.objects.filter(case=case, action="approve").count() == 1
        return
    with pytest.raises(TransitionRefused) as refused:
        transition_apply(
            case=case,
            name="approve",
            actor=committee_member,
            expected_status="in_approval",
            data=_approve_data(case),
        )
    assert refused.value.code == RefusalCode.FORBIDDEN
    # The refusal says the member is recused, and why (not only "not allowed").
    recused_prefix = str(ERROR_RECUSED).split("(")[0]
    assert str(refused.value.message).startswith(recused_prefix)
    assert Case.objects.get(pk=case.pk).status == "in_approval"
    assert not CaseEvent.objects.filter(case=case, action="approve").exists()
    # Nor may a recused member return or reject the item.
    for name in ("return_for_changes", "reject"):
        if case.get_flow().transition_for(name) is None:
            continue
        with pytest.raises(TransitionRefused):
            transition_apply(
                case=case,
                name=name,
                actor=committee_member,
                expected_status="in_approval",
                data={"reason": "Nie"},
            )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("memberships", "links", "conflicts", "parties", "may"), RECUSAL_TABLE)
def test_who_may_decide_over_http(
    client, setup, committee_member, kind, memberships, links, conflicts, parties, may
):
    case = setup(kind, memberships, links, conflicts, parties)
    client.force_login(committee_member)
    page = client.get(reverse("casework:case-detail", args=[case.pk]))
    assert page.status_code == 200
    approve_url = reverse("casework:case-transition", args=[case.pk, "approve"])
    shown = {action["name"] for action in page.context["actions"]}
    assert ("approve" in shown) == may
    assert (approve_url.encode() in page.content) == may
    # The page says the member is recused, with the reasons, exactly when they are.
    assert bool(page.context["conflict"]["reasons"]) == (not may)
    response = client.post(
        approve_url,
        {"seen_status": "in_approval", "confirm": "1", **_approve_data(case)},
        follow=False,
    )
    if may:
        assert response.status_code == 302
        assert Case.objects.get(pk=case.pk).status == "approved"
    else:
        assert response.status_code == 403
        message = str(response.context["refusal"].message)
        assert message.startswith(str(ERROR_RECUSED).split("(")[0])
        assert message.encode() in response.content.replace(b"&#x27;", b"'")
        assert Case.objects.get(pk=case.pk).status == "in_approval"


# Reasons, in the committee's list and on the page ---------------------------------------------


def test_the_committees_list_shows_each_recused_item_and_why(
    client, orgs, committee_member, municipality_user, advisor
):
    later_requester = _item("test", orgs, municipality_user, advisor, [])
    party = _item("test", orgs, municipality_user, advisor, ["party"])
    free = _item("test", orgs, municipality_user, advisor, [])
    # Memberships in the party, a declared link with "other" (a party of a fourth item), a
    # declared conflict on a fifth; the requester membership is added last (it would recuse
    # the member from every item of the requester).
    linked = _item("test", orgs, municipality_user, advisor, ["other"])
    declared = _item("test", orgs, municipality_user, advisor, [])
    MembershipFactory(user=committee_member, organisation=orgs["party"])
    DeclaredLink.objects.create(member=committee_member, organisation=orgs["other"])
    ConflictDeclaration.objects.create(
        case=declared, member=committee_member, reason="Mój brat jest wójtem"
    )
    client.force_login(committee_member)
    response = client.get(reverse("casework:approvals"))
    rows = {row["case"].pk: row for row in response.context["rows"]}
    assert rows[free.pk]["recusal_reasons"] == []
    assert rows[later_requester.pk]["recusal_reasons"] == []
    assert rows[party.pk]["recusal_reasons"] == [
        "członkostwo w organizacji będącej stroną sprawy: Stowarzyszenie Most"
    ]
    assert rows[linked.pk]["recusal_reasons"] == [
        "zgłoszone powiązanie z organizacją: Fundacja Inna"
    ]
    assert rows[declared.pk]["recusal_reasons"] == [
        "zgłoszony konflikt interesów: Mój brat jest wójtem"
    ]
    html = response.content.decode()
    assert "członkostwo w organizacji będącej stroną sprawy: Stowarzyszenie Most" in html
    assert "zgłoszony konflikt interesów: Mój brat jest wójtem" in html

    MembershipFactory(user=committee_member, organisation=orgs["requester"])
    response = client.get(reverse("casework:approvals"))
    rows = {row["case"].pk: row for row in response.context["rows"]}
    assert rows[free.pk]["recusal_reasons"] == [
        "członkostwo w organizacji wnioskującej: Gmina Testowa"
    ]
    assert all(row["case"].recused for row in rows.values())
    response = client.get(reverse("casework:approvals"), HTTP_ACCEPT_LANGUAGE="en")
    assert "membership in the requesting organisation: Gmina Testowa" in response.content.decode()


# Declarations are events -------------------------------------------------------------------


def test_a_declared_conflict_is_an_event_in_the_history(
    client, orgs, committee_member, municipality_user, advisor
):
    case = _item("test", orgs, municipality_user, advisor, [])
    client.force_login(committee_member)
    url = reverse("casework:conflict-declare", args=[case.pk])
    response = client.post(url, {"reason": "Pracowałem dla wnioskodawcy do 2024 r."})
    assert response.status_code == 302
    declaration = ConflictDeclaration.objects.get(case=case, member=committee_member)
    assert declaration.reason == "Pracowałem dla wnioskodawcy do 2024 r."
    event = CaseEvent.objects.get(case=case, action="conflict_declared")
    assert event.actor == committee_member
    assert (event.from_status, event.to_status) == ("in_approval", "in_approval")
    # The audit log keeps the declaration's id, not its free text.
    assert event.data == {"declaration": declaration.pk}
    page = client.get(reverse("casework:case-detail", args=[case.pk]))
    history = page.content.decode()
    assert "zgłoszono konflikt interesów: Pracowałem dla wnioskodawcy do 2024 r." in history
    assert "approve" not in {a["name"] for a in page.context["actions"]}
    page = client.get(reverse("casework:case-events", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert (
        "declared a conflict of interest: Pracowałem dla wnioskodawcy do 2024 r."
        in page.content.decode()
    )
    # The requesting side reads that a conflict was declared, not the member's reason.
    client.force_login(municipality_user)
    history = client.get(reverse("casework:case-events", args=[case.pk])).content.decode()
    assert "zgłoszono konflikt interesów" in history
    assert "Pracowałem" not in history


def test_a_second_declaration_is_refused_and_writes_nothing(
    client, orgs, committee_member, municipality_user, advisor
):
    case = _item("test", orgs, municipality_user, advisor, [])
    client.force_login(committee_member)
    url = reverse("casework:conflict-declare", args=[case.pk])
    assert client.post(url, {"reason": "Pierwszy powód"}).status_code == 302
    again = client.post(url, {"reason": "Drugi powód"})
    assert again.status_code == 409
    assert str(again.context["refusal"].message) == str(ERROR_ALREADY_DECLARED)
    assert "został już przez Ciebie zgłoszony" in str(again.context["refusal"].message)
    assert ConflictDeclaration.objects.filter(case=case).count() == 1
    assert CaseEvent.objects.filter(case=case, action="conflict_declared").count() == 1


def test_a_declared_link_records_a_recusal_on_the_items_awaiting_a_decision(
    client, orgs, committee_member, municipality_user, advisor
):
    requested = _item("test", orgs, municipality_user, advisor, [])
    as_party = _item("test", orgs, municipality_user, advisor, ["party"])
    unrelated = make_case(organisation=orgs["other"], filed_by=advisor, status="in_approval")
    decided = make_case(organisation=orgs["requester"], filed_by=advisor, status="approved")
    client.force_login(committee_member)
    response = client.post(
        reverse("casework:declared-links"),
        {"organisation": orgs["party"].pk, "note": "Zasiadam w radzie"},
    )
    assert response.status_code == 302
    link = DeclaredLink.objects.get(member=committee_member)
    assert (link.organisation, link.note, link.ended_at) == (
        orgs["party"],
        "Zasiadam w radzie",
        None,
    )
    events = CaseEvent.objects.filter(action="recused")
    assert [e.case_id for e in events] == [as_party.pk]
    assert events[0].data == {"link": link.pk, "organisation": orgs["party"].pk}
    assert events[0].actor == committee_member
    history = client.get(reverse("casework:case-events", args=[as_party.pk])).content.decode()
    assert "wyłączono z decydowania: zgłoszone powiązanie z organizacją: Stowarzyszenie Most" in (
        history
    )
    client.post(reverse("casework:declared-links"), {"organisation": orgs["requester"].pk})
    assert set(CaseEvent.objects.filter(action="recused").values_list("case_id", flat=True)) == {
        as_party.pk,
        requested.pk,
    }
    assert not CaseEvent.objects.filter(case__in=[unrelated, decided], action="recused").exists()


def test_an_ended_link_no_longer_recuses_and_stays_listed(
    client, orgs, committee_member, municipality_user, advisor
):
    case = _item("test", orgs, municipality_user, advisor, [])
    link = DeclaredLink.objects.create(member=committee_member, organisation=orgs["requester"])
    client.force_login(committee_member)
    page = client.get(reverse("casework:case-detail", args=[case.pk]))
    assert "approve" not in {a["name"] for a in page.context["actions"]}
    response = client.post(reverse("casework:declared-link-end", args=[link.pk]))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.ended_at is not None
    # The item awaiting a decision records the end of the link (the member may decide now).
    ended = CaseEvent.objects.get(case=case, action="link_ended")
    assert ended.actor == committee_member
    assert ended.data == {"link": link.pk, "organisation": orgs["requester"].pk}
    history = client.get(reverse("casework:case-events", args=[case.pk])).content.decode()
    assert "zakończono zgłoszone powiązanie z organizacją: Gmina Testowa" in history
    page = client.get(reverse("casework:case-detail", args=[case.pk]))
    assert "approve" in {a["name"] for a in page.context["actions"]}
    listing = client.get(reverse("casework:declared-links"))
    assert listing.context["current_links"] == []
    assert listing.context["ended_links"] == [link]
    # Ending it twice: refused with a message, nothing changes.
    ended_at = link.ended_at
    client.post(reverse("casework:declared-link-end", args=[link.pk]))
    link.refresh_from_db()
    assert link.ended_at == ended_at


# Who may use the pages -----------------------------------------------------------------------


def test_only_a_committee_member_who_sees_the_case_may_declare(
    client, orgs, committee_member, municipality_user, advisor, coordinator
):
    case = _item("test", orgs, municipality_user, advisor, [])
    url = reverse("casework:conflict-declare", args=[case.pk])
    data = {"reason": "Powód"}
    # Anonymous: to the login page.
    assert client.post(url, data).status_code == 302
    # Who sees the case but is not on the committee: refused (403).
    for user in (advisor, coordinator, municipality_user):
        client.force_login(user)
        response = client.post(url, data)
        assert response.status_code == 403, user
    # A committee member does not see an item before it reaches the committee: 404.
    in_review = make_case(organisation=orgs["requester"], filed_by=advisor, status="in_review")
    client.force_login(committee_member)
    assert (
        client.post(reverse("casework:conflict-declare", args=[in_review.pk]), data).status_code
        == 404
    )
    assert client.post(reverse("casework:conflict-declare", args=[999999]), data).status_code == 404
    # GET is not a declaration.
    assert client.get(url).status_code == 405
    # An empty reason: the page again, with the error, nothing stored.
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert response.context["conflict"]["form"].errors
    assert "id_conflict_reason_error" in response.content.decode()
    assert not ConflictDeclaration.objects.exists()
    assert not CaseEvent.objects.filter(action="conflict_declared").exists()
    # The form is on the case page for the committee member only.
    page = client.get(reverse("casework:case-detail", args=[case.pk]))
    assert url.encode() in page.content
    client.force_login(advisor)
    page = client.get(reverse("casework:case-detail", args=[case.pk]))
    assert url.encode() not in page.content
    assert "conflict" not in page.context


def test_the_links_page_is_the_committee_members_own(
    client, orgs, committee_member, advisor, municipality_user
):
    url = reverse("casework:declared-links")
    assert client.get(url).status_code == 302  # anonymous: log in
    for user in (advisor, municipality_user):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"organisation": orgs["party"].pk}).status_code == 403
    assert not DeclaredLink.objects.exists()
    other_member = MembershipFactory(organisation=committee_member.memberships.get().organisation)
    theirs = DeclaredLink.objects.create(member=other_member.user, organisation=orgs["party"])
    client.force_login(committee_member)
    # Another member's link: not found, and not ended.
    assert client.post(reverse("casework:declared-link-end", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.ended_at is None
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["current_links"] == []
    # The search lists organisations to choose from (name, NIP or KRS).
    page = client.get(url, {"q": "most"})
    assert page.context["found"] == [orgs["party"]]
    assert b'type="radio"' in page.content
    assert b"<legend>" in page.content
    # Bad choices: the page again with the error, nothing stored, never a 500.
    for bad in ("", "abc", "99999999999999999999", "-1", str(orgs["party"].pk + 1000)):
        response = client.post(url, {"organisation": bad, "q": "most"})
        assert response.status_code == 400, bad
    assert not DeclaredLink.objects.filter(member=committee_member).exists()
    assert client.post(url, {"organisation": orgs["party"].pk}).status_code == 302
    again = client.post(url, {"organisation": orgs["party"].pk})
    assert again.status_code == 409
    assert DeclaredLink.objects.filter(member=committee_member).count() == 1


@pytest.mark.parametrize("digits", [20, 40])
def test_ids_of_any_size_are_not_found(client, committee_member, digits):
    huge = int("9" * digits)
    client.force_login(committee_member)
    for name in ("casework:conflict-declare", "casework:declared-link-end"):
        response = client.post(reverse(name, args=[huge]), {"reason": "x"})
        assert response.status_code == 404, name


def test_the_admin_lists_declarations_and_links_read_only(
    admin_client, orgs, committee_member, municipality_user, advisor
):
    case = _item("test", orgs, municipality_user, advisor, [])
    declaration = ConflictDeclaration.objects.create(
        case=case, member=committee_member, reason="Powód"
    )
    link = DeclaredLink.objects.create(member=committee_member, organisation=orgs["party"])
    for model, obj in (("conflictdeclaration", declaration), ("declaredlink", link)):
        assert admin_client.get(reverse(f"admin:casework_{model}_changelist")).status_code == 200
        change = admin_client.get(reverse(f"admin:casework_{model}_change", args=[obj.pk]))
        assert change.status_code == 200
        assert b'name="_save"' not in change.content
        assert admin_client.get(reverse(f"admin:casework_{model}_add")).status_code == 403


@pytest.mark.pg_only
def test_a_declaration_cannot_be_rewritten_or_deleted_on_postgresql(
    orgs, committee_member, municipality_user, advisor
):
    from django.db import IntegrityError, transaction

    case = _item("test", orgs, municipality_user, advisor, [])
    declaration = ConflictDeclaration.objects.create(
        case=case, member=committee_member, reason="Powód"
    )
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        ConflictDeclaration.objects.filter(pk=declaration.pk).update(reason="Inny")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        ConflictDeclaration.objects.filter(pk=declaration.pk).delete()
    assert ConflictDeclaration.objects.get(pk=declaration.pk).reason == "Powód"


def test_an_item_that_starts_awaiting_a_decision_records_who_is_recused_and_why(
    client, orgs, committee_member, municipality_user, advisor, committee_body
):
    from workflows.models import OutboxRow
    from workflows.outbox import outbox_run

    # A review note (internal comment) comes with the case: it may go for approval.
    case = make_case(
        organisation=orgs["requester"], filed_by=municipality_user, status="in_review",
        assignee=advisor,
    )  # fmt: skip
    CaseParty.objects.create(case=case, organisation=orgs["party"])
    member_of_requester = committee_member
    MembershipFactory(user=member_of_requester, organisation=orgs["requester"])
    linked = MembershipFactory(organisation=committee_body).user
    DeclaredLink.objects.create(member=linked, organisation=orgs["party"])
    declared = MembershipFactory(organisation=committee_body).user
    declaration = ConflictDeclaration.objects.create(case=case, member=declared, reason="Szwagier")
    free = MembershipFactory(organisation=committee_body).user
    transition_apply(
        case=case, name="submit_for_approval", actor=advisor, expected_status="in_review"
    )
    (row,) = OutboxRow.objects.filter(topic="casework.recusals")
    assert row.payload["case_id"] == case.pk
    assert outbox_run(row.pk)
    events = {e.actor_id: e for e in CaseEvent.objects.filter(case=case, action="recused")}
    assert set(events) == {member_of_requester.pk, linked.pk, declared.pk}
    assert free.pk not in events
    assert events[member_of_requester.pk].data == {
        "reasons": [["member_of_requester", orgs["requester"].pk]]
    }
    assert events[linked.pk].data == {"reasons": [["link", orgs["party"].pk]]}
    assert events[declared.pk].data == {"reasons": [["conflict", declaration.pk]]}
    assert all(e.from_status == e.to_status == "in_approval" for e in events.values())
    client.force_login(free)
    history = client.get(reverse("casework:case-events", args=[case.pk])).content.decode()
    assert "wyłączono z decydowania: członkostwo w organizacji wnioskującej: Gmina Testowa" in (
        history
    )
    assert "wyłączono z decydowania: zgłoszony konflikt interesów: Szwagier" in history
    # The requesting side reads that a conflict was declared, not its reason.
    client.force_login(municipality_user)
    history = client.get(reverse("casework:case-events", args=[case.pk])).content.decode()
    assert "wyłączono z decydowania: zgłoszony konflikt interesów<" in history
    assert "Szwagier" not in history
    # Other transitions into other states record nothing more.
    transition_apply(case=case, name="approve", actor=free, expected_status="in_approval", data={})
    assert OutboxRow.objects.filter(topic="casework.recusals").count() == 1
