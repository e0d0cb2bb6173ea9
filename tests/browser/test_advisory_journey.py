"""An advisory request from filing to the downloaded opinion, in a real browser, by keyboard
wherever a form is filled, with axe-core on every page (in Polish; key pages in English too).

Outbox rows are handed to django-tasks' immediate backend, so notifications and the opinion
PDF are done by the time a transition's response arrives.
"""

import pytest

from casework.models import Attachment, Case, Notification
from directory.constants import MembershipRole, OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory, TerritorialUnitFactory
from tests.intake.files import MINIMAL_PDF

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def immediate_outbox(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(transactional_db):
    gmina_unit = TerritorialUnitFactory(code="2604092", name="Masłów")
    gmina = OrganisationFactory(
        kind=OrganisationKind.GMINA,
        name="Urząd Gminy Masłów",
        street="ul. Spacerowa 5",
        postal_code="26-001",
        locality="Masłów Pierwszy",
        regon="291009337",
        email="urzad@maslow.example.pl",
        gmina=gmina_unit,
    )
    rops = OrganisationFactory(rops=True)
    committee = OrganisationFactory(committee=True)
    return {
        "clerk": MembershipFactory(
            organisation=gmina,
            user__email="clerk@maslow.example.pl",
            user__full_name="Tomasz Kowalczyk",
        ).user,
        "advisor": MembershipFactory(
            organisation=rops,
            role=MembershipRole.ADVISOR,
            user__email="doradca@rops.example.pl",
            user__full_name="Piotr Zieliński",
        ).user,
        "member1": MembershipFactory(
            organisation=committee,
            user__email="k1@rkres.example.pl",
            user__full_name="Ewa Kamińska",
        ).user,
        "member2": MembershipFactory(
            organisation=committee,
            user__email="k2@rkres.example.pl",
            user__full_name="Jan Nowak",
        ).user,
    }


def key_type(page, tab_to, selector, text, *, limit=400):
    tab_to(page, selector, limit)
    page.keyboard.type(text)


def key_press(page, tab_to, selector, key="Space", *, limit=400):
    tab_to(page, selector, limit)
    page.keyboard.press(key)


def key_date(page, tab_to, selector, iso):
    """Type a date by keyboard; the segment order follows the browser's own locale."""
    year, month, day = iso.split("-")
    tab_to(page, selector, 400)
    page.keyboard.type(month + day + year)
    if page.input_value(selector) != iso:
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.type(day + month + year)
    assert page.input_value(selector) == iso


def start_at_top(page):
    """Put the keyboard at the start of the document (as after loading a page)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.locator("#main").focus()


def act(page, tab_to, name, fields=()):
    """Fill a transition's form by keyboard and press its button; wait for the new page."""
    start_at_top(page)
    for selector, text in fields:
        key_type(page, tab_to, selector, text)
    tab_to(page, f"button[name=action][value={name}]", 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if page.locator("#confirm-final").count():
        # An irreversible action: its own page names the case and asks again.
        start_at_top(page)
        tab_to(page, f"button[name=action][value={name}]", 400)
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.locator(".messages").is_visible(), page.content()[:2000]


def test_a_request_from_filing_to_the_downloaded_opinion(
    page,
    url,
    login_as,
    assert_accessible,
    tab_to,
    focus_is_visible,
    switch_language,
    cast,
    browser_problems,
):
    clerk, advisor, member1, member2 = (cast[k] for k in ("clerk", "advisor", "member1", "member2"))

    # 1. The clerk files a social-clause request.
    login_as(clerk)
    page.goto(url("casework:advisory-new"))
    assert_accessible(page)
    start_at_top(page)
    key_press(page, tab_to, "#id_topic_0")  # social clauses
    key_type(page, tab_to, "#id_title", "Klauzule społeczne: dowóz posiłków do szkół")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/wniosek/" in page.url
    assert_accessible(page)

    # A submit with fields missing: the error summary takes the focus (the page is a 400).
    browser_problems.allow(r"status of 400")
    start_at_top(page)
    tab_to(page, "button[name=submit]", 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert focus_is_visible(page)
    assert_accessible(page)

    start_at_top(page)
    for selector, text in [
        ("#id_contact_name", "Tomasz Kowalczyk"),
        ("#id_question", "Czy możemy wymagać zatrudnienia osób bezrobotnych?"),
        ("#id_contract_title", "Dostarczanie posiłków do szkół podstawowych"),
        ("#id_contract_description", "Dowóz ok. 420 ciepłych posiłków dziennie."),
    ]:
        key_type(page, tab_to, selector, text)
    key_press(page, tab_to, "#id_contract_type_0", "ArrowDown")  # → services
    key_type(page, tab_to, "#id_cpv_main", "55524000-9")
    key_press(page, tab_to, "#id_social_service_0")  # yes
    key_type(page, tab_to, "#id_estimated_value_net", "640 000,00")
    tab_to(page, "#id_procedure_type", 400)
    page.keyboard.press("ArrowDown")  # the first procedure: tryb podstawowy
    key_type(page, tab_to, "#id_lots_count", "1")
    key_type(page, tab_to, "#id_duration_months", "10")
    key_date(page, tab_to, "#id_planned_publication", "2026-05-15")
    key_press(page, tab_to, "#id_eu_cofinanced_0", "ArrowDown")  # → no
    key_press(page, tab_to, "#id_clause_types_1")  # art. 95
    key_press(page, tab_to, "#id_clause_types_2")  # art. 96
    key_press(page, tab_to, "#id_target_groups_0")  # unemployed
    key_type(page, tab_to, "#id_people_to_employ", "2 osoby")
    key_type(page, tab_to, "#id_verification_sanctions", "Kopie umów co kwartał; kara 1000 zł.")
    key_date(page, tab_to, "#id_requested_date", "2026-04-30")
    tab_to(page, "button[name=submit]", 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    case = Case.objects.get()
    assert case.status == "submitted", page.locator("#error-summary").inner_text()
    assert case.advisory.intake["cpv_main"] == "55524000-9"
    assert_accessible(page)

    # …with an attachment (the file is chosen in the system dialog; the rest by keyboard).
    page.set_input_files(
        "#id_file",
        files=[{"name": "projekt OPZ.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}],
    )
    start_at_top(page)
    tab_to(page, "#attachments button[type=submit]", 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Attachment.objects.get().original_name == "projekt OPZ.pdf"
    assert_accessible(page)

    # 2. The advisor claims it and asks a question.
    login_as(advisor)
    page.goto(url("casework:case-detail", case.pk))
    assert_accessible(page)
    act(page, tab_to, "accept")
    act(page, tab_to, "request_info", [("#id_request_info_question", "Prosimy o projekt OPZ.")])
    assert page.locator("#case-status").inner_text() == "oczekuje na informacje"
    assert_accessible(page)

    # 3. The clerk answers (the notification is in the header).
    login_as(clerk)
    page.goto(url("casework:case-detail", case.pk))
    assert page.locator(".notifications-link .badge").is_visible()
    assert_accessible(page)
    act(page, tab_to, "provide_info", [("#id_provide_info_answer", "Projekt OPZ w załączeniu.")])
    assert page.locator("#case-status").inner_text() == "w rozpatrzeniu"

    # 4. The advisor drafts the opinion and sends it.
    login_as(advisor)
    page.goto(url("casework:case-detail", case.pk))
    start_at_top(page)
    key_type(page, tab_to, "#id_text", "Wymóg z art. 96 ust. 2 pkt 2 Pzp jest dopuszczalny.")
    key_type(page, tab_to, "#id_legal_references", "art. 95, art. 96 ust. 2 pkt 2 Pzp")
    tab_to(page, "#opinion-title ~ form button[type=submit]", 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    act(page, tab_to, "submit_for_approval")

    # 5. A committee member returns it.
    login_as(member1)
    page.goto(url("casework:case-detail", case.pk))
    assert_accessible(page)
    act(page, tab_to, "return_for_changes", [("#id_return_for_changes_reason", "Dopisać sankcje.")])

    # 6. The advisor edits and resends.
    login_as(advisor)
    page.goto(url("casework:case-detail", case.pk))
    start_at_top(page)
    key_type(page, tab_to, "#id_recommendations", "Kara umowna 1000 zł za każdy miesiąc.")
    tab_to(page, "#opinion-title ~ form button[type=submit]", 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    act(page, tab_to, "submit_for_approval")

    # 7. Member 1 drafted nothing, but member 2 approves (member 1 could too).
    login_as(member2)
    page.goto(url("casework:case-detail", case.pk))
    assert_accessible(page)
    act(page, tab_to, "approve")
    case.refresh_from_db()
    assert case.status == "approved"

    # 8. The advisor publishes; the PDF is rendered at once (immediate task backend).
    login_as(advisor)
    page.goto(url("casework:case-detail", case.pk))
    act(page, tab_to, "publish")
    assert_accessible(page)

    # 9. The clerk downloads the opinion, then looks at the key pages in English.
    login_as(clerk)
    page.goto(url("casework:case-detail", case.pk))
    assert_accessible(page)
    link = page.locator("#documents a[href$='/pobierz/']")
    with page.expect_download() as download_info:
        link.focus()
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Notification.objects.filter(recipient=clerk, verb="published").exists()

    switch_language(page, "en")
    assert page.locator("#case-status").inner_text() == "published"
    assert_accessible(page)
    page.goto(url("casework:notifications"))
    assert_accessible(page)
    login_as(advisor)
    page.goto(url("casework:case-detail", case.pk))
    assert_accessible(page)
