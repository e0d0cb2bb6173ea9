"""One advisory request walked from draft to published through every state, event by event,
with the clock paused and resumed, each notification and the frozen, approved version."""

import datetime

import pytest

from casework.kinds.advisory.models import OpinionVersion
from casework.kinds.advisory.services import opinion_canonical
from casework.models import CaseComment, CasePause
from documents.models import Document
from documents.permissions import can_view as can_view_document
from documents.services import document_render
from tests.documents.conftest import pdf_text
from workflows.numbering import number_year

from .helpers import apply, events, new_request, notified, write_opinion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


D = datetime.date


def test_a_request_walks_from_draft_to_published_with_every_event_and_notification(
    clock, gmina, clerk, advisor, coordinator, committee_member, member2, recused_member
):
    case = new_request(gmina, clerk)
    assert (case.status, case.number, events(case)) == ("draft", "", [])
    assert case.advisory.topic == "social_clauses"

    # submit: numbered, the clock starts on the day received, coordinators told.
    case = apply(case, "submit", clerk)
    assert case.status == "submitted"
    assert case.number == f"DOR/{number_year()}/0001"
    assert (case.date_received, case.due_date) == (D(2026, 3, 2), D(2026, 4, 1))
    assert notified(case, "submitted") == {coordinator}

    # accept: the advisor claims it.
    case = apply(case, "accept", advisor)
    assert (case.status, case.assignee) == ("in_review", advisor)
    assert notified(case, "assigned") == {advisor}

    # request_info: question kept as an external comment; clock paused, state stored.
    clock.advance(5)
    case = apply(case, "request_info", advisor, question="Proszę o projekt OPZ.")
    assert (case.status, case.resume_status, case.due_date) == ("awaiting_info", "in_review", None)
    pause = CasePause.objects.get(case=case)
    assert (pause.started_on, pause.ended_on) == (D(2026, 3, 7), None)
    question = CaseComment.objects.get(pk=events(case)[-1].data["comment"])
    assert (question.body, question.is_internal) == ("Proszę o projekt OPZ.", False)
    # Every current member of the gmina is the requester (the recused member works there).
    requesters = {clerk, recused_member}
    assert notified(case, "info_requested") == requesters

    # provide_info: back to the stored state; the due date moves by the pause.
    clock.advance(4)
    case = apply(case, "provide_info", clerk, answer="Przesyłam projekt OPZ.")
    assert (case.status, case.resume_status) == ("in_review", "")
    pause.refresh_from_db()
    assert pause.ended_on == D(2026, 3, 11)
    assert case.due_date > D(2026, 4, 1)
    assert notified(case, "info_provided") == {advisor}

    # The opinion is drafted, then frozen as version 1 and sent to the committee.
    write_opinion(case, advisor)
    case = apply(case, "submit_for_approval", advisor)
    assert case.status == "in_approval"
    v1 = case.advisory.current_version
    assert v1.number == 1
    assert set(v1.drafters.all()) == {advisor}
    assert events(case)[-1].data["sha256"] == v1.sha256
    # The recused member (works for the gmina) is not asked to decide.
    assert notified(case, "approval_requested") == {committee_member, member2}

    # return_for_changes: the reason is an internal comment; the assignee is told.
    case = apply(case, "return_for_changes", committee_member, reason="Doprecyzować sankcje.")
    assert case.status == "in_review"
    assert CaseComment.objects.get(pk=events(case)[-1].data["comment"]).is_internal
    assert notified(case, "returned") == {advisor}

    # Edited and sent again: version 2 with a different fingerprint.
    write_opinion(case, advisor, text="Opinia po zmianach: kara umowna proporcjonalna.")
    case = apply(case, "submit_for_approval", advisor)
    case.advisory.refresh_from_db()
    v2 = case.advisory.current_version
    assert (v2.number, v2.sha256 != v1.sha256) == (2, True)

    # approve names version 2 exactly; the membership it was given under is recorded.
    case = apply(case, "approve", member2, version=v2.sha256)
    assert (case.status, case.due_date) == ("approved", None)
    v2.refresh_from_db()
    assert v2.approved_by == member2
    assert v2.approved_under.organisation.kind == "committee"
    assert events(case)[-1].data["membership"] == v2.approved_under_id
    assert notified(case, "approved") == {advisor}

    # publish: the requester is told and the opinion PDF is issued from version 2.
    case = apply(case, "publish", advisor)
    assert case.status == "published"
    assert notified(case, "published") == requesters
    document = Document.objects.get(kind="advisory_opinion")
    assert events(case)[-1].data["document"] == document.pk
    assert (document.source, document.is_public) == (v2, False)
    document_render(document_id=document.pk)  # what the worker does (idempotent)
    document.refresh_from_db()
    assert document.status == "ready"
    with document.file.open("rb") as f:
        text = " ".join(pdf_text(f.read()).split())
    for expected in (
        case.number,
        "Gmina Zagnańsk",
        "ul. Spacerowa 8",
        "55524000-9",
        "Usługi dostarczania posiłków do szkół",
        "55520000-1",
        "Opinia po zmianach: kara umowna proporcjonalna.",
        "art. 96 ust. 2 pkt 2 Pzp",
        member2.full_name,
        "Regionalny Ośrodek Polityki Społecznej",
        "klauzule społeczne w zamówieniach publicznych",
        "Posiłki szkolne",
    ):
        assert expected in text, (expected, text)
    # The requester may now see and download it.
    assert can_view_document(clerk, document)

    trail = [(e.action, e.from_status, e.to_status, e.actor) for e in events(case)]
    assert trail == [
        ("submit", "draft", "submitted", clerk),
        ("accept", "submitted", "in_review", advisor),
        ("request_info", "in_review", "awaiting_info", advisor),
        ("provide_info", "awaiting_info", "in_review", clerk),
        ("submit_for_approval", "in_review", "in_approval", advisor),
        # Recorded once the item awaits a decision (the outbox job ran with the next check).
        ("recused", "in_approval", "in_approval", recused_member),
        ("return_for_changes", "in_approval", "in_review", committee_member),
        ("submit_for_approval", "in_review", "in_approval", advisor),
        ("approve", "in_approval", "approved", member2),
        ("publish", "approved", "published", advisor),
    ]
    assert OpinionVersion.objects.filter(advisory=case.advisory).count() == 2


def test_version_fingerprint_is_sha256_of_the_canonical_serialisation(clock, gmina, clerk, advisor):
    import hashlib

    case = apply(new_request(gmina, clerk), "submit", clerk)
    case = apply(case, "accept", advisor)
    write_opinion(case, advisor, text="Treść\r\nopinii ")
    case = apply(case, "submit_for_approval", advisor)
    version = case.advisory.current_version
    canonical = opinion_canonical(
        text="Treść\nopinii",
        recommendations=version.recommendations,
        legal_references=version.legal_references,
    )
    assert version.sha256 == hashlib.sha256(canonical).hexdigest()


def test_the_public_version_needs_consent_and_carries_no_personal_data(
    clock, gmina, clerk, advisor, coordinator, committee_member
):
    case = new_request(gmina, clerk, consent=True)
    for name, actor, data in [
        ("submit", clerk, {}),
        ("accept", advisor, {}),
    ]:
        case = apply(case, name, actor, **data)
    write_opinion(case, advisor)
    case = apply(case, "submit_for_approval", advisor)
    version = case.advisory.current_version
    case = apply(case, "approve", committee_member, version=version.sha256)
    case = apply(case, "publish", coordinator)
    assert [t.slug for t in case.get_flow().available_actions(coordinator)] == ["publish_public"]
    case = apply(case, "publish_public", coordinator)
    public = Document.objects.get(kind="advisory_opinion_public")
    assert public.is_public
    document_render(document_id=public.pk)
    public.refresh_from_db()
    with public.file.open("rb") as f:
        text = " ".join(pdf_text(f.read()).split())
    assert "wersja publiczna" in text
    assert "55524000-9" in text
    for personal in (
        "Katarzyna Wójcik",
        "ul. Spacerowa 8",
        committee_member.full_name,
        "zamowienia@gmina-zagnansk.example.pl",
        "+48 41 300 13 20",
    ):
        assert personal not in text, personal
    # Issued once: the action disappears.
    assert case.get_flow().available_actions(coordinator) == []
