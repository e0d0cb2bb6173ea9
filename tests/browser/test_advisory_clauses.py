"""Draft clauses in a real browser, by keyboard and axe-clean: the advisor inserts the
suggested clauses and edits one; after publication the clerk reads them as blocks ready to
paste (Polish and English), with a working copy button; the coordinator edits a template."""

import pytest

from casework.kinds.advisory.models import ClauseTemplate
from directory.constants import MembershipRole, OrganisationKind
from tests.advisory.helpers import apply, new_request, write_opinion
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def immediate_outbox(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(transactional_db):
    gmina = OrganisationFactory(kind=OrganisationKind.GMINA, name="Gmina Zagnańsk")
    rops = OrganisationFactory(rops=True)
    committee = OrganisationFactory(committee=True)

    def member(organisation, email, **extra):
        return MembershipFactory(organisation=organisation, user__email=email, **extra).user

    return {
        "gmina": gmina,
        "clerk": member(gmina, "clerk@zagnansk.example.pl"),
        "advisor": member(rops, "doradca@rops.example.pl", role=MembershipRole.ADVISOR),
        "coordinator": member(rops, "koord@rops.example.pl", role=MembershipRole.COORDINATOR),
        "member": member(committee, "k1@rkres.example.pl"),
    }


def press(page, tab_to, selector, key="Enter", limit=600):
    tab_to(page, selector, limit)
    with page.expect_navigation():
        page.keyboard.press(key)


def test_clauses_from_insertion_to_the_clerks_blocks(
    page, cast, url, login_as, tab_to, assert_accessible, switch_language
):
    clerk, advisor = cast["clerk"], cast["advisor"]
    case = apply(apply(new_request(cast["gmina"], clerk), "submit", clerk), "accept", advisor)

    login_as(advisor)
    page.goto(url("casework:case-detail", case.pk))
    assert_accessible(page)
    # The request considers art. 95 and 96 and names target groups: four are ticked.
    ticked = page.locator("input[name=insert_clause_types]:checked")
    assert sorted(ticked.evaluate_all("els => els.map(e => e.value)")) == [
        "art242",
        "art94",
        "art95",
        "art96",
    ]
    # Untick art. 94 and art. 242 by keyboard, then insert.
    for value in ("art94", "art242"):
        tab_to(page, f"input[name=insert_clause_types][value={value}]", 600)
        page.keyboard.press("Space")
    press(page, tab_to, "button[name=insert]")
    assert "Projekty klauzul zostały wstawione" in page.locator(".messages").inner_text()
    assert page.locator("fieldset.clause-draft").count() == 2
    assert_accessible(page)
    # Edit the art. 95 text's gap and save with Enter in the title field (saves, never inserts).
    text = page.locator("#id_clause-0-text")
    text.fill(text.input_value().replace("[wskazać czynności]", "wydawanie posiłków"))
    page.locator("#id_text").fill("Klauzule z art. 95 i 96 Pzp są dopuszczalne.")
    page.locator("#id_clause-0-title").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Opinia została zapisana" in page.locator(".messages").inner_text()

    case.refresh_from_db()
    write_opinion(case, advisor, text="Klauzule z art. 95 i 96 Pzp są dopuszczalne.")
    case = apply(case, "submit_for_approval", advisor)
    case = apply(case, "approve", cast["member"], version=case.advisory.current_version.sha256)
    case = apply(case, "publish", advisor)

    login_as(clerk)
    page.goto(url("casework:case-detail", case.pk))
    blocks = page.locator("article.clause-block")
    assert blocks.count() == 2
    assert "wydawanie posiłków" in blocks.nth(0).locator("pre").inner_text()
    assert blocks.nth(0).locator("pre").get_attribute("lang") == "pl"
    assert_accessible(page)
    # The copy button appears with the clipboard API and copies the block's text.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    button = blocks.nth(0).locator("button.clause-copy")
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Na podstawie art. 95 ust. 1")
    switch_language(page, "en")
    assert page.locator("#issued-clauses-title").inner_text() == "Clauses for the tender documents"
    assert_accessible(page)


def test_the_coordinator_edits_a_template_by_keyboard(
    page, cast, url, login_as, tab_to, assert_accessible
):
    ClauseTemplate.objects.all().delete()  # the transactional database starts empty
    login_as(cast["coordinator"])
    page.goto(url("casework:clause-templates"))
    assert page.locator("tbody tr").count() == 5  # seeded on first use
    assert_accessible(page)
    press(page, tab_to, "a[href$='/doradztwo/klauzule/art95/']")
    assert_accessible(page)
    page.locator("#id_text").fill("Nowa treść klauzuli dla {przedmiot}.")
    press(page, tab_to, "form button[type=submit]")
    assert "Zapisano wersję 2" in page.locator(".messages").inner_text()
    assert ClauseTemplate.objects.get(clause_type="art95", version=2).text.startswith("Nowa")
    assert_accessible(page)
