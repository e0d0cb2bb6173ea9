"""No queue, count, filter, search or page ever shows a case outside what the user may see,
and every count equals the number of visible cases that match (checked against the
instance-level rule ``permissions.can(user, "view", case)`` and filters written again in
Python), for every role, over random filters, sorts, pages and queues."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from casework import permissions
from casework.models import Case, CaseParty, ConflictDeclaration, DeclaredLink
from casework.permissions import can
from casework.queues import reads as queues
from casework.recusal import reasons_of, recusal_reasons
from casework.registry import get_kind
from directory.constants import MembershipRole, OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from workflows import calendar

from .factories import make_advisory, make_case, make_practice, municipal_org, territory

pytestmark = pytest.mark.django_db

STATUSES = [
    "draft",
    "submitted",
    "in_review",
    "awaiting_info",
    "in_approval",
    "approved",
    "closed",
    "published",
    "withdrawn",
]
TOPICS = ["social_clauses", "local_plan"]
AREAS = ["reintegration", "rops_owes"]
#: The good practices of the world go through these states (one each).
PRACTICE_STATUSES = ["draft", "submitted", "in_review", "in_approval", "published", "withdrawn"]
WORDS = ["", "sprawa", "łódź", "LODZ", "gmina", "zzz", "2026", "klauzule społeczne"]
ROLES = ["advisor", "coordinator", "committee", "municipality", "organisation", "grantee"]


@pytest.fixture
def world(advisor, coordinator, committee_member, municipality_user, organisation_user, gmina_org):
    (p1, (g11, g12)), (p2, (g21, _)) = territory()
    gmina_org.gmina = g11
    gmina_org.save()
    other_gmina = municipal_org(g21, name="Gmina Łódź Mała")
    ngo = organisation_user.memberships.first().organisation
    # The committee member also sits on the board of an NGO: recusal.
    MembershipFactory(user=committee_member, organisation=ngo)
    grantee = UserFactory()
    today = calendar.today()
    orgs = [gmina_org, other_gmina, ngo, municipal_org(g12)]
    assignees = [None, advisor, coordinator]
    cases = []
    for i in range(36):
        status = STATUSES[i % len(STATUSES)]
        kind_status_ok = status not in ("closed",) if i % 2 else status not in ("published",)
        if not kind_status_ok:
            status = "in_review"
        common = {
            "organisation": orgs[i % len(orgs)],
            "filed_by": municipality_user if i % 5 == 0 else coordinator,
            "status": status,
            "assignee": None if status in ("draft", "submitted") else assignees[i % 3],
            "due_date": today + datetime.timedelta(days=(i % 13) - 6) if i % 4 else None,
            "title": ["Sprawa klauzule społeczne", "Plan dla Łodzi", "Usługi"][i % 3],
            "extras": False,
        }
        if i % 6 == 2:
            # The six practices (i = 2, 8, ..., 32) take one state of their kind each.
            status = PRACTICE_STATUSES[i // 6]
            common["status"] = status
            common["assignee"] = None if status in ("draft", "submitted") else assignees[i % 3]
            cases.append(make_practice(area=AREAS[i % 12 // 6], **common))
        elif i % 2:
            cases.append(make_advisory(topic=TOPICS[i % 4 // 2], **common))
        else:
            cases.append(make_case(**common))
    assign_perm("casework.view_case", grantee, cases[3])
    users = {
        "advisor": advisor,
        "coordinator": coordinator,
        "committee": committee_member,
        "municipality": municipality_user,
        "organisation": organisation_user,
        "grantee": grantee,
    }
    units = {"powiat": [p1.pk, p2.pk], "gmina": [g11.pk, g12.pk, g21.pk]}
    return users, units


def _matches(case, filters) -> bool:
    org = case.requesting_organisation
    if filters.get("kind") and case.kind != filters["kind"]:
        return False
    if filters.get("topic"):
        advisory = getattr(case, "advisory", None) if case.kind == "advisory" else None
        if advisory is None or advisory.topic != filters["topic"]:
            return False
    if filters.get("area"):
        practice = getattr(case, "practice", None) if case.kind == "practice" else None
        if practice is None or practice.area != filters["area"]:
            return False
    if filters.get("status") and case.status != filters["status"]:
        return False
    if filters.get("powiat") and not (org.gmina and org.gmina.parent_id == filters["powiat"]):
        return False
    if filters.get("gmina") and org.gmina_id != filters["gmina"]:
        return False
    if filters.get("assignee") == "none" and case.assignee_id is not None:
        return False
    if filters.get("assignee") not in (None, "none") and case.assignee_id != filters["assignee"]:
        return False
    if filters.get("due_from") and not (case.due_date and case.due_date >= filters["due_from"]):
        return False
    if filters.get("due_to") and not (case.due_date and case.due_date <= filters["due_to"]):
        return False
    text = queues.fold(f"{case.number} {case.title} {org.name} {org.short_name}")
    return all(word in text for word in queues.fold(filters.get("q", "")).split())


def _in_queue(case, slug, user, today) -> bool:
    claimable = case.status in queues.claimable_statuses(case.kind)
    due = case.due_date
    return {
        "unassigned": claimable and case.assignee_id is None,
        "mine": case.assignee_id == user.pk
        and Case.objects.filter(pk=case.pk).filter(queues.open_q()).exists(),
        "awaiting": case.status == "awaiting_info",
        "approval": case.status == "in_approval",
        "due-soon": bool(due and today <= due <= today + datetime.timedelta(days=5)),
        "overdue": bool(due and due < today),
        "all": True,
    }[slug]


def filters_strategy(units, advisor_pk):
    today = calendar.today()
    dates = st.one_of(
        st.none(), st.integers(-8, 8).map(lambda d: today + datetime.timedelta(days=d))
    )
    return st.fixed_dictionaries(
        {},
        optional={
            "q": st.sampled_from(WORDS),
            "kind": st.sampled_from(["test", "advisory", "practice"]),
            "topic": st.sampled_from(TOPICS),
            "area": st.sampled_from(AREAS),
            "status": st.sampled_from(STATUSES),
            "powiat": st.sampled_from(units["powiat"]),
            "gmina": st.sampled_from(units["gmina"]),
            "assignee": st.sampled_from(["none", advisor_pk]),
            "due_from": dates,
            "due_to": dates,
        },
    ).map(lambda f: {k: v for k, v in f.items() if v not in (None, "")})


@pytest.mark.parametrize("role", ROLES)
def test_queues_show_only_visible_cases_and_count_them_right(world, role):
    users, units = world
    user = users[role]
    today = calendar.today()
    everything = list(
        Case.objects.select_related(
            "requesting_organisation__gmina", "advisory", "practice"
        ).order_by("pk")
    )
    visible = [c for c in everything if can(user, "view", c)]

    @settings(max_examples=30, suppress_health_check=list(HealthCheck), deadline=None)
    @given(
        filters=filters_strategy(units, users["advisor"].pk),
        slug=st.sampled_from(queues.QUEUE_SLUGS),
        sort=st.sampled_from(list(queues.SORTS)),
        page=st.integers(1, 3),
    )
    def check(filters, slug, sort, page):
        if (
            filters.get("due_from")
            and filters.get("due_to")
            and filters["due_from"] > filters["due_to"]
        ):
            filters.pop("due_to")
        matching = [c for c in visible if _matches(c, filters)]
        counts = queues.queue_counts(user, filters)
        for s in queues.QUEUE_SLUGS:
            assert counts[s] == sum(_in_queue(c, s, user, today) for c in matching), s
        expected = {c.pk for c in matching if _in_queue(c, slug, user, today)}
        rows = list(queues.queue_cases(user, slug, filters, sort))
        assert {c.pk for c in rows} == expected
        assert len(rows) == len(expected)  # no duplicates from joins
        size = queues.PAGE_SIZE
        page_ids = [c.pk for c in rows[(page - 1) * size : page * size]]
        assert set(page_ids) <= expected

    check()


@pytest.mark.parametrize("role", ROLES)
def test_pages_and_dashboards_list_only_visible_cases(client, world, role):
    users, _units = world
    user = users[role]
    visible = {c.pk for c in Case.objects.all() if can(user, "view", c)}
    client.force_login(user)
    pages = [
        reverse("casework:queue") + "?queue=all",
        reverse("casework:approvals"),
        reverse("casework:my-cases"),
        reverse("dashboard"),
    ]
    for url in pages:
        response = client.get(url)
        if response.status_code == 403:
            continue
        assert response.status_code == 200
        shown = set()
        for row in response.context.get("rows") or []:
            shown.add(row["pk"] if "pk" in row else row["case"].pk)
        for panel in response.context.get("panels") or []:
            for item in panel["data"].get("top", []):
                shown.add(item["case"].pk if isinstance(item, dict) else item.pk)
        assert shown <= visible, url


@pytest.mark.parametrize("role", ROLES)
def test_committee_and_requester_lists_are_within_visibility(world, role):
    users, _units = world
    user = users[role]
    visible = {c.pk for c in Case.objects.all() if can(user, "view", c)}
    assert {c.pk for c in queues.approval_cases(user)} <= visible
    assert {c.pk for c in queues.organisation_cases(user)} <= visible


# The queryset rule and the per-object check agree ------------------------------------------

RULE_ROLES = [
    "municipality",
    "organisation",
    "advisor",
    "coordinator",
    "committee",
    "no role",
    "inactive",
    "anonymous",
]
RELATIONS = [
    "requesting member",
    "former requesting member",
    "filer",
    "party member",
    "assignee",
    "drafter",
    "sender",
    "recused",
    "linked requester",
    "linked party",
    "ended link",
    "declared conflict",
    "direct grant",
    "group grant",
]
NAMED_RULES = [
    permissions.REQUESTING_ORGANISATION,
    permissions.FILER,
    permissions.PARTY,
    permissions.ASSIGNEE,
    permissions.DRAFTER,
    permissions.GRANT,
    permissions.REQUESTER_SIDE,
    permissions.LINKED_REQUESTER,
    permissions.LINKED_PARTY,
    permissions.DECLARED_CONFLICT,
    permissions.RECUSED,
    permissions.DECIDING_MEMBER,
    permissions.APPROVING_MEMBER,
    permissions.VIEW_RULE,
]
KINDS = ["advisory", "test", "agreement"]


@pytest.fixture
def bodies(rops, committee_body, gmina_org):
    return {
        "rops": rops,
        "committee": committee_body,
        "gmina": gmina_org,
        "other gmina": OrganisationFactory(kind=OrganisationKind.GMINA),
        "ngo": OrganisationFactory(kind=OrganisationKind.FOUNDATION),
        "staff": MembershipFactory(organisation=rops, role=MembershipRole.ADVISOR).user,
    }


def _user_of(role, bodies):
    if role == "anonymous":
        return None
    user = UserFactory(is_active=role != "inactive")
    membership = {
        "municipality": {"organisation": bodies["other gmina"]},
        "inactive": {"organisation": bodies["other gmina"]},
        "organisation": {"organisation": bodies["ngo"]},
        "advisor": {"organisation": bodies["rops"], "role": MembershipRole.ADVISOR},
        "coordinator": {"organisation": bodies["rops"], "role": MembershipRole.COORDINATOR},
        "committee": {"organisation": bodies["committee"]},
        "no role": None,
    }[role]
    if membership:
        MembershipFactory(user=user, **membership)
    return user


def _case_with(kind, status, user, relations, bodies):
    """A case of ``kind`` in ``status``, related to ``user`` by ``relations``."""
    requesting = bodies["gmina"]
    filer = user if "filer" in relations and user else bodies["staff"]
    common = {
        "organisation": requesting,
        "filed_by": filer,
        "status": status,
        "assignee": user if "assignee" in relations and user else None,
        "extras": False,
    }
    version_by = None
    if kind == "advisory" and user and {"drafter", "sender"} & relations:
        version_by = user if "sender" in relations else bodies["staff"]
    case = (
        make_advisory(version_by=version_by or bodies["staff"], **common)
        if kind == "advisory"
        else make_case(kind=kind, **common)
    )
    if kind == "advisory" and user and "drafter" in relations:
        case.advisory.versions.get().drafters.add(user)
    if user is None:
        return case
    if "requesting member" in relations:
        MembershipFactory(user=user, organisation=requesting)
    if "former requesting member" in relations:
        MembershipFactory(
            user=user,
            organisation=requesting,
            valid_from=datetime.date(2020, 1, 1),
            valid_to=datetime.date(2022, 12, 31),
        )
    if "party member" in relations:
        partner = OrganisationFactory(kind=OrganisationKind.ASSOCIATION)
        CaseParty.objects.create(case=case, organisation=partner)
        MembershipFactory(user=user, organisation=partner)
    if "recused" in relations:
        # A committee member who also sits in the requesting organisation.
        MembershipFactory(user=user, organisation=bodies["committee"])
        MembershipFactory(user=user, organisation=requesting)
    if "linked requester" in relations:
        DeclaredLink.objects.create(member=user, organisation=requesting, note="brat w zarządzie")
    if "linked party" in relations:
        linked = OrganisationFactory(kind=OrganisationKind.FOUNDATION)
        CaseParty.objects.create(case=case, organisation=linked)
        DeclaredLink.objects.create(member=user, organisation=linked)
    if "ended link" in relations:
        # A link that ended recuses no more (the party it names is still on the case).
        ended = OrganisationFactory(kind=OrganisationKind.FOUNDATION)
        CaseParty.objects.create(case=case, organisation=ended)
        DeclaredLink.objects.create(member=user, organisation=ended, ended_at=timezone.now())
    if "declared conflict" in relations:
        ConflictDeclaration.objects.create(case=case, member=user, reason="Znam wnioskodawcę")
    if "direct grant" in relations:
        assign_perm("casework.view_case", user, case)
    if "group grant" in relations:
        group = Group.objects.create(name=f"experts {case.pk}")
        user.groups.add(group)
        assign_perm("casework.view_case", group, case)
    return case


def test_the_queryset_rule_and_the_per_object_check_agree(bodies):
    """For every role, relation, state and kind (the party relation included), a case is in
    ``Case.objects.visible_to(user)`` exactly when ``can_view(user, case)``; and so for each
    named rule of ``casework.permissions``: ``rule.q`` selects the case exactly when
    ``rule.holds``."""
    states = {kind: [s.value for s in get_kind(kind).flow.statuses] for kind in KINDS}

    @settings(suppress_health_check=list(HealthCheck), deadline=None)
    # The cases the rules were written for, whatever the generator draws besides.
    @example("committee", frozenset({"party member"}), ("test", "in_approval"))
    @example("committee", frozenset({"party member"}), ("advisory", "in_approval"))
    @example("committee", frozenset({"recused"}), ("test", "approved"))
    @example("committee", frozenset({"linked requester"}), ("test", "in_approval"))
    @example("committee", frozenset({"linked party"}), ("advisory", "in_approval"))
    @example("committee", frozenset({"ended link"}), ("test", "in_approval"))
    @example("committee", frozenset({"declared conflict"}), ("advisory", "in_approval"))
    @example(
        "municipality", frozenset({"linked requester", "declared conflict"}), ("test", "submitted")
    )
    @example("committee", frozenset({"drafter"}), ("advisory", "in_approval"))
    @example("committee", frozenset({"sender"}), ("advisory", "approved"))
    @example("organisation", frozenset({"party member"}), ("advisory", "draft"))
    @example("organisation", frozenset({"party member"}), ("agreement", "draft"))
    @example("organisation", frozenset({"party member"}), ("agreement", "in_review"))
    @example("committee", frozenset({"party member"}), ("agreement", "signing"))
    @example("committee", frozenset(), ("agreement", "amending"))
    @example("organisation", frozenset({"party member"}), ("test", "submitted"))
    @example("no role", frozenset({"group grant"}), ("test", "closed"))
    @example("no role", frozenset({"direct grant"}), ("advisory", "draft"))
    @example("municipality", frozenset({"former requesting member"}), ("test", "submitted"))
    @example("inactive", frozenset(RELATIONS), ("advisory", "in_approval"))
    @given(
        role=st.sampled_from(RULE_ROLES),
        relations=st.frozensets(st.sampled_from(RELATIONS)),
        kind_and_state=st.sampled_from(KINDS).flatmap(
            lambda kind: st.tuples(st.just(kind), st.sampled_from(states[kind]))
        ),
    )
    def check(role, relations, kind_and_state):
        kind, status = kind_and_state
        with transaction.atomic():
            user = _user_of(role, bodies)
            created = _case_with(kind, status, user, relations, bodies)
            # Fresh objects: nothing cached on the user, the case as a view would load it.
            user = get_user_model().objects.get(pk=user.pk) if user else AnonymousUser()
            case = Case.objects.get(pk=created.pk)
            visible = Case.objects.visible_to(user).filter(pk=case.pk).exists()
            assert visible == permissions.can_view(user, case), (role, relations, kind, status)
            if role in ("inactive", "anonymous"):
                assert not visible
            # A fresh subject: the rules read roles and organisations afresh.
            subject = permissions.subject_of(
                get_user_model().objects.get(pk=user.pk) if user.pk else user
            )
            for rule in NAMED_RULES:
                selected = Case.objects.filter(rule.q(subject)).filter(pk=case.pk).exists()
                assert selected == rule.holds(subject, case), (
                    rule,
                    role,
                    relations,
                    kind,
                    status,
                )
            # The committee's list and the case page name a reason exactly when the member
            # is recused (casework.recusal words each part of RECUSED).
            if permissions.COMMITTEE.holds(subject, case):
                reasons = recusal_reasons(subject.user, case)
                assert bool(reasons) == permissions.RECUSED.holds(subject, case), (
                    reasons,
                    relations,
                )
                listed = queues.approval_cases(subject.user).filter(pk=case.pk).first()
                if listed is not None:
                    assert listed.recused == bool(reasons)
                    assert reasons_of(listed) == reasons
            transaction.set_rollback(True)

    check()
